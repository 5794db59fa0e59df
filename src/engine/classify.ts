import type { CompiledPack } from './compile.js';
import { deletionsOf, TYPO_MAX_LENGTH, TYPO_MIN_LENGTH } from './compile.js';
import { NEGATORS, type Token, tokenize } from './normalize.js';
import { type KnownRelationship, type Relationship, TOPICS, type Topic } from './topics.js';

/** What the engine concluded about one question. Holds ids and pack wording only, never the question. */
export interface RuleMatch {
  id: string;
  title: string;
  topic: Topic;
  score: number;
  /** Pack signals that fired, e.g. `@romance ("crush")`. */
  signals: string[];
  policySection?: string;
}

export interface Classification {
  topic: Topic;
  topics: Array<{ topic: Topic; score: number }>;
  escalate: boolean;
  urgent: boolean;
  relationship: Relationship;
  relationshipMatters: boolean;
  confidence: number;
  rules: RuleMatch[];
  why: string;
}

const NEGATION_WINDOW = 3;
const MAX_RULES = 5;
/** Score → confidence: one clear signal ~0.4, two independent ones ~0.63. */
export function confidenceOf(score: number): number {
  return score <= 0 ? 0 : 1 - Math.exp(-score / 2);
}

/** Substituting a letter is riskier than adding or dropping one ("regist" is not "regift"). */
const SUBSTITUTION_MIN_LENGTH = 7;

/**
 * Maps a stem that is not pack vocabulary to a vocabulary word one edit away: one letter
 * missing, one extra, or (for longer words) one different. The first letter must agree, which
 * keeps real words from being pulled onto unrelated vocabulary.
 */
export function correctTypo(stem: string, compiled: CompiledPack): string {
  // Long tokens (a run of CJK script, a pasted hash) are no pack word's typo, and generating
  // their deletions would cost O(n²) memory.
  if (stem.length < TYPO_MIN_LENGTH || stem.length > TYPO_MAX_LENGTH || compiled.vocabulary.has(stem))
    return stem;
  const dropped = compiled.deletions.get(stem);
  if (dropped && dropped[0] === stem[0]) return dropped;
  for (const variant of deletionsOf(stem)) {
    if (variant[0] === stem[0] && compiled.vocabulary.has(variant)) return variant;
    if (stem.length < SUBSTITUTION_MIN_LENGTH) continue;
    const swapped = compiled.deletions.get(variant);
    if (swapped && swapped.length === stem.length && swapped[0] === stem[0]) return swapped;
  }
  return stem;
}

/**
 * Words that turn a negation back round: "won't stop talking", "can't help flirting",
 * "can't avoid seeing him", "not only gossip" all affirm what follows.
 */
const NEGATION_FLIPPERS: ReadonlySet<string> = new Set(['stop', 'quit', 'help', 'avoid', 'onli', 'but']);

export function isNegated(tokens: readonly Token[], at: number): boolean {
  const clause = tokens[at]?.clause;
  for (let i = at - 1; i >= 0 && i >= at - NEGATION_WINDOW; i--) {
    const token = tokens[i] as Token;
    if (token.clause !== clause) return false;
    if (NEGATION_FLIPPERS.has(token.stem)) return false;
    if (NEGATORS.has(token.stem)) return true;
  }
  return false;
}

/** Length of the phrase match at `start`, or 0. `*` matches up to two words. */
function matchAt(stems: readonly string[], tokens: readonly Token[], start: number): number {
  let t = start;
  for (let p = 0; p < stems.length; p++) {
    const want = stems[p] as string;
    if (want === '*') {
      const next = stems[p + 1] as string;
      let found = -1;
      for (let skip = 0; skip <= 2 && t + skip < tokens.length; skip++) {
        if ((tokens[t + skip] as Token).stem === next) {
          found = t + skip;
          break;
        }
      }
      if (found < 0) return 0;
      t = found;
      continue;
    }
    if (t >= tokens.length || (tokens[t] as Token).stem !== want) return 0;
    t++;
  }
  return t - start;
}

