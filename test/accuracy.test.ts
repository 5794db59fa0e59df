import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadEngine, TOPICS } from '../src/engine/index.js';

/**
 * The accuracy bar on the labelled dev questions (../shared/eval/dev.jsonl, outside the repo).
 * Fails if top-1 drops below 85%, any topic below 60%, escalation recall below 100% or false
 * escalations above 3%.
 */
const file = fileURLToPath(new URL('../../shared/eval/dev.jsonl', import.meta.url));

interface Row {
  id: string;
  text: string;
  topic: string;
  escalate: boolean;
}

describe.skipIf(!existsSync(file))('accuracy on dev.jsonl', () => {
  const rows: Row[] = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Row);
  const engine = loadEngine();
  const results = rows.map((row) => ({ row, result: engine.classify(row.text) }));

  it('has the labelled questions', () => {
    expect(rows.length).toBeGreaterThanOrEqual(50);
  });

  it('top-1 is at least 85%', () => {
    const misses = results.filter(({ row, result }) => result.topic !== row.topic);
    const top1 = 1 - misses.length / rows.length;
    expect(
      top1,
      misses.map(({ row, result }) => `${row.id}: ${row.topic} → ${result.topic}`).join('\n'),
    ).toBeGreaterThanOrEqual(0.85);
  });

  it('every topic is at least 60%', () => {
    for (const topic of TOPICS) {
      const inTopic = results.filter(({ row }) => row.topic === topic);
      if (inTopic.length === 0) continue;
      const ok = inTopic.filter(({ result }) => result.topic === topic).length;
      expect(ok / inTopic.length, topic).toBeGreaterThanOrEqual(0.6);
    }
  });

  it('escalation recall is 100%', () => {
    const missed = results
      .filter(({ row, result }) => row.escalate && !result.escalate)
      .map(({ row }) => row.id);
    expect(missed).toEqual([]);
  });

  it('false escalations are at most 3%', () => {
    const negatives = results.filter(({ row }) => !row.escalate);
    const falses = negatives.filter(({ result }) => result.escalate);
    expect(falses.length / Math.max(negatives.length, 1)).toBeLessThanOrEqual(0.03);
  });
});
