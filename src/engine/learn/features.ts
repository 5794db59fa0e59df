import { type Sentence, stemOf } from './text.js';

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

/** FNV-1a, 32-bit: fast, stable across platforms, good enough spread for feature hashing. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & MASK;
}

function addWordFeatures(into: Map<number, number>, words: readonly string[], weight: number): void {
  let previous = '';
  for (const word of words) {
    const stem = stemOf(word);
    add(into, hash(`w ${stem}`), weight);
    if (previous) add(into, hash(`b ${previous} ${stem}`), weight);
    previous = stem;
    if (word.length > 40) continue;
    const padded = ` ${word} `;
    for (let i = 0; i + CHAR_N <= padded.length; i++)
      add(into, hash(`c ${padded.slice(i, i + CHAR_N)}`), weight * 0.5);
  }
}

function add(into: Map<number, number>, key: number, weight: number): void {
  into.set(key, (into.get(key) ?? 0) + weight);
}

/**
 * Features of some sentences; the ones that ask the question count a little more. `signals` are
 * names of what the safety layer saw (frames that fired, word groups present).
 */
export function featurise(sentences: readonly Sentence[], signals: readonly string[] = []): SparseVector {
  const counts = new Map<number, number>();
  for (const signal of signals) add(counts, hash(`s ${signal}`), SIGNAL_WEIGHT);
  const asks = sentences.some((s) => s.question);
  sentences.forEach((sentence, i) => {
    const key = sentence.question || (!asks && i === sentences.length - 1);
    addWordFeatures(counts, sentence.words, key ? 1 + QUESTION_WEIGHT : 1);
  });
  const index = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
  const value = new Float32Array(index.length);
  let norm = 0;
  index.forEach((k, i) => {
    const v = Math.log1p(counts.get(k) as number);
    value[i] = v;
    norm += v * v;
  });
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < value.length; i++) value[i] = (value[i] as number) / norm;
  return { index, value };
}
