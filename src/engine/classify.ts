import type { CompiledPack } from './compile.js';
import { deletionsOf, FLIPPER, NEGATOR, TYPO_MAX_LENGTH, TYPO_MIN_LENGTH, WILDCARD } from './compile.js';
import { COMMON_WORD_LIST, stemWord, wordsInto } from './normalize.js';
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
 * Working memory for matching, one per compiled pack, reused question after question: matching
 * is synchronous, so no two questions share it at once. Marks carry the number of the question
 * they belong to ("epoch"), so nothing is cleared between questions. It holds stems and
 * numbers only while one question is matched; nothing is read from it afterwards.
 */
interface Scratch {
  epoch: number;
  words: string[];
  clauses: number[];
  /**
   * Word → stem id for everyday words (worked out once) and for words that are forms of pack
   * vocabulary: never a word that only a question brought.
   */
  wordIds: Map<string, number>;
  ids: Int32Array;
  phraseEpoch: Uint32Array;
  phraseState: Uint8Array;
  phraseCount: Uint16Array;
  matched: number[];
  signalEpoch: Uint32Array;
  signalFired: Int32Array;
  ruleEpoch: Uint32Array;
  ruleNotEpoch: Uint32Array;
  ruleAllHits: Uint16Array;
  ruleAnyScore: Float64Array;
  ruleAnyHit: Uint8Array;
  candidates: number[];
  topicBest: Float64Array;
}

const scratches = new WeakMap<CompiledPack['phrases'], Scratch>();

function scratchFor(compiled: CompiledPack): Scratch {
  let scratch = scratches.get(compiled.phrases);
  if (!scratch) {
    scratch = {
      epoch: 0,
      words: [],
      clauses: [],
      wordIds: new Map(),
      ids: new Int32Array(256),
      phraseEpoch: new Uint32Array(compiled.phrases.length),
      phraseState: new Uint8Array(compiled.phrases.length),
      phraseCount: new Uint16Array(compiled.phrases.length),
      matched: [],
      signalEpoch: new Uint32Array(compiled.signals.length),
      signalFired: new Int32Array(compiled.signals.length),
      ruleEpoch: new Uint32Array(compiled.rules.length),
      ruleNotEpoch: new Uint32Array(compiled.rules.length),
      ruleAllHits: new Uint16Array(compiled.rules.length),
      ruleAnyScore: new Float64Array(compiled.rules.length),
      ruleAnyHit: new Uint8Array(compiled.rules.length),
      candidates: [],
      topicBest: new Float64Array(TOPICS.length),
    };
    scratches.set(compiled.phrases, scratch);
    for (const word of COMMON_WORD_LIST) scratch.wordIds.set(word, resolveStem(compiled, stemWord(word)));
  }
  if (scratch.epoch === 0xffffffff) {
    scratch.phraseEpoch.fill(0);
    scratch.signalEpoch.fill(0);
    scratch.ruleEpoch.fill(0);
    scratch.ruleNotEpoch.fill(0);
    scratch.epoch = 0;
  }
  scratch.epoch++;
  scratch.matched.length = 0;
  scratch.candidates.length = 0;
  return scratch;
}

const WORD_CACHE_MAX = 20_000;

/** A stem's id: itself when the pack knows it, else the pack word it is a one-edit typo of. */
function resolveStem(compiled: CompiledPack, stem: string): number {
  return compiled.stemIds.get(stem) ?? compiled.stemIds.get(correctTypo(stem, compiled)) ?? -1;
}

function resolveWord(compiled: CompiledPack, scratch: Scratch, word: string): number {
  const known = scratch.wordIds.get(word);
  if (known !== undefined) return known;
  const stem = stemWord(word, compiled.vocabulary);
  const id = compiled.stemIds.get(stem);
  if (id === undefined) return resolveStem(compiled, stem);
  // A form of a pack word ("dating" for "date"): safe to remember, and the next one is a lookup.
  if (scratch.wordIds.size < WORD_CACHE_MAX) scratch.wordIds.set(word, id);
  return id;
}

/** The result of matching one question: read it before the next question is matched. */
interface Matching {
  scratch: Scratch;
  epoch: number;
}

