import type { Pack } from '../pack/load.js';
import type { Rule } from '../pack/schema.js';
import { NEGATORS, phraseStems } from './normalize.js';
import { KNOWN_RELATIONSHIPS, type KnownRelationship } from './topics.js';

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

export interface CompiledPack {
  pack: Pack;
  phrases: readonly CompiledPhrase[];
  /** First stem → ids of the phrases that start with it. */
  index: ReadonlyMap<string, readonly number[]>;
  signals: readonly CompiledSignal[];
  rules: readonly CompiledRule[];
  relationships: ReadonlyArray<{ relationship: KnownRelationship; signals: readonly number[] }>;
  vocabulary: ReadonlySet<string>;
  /** SymSpell-style index of one-letter deletions, for typo-tolerant lookups. */
  deletions: ReadonlyMap<string, string>;
}

export const TYPO_MIN_LENGTH = 6;

export function deletionsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

export function compilePack(pack: Pack): CompiledPack {
  const phrases: CompiledPhrase[] = [];
  const phraseKey = new Map<string, number>();
  const signals: CompiledSignal[] = [];
  const signalKey = new Map<string, number>();
  const index = new Map<string, number[]>();

  const addPhrase = (source: string, negatable: boolean): number | undefined => {
    let stems = phraseStems(source);
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
    const first = stems[0] as string;
    const list = index.get(first);
    if (list) list.push(id);
    else index.set(first, [id]);
    return id;
  };

  const signalOf = (signal: string): number => {
    const existing = signalKey.get(signal);
    if (existing !== undefined) return existing;
    let ids: number[];
    if (signal.startsWith('@')) {
      const concept = pack.concepts.get(signal.slice(1));
      ids = (concept?.phrases ?? [])
        .map((p) => addPhrase(p, concept?.negatable ?? true))
        .filter((id) => id !== undefined);
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

  const vocabulary = new Set<string>();
  for (const phrase of phrases) for (const stem of phrase.stems) if (stem !== '*') vocabulary.add(stem);
  const deletions = new Map<string, string>();
  for (const word of vocabulary) {
    if (word.length < TYPO_MIN_LENGTH) continue;
    for (const variant of deletionsOf(word))
      if (!vocabulary.has(variant) && !deletions.has(variant)) deletions.set(variant, word);
  }

  return { pack, phrases, index, signals, rules, relationships, vocabulary, deletions };
}
