import { beforeAll, describe, expect, it } from 'vitest';
import { crossValidate, type Scored, scoredFigures, wilson } from '../src/evaluate.js';
import { loadPack } from '../src/pack/load.js';

/**
 * Grouped 5-fold cross-validation over the default pack's examples, thresholds chosen inside
 * each training fold. The floors below are regression floors at today's measured level, not
 * the goals (README: top-1 ≥ 85%, escalation recall ≥ 98%), which the engine does not meet yet.
 */
let scored: Scored[];
beforeAll(() => {
  scored = crossValidate(loadPack(), 5);
}, 120_000);

const realOnly = (s: Scored) => !s.example.invented;

describe('grouped cross-validation', () => {
  it('scores every real question once, out of fold', () => {
    const real = scored.filter(realOnly);
    expect(real.length).toBeGreaterThanOrEqual(1_700);
    expect(new Set(real.map((s) => s.example.id)).size).toBe(real.length);
  });

  it('keeps top-1 and escalation recall on real questions above their floors', () => {
    const f = scoredFigures(scored.filter(realOnly));
    expect(f.top1.rate).toBeGreaterThanOrEqual(0.62);
    expect(f.escalationRecall.rate).toBeGreaterThanOrEqual(0.82);
    expect(f.clarifyRate.rate).toBeLessThanOrEqual(0.2);
  });

  it('escalates every item of the safety regression set out of fold, and escalates its idioms rarely', () => {
    const f = scoredFigures(scored.filter((s) => s.example.file === 'examples/safety.jsonl'));
    expect(f.escalationRecall.n).toBeGreaterThanOrEqual(221);
    expect(f.escalationRecall.hits).toBe(f.escalationRecall.n);
    expect(f.falseEscalation.rate).toBeLessThanOrEqual(0.25);
  });

  it('keeps the clarify rate within 30% for every topic', () => {
    const byTopic = new Map<string, Scored[]>();
    for (const s of scored.filter(realOnly))
      byTopic.set(s.example.topic, [...(byTopic.get(s.example.topic) ?? []), s]);
    for (const [topic, items] of byTopic) {
      const rate = items.filter((s) => s.result.clarify).length / items.length;
      expect(rate, topic).toBeLessThanOrEqual(0.3);
    }
  });
});

describe('Wilson intervals', () => {
  it('bracket the rate', () => {
    const r = wilson(85, 100);
    expect(r.low).toBeLessThan(0.85);
    expect(r.high).toBeGreaterThan(0.85);
    expect(wilson(0, 0).rate).toBeNull();
  });
});
