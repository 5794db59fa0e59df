import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fold, NORMALIZE_VERSION, phraseStems, tokenize } from '../../src/engine/normalize.js';

const stems = (text: string) => tokenize(text).map((t) => t.stem);

describe('normalisation', () => {
  it('ignores case and punctuation', () => {
    expect(stems('ASK HER OUT!!!')).toEqual(stems('ask her out'));
    expect(stems('gifts, tips; and... favours?')).toEqual(['gift', 'tip', 'and', 'favour']);
  });

  it('expands contractions, with straight or curly apostrophes', () => {
    expect(stems("I don't")).toEqual(['i', 'do', 'not']);
    expect(stems('I don’t')).toEqual(['i', 'do', 'not']);
    expect(stems('he won’t stop')).toEqual(['he', 'will', 'not', 'stop']);
    expect(stems("she can't")).toEqual(['she', 'can', 'not']);
    expect(stems("I'm scared")).toEqual(stems('i am scared'));
  });

  it('expands apostrophe-less contractions people type on phones', () => {
    expect(stems('i dont want to')).toEqual(stems("I don't want to"));
    expect(stems('he doesnt listen')).toEqual(stems("he doesn't listen"));
    expect(stems('im not sure')).toEqual(stems("I'm not sure"));
  });

  it('treats hyphenated and closed forms alike', () => {
    expect(stems('my co-worker')).toEqual(stems('my coworker'));
    expect(stems('self-harm')).toEqual(stems('selfharm'));
    expect(fold('E-Mail')).toBe('email');
  });

  it('reduces plurals and verb forms to one stem', () => {
    expect(stems('dating dated dates date')).toEqual(['date', 'date', 'date', 'date']);
    expect(stems('colleagues colleague')).toEqual(['colleagu', 'colleagu']);
    expect(stems('harassed harassing harassment')).toEqual(['harass', 'harass', 'harass']);
  });

  it('maps irregular forms to the same stem as the base word', () => {
    expect(stems('told')).not.toEqual(stems('tell')); // tense matters: "told him no" is not "tell him no"
    expect(stems('left')).toEqual(stems('leave'));
    expect(stems('fell')).toEqual(stems('fall'));
  });

  it('turns a currency amount into a money word', () => {
    expect(stems('she gave me $50')).toContain('monei');
  });

  it('counts clauses so negation cannot cross a sentence or comma', () => {
    const tokens = tokenize('I said no. He asked again, twice');
    expect(new Set(tokens.map((t) => t.clause)).size).toBe(3);
  });

  it('keeps * as a wildcard in pack phrases', () => {
    expect(phraseStems('ask * out')).toEqual(['ask', '*', 'out']);
  });
});

describe('NORMALIZE_VERSION', () => {
  it('is bumped whenever a phrase would stem differently (pack snapshots store stems)', () => {
    const probe = readFileSync(new URL('./fixtures/normalize-probe.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'));
    const digest = createHash('sha256')
      .update(JSON.stringify(probe.map((phrase) => phraseStems(phrase))))
      .digest('hex');
    // If this fails after a change to normalize.ts: bump NORMALIZE_VERSION, then update both here.
    expect({ version: NORMALIZE_VERSION, digest }).toEqual({
      version: 1,
      digest: '328c837ea6ecff725e47b18e3a8fb41db2a73e42f12e3f1f0c10bf2c5402f5ed',
    });
  });
});
