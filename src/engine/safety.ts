import { normaliseText, type Sentence, sentencesOf, stemOf } from './learn/text.js';

/**
 * The safety layer: short, reviewed frames that decide escalation before any topic, matched by
 * word groups in any order within a sentence or two, after idiom guards have masked figurative
 * uses ("career suicide", "killing it"). Pure: the pack's safety.yaml in, frames that fired out.
 */
export interface SafetyFrameSpec {
  id: string;
  kind: string;
  /** Every one of these groups must appear in the window… */
  all: readonly string[];
  /** …and at least one of these, when given. */
  any: readonly string[];
  /** None of these may appear in the window ("he took it well"). */
  unless: readonly string[];
  /** Sentences a frame may span. */
  window: number;
  urgent: boolean;
  rule?: string | undefined;
  /** Plain words for "why this answer", written for the person asking. */
  explain: string;
}

export interface SafetySpec {
  groups: Readonly<Record<string, readonly string[]>>;
  frames: readonly SafetyFrameSpec[];
  guards: readonly string[];
  /** Groups whose words mean the question is never out of scope. */
  keepInScope: readonly string[];
}

export interface SafetyHit {
  id: string;
  kind: string;
  urgent: boolean;
  rule?: string | undefined;
  explain: string;
}

export type Pattern = readonly string[];
const WILDCARD = '*';

/** A phrase's tokens: `*` anywhere is one word of any kind; other tokens as the engine reads them. */
function tokensOf(phrase: string, stem: boolean): Pattern {
  const tokens = normaliseText(phrase)
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((token) =>
      token === WILDCARD
        ? [WILDCARD]
        : sentencesOf(token).flatMap((s) => s.words.map((w) => (stem ? stemOf(w) : w))),
    );
  // A phrase of wildcards alone would match every word: it matches nothing (the linter says so).
  return tokens.every((t) => t === WILDCARD) ? [] : tokens;
}

/** A group phrase: matched by stem, so "touch" covers touches, touched, touching. */
export function patternOf(phrase: string): Pattern {
  return tokensOf(phrase, true);
}

export interface CompiledSafety {
  spec: SafetySpec;
  groups: ReadonlyMap<string, readonly Pattern[]>;
  guards: readonly Pattern[];
  /** Patterns by their first stem (wildcard-first ones under "*"): a word looks up only its own. */
  groupIndex: ReadonlyMap<string, ReadonlyArray<readonly [string, Pattern]>>;
  guardIndex: ReadonlyMap<string, readonly Pattern[]>;
}

function indexByFirst<T>(entries: ReadonlyArray<readonly [Pattern, T]>): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const [pattern, value] of entries) {
    const first = pattern[0];
    if (first === undefined) continue;
    const list = index.get(first) ?? [];
    list.push(value);
    index.set(first, list);
  }
  return index;
}

export function compileSafety(spec: SafetySpec): CompiledSafety {
  const groups = new Map<string, Pattern[]>();
  for (const [name, phrases] of Object.entries(spec.groups)) groups.set(name, phrases.map(patternOf));
  // Guards match the words as written, not stems: "killing me" is an idiom, "kill me" is not.
  const guards = spec.guards.map((g) => tokensOf(g, false));
  return {
    spec,
    groups,
    guards,
    groupIndex: indexByFirst(
      [...groups].flatMap(([name, patterns]) => patterns.map((p) => [p, [name, p] as const] as const)),
    ),
    guardIndex: indexByFirst(guards.map((g) => [g, g] as const)),
  };
}

/** Where `pattern` matches `stems` from position `at`; `*` takes any one word. */
function matchesAt(stems: readonly string[], pattern: Pattern, at: number): boolean {
  if (at + pattern.length > stems.length) return false;
  for (let k = 0; k < pattern.length; k++) {
    const p = pattern[k] as string;
    const s = stems[at + k] as string;
    if (s === '' || (p !== WILDCARD && p !== s)) return false;
  }
  return true;
}

export function contains(stems: readonly string[], pattern: Pattern): boolean {
  if (pattern.length === 0) return false;
  for (let at = 0; at < stems.length; at++) if (matchesAt(stems, pattern, at)) return true;
  return false;
}