/** Marks each phrase 1 (matched) or 2 (matched only under negation); 0 otherwise. */
export function matchPhrases(
  compiled: CompiledPack,
  text: string,
): { hits: Uint8Array; counts: Uint16Array; matched: number[] } {
  const tokens = tokenize(text, compiled.vocabulary);
  for (const token of tokens) token.stem = correctTypo(token.stem, compiled);
  const hits = new Uint8Array(compiled.phrases.length);
  const counts = new Uint16Array(compiled.phrases.length);
  const matched: number[] = [];
  const visit = (candidates: readonly number[] | undefined, i: number) => {
    if (!candidates) return;
    for (const id of candidates) {
      const phrase = compiled.phrases[id];
      if (!phrase || matchAt(phrase.stems, tokens, i) === 0) continue;
      if (phrase.negatable && isNegated(tokens, i)) {
        if (hits[id] === 0) hits[id] = 2;
      } else {
        if (hits[id] !== 1) matched.push(id);
        hits[id] = 1;
        if ((counts[id] as number) < 65535) counts[id] = (counts[id] as number) + 1;
      }
    }
  };
  for (let i = 0; i < tokens.length; i++) {
    const stem = (tokens[i] as Token).stem;
    visit(compiled.index.get(stem), i);
    const next = tokens[i + 1];
    if (next) visit(compiled.pairIndex.get(`${stem} ${next.stem}`), i);
  }
  return { hits, counts, matched };
}

function describeSignal(compiled: CompiledPack, signal: number, phraseId: number): string {
  const label = compiled.signals[signal]?.label ?? '?';
  const source = compiled.phrases[phraseId]?.source ?? '?';
  return label.startsWith('@') ? `${label} ("${source}")` : `"${source}"`;
}

const RELATIONSHIP_PRIORITY: readonly KnownRelationship[] = [
  'direct-report',
  'manager',
  'vendor',
  'customer',
  'coworker',
];

function detectRelationship(compiled: CompiledPack, hits: Uint8Array, counts: Uint16Array): Relationship {
  let best: Relationship = 'unknown';
  let bestCount = 0;
  let bestPriority = Number.POSITIVE_INFINITY;
  for (const { relationship, signals } of compiled.relationships) {
    let count = 0;
    for (const signal of signals) {
      for (const id of compiled.signals[signal]?.phraseIds ?? [])
        if (hits[id] === 1) count += counts[id] ?? 1;
    }
    const priority = RELATIONSHIP_PRIORITY.indexOf(relationship);
    if (count > bestCount || (count === bestCount && count > 0 && priority < bestPriority)) {
      best = relationship;
      bestCount = count;
      bestPriority = priority;
    }
  }
  return best;
}

/**
 * For each signal, the first phrase that fired it (-1 if none), and the rules those signals
 * can score: one pass over the hit phrases, so a question is scored against only the rules it
 * touches, however large the pack.
 */
function signalHits(
  compiled: CompiledPack,
  matched: readonly number[],
): { fired: Int32Array; candidates: number[] } {
  const fired = new Int32Array(compiled.signals.length).fill(-1);
  const seen = new Uint8Array(compiled.rules.length);
  const candidates: number[] = [];
  // Lowest phrase id first, so the phrase named in "why" does not depend on word order.
  const ids = [...matched].sort((a, b) => a - b);
  for (const id of ids) {
    for (const signal of compiled.phraseSignals[id] ?? []) {
      if ((fired[signal] as number) >= 0) continue;
      fired[signal] = id;
      for (const r of compiled.signalRules[signal] ?? []) {
        if (seen[r] === 0) {
          seen[r] = 1;
          candidates.push(r);
        }
      }
    }
  }
  candidates.sort((a, b) => a - b);
  return { fired, candidates };
}

interface Scored {
  index: number;
  score: number;
}

function describeRule(compiled: CompiledPack, fired: Int32Array, index: number, score: number) {
  const { rule, all, any } = compiled.rules[index] as CompiledPack['rules'][number];
  const signals: string[] = [];
  for (const signal of all) signals.push(describeSignal(compiled, signal, fired[signal] as number));
  for (const { signal } of any) {
    const phrase = fired[signal] as number;
    if (phrase >= 0) signals.push(describeSignal(compiled, signal, phrase));
  }
  return {
    id: rule.id,
    title: rule.title,
    topic: rule.topic,
    score,
    signals,
    policySection: rule.guidance.policy[0]?.section ?? rule.guidance.policy[0]?.title,
    escalate: rule.escalate,
    urgent: rule.urgent,
    relationshipMatters: rule.relationshipMatters,
  };
}

