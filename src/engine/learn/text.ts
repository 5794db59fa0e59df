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

/** Longest question the engine reads: more than Slack lets anyone send (40,000 characters), so nothing is cut. */
export const MAX_TEXT_CHARS = 40_000;

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

/**
 * Porter stem. The stems of the pack's own words are computed once, all of them, when the
 * engine starts; any other word is stemmed and forgotten. Nothing in memory depends on what
 * anyone asked: not a word, not which pack words were used.
 */
export function stemOf(word: string): string {
  return stems.get(word) ?? (word.length > 30 ? word : stemmer(word));
}

export const keepsStem = (word: string): boolean => stems.has(word);

/** Stems every pack word up front (bounded). */
export function rememberStems(words: ReadonlySet<string>): void {
  for (const word of words) {
    if (stems.size >= STEM_CACHE_LIMIT) break;
    if (!stems.has(word)) stems.set(word, word.length > 30 ? word : stemmer(word));
  }
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
