import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/index.js';
import { keepsWord } from '../../../src/engine/learn/features.js';
import { loadEngine } from '../../../src/model-store.js';

/**
 * The engine keeps the stems and features of the pack's own words, computed once. A word that
 * only a question brought is computed and forgotten: nothing a person typed stays in memory,
 * not even one word, however many questions are asked.
 */
let engine: Engine;
beforeAll(() => {
  engine = loadEngine();
});

describe('what the engine keeps in memory', () => {
  it("keeps every pack word's stem from the start, so memory never shows which words were asked", () => {
    const words = ['coworker', 'suicide', 'husband', 'touching', 'gift'];
    expect(words.map(keepsWord)).toEqual(words.map(() => true));
    engine.classify('my husband hurt me and I think about suicide');
    expect(words.map(keepsWord)).toEqual(words.map(() => true));
  });

  it('never keeps a word that only a question brought, in any position or form', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z]{7,12}$/),
        fc.constantFrom(
          'my coworker QQ keeps asking me out',
          'QQ touched my waist at the till',
          'can I accept a gift from QQ?',
          'QQ QQ QQ. I said no. QQ again?',
        ),
        (canary, template) => {
          const word = `zq${canary}`;
          engine.classify(template.replaceAll('QQ', word));
          engine.answer(`${template.replaceAll('QQ', word)} ${'filler sentence here. '.repeat(30)}`);
          expect(keepsWord(word)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});