export function classify(compiled: CompiledPack, text: string): Classification {
  const { hits, counts, matched } = matchPhrases(compiled, text);
  const { fired, candidates } = signalHits(compiled, matched);
  const tuning = compiled.tuning;
  const threshold = tuning.outOfScopeThreshold ?? compiled.pack.meta.outOfScopeThreshold;
  const scored: Scored[] = [];

  const compiledRules = compiled.rules;
  rules: for (let c = 0; c < candidates.length; c++) {
    const r = candidates[c] as number;
    const { all, any, not } = compiledRules[r] as CompiledPack['rules'][number];
    for (let k = 0; k < not.length; k++) if ((fired[not[k] as number] as number) >= 0) continue rules;
    for (let k = 0; k < all.length; k++) if ((fired[all[k] as number] as number) < 0) continue rules;
    let score = all.length;
    let anyHit = false;
    for (let k = 0; k < any.length; k++) {
      const { signal, weight } = any[k] as { signal: number; weight: number };
      if ((fired[signal] as number) < 0) continue;
      anyHit = true;
      score += weight;
    }
    if (all.length === 0 && !anyHit) continue;
    score *= compiled.ruleFactors[r] as number;
    if (score <= 0) continue;
    scored.push({ index: r, score: Math.round(score * 1000) / 1000 });
  }
  // Stable on ties: the pack's own order decides.
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  const ruleAt = (i: number) => (compiled.rules[i] as CompiledPack['rules'][number]).rule;

  // Escalation is decided before anything else and on any sign at all: recall over precision.
  let escalate = false;
  let urgent = false;
  const topicScores = new Map<Topic, number>();
  for (const m of scored) {
    const rule = ruleAt(m.index);
    if (rule.escalate) escalate = true;
    if (rule.urgent) urgent = true;
    if (!topicScores.has(rule.topic)) topicScores.set(rule.topic, m.score);
  }
  const ranked = [...topicScores.entries()]
    .map(([topic, score]) => ({ topic, score }))
    .sort((a, b) => b.score - a.score || TOPICS.indexOf(a.topic) - TOPICS.indexOf(b.topic));

  const bestScore = ranked[0]?.score ?? 0;
  const confidence = Math.round(confidenceOf(bestScore) * 1000) / 1000;
  let topic: Topic;
  if (escalate) topic = 'harassment-and-safety';
  else if (ranked.length === 0 || confidence < threshold) topic = 'out-of-scope';
  else topic = (ranked[0] as { topic: Topic }).topic;

  if (escalate && ranked[0]?.topic !== 'harassment-and-safety') {
    const index = ranked.findIndex((r) => r.topic === 'harassment-and-safety');
    if (index > 0) ranked.unshift(...ranked.splice(index, 1));
  }
  if (topic === 'out-of-scope' && ranked[0]?.topic !== 'out-of-scope') {
    const index = ranked.findIndex((r) => r.topic === 'out-of-scope');
    if (index >= 0) ranked.splice(index, 1);
    ranked.unshift({ topic: 'out-of-scope', score: 0 });
  }

  // Only the rules shown are described (signal labels are strings): the chosen topic's first.
  const chosenScored = scored.filter((m) => ruleAt(m.index).topic === topic);
  const orderedScored = [...chosenScored, ...scored.filter((m) => ruleAt(m.index).topic !== topic)].slice(
    0,
    MAX_RULES,
  );
  const ordered = orderedScored.map((m) => describeRule(compiled, fired, m.index, m.score));
  const lead = chosenScored.length > 0 ? ordered[0] : undefined;
  const relationship = detectRelationship(compiled, hits, counts);
  const why = lead
    ? `${escalate ? 'Escalated' : 'Matched'} "${lead.title}" on ${lead.signals.join(', ')}`
    : `No rule matched with enough confidence (${confidence} < ${threshold})`;

  return {
    topic,
    topics: ranked,
    escalate,
    urgent,
    relationship,
    relationshipMatters: lead?.relationshipMatters ?? false,
    confidence: escalate ? Math.max(confidence, 0.5) : confidence,
    rules: ordered.map(({ escalate: _e, urgent: _u, relationshipMatters: _r, ...rest }) => rest),
    why,
  };
}
