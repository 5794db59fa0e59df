import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine, TOPICS } from '../../src/engine/index.js';
import { defaultPack } from './helpers.js';

/**
 * A regression guard on ~330 questions the pack author invented (none from dev.jsonl). They
 * were written in batches, each batch measured before the pack was improved on it (first
 * sight: roughly 67-76% top-1), so they are no longer held out: this only catches a change
 * that breaks what already works. Generalisation is measured on unseen questions elsewhere.
 */
interface Row {
  topic: string;
  escalate: boolean;
  text: string;
}

const rows: Row[] = readFileSync(new URL('./fixtures/invented-questions.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() && !line.startsWith('#'))
  .map((line) => {
    const [topic, escalate, text] = line.split('\t');
    return { topic: topic ?? '', escalate: escalate === '1', text: text ?? '' };
  });

describe('invented questions (regression guard)', () => {
  const engine = createEngine(defaultPack);
  const results = rows.map((row) => ({ row, result: engine.classify(row.text) }));

  it('are well formed', () => {
    expect(rows.length).toBeGreaterThan(300);
    for (const { topic } of rows) expect(TOPICS as readonly string[]).toContain(topic);
  });

  it('top-1 stays at or above 90%', () => {
    const ok = results.filter(({ row, result }) => row.topic === result.topic).length;
    expect(ok / rows.length).toBeGreaterThanOrEqual(0.9);
  });

  it('every escalation is still caught', () => {
    const missed = results
      .filter(({ row, result }) => row.escalate && !result.escalate)
      .map(({ row }) => row.text);
    expect(missed).toEqual([]);
  });

  it('false escalations stay at or below 3%', () => {
    const negatives = results.filter(({ row }) => !row.escalate);
    const falses = negatives.filter(({ result }) => result.escalate).length;
    expect(falses / negatives.length).toBeLessThanOrEqual(0.03);
  });
});