/**
 * Stems of each sentence, with idiom guards masked out (a masked word matches nothing). A guard
 * is not applied where a safety phrase overlaps it and reaches beyond it: "to die for" is an
 * idiom, but not inside "I want to die for real".
 */
export function guardedSentences(compiled: CompiledSafety, text: string | readonly Sentence[]): string[][] {
  const wild = compiled.guardIndex.get(WILDCARD) ?? [];
  const sentences = typeof text === 'string' ? sentencesOf(normaliseText(text)) : text;
  return sentences.map(({ words }) => {
    const stems = words.map(stemOf);
    const spans = phraseSpans(compiled, stems);
    for (let at = 0; at < words.length; at++)
      for (const guard of [...(compiled.guardIndex.get(words[at] as string) ?? []), ...wild]) {
        if (!matchesAt(words, guard, at)) continue;
        const end = at + guard.length;
        const crossed = spans.some(([s, e]) => s < end && e > at && (s < at || e > end));
        if (!crossed) for (let k = at; k < end; k++) stems[k] = '';
      }
    return stems;
  });
}

/** Where safety phrases match in a sentence's stems, as [start, end) spans. */
function phraseSpans(compiled: CompiledSafety, stems: readonly string[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const wild = compiled.groupIndex.get(WILDCARD) ?? [];
  for (let at = 0; at < stems.length; at++)
    for (const list of [compiled.groupIndex.get(stems[at] as string), wild])
      if (list)
        for (const [, pattern] of list)
          if (matchesAt(stems, pattern, at)) spans.push([at, at + pattern.length]);
  return spans;
}

/** The word groups present in one sentence's stems. */
function groupsOf(compiled: CompiledSafety, stems: readonly string[]): Set<string> {
  const found = new Set<string>();
  const wild = compiled.groupIndex.get(WILDCARD) ?? [];
  for (let at = 0; at < stems.length; at++) {
    const stem = stems[at] as string;
    if (stem === '') continue;
    for (const list of [compiled.groupIndex.get(stem), wild])
      if (list)
        for (const [name, pattern] of list)
          if (!found.has(name) && matchesAt(stems, pattern, at)) found.add(name);
  }
  return found;
}

export interface SafetyReading {
  hits: SafetyHit[];
  /** Words of a keep-in-scope group appeared: never the out-of-scope card. */
  keepInScope: boolean;
  /** Every word group that appeared in some sentence, by name. */
  groups: string[];
}

/** What the safety layer saw, as features for the learned ranker. */
export function signalsOf(reading: SafetyReading): string[] {
  return [...reading.hits.map((h) => `frame ${h.kind}`), ...reading.groups.map((g) => `group ${g}`)];
}

/** `text`, or its sentences when the caller has read them already. */
export function readSafety(compiled: CompiledSafety, text: string | readonly Sentence[]): SafetyReading {
  // No pattern spans two sentences, so a window's groups are the union of its sentences'.
  const perSentence = guardedSentences(compiled, text).map((stems) => groupsOf(compiled, stems));
  const fired = new Map<string, SafetyHit>();
  const seen = new Set<string>();
  for (const groups of perSentence) for (const name of groups) seen.add(name);
  for (let i = 0; i < perSentence.length; i++) {
    for (const frame of compiled.spec.frames) {
      if (fired.has(frame.id)) continue;
      const present = new Set<string>();
      for (let span = 1; span <= frame.window && i + span <= perSentence.length; span++) {
        for (const name of perSentence[i + span - 1] as Set<string>) present.add(name);
        const ok =
          frame.all.every((g) => present.has(g)) &&
          (frame.any.length === 0 || frame.any.some((g) => present.has(g))) &&
          !frame.unless.some((g) => present.has(g));
        if (ok) {
          fired.set(frame.id, {
            id: frame.id,
            kind: frame.kind,
            urgent: frame.urgent,
            rule: frame.rule,
            explain: frame.explain,
          });
          break;
        }
      }
    }
  }
  return {
    hits: [...fired.values()],
    keepInScope: compiled.spec.keepInScope.some((g) => seen.has(g)),
    groups: [...seen].sort(),
  };
}
