import { stemmer } from 'stemmer';

/**
 * Text normalisation shared by pack compilation and question matching, so a phrase in a pack
 * and the same words in a question always reduce to the same token sequence.
 */

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
const IRREGULAR: Readonly<Record<string, string>> = {
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

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const CLAUSE_BREAK = /[.!?;:,()\n\u2026\u2014]/;

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
 * Stems one folded word. Only words whose stem is known pack vocabulary are cached, so the
 * cache never holds words that came only from someone's question.
 */
const MAX_STEMMED_LENGTH = 40;

export function stemWord(word: string, vocabulary?: ReadonlySet<string>): string {
  // No English word is this long; a long run of letters (CJK script, a pasted token) is kept
  // whole rather than fed through the stemmer's regexes.
  if (word.length > MAX_STEMMED_LENGTH) return word;
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const irregular = IRREGULAR[word];
  const stem = stemmer(irregular ?? word);
  if (vocabulary?.has(stem) && stemCache.size < STEM_CACHE_MAX) stemCache.set(word, stem);
  return stem;
}

/** Splits text into stemmed tokens with clause numbers. */
export function tokenize(text: string, vocabulary?: ReadonlySet<string>): Token[] {
  const folded = fold(text);
  const tokens: Token[] = [];
  let clause = 0;
  let last = 0;
  WORD.lastIndex = 0;
  for (let match = WORD.exec(folded); match !== null; match = WORD.exec(folded)) {
    if (match.index > last && CLAUSE_BREAK.test(folded.slice(last, match.index))) clause++;
    last = match.index + match[0].length;
    const raw = match[0].replace(/'/g, '');
    const expanded = BARE_CONTRACTIONS[raw];
    if (expanded !== undefined) {
      for (const part of expanded.split(' ')) tokens.push({ stem: stemWord(part, vocabulary), clause });
      continue;
    }
    tokens.push({ stem: stemWord(raw, vocabulary), clause });
  }
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
