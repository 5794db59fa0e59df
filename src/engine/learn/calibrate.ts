import { LABELS, type Label, TOPICS } from '../../pack/topics.js';
import type { SparseVector } from './features.js';
import {
  DEFAULT_THRESHOLDS,
  predict,
  rankRules,
  type RuleTrainingData,
  type Thresholds,
  type TrainingExample,
  trainModel,
} from './model.js';

/**
 * Thresholds chosen by cross-validation inside the training data, never on what is scored:
 * escalation for recall, out of scope and clarify for one-tap accuracy within a clarify budget.
 */
export const CLARIFY_BUDGET = 0.15;
/** No topic's questions may be asked "Is this about…?" more often than this (topics of 10 or more). */
export const CLARIFY_TOPIC_BUDGET = 0.25;
export const FALSE_ESCALATION_BUDGET = 0.12;
/** The learned probability never escalates below this, however few examples a pack has. */
const MIN_ESCALATE = 0.2;

export interface OutOfFold {
  labels: Float64Array;
  escalate: number;
  /** The fold model's best rule for each label that has rules. */
  ruleByLabel: Partial<Record<Label, string>>;
}

/** Deterministic fold of a group name. */
export function foldOf(group: string, folds: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < group.length; i++) h = Math.imul(h ^ group.charCodeAt(i), 0x01000193);
  return (h >>> 0) % folds;
}

/**
 * The inner folds (thresholds, inside a training set) split groups by another hash than the
 * outer ones (evaluation): with the same hash, a training set that lacks outer fold k would
 * also lack inner fold k entirely.
 */
const innerFold = (group: string, folds: number) => foldOf(`inner:${group}`, folds);

export function outOfFold(
  examples: readonly TrainingExample[],
  groups: readonly string[],
  rules: readonly RuleTrainingData[],
  vectors: readonly SparseVector[],
  folds: number,
  trainOnly: readonly boolean[] = [],
): Array<OutOfFold | undefined> {
  const out: Array<OutOfFold | undefined> = examples.map(() => undefined);
  for (let fold = 0; fold < folds; fold++) {
    const train = examples.flatMap((_, i) => (innerFold(groups[i] as string, folds) !== fold ? [i] : []));
    const test = examples.flatMap((_, i) =>
      innerFold(groups[i] as string, folds) === fold && !trainOnly[i] ? [i] : [],
    );
    if (test.length === 0) continue;
    const model = trainModel(
      train.map((i) => examples[i] as TrainingExample),
      rules,
      { asker: false },
      train.map((i) => vectors[i] as SparseVector),
    );
    for (const i of test) {
      const p = predict(model, vectors[i] as SparseVector);
      const ruleByLabel: Partial<Record<Label, string>> = {};
      // The labels an example can end up with, whatever thresholds are chosen: its best one,
      // harassment and safety (escalated) or out of scope (below the threshold).
      const best = LABELS[p.labels.indexOf(Math.max(...p.labels))] as Label;
      const reachable = new Set<Label>([best, 'harassment-and-safety', 'out-of-scope']);
      for (const label of new Set(rules.map((r) => r.label).filter((l) => reachable.has(l)))) {
        const top = rankRules(model, vectors[i] as SparseVector, label)[0];
        if (top) ruleByLabel[label] = top.id;
      }
      out[i] = { labels: p.labels, escalate: p.escalate, ruleByLabel };
    }
  }
  return out;
}

const OOS = LABELS.indexOf('out-of-scope');

/** The label the engine would pick at a given out-of-scope threshold. */
export function pickLabel(labels: Float64Array, outOfScope: number): number {
  let best = 0;
  for (let i = 1; i < labels.length; i++) if ((labels[i] as number) > (labels[best] as number)) best = i;
  return (labels[best] as number) < outOfScope ? OOS : best;
}

export function chooseThresholds(
  examples: readonly TrainingExample[],
  oof: ReadonlyArray<OutOfFold | undefined>,
  caughtBySafety: readonly boolean[],
): Thresholds {
  const scored = examples.flatMap((e, i) =>
    oof[i] ? [{ e, p: oof[i] as OutOfFold, caught: caughtBySafety[i] ?? false }] : [],
  );
  if (scored.length < 20) return DEFAULT_THRESHOLDS;
  // Escalation: the lowest threshold whose false escalations stay within budget; the frames
  // carry recall, the learned probability adds what they miss.
  const negatives = scored
    .filter((s) => !s.e.escalate && !s.caught)
    .map((s) => s.p.escalate)
    .sort((a, b) => b - a);
  const allNegatives = scored.filter((s) => !s.e.escalate).length;
  const framed = scored.filter((s) => !s.e.escalate && s.caught).length;
  const allowed = Math.max(0, Math.floor(FALSE_ESCALATION_BUDGET * allNegatives) - framed);
  const escalate = Math.min(0.95, Math.max(MIN_ESCALATE, (negatives[allowed] ?? MIN_ESCALATE) + 1e-6));
  // Out of scope: the threshold with the best top-1 over the non-escalating questions.
  const plain = scored.filter((s) => !s.e.escalate);
  let outOfScope = DEFAULT_THRESHOLDS.outOfScope;
  let bestRight = -1;
  for (let t = 0; t <= 0.6001; t += 0.025) {
    const right = plain.filter((s) => LABELS[pickLabel(s.p.labels, t)] === s.e.label).length;
    if (right > bestRight) {
      bestRight = right;
      outOfScope = Math.round(t * 1000) / 1000;
    }
  }
  // Clarify: the widest margin whose clarify rate stays within budget and that helps one-tap most.
  let clarifyMargin = 0;
  let bestOneTap = -1;
  for (let m = 0; m <= 0.5001; m += 0.025) {
    let clarified = 0;
    let oneTap = 0;
    const perTopic = new Map<Label, { n: number; clarified: number }>();
    for (const s of plain) {
      const order = TOPICS.map((_, i) => i).sort(
        (a, b) => (s.p.labels[b] as number) - (s.p.labels[a] as number),
      );
      const [a, b] = order as [number, number];
      const label = LABELS[pickLabel(s.p.labels, outOfScope)] as Label;
      const clarify =
        label !== 'out-of-scope' &&
        TOPICS[b] !== 'out-of-scope' &&
        (s.p.labels[a] as number) - (s.p.labels[b] as number) < m;
      if (clarify) clarified++;
      // The cap is per topic: questions about the app itself (its two intents) are answered by
      // a card of their own, never by "Is this about…?", and are not held to it.
      if ((TOPICS as readonly string[]).includes(s.e.label)) {
        const topic = perTopic.get(s.e.label) ?? { n: 0, clarified: 0 };
        topic.n++;
        if (clarify) topic.clarified++;
        perTopic.set(s.e.label, topic);
      }
      if (label === s.e.label || (clarify && TOPICS[b] === s.e.label)) oneTap++;
    }
    const topicsWithin = [...perTopic.values()].every(
      (t) => t.n < 10 || t.clarified / t.n <= CLARIFY_TOPIC_BUDGET,
    );
    if (clarified / plain.length <= CLARIFY_BUDGET && topicsWithin && oneTap > bestOneTap) {
      bestOneTap = oneTap;
      clarifyMargin = Math.round(m * 1000) / 1000;
    }
  }
  return { escalate: Math.round(escalate * 1e4) / 1e4, outOfScope, clarifyMargin };
}
