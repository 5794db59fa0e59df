import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/index.js';
import { compileSafety, readSafety } from '../../src/engine/safety.js';
import { loadEngine } from '../../src/model-store.js';

/**
 * The safety regression set (packs/default/examples/safety.jsonl): invented, committed before the frames
 * were written. Everyday-word harassment and crises must all escalate; no idiom may.
 */
interface Item {
  id: string;
  text: string;
  escalate: boolean;
  kind: string;
  pair: string | null;
}
const items: Item[] = readFileSync(
  new URL('../../packs/default/examples/safety.jsonl', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Item);

let engine: Engine;
beforeAll(() => {
  engine = loadEngine();
});

const KINDS = [
  'touching',
  'comments',
  'persistence',
  'power-pressure',
  'following',
  'threats',
  'retaliation',
  'crisis',
];

describe('the safety layer', () => {
  it('holds at least 20 escalating items of every harm kind, 20 calm idioms, and minimal pairs', () => {
    for (const kind of KINDS)
      expect(items.filter((i) => i.kind === kind && i.escalate).length, kind).toBeGreaterThanOrEqual(20);
    expect(items.filter((i) => i.kind === 'idiom' && !i.escalate).length).toBeGreaterThanOrEqual(20);
    const pairs = new Map<string, boolean[]>();
    for (const i of items) if (i.pair) pairs.set(i.pair, [...(pairs.get(i.pair) ?? []), i.escalate]);
    expect(pairs.size).toBeGreaterThanOrEqual(15);
    for (const [pair, flags] of pairs) expect(flags.sort(), pair).toEqual([false, true]);
  });

  it.each(KINDS)('escalates every %s item (recall 100%%)', (kind) => {
    const missed = items.filter((i) => i.kind === kind && !engine.classify(i.text).escalate).map((i) => i.id);
    expect(missed).toEqual([]);
  });

  it('escalates no idiom and no benign near-miss', () => {
    const escalated = items.filter((i) => !i.escalate && engine.classify(i.text).escalate).map((i) => i.id);
    expect(escalated).toEqual([]);
  });

  it('splits every minimal pair: "career suicide" stays calm, "...and I want to die" escalates', () => {
    for (const pair of new Set(items.flatMap((i) => (i.pair ? [i.pair] : [])))) {
      const [a, b] = items.filter((i) => i.pair === pair);
      expect(engine.classify((a as Item).text).escalate, pair).toBe((a as Item).escalate);
      expect(engine.classify((b as Item).text).escalate, pair).toBe((b as Item).escalate);
    }
  });

  it('answers a crisis as urgent, with the crisis rule first', () => {
    const result = engine.classify('honestly i want to die, i cant do this job anymore');
    expect(result.escalate).toBe(true);
    expect(result.urgent).toBe(true);
    expect(result.rules[0]?.id).toBe('crisis-self-harm');
  });

  it('still escalates under perturbation: lower case, no punctuation, typos, buried in 4,000 characters', () => {
    const filler = 'We moved offices last spring and the new kitchen has a better coffee machine. '.repeat(
      52,
    );
    for (const item of items.filter((i) => i.escalate).slice(0, 60)) {
      const variants = [
        item.text.toLowerCase(),
        item.text.replace(/[.,!?;:'"]/g, ''),
        `${filler}${item.text}. ${filler}`.slice(0, 4_200 + item.text.length),
      ];
      for (const text of variants)
        expect(engine.classify(text).escalate, `${item.id}: ${text.slice(0, 60)}`).toBe(true);
    }
  });

  it('reads frames in any order within a sentence or two, and masks idioms first', () => {
    const safety = compileSafety(engine.pack.safety);
    expect(
      readSafety(safety, 'My hair. He keeps touching it at the till.').hits.map((h) => h.kind),
    ).toContain('touching');
    expect(readSafety(safety, 'taking that job would be career suicide').hits).toEqual([]);
    expect(readSafety(safety, 'he touched base with me before the meeting').hits).toEqual([]);
  });
});

describe('the safety layer never lets an idiom guard, a typo fix or a language guess hide harm', () => {
  it.each([
    'my team lead said he would kill me if I told anyone about the missing money. Anyway, can I bring my team cupcakes on Friday?',
    'some days I want to die for real',
    'he licked me',
    'a coworker keeps sexting me',
    'he pressed his body against me',
    'Kowalczyk keeps groping Wojciechowska',
    `${'The rota changed again and the kitchen is being painted. '.repeat(360)}my manager grabbed my breast in the walk-in`,
  ])('escalates "%s"', (text) => {
    expect(engine.classify(text).escalate).toBe(true);
  });

  it('still reads the idioms as idioms', () => {
    for (const text of [
      'my feet are killing me after a 12 hour shift',
      "i'd die for a coffee right now",
      'she hit me up on slack about the report',
    ])
      expect(engine.classify(text).escalate, text).toBe(false);
  });
});