const phraseHit = ({ scratch, epoch }: Matching, id: number): boolean =>
  scratch.phraseEpoch[id] === epoch && scratch.phraseState[id] === 1;
const firedBy = ({ scratch, epoch }: Matching, signal: number): number =>
  scratch.signalEpoch[signal] === epoch ? (scratch.signalFired[signal] as number) : -1;

function isNegatedAt(compiled: CompiledPack, ids: Int32Array, clauses: number[], at: number): boolean {
  const clause = clauses[at];
  for (let i = at - 1; i >= 0 && i >= at - NEGATION_WINDOW; i--) {
    if (clauses[i] !== clause) return false;
    const id = ids[i] as number;
    if (id < 0) continue;
    const flags = compiled.stemFlags[id] as number;
    if (flags & FLIPPER) return false;
    if (flags & NEGATOR) return true;
  }
  return false;
}

/** Length of the phrase match at `start`, or 0. A wildcard matches up to two words. */
function matchAt(stems: Int32Array, ids: Int32Array, n: number, start: number): number {
  let t = start;
  for (let p = 0; p < stems.length; p++) {
    const want = stems[p] as number;
    if (want === WILDCARD) {
      const next = stems[p + 1] as number;
      let found = -1;
      for (let skip = 0; skip <= 2 && t + skip < n; skip++) {
        if (ids[t + skip] === next) {
          found = t + skip;
          break;
        }
      }
      if (found < 0) return 0;
      t = found;
      continue;
    }
    if (t >= n || ids[t] !== want) return 0;
    t++;
  }
  return t - start;
}

/**
 * Marks each phrase matched, or matched only under negation, and lists the matched ones. Then,
 * for each signal, the first phrase that fired it, and the rules those signals can score: one
 * pass over the hit phrases, so a question is scored against only the rules it touches,
 * however large the pack.
 */
function matchQuestion(compiled: CompiledPack, text: string): Matching {
  const scratch = scratchFor(compiled);
  const { epoch, words, clauses, matched } = scratch;
  const n = wordsInto(text, words, clauses);
  if (scratch.ids.length < n) scratch.ids = new Int32Array(Math.max(n, scratch.ids.length * 2));
  const ids = scratch.ids;
  for (let i = 0; i < n; i++) ids[i] = resolveWord(compiled, scratch, words[i] as string);
  // Question words do not outlive the call, even in working memory.
  words.length = 0;

  const { phraseEpoch, phraseState, phraseCount } = scratch;
  const visit = (candidates: Int32Array | undefined, i: number) => {
    if (candidates === undefined) return;
    for (let c = 0; c < candidates.length; c++) {
      const id = candidates[c] as number;
      if (matchAt(compiled.phraseStemIds[id] as Int32Array, ids, n, i) === 0) continue;
      if (phraseEpoch[id] !== epoch) {
        phraseEpoch[id] = epoch;
        phraseState[id] = 0;
        phraseCount[id] = 0;
      }
      if (compiled.phraseNegatable[id] === 1 && isNegatedAt(compiled, ids, clauses, i)) {
        if (phraseState[id] === 0) phraseState[id] = 2;
      } else {
        if (phraseState[id] !== 1) matched.push(id);
        phraseState[id] = 1;
        if ((phraseCount[id] as number) < 65535) phraseCount[id] = (phraseCount[id] as number) + 1;
      }
    }
  };
  for (let i = 0; i < n; i++) {
    const id = ids[i] as number;
    if (id < 0) continue;
    visit(compiled.singles[id], i);
    const next = i + 1 < n ? (ids[i + 1] as number) : -1;
    if (next >= 0) visit(compiled.pairs.get(id * compiled.stride + next), i);
  }

  const {
    signalEpoch,
    signalFired,
    ruleEpoch,
    ruleNotEpoch,
    ruleAllHits,
    ruleAnyScore,
    ruleAnyHit,
    candidates,
  } = scratch;
  /** A rule touched for the first time in this question: a candidate, with a fresh tally. */
  const touch = (r: number) => {
    if (ruleEpoch[r] === epoch) return;
    ruleEpoch[r] = epoch;
    ruleAllHits[r] = 0;
    ruleAnyScore[r] = 0;
    ruleAnyHit[r] = 0;
    candidates.push(r);
  };
  for (let m = 0; m < matched.length; m++) {
    const id = matched[m] as number;
    const signals = compiled.phraseSignals[id] as Int32Array;
    for (let k = 0; k < signals.length; k++) {
      const signal = signals[k] as number;
      if (signalEpoch[signal] === epoch) {
        // The lowest phrase id names the signal, so "why" does not depend on word order.
        if (id < (signalFired[signal] as number)) signalFired[signal] = id;
        continue;
      }
      signalEpoch[signal] = epoch;
      signalFired[signal] = id;
      const all = compiled.signalAll[signal] as Int32Array;
      for (let q = 0; q < all.length; q++) {
        const r = all[q] as number;
        touch(r);
        ruleAllHits[r] = (ruleAllHits[r] as number) + 1;
      }
      const any = compiled.signalAny[signal] as Int32Array;
      const weights = compiled.signalAnyWeight[signal] as Float64Array;
      for (let q = 0; q < any.length; q++) {
        const r = any[q] as number;
        touch(r);
        ruleAnyScore[r] = (ruleAnyScore[r] as number) + (weights[q] as number);
        ruleAnyHit[r] = 1;
      }
      const not = compiled.signalNot[signal] as Int32Array;
      for (let q = 0; q < not.length; q++) ruleNotEpoch[not[q] as number] = epoch;
    }
  }
  // Nor does their order: the ids are wiped once the phrases are matched. What stays until the
  // next question overwrites it is which pack phrases and rules matched, as numbers.
  ids.fill(-1, 0, n);
  clauses.length = 0;
  return { scratch, epoch };
}

