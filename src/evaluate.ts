import { type Classification, createEngine, type Topic } from './engine/index.js';
import { foldOf } from './engine/learn/calibrate.js';
import { buildModel, groupOf } from './model-store.js';
import type { Example, Pack } from './pack/load.js';

/**
 * Grouped k-fold cross-validation over a pack's examples: a page (and every near-duplicate of
 * its questions) is on one side of each fold only, and every threshold is chosen inside the
 * training folds (nested), never on the fold being scored.
 */
export interface Scored {
  example: Example;
  result: Classification;
}

export function crossValidate(pack: Pack, folds = 5): Scored[] {
  const groups = pack.examples.map(groupOf);
  const out: Scored[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const train = pack.examples.filter((_, i) => foldOf(groups[i] as string, folds) !== fold);
    const test = pack.examples.filter(
      (e, i) => foldOf(groups[i] as string, folds) === fold && !e.derivedFrom,
    );
    if (test.length === 0) continue;
    // The fold's engine knows only the training folds: its model, and its vocabulary (typo
    // correction, the language check) too.
    const trained = { ...pack, examples: train };
    const { model } = buildModel(trained);
    const engine = createEngine(trained, model);
    for (const example of test) out.push({ example, result: engine.classify(example.text) });
  }
  return out;
}

/** A rate with its 95% Wilson interval. */
export interface Rate {
  hits: number;
  n: number;
  rate: number | null;
  low: number | null;
  high: number | null;
}

export function wilson(hits: number, n: number): Rate {
  if (n === 0) return { hits, n, rate: null, low: null, high: null };
  const z = 1.96;
  const p = hits / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const margin = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  const round = (x: number) => Math.round(x * 10000) / 10000;
  return {
    hits,
    n,
    rate: round(p),
    low: round(Math.max(0, centre - margin)),
    high: round(Math.min(1, centre + margin)),
  };
}

export interface Figures {
  n: number;
  top1: Rate;
  top2: Rate;
  oneTap: Rate;
  clarifyRate: Rate;
  escalationRecall: Rate;
  falseEscalation: Rate;
  asker: Rate;
}

export interface Labelled {
  text: string;
  topic: string;
  escalate: boolean;
  asker?: string | null | undefined;
}

/** The figures of a set of scored questions. Top-1 is scored as if clarify did not exist. */
export function figures(items: ReadonlyArray<{ label: Labelled; result: Classification }>): Figures {
  let top1 = 0;
  let top2 = 0;
  let oneTap = 0;
  let clarified = 0;
  let positives = 0;
  let caught = 0;
  let negatives = 0;
  let falseEsc = 0;
  let askerN = 0;
  let askerRight = 0;
  for (const { label, result } of items) {
    const predicted: string = result.special ?? result.topic;
    const ranked: string[] = [predicted, ...result.topics.map((t) => t.topic).filter((t) => t !== predicted)];
    if (predicted === label.topic) top1++;
    if (ranked.slice(0, 2).includes(label.topic)) top2++;
    if (
      predicted === label.topic ||
      (result.clarify && result.choices.some((c) => c.topic === (label.topic as Topic)))
    )
      oneTap++;
    if (result.clarify) clarified++;
    if (label.escalate) {
      positives++;
      if (result.escalate) caught++;
    } else {
      negatives++;
      if (result.escalate) falseEsc++;
    }
    if (label.asker) {
      askerN++;
      if (result.asker === label.asker) askerRight++;
    }
  }
  const n = items.length;
  return {
    n,
    top1: wilson(top1, n),
    top2: wilson(top2, n),
    oneTap: wilson(oneTap, n),
    clarifyRate: wilson(clarified, n),
    escalationRecall: wilson(caught, positives),
    falseEscalation: wilson(falseEsc, negatives),
    asker: wilson(askerRight, askerN),
  };
}

export const scoredFigures = (scored: readonly Scored[]) =>
  figures(scored.map(({ example, result }) => ({ label: example, result })));
