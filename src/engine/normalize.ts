import { stemmer } from 'stemmer';

/**
 * Text normalisation shared by pack compilation and question matching, so a phrase in a pack
 * and the same words in a question always reduce to the same token sequence.
 */

/**
 * Bump when a change here gives any word a different stem: pack snapshots store phrase stems
 * built with this version, and ignore them when it differs (test/engine/normalize.test.ts pins
 * the stems of every pack word, so a change cannot slip by unnoticed).
 */
export const NORMALIZE_VERSION = 1;

export interface Token {
  /** Stemmed form, the unit of matching. */
  stem: string;
  /** Clause number: negation never reaches across a sentence or comma boundary. */
  clause: number;
}

// Whole-word contractions first, so "can't" is not caught by the generic "n't" rule as "ca not".
const WHOLE_CONTRACTIONS: Readonly<Record<string, string>> = {
  "won't": 'will not',
  "can't": 'can not',
  cannot: 'can not',
  "shan't": 'shall not',
  "ain't": 'is not',
  "i'm": 'i am',
  "let's": 'let us',
};
const SUFFIX_CONTRACTIONS: Readonly<Record<string, string>> = {
  "n't": ' not',
  "'re": ' are',
  "'ve": ' have',
  "'ll": ' will',
  "'d": ' would',
  "'s": '',
};
// One pass instead of one regex per contraction: matching runs on every question.
const CONTRACTION = /\b(?:won't|can't|cannot|shan't|ain't|i'm|let's)\b|(?:n't|'re|'ve|'ll|'d|'s)\b/g;
const expandContraction = (match: string): string =>
  WHOLE_CONTRACTIONS[match] ?? SUFFIX_CONTRACTIONS[match] ?? match;

// Common apostrophe-less spellings people type on phones.
const BARE_CONTRACTIONS: Readonly<Record<string, string>> = {
  dont: 'do not',
  doesnt: 'does not',
  didnt: 'did not',
  cant: 'can not',
  wont: 'will not',
  isnt: 'is not',
  wasnt: 'was not',
  arent: 'are not',
  werent: 'were not',
  havent: 'have not',
  hasnt: 'has not',
  wouldnt: 'would not',
  shouldnt: 'should not',
  couldnt: 'could not',
  im: 'i am',
  ive: 'i have',
};

export const NEGATORS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'nobodi',
  'neither',
  'nor',
  'without',
]);

// Irregular forms the Porter stemmer leaves apart but people use interchangeably.
const IRREGULAR_FORMS: Readonly<Record<string, string>> = {
  men: 'man',
  women: 'woman',
  wives: 'wife',
  children: 'child',
  people: 'person',
  felt: 'feel',
  gave: 'give',
  given: 'give',
  took: 'take',
  taken: 'take',
  went: 'go',
  gone: 'go',
  made: 'make',
  kept: 'keep',
  left: 'leave',
  met: 'meet',
  saw: 'see',
  seen: 'see',
  got: 'get',
  gotten: 'get',
  bought: 'buy',
  thought: 'think',
  sent: 'send',
  knew: 'know',
  known: 'know',
  fell: 'fall',
  fallen: 'fall',
  hit: 'hit',
  asked: 'ask',
  texting: 'text',
  texted: 'text',
  texts: 'text',
  'e-mail': 'email',
  emails: 'email',
  emailed: 'email',
  bf: 'boyfriend',
  gf: 'girlfriend',
  cowork: 'cowork',
  workmate: 'cowork',
  workmates: 'cowork',
};

