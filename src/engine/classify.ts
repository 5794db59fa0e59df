import type { CompiledPack } from './compile.js';
import { deletionsOf, TYPO_MIN_LENGTH } from './compile.js';
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

function correctTypo(stem: string, compiled: CompiledPack): string {
  if (stem.length < TYPO_MIN_LENGTH || compiled.vocabulary.has(stem)) return stem;
  const dropped = compiled.deletions.get(stem);
  if (dropped) return dropped;
  for (const variant of deletionsOf(stem)) {
    if (compiled.vocabulary.has(variant)) return variant;
    const swapped = compiled.deletions.get(variant);
    if (swapped && Math.abs(swapped.length - stem.length) === 0) return swapped;
  }
  return stem;
}

function isNegated(tokens: readonly Token[], at: number): boolean {
  const clause = tokens[at]?.clause;
  for (let i = at - 1; i >= 0 && i >= at - NEGATION_WINDOW; i--) {
    const token = tokens[i] as Token;
    if (token.clause !== clause) return false;
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
): { hits: Uint8Array; counts: Uint16Array } {
  const tokens = tokenize(text, compiled.vocabulary);
  for (const token of tokens) token.stem = correctTypo(token.stem, compiled);
  const hits = new Uint8Array(compiled.phrases.length);
  const counts = new Uint16Array(compiled.phrases.length);
  for (let i = 0; i < tokens.length; i++) {
    const candidates = compiled.index.get((tokens[i] as Token).stem);
    if (!candidates) continue;
    for (const id of candidates) {
      const phrase = compiled.phrases[id];
      if (!phrase || matchAt(phrase.stems, tokens, i) === 0) continue;
      if (phrase.negatable && isNegated(tokens, i)) {
        if (hits[id] === 0) hits[id] = 2;
      } else {
        hits[id] = 1;
        if (counts[id] !== undefined && (counts[id] as number) < 65535)
          counts[id] = (counts[id] as number) + 1;
      }
    }
  }
  return { hits, counts };
}

function signalHit(compiled: CompiledPack, hits: Uint8Array, signal: number): number | undefined {
  for (const id of compiled.signals[signal]?.phraseIds ?? []) if (hits[id] === 1) return id;
  return undefined;
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

export function classify(compiled: CompiledPack, text: string): Classification {
  const { hits, counts } = matchPhrases(compiled, text);
  const matches: Array<RuleMatch & { escalate: boolean; urgent: boolean; relationshipMatters: boolean }> = [];

  for (const { rule, all, any, not } of compiled.rules) {
    let blocked = false;
    for (const signal of not) {
      if (signalHit(compiled, hits, signal) !== undefined) {
        blocked = true;
        break;
      }
    }
    if (blocked) continue;
    const fired: string[] = [];
    let score = 0;
    let complete = true;
    for (const signal of all) {
      const phrase = signalHit(compiled, hits, signal);
      if (phrase === undefined) {
        complete = false;
        break;
      }
      score += 1;
      fired.push(describeSignal(compiled, signal, phrase));
    }
    if (!complete) continue;
    let anyHit = false;
    for (const { signal, weight } of any) {
      const phrase = signalHit(compiled, hits, signal);
      if (phrase === undefined) continue;
      anyHit = true;
      score += weight;
      fired.push(describeSignal(compiled, signal, phrase));
    }
    if (all.length === 0 && !anyHit) continue;
    score *= rule.weight;
    if (score <= 0) continue;
    matches.push({
      id: rule.id,
      title: rule.title,
      topic: rule.topic,
      score: Math.round(score * 1000) / 1000,
      signals: fired,
      policySection: rule.guidance.policy[0]?.section ?? rule.guidance.policy[0]?.title,
      escalate: rule.escalate,
      urgent: rule.urgent,
      relationshipMatters: rule.relationshipMatters,
    });
  }
  matches.sort((a, b) => b.score - a.score);

  // Escalation is decided before anything else and on any sign at all: recall over precision.
  const escalate = matches.some((m) => m.escalate);
  const urgent = matches.some((m) => m.urgent);

  const topicScores = new Map<Topic, number>();
  for (const m of matches) if (!topicScores.has(m.topic)) topicScores.set(m.topic, m.score);
  const ranked = [...topicScores.entries()]
    .map(([topic, score]) => ({ topic, score }))
    .sort((a, b) => b.score - a.score || TOPICS.indexOf(a.topic) - TOPICS.indexOf(b.topic));

  const bestScore = ranked[0]?.score ?? 0;
  const confidence = Math.round(confidenceOf(bestScore) * 1000) / 1000;
  let topic: Topic;
  if (escalate) topic = 'harassment-and-safety';
  else if (ranked.length === 0 || confidence < compiled.pack.meta.outOfScopeThreshold) topic = 'out-of-scope';
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

  const chosen = matches.filter((m) => m.topic === topic);
  const ordered = [...chosen, ...matches.filter((m) => m.topic !== topic)].slice(0, MAX_RULES);
  const lead = chosen[0];
  const relationship = detectRelationship(compiled, hits, counts);
  const why = lead
    ? `${escalate ? 'Escalated' : 'Matched'} "${lead.title}" on ${lead.signals.join(', ')}`
    : `No rule matched with enough confidence (${confidence} < ${compiled.pack.meta.outOfScopeThreshold})`;

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
