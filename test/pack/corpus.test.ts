import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TOPICS } from '../../src/pack/topics.js';
// The corpus tools' own page keys: one definition for merging, tests and reports.
import { pageKey, threadKey } from '../../scripts/corpus/similarity.mjs';

/**
 * The question corpus (packs/default/examples): real questions people asked publicly, with
 * their source, and invented ones marked as such. Never a page reserved for independent
 * measurement, nor another page of its thread.
 */
interface Item {
  id: string;
  text: string;
  topic: string;
  escalate: boolean;
  source?: string;
  invented?: boolean;
}
const dir = new URL('../../packs/default/examples/', import.meta.url);
const read = (name: string): Item[] =>
  readFileSync(new URL(name, dir), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Item);
const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
const all = files.flatMap(read);
// Real questions: the corpus and the first-sight batches merged into it (not the dev set).
const real = files
  .filter((f) => f !== 'dev.jsonl')
  .flatMap(read)
  .filter((e) => !e.invented);
const reserved = readFileSync(new URL('../../../shared/eval/reserved-sources.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'));
/** The engine's topics, and the two intents about the app itself that examples may carry. */
const LABELS: readonly string[] = [...TOPICS, 'app-privacy', 'help'];

describe('the question corpus', () => {
  it('takes nothing from a page reserved for independent measurement, nor from its thread', () => {
    const pages = new Set(reserved.map(pageKey));
    const threads = new Set(reserved.map(threadKey));
    const hits = all.filter(
      (e) => e.source && (pages.has(pageKey(e.source)) || threads.has(threadKey(e.source))),
    );
    expect(hits.map((e) => e.source)).toEqual([]);
  });

  it('normalises addresses: scheme, www., AMP, page numbers, query strings, trailing slashes', () => {
    expect(pageKey('https://www.example.com/a/thread-123-page3.html?x=1#y')).toBe(
      pageKey('http://example.com/a/thread-123.html'),
    );
    expect(pageKey('https://example.com/a/amp/')).toBe(pageKey('https://example.com/a'));
    expect(pageKey('https://example.com/a/page/2/')).toBe(pageKey('https://example.com/a'));
    expect(pageKey('https://example.com/a?page=4')).toBe(pageKey('https://example.com/a'));
    expect(threadKey('https://allnurses.com/x/topic-519294-page3.html')).toBe(
      threadKey('http://allnurses.com/y/other-title-519294.html'),
    );
  });

  it('holds at least 1,700 real questions, each with its source, at most 300 characters, labelled', () => {
    expect(real.length).toBeGreaterThanOrEqual(1_700);
    for (const e of real) {
      expect(e.source, e.id).toMatch(/^https?:\/\//);
      expect(e.invented, e.id).toBe(false);
      expect(e.text.length, e.id).toBeLessThanOrEqual(300);
      expect(LABELS, e.id).toContain(e.topic);
      if (e.topic === 'harassment-and-safety') expect(e.escalate, e.id).toBe(true);
    }
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
  });

  it('marks every invented question, and keeps no source for it', () => {
    for (const e of read('invented.jsonl')) {
      expect(e.invented, e.id).toBe(true);
      expect(e.source, e.id).toBeUndefined();
    }
  });

  it('takes at most 8 questions from one page and at most a tenth from one site', () => {
    const perPage = new Map<string, number>();
    const perSite = new Map<string, number>();
    for (const e of real) {
      const key = pageKey(e.source as string);
      perPage.set(key, (perPage.get(key) ?? 0) + 1);
      const site = key.split('/')[0] as string;
      perSite.set(site, (perSite.get(site) ?? 0) + 1);
    }
    expect([...perPage].filter(([, n]) => n > 8)).toEqual([]);
    expect([...perSite].filter(([, n]) => n > real.length / 10)).toEqual([]);
  });
});
// The safety regression set's shape is checked beside its recall, in test/engine/safety.test.ts.
