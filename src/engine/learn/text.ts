import { stemmer } from 'stemmer';

/**
 * Text as the learned engine reads it: lower case, contractions spelt out, words and
 * sentences. Pure and small; the featuriser and the safety layer both build on it.
 */

const CONTRACTIONS: ReadonlyMap<string, string> = new Map([
  ["won't", 'will not'],
  ["can't", 'can not'],
  ['cannot', 'can not'],
  ["ain't", 'is not'],
  ["i'm", 'i am'],
  ['im', 'i am'],
  ['ive', 'i have'],
  ['dont', 'do not'],
  ['doesnt', 'does not'],
  ['didnt', 'did not'],
  ['cant', 'can not'],
  ['wont', 'will not'],
  ['isnt', 'is not'],
  ['wasnt', 'was not'],
  ['havent', 'have not'],
  ['wouldnt', 'would not'],
  ['shouldnt', 'should not'],
]);
const SUFFIXES: ReadonlyArray<readonly [string, string]> = [
  ["n't", ' not'],
  ["'re", ' are'],
  ["'ve", ' have'],
  ["'ll", ' will'],
  ["'d", ' would'],
  ["'m", ' am'],
  ["'s", ''],
];

/** Longest question the engine reads; a longer paste is cut (the key sentence is found first). */
export const MAX_TEXT_CHARS = 20_000;

export function normaliseText(input: string): string {
  return input
    .slice(0, MAX_TEXT_CHARS)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\u201c\u201d]/g, '"');
}

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;

function expand(word: string): string[] {
  const whole = CONTRACTIONS.get(word);
  if (whole) return whole.split(' ');
  if (!word.includes("'")) return [word];
  for (const [suffix, replacement] of SUFFIXES) {
    if (word.endsWith(suffix) && word.length > suffix.length) {
      const head = word.slice(0, -suffix.length);
      return replacement ? [head, replacement.trim()] : [head];
    }
  }
  return [word.replace(/'/g, '')];
}

/** Words of normalised text, contractions spelt out ("don't" → "do", "not"). */
export function wordsOf(normalised: string): string[] {
  const out: string[] = [];
  for (const match of normalised.matchAll(WORD)) for (const w of expand(match[0])) if (w) out.push(w);
  return out;
}

const stems = new Map<string, string>();
const STEM_CACHE_LIMIT = 60_000;

/** Porter stem; the pack's own words are looked up, any other word is stemmed and forgotten. */
export function stemOf(word: string): string {
  return stems.get(word) ?? (word.length > 30 ? word : stemmer(word));
}

/**
 * Keeps the stems of the pack's own words (bounded). Never called with a question's words:
 * nothing a person typed is kept, not even a word.
 */
export function rememberStems(words: Iterable<string>): void {
  for (const word of words)
    if (stems.size < STEM_CACHE_LIMIT && !stems.has(word)) stems.set(word, stemOf(word));
}

export interface Sentence {
  words: string[];
  /** The writer asked something here: it ends with a question mark. */
  question: boolean;
}

/** Sentences of normalised text: split at . ! ? ; and line breaks. */
export function sentencesOf(normalised: string): Sentence[] {
  const out: Sentence[] = [];
  for (const match of normalised.matchAll(/[^.!?;\n]+[.!?;\n]*/g)) {
    const words = wordsOf(match[0]);
    if (words.length > 0) out.push({ words, question: match[0].includes('?') });
  }
  return out;
}
