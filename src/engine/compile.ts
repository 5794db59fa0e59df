import type { Pack } from '../pack/load.js';
import type { Rule } from '../pack/schema.js';
import { NEGATORS, phraseStems } from './normalize.js';
import { KNOWN_RELATIONSHIPS, type KnownRelationship, TOPICS, type Topic } from './topics.js';

/**
 * Turns a validated pack into flat arrays and an inverted index, once at start, so matching a
 * question is a single pass over its tokens with no allocation per rule.
 */

export interface CompiledPhrase {
  stems: readonly string[];
  negatable: boolean;
  /** The pack's own wording, shown by --explain; never text from a question. */
  source: string;
}

export interface CompiledSignal {
  label: string;
  phraseIds: readonly number[];
}

export interface CompiledRule {
  rule: Rule;
  index: number;
  all: readonly number[];
  any: ReadonlyArray<{ signal: number; weight: number }>;
  not: readonly number[];
}

/**
 * Numeric knobs on top of a pack, for evaluation and cross-validation: they change scores,
 * never the guidance. An empty object means "the pack as written".
 */
export interface EngineTuning {
  /** Overrides pack.yaml's outOfScopeThreshold. */
  outOfScopeThreshold?: number;
  /** Multiplies the score of every rule of a topic. */
  topicWeights?: Partial<Record<Topic, number>>;
  /** Multiplies the score of one rule, by id. */
  ruleWeights?: Readonly<Record<string, number>>;
}

export interface CompiledPack {
  pack: Pack;
  tuning: EngineTuning;
  /** Per rule: its weight times any tuning multipliers, so scoring does one multiplication. */
  ruleFactors: Float64Array;
  phrases: readonly CompiledPhrase[];
  /**
   * Every stem matching can use gets a number (pack vocabulary, then the words negation
   * reads), so a question is matched as integers: no string keys built per token.
   */
  stemIds: ReadonlyMap<string, number>;
  /** Per stem id: NEGATOR and/or FLIPPER bits, for the negation window. */
  stemFlags: Uint8Array;
  /** Phrase id → its stem ids, WILDCARD for `*`. */
  phraseStemIds: readonly Int32Array[];
  /** Phrase id → 1 when a negation before it cancels it. */
  phraseNegatable: Uint8Array;
  /** Stem id → the one-word phrases and the phrases whose second part is `*`. */
  singles: ReadonlyArray<Int32Array | undefined>;
  /** first × stride + second stem id → the longer phrases: far fewer candidates per token. */
  pairs: ReadonlyMap<number, Int32Array>;
  stride: number;
  signals: readonly CompiledSignal[];
  /** Phrase id → the signals it belongs to, so signal hits are one pass over the hit phrases. */
  phraseSignals: readonly Int32Array[];
  /**
   * Signal id → what its firing does to rules, one entry per mention: counts towards a rule's
   * `all`, adds a weight to its `any` score, or vetoes it (`not`). A question's rules are scored
   * while its signals fire, so only the rules it touches are ever looked at.
   */
  signalAll: readonly Int32Array[];
  signalAny: readonly Int32Array[];
  signalAnyWeight: readonly Float64Array[];
  signalNot: readonly Int32Array[];
  /** Rule index → how many `all` signals it lists. */
  ruleAllCount: Uint16Array;
  rules: readonly CompiledRule[];
  /** Rule index → its topic's index in TOPICS. */
  ruleTopics: Uint8Array;
  relationships: ReadonlyArray<{ relationship: KnownRelationship; signals: readonly number[] }>;
  vocabulary: ReadonlySet<string>;
  /** SymSpell-style index of one-letter deletions, for typo-tolerant lookups. */
  deletions: ReadonlyMap<string, string>;
}

export const TYPO_MIN_LENGTH = 6;
export const WILDCARD = -2;
export const NEGATOR = 1;
export const FLIPPER = 2;

/**
 * Words that turn a negation back round: "won't stop talking", "can't help flirting",
 * "can't avoid seeing him", "not only gossip" all affirm what follows.
 */
export const NEGATION_FLIPPERS: ReadonlySet<string> = new Set([
  'stop',
  'quit',
  'help',
  'avoid',
  'onli',
  'but',
]);
export const TYPO_MAX_LENGTH = 24;

export function deletionsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