/** Signal descriptions are pack wording only (label and phrase), so each is built once. */
const descriptions = new WeakMap<CompiledPack['phrases'], Map<number, string>>();

function describeSignal(compiled: CompiledPack, signal: number, phraseId: number): string {
  let cache = descriptions.get(compiled.phrases);
  if (!cache) {
    cache = new Map();
    descriptions.set(compiled.phrases, cache);
  }
  const key = signal * compiled.phrases.length + phraseId;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const label = compiled.signals[signal]?.label ?? '?';
  const source = compiled.phrases[phraseId]?.source ?? '?';
  const text = label.startsWith('@') ? `${label} ("${source}")` : `"${source}"`;
  cache.set(key, text);
  return text;
}

const RELATIONSHIP_PRIORITY: readonly KnownRelationship[] = [
  'direct-report',
  'manager',
  'vendor',
  'customer',
  'coworker',
];

function detectRelationship(compiled: CompiledPack, matching: Matching): Relationship {
  const counts = matching.scratch.phraseCount;
  let best: Relationship = 'unknown';
  let bestCount = 0;
  let bestPriority = Number.POSITIVE_INFINITY;
  for (const { relationship, signals } of compiled.relationships) {
    let count = 0;
    for (const signal of signals) {
      for (const id of compiled.signals[signal]?.phraseIds ?? [])
        if (phraseHit(matching, id)) count += counts[id] as number;
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

interface Scored {
  index: number;
  score: number;
}

function describeRule(compiled: CompiledPack, matching: Matching, index: number, score: number): RuleMatch {
  const { rule, all, any } = compiled.rules[index] as CompiledPack['rules'][number];
  const signals: string[] = [];
  for (const signal of all) signals.push(describeSignal(compiled, signal, firedBy(matching, signal)));
  for (const { signal } of any) {
    const phrase = firedBy(matching, signal);
    if (phrase >= 0) signals.push(describeSignal(compiled, signal, phrase));
  }
  return {
    id: rule.id,
    title: rule.title,
    topic: rule.topic,
    score,
    signals,
    policySection: rule.guidance.policy[0]?.section ?? rule.guidance.policy[0]?.title,
  };
}

/** Better first: higher score, then the pack's own order. */
const before = (a: Scored, b: Scored) => b.score < a.score || (b.score === a.score && a.index < b.index);

/** Keeps the best MAX_RULES of a stream in order, without sorting the whole stream. */
function keepTop(top: Scored[], item: Scored): void {
  if (top.length === MAX_RULES && !before(item, top[MAX_RULES - 1] as Scored)) return;
  let at = Math.min(top.length, MAX_RULES - 1);
  if (top.length < MAX_RULES) top.push(item);
  while (at > 0 && before(item, top[at - 1] as Scored)) {
    top[at] = top[at - 1] as Scored;
    at--;
  }
  top[at] = item;
}

const TOPIC_COUNT = TOPICS.length;

export function classify(compiled: CompiledPack, text: string): Classification {
  const matching = matchQuestion(compiled, text);
  const { candidates, epoch, ruleNotEpoch, ruleAllHits, ruleAnyScore, ruleAnyHit, topicBest } =
    matching.scratch;
  const tuning = compiled.tuning;
  const threshold = tuning.outOfScopeThreshold ?? compiled.pack.meta.outOfScopeThreshold;
  const scored: Scored[] = [];

  // Escalation is decided before anything else and on any sign at all: recall over precision.
  let escalate = false;
  let urgent = false;
  topicBest.fill(-1);
  const compiledRules = compiled.rules;
  for (let c = 0; c < candidates.length; c++) {
    const r = candidates[c] as number;
    if (ruleNotEpoch[r] === epoch) continue;
    const allCount = compiled.ruleAllCount[r] as number;
    if ((ruleAllHits[r] as number) < allCount) continue;
    if (allCount === 0 && ruleAnyHit[r] === 0) continue;
    const score = (allCount + (ruleAnyScore[r] as number)) * (compiled.ruleFactors[r] as number);
    if (score <= 0) continue;
    const rounded = Math.round(score * 1000) / 1000;
    scored.push({ index: r, score: rounded });
    const rule = (compiledRules[r] as CompiledPack['rules'][number]).rule;
    if (rule.escalate) escalate = true;
    if (rule.urgent) urgent = true;
    const t = compiled.ruleTopics[r] as number;
    if (rounded > (topicBest[t] as number)) topicBest[t] = rounded;
  }

  // Topics by their best rule's score; on a tie, the fixed topic order decides.
  const ranked: Array<{ topic: Topic; score: number }> = [];
  for (let t = 0; t < TOPIC_COUNT; t++)
    if ((topicBest[t] as number) >= 0)
      ranked.push({ topic: TOPICS[t] as Topic, score: topicBest[t] as number });
  // At most eight topics: an insertion sort, stable, so ties keep the TOPICS order.
  for (let i = 1; i < ranked.length; i++) {
    const item = ranked[i] as { topic: Topic; score: number };
    let j = i;
    while (j > 0 && (ranked[j - 1] as { score: number }).score < item.score) {
      ranked[j] = ranked[j - 1] as { topic: Topic; score: number };
      j--;
    }
    ranked[j] = item;
  }

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
  const chosenTopic = TOPICS.indexOf(topic);
  const chosenTop: Scored[] = [];
  const otherTop: Scored[] = [];
  for (const m of scored) keepTop(compiled.ruleTopics[m.index] === chosenTopic ? chosenTop : otherTop, m);
  const orderedScored = [...chosenTop, ...otherTop].slice(0, MAX_RULES);
  const ordered = orderedScored.map((m) => describeRule(compiled, matching, m.index, m.score));
  const lead = chosenTop.length > 0 ? ordered[0] : undefined;
  const leadRule = chosenTop[0] ? compiled.rules[chosenTop[0].index]?.rule : undefined;
  const relationship = detectRelationship(compiled, matching);
  const why = lead
    ? `${escalate ? 'Escalated' : 'Matched'} "${lead.title}" on ${lead.signals.join(', ')}`
    : `No rule matched with enough confidence (${confidence} < ${threshold})`;

  return {
    topic,
    topics: ranked,
    escalate,
    urgent,
    relationship,
    relationshipMatters: leadRule?.relationshipMatters ?? false,
    confidence: escalate ? Math.max(confidence, 0.5) : confidence,
    rules: ordered,
    why,
  };
}
