import { keepsStem, rememberStems, type Sentence, stemOf } from './text.js';

/**
 * The featuriser: word stems, stem pairs and character n-grams of each word, hashed into a fixed
 * space. Any change to what it produces must change FEATURISER_VERSION: trained models are keyed
 * by it, and a model built by another featuriser is refused at start.
 */
export const FEATURISER_VERSION = 'hash18-w1w2c4-q1.5-s3-v2';
export const HASH_BITS = 18;
const MASK = (1 << HASH_BITS) - 1;
/** Extra weight of the sentences that ask the question, over their context. */
const QUESTION_WEIGHT = 0.5;
/** Character n-grams of each word (with its edges) carry typos and word forms. */
const CHAR_N = 4;
/**
 * Weight of each safety-layer signal (a frame that fired, a word group present): the reviewed
 * groups tell the ranker what touching, looks or pressure words look like, from few examples.
 */
const SIGNAL_WEIGHT = 3;

/** A sparse vector: parallel feature indices (sorted, unique) and values, L2-normalised. */
export interface SparseVector {
  index: Int32Array;
  value: Float32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32-bit, continued over `text` from `from` to `to`: fast, stable across platforms. */
function fnv(h: number, text: string, from = 0, to = text.length): number {
  for (let i = from; i < to; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

/** A feature's index in the hashed space. */
function hash(text: string): number {
  return (fnv(FNV_OFFSET, text) >>> 0) & MASK;
}

/** The same as `hash(\`c ${padded.slice(from, from + CHAR_N)}\`)`, without building the string. */
const CHAR_PREFIX = fnv(FNV_OFFSET, 'c ');
function charHash(padded: string, from: number): number {
  return (fnv(CHAR_PREFIX, padded, from, from + CHAR_N) >>> 0) & MASK;
}

/** A word's own features: its stem's hash and its character n-grams' hashes. */
interface WordFeatures {
  stem: string;
  stemHash: number;
  chars: readonly number[];
}

function wordFeaturesOf(word: string): WordFeatures {
  const stem = stemOf(word);
  const chars: number[] = [];
  if (word.length <= 40) {
    const padded = ` ${word} `;
    for (let i = 0; i + CHAR_N <= padded.length; i++) chars.push(charHash(padded, i));
  }
  return { stem, stemHash: hash(`w ${stem}`), chars };
}

/** The pack's words: their stems are computed once, up front (see text.ts). */
export function rememberWords(words: ReadonlySet<string>): void {
  rememberStems(words);
}

/** Whether anything of `word` is kept in memory (for the privacy tests). */
export function keepsWord(word: string): boolean {
  return keepsStem(word);
}

// One scratch row over the whole hashed space, reused call after call (the engine is
// synchronous): summing into it is much cheaper than a map per sentence or question.
const scratch = new Float64Array(1 << HASH_BITS);

/**
 * One sentence's feature counts, at weight 1. `seen` holds the features of the words already
 * met in the same question (a long paste repeats its words); it lives only as long as the call.
 */
function sentenceCounts(words: readonly string[], seen: Map<string, WordFeatures>): Counts {
  const touched: number[] = [];
  const put = (feature: number, count: number) => add(touched, feature, count);
  try {
    let previous = '';
    for (const word of words) {
      let features = seen.get(word);
      if (!features) {
        features = wordFeaturesOf(word);
        seen.set(word, features);
      }
      put(features.stemHash, 1);
      if (previous) put(hash(`b ${previous} ${features.stem}`), 1);
      previous = features.stem;
      for (const c of features.chars) put(c, 0.5);
    }
    const keys = Int32Array.from(touched);
    return { keys, values: Float64Array.from(keys, (k) => scratch[k] as number) };
  } finally {
    clean(touched);
  }
}

/** Adds `count` to one feature of the scratch row, noting the features first touched. */
function add(touched: number[], feature: number, count: number): void {
  if (scratch[feature] === 0) touched.push(feature);
  scratch[feature] = (scratch[feature] as number) + count;
}

/** The scratch row back to zeros, whatever happened while it was in use. */
function clean(touched: readonly number[]): void {
  for (const feature of touched) scratch[feature] = 0;
}

/** Feature counts as parallel arrays. */
interface Counts {
  keys: Int32Array;
  values: Float64Array;
}

/** Sentences already counted, so windows of a long text reuse each sentence's counts. */
export type CountedSentence = Sentence & { counts: Counts };

export function countSentences(sentences: readonly Sentence[]): CountedSentence[] {
  const seen = new Map<string, WordFeatures>();
  return sentences.map((s) => ({ ...s, counts: sentenceCounts(s.words, seen) }));
}

/**
 * Features of some sentences; the ones that ask the question count a little more (or, when
 * none asks, the last). `signals` are names of what the safety layer saw (frames that fired,
 * word groups present).
 */
export function featurise(sentences: readonly Sentence[], signals: readonly string[] = []): SparseVector {
  return combine(countSentences(sentences), signals);
}

export function combine(
  sentences: readonly CountedSentence[],
  signals: readonly string[] = [],
): SparseVector {
  const touched: number[] = [];
  const put = (feature: number, count: number) => add(touched, feature, count);
  try {
    for (const signal of signals) put(hash(`s ${signal}`), SIGNAL_WEIGHT);
    const asks = sentences.some((s) => s.question);
    sentences.forEach((sentence, i) => {
      const key = sentence.question || (!asks && i === sentences.length - 1);
      const weight = key ? 1 + QUESTION_WEIGHT : 1;
      const { keys, values } = sentence.counts;
      for (let j = 0; j < keys.length; j++) put(keys[j] as number, (values[j] as number) * weight);
    });
    const index = Int32Array.from(touched).sort();
    const value = new Float32Array(index.length);
    let norm = 0;
    for (let i = 0; i < index.length; i++) {
      const v = Math.log1p(scratch[index[i] as number] as number);
      value[i] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < value.length; i++) value[i] = (value[i] as number) / norm;
    return { index, value };
  } finally {
    clean(touched);
  }
}
