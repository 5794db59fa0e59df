import type { SparseVector } from './features.js';

/**
 * Multinomial logistic regression over hashed sparse features, trained by seeded stochastic
 * gradient descent with L2 regularisation. Small on purpose: a few hundred lines of library
 * would buy nothing at a few thousand examples, and this one is deterministic and tested.
 */
export interface LinearModel {
  classes: readonly string[];
  /** Feature index → row number in `weights` (rows of `classes.length` floats), -1 when absent. */
  rows: Int32Array;
  /** Row number → feature index. */
  features: Int32Array;
  weights: Float32Array;
  bias: Float32Array;
}

/** A dense lookup from feature index to row: features are hashed into a small fixed space. */
function rowTable(features: Int32Array): Int32Array {
  let size = 1;
  for (const f of features) while (size <= f) size *= 2;
  const rows = new Int32Array(size).fill(-1);
  features.forEach((f, i) => {
    rows[f] = i;
  });
  return rows;
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
  /** Weight of each example's loss (e.g. to favour recall of one class). */
  exampleWeights?: readonly number[];
}

/** mulberry32: a tiny seeded generator, so training is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

function softmaxInto(logits: Float64Array): void {
  let max = -Infinity;
  for (const v of logits) if (v > max) max = v;
  let sum = 0;
  for (let k = 0; k < logits.length; k++) {
    const e = Math.exp((logits[k] as number) - max);
    logits[k] = e;
    sum += e;
  }
  for (let k = 0; k < logits.length; k++) logits[k] = (logits[k] as number) / sum;
}

export function trainLinear(
  vectors: readonly SparseVector[],
  labels: readonly number[],
  classes: readonly string[],
  options: TrainOptions = {},
): LinearModel {
  const { epochs = 25, learningRate = 0.5, l2 = 1e-5, seed = 1 } = options;
  const k = classes.length;
  const seen = new Map<number, number>();
  for (const v of vectors) for (const f of v.index) if (!seen.has(f)) seen.set(f, seen.size);
  const features = Int32Array.from(seen.keys());
  const rows = rowTable(features);
  const weights = new Float32Array(features.length * k);
  const bias = new Float32Array(k);
  const random = seededRandom(seed);
  const p = new Float64Array(k);
  let step = 0;
  const total = epochs * vectors.length;
  // Each example's rows in `weights`, found once rather than in every epoch.
  const bases = vectors.map((x) => Int32Array.from(x.index, (f) => (rows[f] as number) * k));
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const i of shuffled(vectors.length, random)) {
      const x = vectors[i] as SparseVector;
      const at = bases[i] as Int32Array;
      const y = labels[i] as number;
      const lr = learningRate / (1 + (4 * step++) / total);
      const w = options.exampleWeights?.[i] ?? 1;
      for (let c = 0; c < k; c++) p[c] = bias[c] as number;
      for (let j = 0; j < x.index.length; j++) {
        const base = at[j] as number;
        const v = x.value[j] as number;
        for (let c = 0; c < k; c++) p[c] = (p[c] as number) + (weights[base + c] as number) * v;
      }
      softmaxInto(p);
      for (let c = 0; c < k; c++) {
        const g = w * ((p[c] as number) - (c === y ? 1 : 0));
        p[c] = g;
        bias[c] = (bias[c] as number) - lr * g;
      }
      for (let j = 0; j < x.index.length; j++) {
        const base = at[j] as number;
        const v = x.value[j] as number;
        for (let c = 0; c < k; c++) {
          const old = weights[base + c] as number;
          weights[base + c] = old - lr * ((p[c] as number) * v + l2 * old);
        }
      }
    }
  }
  return { classes, rows, features, weights, bias };
}

/** Class probabilities, in the order of `model.classes`. */
export function predictLinear(model: LinearModel, x: SparseVector): Float64Array {
  const k = model.classes.length;
  const p = new Float64Array(k);
  for (let c = 0; c < k; c++) p[c] = model.bias[c] as number;
  for (let j = 0; j < x.index.length; j++) {
    const row = model.rows[x.index[j] as number] ?? -1;
    if (row < 0) continue;
    const base = row * k;
    const v = x.value[j] as number;
    for (let c = 0; c < k; c++) p[c] = (p[c] as number) + (model.weights[base + c] as number) * v;
  }
  softmaxInto(p);
  return p;
}

/** The model as plain JSON (base64 arrays), for the build's model artifact. */
export interface LinearJson {
  classes: string[];
  features: string;
  weights: string;
  bias: number[];
}

export function linearToJson(model: LinearModel): LinearJson {
  const { features } = model;
  return {
    classes: [...model.classes],
    features: Buffer.from(features.buffer).toString('base64'),
    weights: Buffer.from(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength).toString(
      'base64',
    ),
    bias: [...model.bias],
  };
}

/** A typed array as base64, and back: the model artifact's arrays. */
export const encodeArray = (a: Int32Array | Float32Array): string =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

export function decode<T extends Int32Array | Float32Array>(base64: string, make: (b: ArrayBuffer) => T): T {
  const bytes = Buffer.from(base64, 'base64');
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  return make(copy);
}

export function linearFromJson(json: LinearJson): LinearModel {
  const features = decode(json.features, (b) => new Int32Array(b));
  const weights = decode(json.weights, (b) => new Float32Array(b));
  if (weights.length !== features.length * json.classes.length)
    throw new Error('model weights do not match its features');
  if (features.some((f) => f < 0 || f >= 1 << 24)) throw new Error('model features out of range');
  return {
    classes: json.classes,
    rows: rowTable(features),
    features,
    weights,
    bias: Float32Array.from(json.bias),
  };
}