// Maps, not objects: a question may contain "constructor" or "__proto__".
const IRREGULAR: ReadonlyMap<string, string> = new Map(Object.entries(IRREGULAR_FORMS));

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Lower-cases and folds the typographic variants a phone keyboard produces. */
export function fold(text: string): string {
  let out = text.normalize('NFKC').toLowerCase();
  out = out.replace(/[\u2018\u2019\u02bc`´]/g, "'");
  // "$50", "£20 note": an amount of money is a signal in itself ("money 50").
  if (/[$£€¥]/.test(out)) out = out.replace(/[$£€¥]\s?(?=\d)/g, ' money ');
  // "co-worker", "e-mail", "self-harm": one word either way it is typed.
  if (out.includes('-')) out = out.replace(/(\p{L})-(?=\p{L})/gu, '$1');
  if (out.includes("'") || out.includes('cannot')) out = out.replace(CONTRACTION, expandContraction);
  return out;
}

const stemCache = new Map<string, string>();
const STEM_CACHE_MAX = 20_000;

/**
 * Everyday words most questions are made of. Their stems are worked out once at start, so a
 * question's filler costs a lookup, not a run of the stemmer. A fixed list written here: the
 * cache never learns words from questions.
 */
const COMMON_WORDS = `i me my mine myself we us our you your he him his she her hers they them their it its
  the a an and or but so if then than when while that this these those there here what which who whom
  whose why how is am are was were be been being have has had do does did done can could would should
  will shall may might must just really very quite about with without for from to of in on at by as
  into onto over under after before since because until again also even still only ever never always
  sometimes often maybe probably sure ok okay yes no not all any some each every other another such
  same own more most much many lot lots little few one two three first last next new old good bad
  great nice right wrong well too up down out off back now today yesterday tomorrow week day days
  time times thing things way someone something anyone anything everyone everything nobody nothing
  think know want need like feel felt said say says told tell asked ask get got go going went come
  came make made take took see saw look let put give gave keep kept seem seems try tried use used
  work job team shift office store desk meeting lunch break morning evening night weekend month year
  role person people guy girl man woman friend friends kind sort bit really actually just though`;

/** Stems one folded word with no cache (pack compilation, and the common-word table). */
function stemUncached(word: string): string {
  return stemmer(IRREGULAR.get(word) ?? word);
}

export const COMMON_WORD_LIST: readonly string[] = COMMON_WORDS.split(/\s+/).filter(Boolean);
const commonStems = new Map<string, string>(COMMON_WORD_LIST.map((word) => [word, stemUncached(word)]));

/**
 * Stems one folded word. Only words whose stem is known pack vocabulary are cached, so the
 * cache never holds words that came only from someone's question.
 */
const MAX_STEMMED_LENGTH = 40;

export function stemWord(word: string, vocabulary?: ReadonlySet<string>): string {
  // No English word is this long; a long run of letters (CJK script, a pasted token) is kept
  // whole rather than fed through the stemmer's regexes.
  if (word.length > MAX_STEMMED_LENGTH) return word;
  const common = commonStems.get(word);
  if (common !== undefined) return common;
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const stem = stemUncached(word);
  if (vocabulary?.has(stem) && stemCache.size < STEM_CACHE_MAX) stemCache.set(word, stem);
  return stem;
}

const BARE_CONTRACTION_PARTS = new Map(
  Object.entries(BARE_CONTRACTIONS).map(([word, expanded]) => [word, expanded.split(' ')]),
);

/** True when text[from, to) holds a character that ends a clause: . ! ? ; : , ( ) newline … — */
function breaksClause(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    switch (text.charCodeAt(i)) {
      case 46: // .
      case 33: // !
      case 63: // ?
      case 59: // ;
      case 58: // :
      case 44: // ,
      case 40: // (
      case 41: // )
      case 10: // \n
      case 0x2026: // …
      case 0x2014: // —
        return true;
    }
  }
  return false;
}

/** Only these words can be apostrophe-less contractions: ending in "nt", or "im", "ive". */
const mayBeBareContraction = (word: string) =>
  (word.length > 3 && word.charCodeAt(word.length - 1) === 116 && word.charCodeAt(word.length - 2) === 110) ||
  word === 'im' ||
  word === 'ive';

/**
 * The matching hot path: folded words (contractions expanded) and clause numbers into
 * caller-owned arrays, reused across questions, so a question allocates no token objects.
 * Returns the number of words.
 */
export function wordsInto(text: string, words: string[], clauses: number[]): number {
  const folded = fold(text);
  let n = 0;
  let clause = 0;
  let last = 0;
  WORD.lastIndex = 0;
  for (let match = WORD.exec(folded); match !== null; match = WORD.exec(folded)) {
    const word = match[0];
    if (match.index > last && breaksClause(folded, last, match.index)) clause++;
    last = match.index + word.length;
    const raw = word.includes("'") ? word.replace(/'/g, '') : word;
    const parts = mayBeBareContraction(raw) ? BARE_CONTRACTION_PARTS.get(raw) : undefined;
    if (parts !== undefined) {
      for (const part of parts) {
        words[n] = part;
        clauses[n++] = clause;
      }
      continue;
    }
    words[n] = raw;
    clauses[n++] = clause;
  }
  return n;
}

/** Splits text into stemmed tokens with clause numbers. */
export function tokenize(text: string, vocabulary?: ReadonlySet<string>): Token[] {
  const words: string[] = [];
  const clauses: number[] = [];
  const n = wordsInto(text, words, clauses);
  const tokens: Token[] = [];
  for (let i = 0; i < n; i++)
    tokens.push({ stem: stemWord(words[i] as string, vocabulary), clause: clauses[i] as number });
  return tokens;
}

/** Stems of a pack phrase; `*` stays as a wildcard for 0 to 2 words. */
export function phraseStems(phrase: string): string[] {
  const parts: string[] = [];
  for (const piece of fold(phrase).split(/\s+/)) {
    if (piece === '*') {
      parts.push('*');
      continue;
    }
    for (const token of tokenize(piece)) parts.push(token.stem);
  }
  return parts;
}