export function compilePack(pack: Pack, tuning: EngineTuning = {}): CompiledPack {
  const phrases: CompiledPhrase[] = [];
  const phraseKey = new Map<string, number>();
  const signals: CompiledSignal[] = [];
  const signalKey = new Map<string, number>();

  const addPhrase = (source: string, negatable: boolean): number | undefined => {
    let stems = [...(pack.phraseStems?.get(source) ?? phraseStems(source))];
    while (stems[0] === '*') stems = stems.slice(1);
    while (stems[stems.length - 1] === '*') stems = stems.slice(0, -1);
    if (stems.length === 0) return undefined;
    // A phrase that already says "not" ("not interested") is itself the negation.
    const effective = negatable && !stems.some((s) => NEGATORS.has(s));
    const key = `${effective ? 'n' : 'f'}:${stems.join(' ')}`;
    const existing = phraseKey.get(key);
    if (existing !== undefined) return existing;
    const id = phrases.length;
    phrases.push({ stems, negatable: effective, source });
    phraseKey.set(key, id);
    return id;
  };

  // A concept may include another concept by listing "@name" among its phrases; the included
  // phrases keep their own concept's negatable setting.
  const conceptPhrases = (name: string, seen: Set<string>): number[] => {
    if (seen.has(name)) return [];
    seen.add(name);
    const concept = pack.concepts.get(name);
    const ids: number[] = [];
    for (const phrase of concept?.phrases ?? []) {
      if (phrase.startsWith('@')) {
        ids.push(...conceptPhrases(phrase.slice(1), seen));
        continue;
      }
      const id = addPhrase(phrase, concept?.negatable ?? true);
      if (id !== undefined) ids.push(id);
    }
    return ids;
  };

  const signalOf = (signal: string): number => {
    const existing = signalKey.get(signal);
    if (existing !== undefined) return existing;
    let ids: number[];
    if (signal.startsWith('@')) {
      ids = conceptPhrases(signal.slice(1), new Set());
    } else {
      const id = addPhrase(signal, true);
      ids = id === undefined ? [] : [id];
    }
    const sid = signals.length;
    signals.push({ label: signal, phraseIds: [...new Set(ids)] });
    signalKey.set(signal, sid);
    return sid;
  };

  const rules = pack.rules.map((rule, i) => ({
    rule,
    index: i,
    all: rule.match.all.map(signalOf),
    any: rule.match.any.map((s) =>
      typeof s === 'string'
        ? { signal: signalOf(s), weight: 1 }
        : { signal: signalOf(s.signal), weight: s.weight },
    ),
    not: rule.match.not.map(signalOf),
  }));

  const relationships = KNOWN_RELATIONSHIPS.map((relationship) => ({
    relationship,
    signals: (pack.meta.relationships[relationship] ?? []).map(signalOf),
  })).filter((r) => r.signals.length > 0);

  const phraseSignals: number[][] = phrases.map(() => []);
  signals.forEach((signal, sid) => {
    for (const id of signal.phraseIds) phraseSignals[id]?.push(sid);
  });

  const signalAll: number[][] = signals.map(() => []);
  const signalAny: number[][] = signals.map(() => []);
  const signalAnyWeight: number[][] = signals.map(() => []);
  const signalNot: number[][] = signals.map(() => []);
  rules.forEach((rule, r) => {
    for (const sid of rule.all) signalAll[sid]?.push(r);
    for (const { signal, weight } of rule.any) {
      signalAny[signal]?.push(r);
      signalAnyWeight[signal]?.push(weight);
    }
    for (const sid of rule.not) signalNot[sid]?.push(r);
  });

  const vocabulary = new Set<string>();
  for (const phrase of phrases) for (const stem of phrase.stems) if (stem !== '*') vocabulary.add(stem);

  const stemIds = new Map<string, number>();
  for (const stem of [...vocabulary, ...NEGATORS, ...NEGATION_FLIPPERS])
    if (!stemIds.has(stem)) stemIds.set(stem, stemIds.size);
  const stemFlags = new Uint8Array(stemIds.size);
  const flag = (stem: string, bit: number) => {
    const id = stemIds.get(stem) as number;
    stemFlags[id] = (stemFlags[id] as number) | bit;
  };
  for (const stem of NEGATORS) flag(stem, NEGATOR);
  for (const stem of NEGATION_FLIPPERS) flag(stem, FLIPPER);
  const phraseStemIds = phrases.map((phrase) =>
    Int32Array.from(phrase.stems, (stem) => (stem === '*' ? WILDCARD : (stemIds.get(stem) as number))),
  );
  const stride = stemIds.size;
  const singleLists: number[][] = [];
  const pairLists = new Map<number, number[]>();
  phraseStemIds.forEach((ids, id) => {
    const first = ids[0] as number;
    const second = ids[1];
    if (second === undefined || second === WILDCARD) (singleLists[first] ??= []).push(id);
    else {
      const key = first * stride + second;
      const list = pairLists.get(key);
      if (list) list.push(id);
      else pairLists.set(key, [id]);
    }
  });
  const singles = Array.from({ length: stride }, (_, i) => {
    const list = singleLists[i];
    return list ? Int32Array.from(list) : undefined;
  });
  const pairs = new Map([...pairLists].map(([key, list]) => [key, Int32Array.from(list)]));
  const deletions = new Map<string, string>();
  for (const word of vocabulary) {
    if (word.length < TYPO_MIN_LENGTH) continue;
    for (const variant of deletionsOf(word))
      if (!vocabulary.has(variant) && !deletions.has(variant)) deletions.set(variant, word);
  }

  return {
    pack,
    tuning,
    ruleFactors: factorsOf(rules, tuning),
    phrases,
    stemIds,
    stemFlags,
    phraseStemIds,
    phraseNegatable: Uint8Array.from(phrases, (p) => (p.negatable ? 1 : 0)),
    singles,
    pairs,
    stride,
    signals,
    phraseSignals: phraseSignals.map((list) => Int32Array.from(list)),
    signalAll: signalAll.map((list) => Int32Array.from(list)),
    signalAny: signalAny.map((list) => Int32Array.from(list)),
    signalAnyWeight: signalAnyWeight.map((list) => Float64Array.from(list)),
    signalNot: signalNot.map((list) => Int32Array.from(list)),
    ruleAllCount: Uint16Array.from(rules, (rule) => rule.all.length),
    rules,
    ruleTopics: Uint8Array.from(rules, ({ rule }) => TOPICS.indexOf(rule.topic)),
    relationships,
    vocabulary,
    deletions,
  };
}

function factorsOf(rules: readonly CompiledRule[], tuning: EngineTuning): Float64Array {
  return Float64Array.from(
    rules,
    ({ rule }) =>
      rule.weight * (tuning.ruleWeights?.[rule.id] ?? 1) * (tuning.topicWeights?.[rule.topic] ?? 1),
  );
}

/** The same compiled pack with other knobs: no recompilation, so tuning loops stay fast. */
export function retune(compiled: CompiledPack, tuning: EngineTuning): CompiledPack {
  return { ...compiled, tuning, ruleFactors: factorsOf(compiled.rules, tuning) };
}
