import { franc } from 'franc-min';

/**
 * Is this English? The engine reads English for now; a question in another language gets a
 * short note and the contacts instead of a guess. franc-min is unreliable on a few words, so it
 * decides only when English function words are rare too.
 */
const COMMON_LANGUAGES = [
  'eng',
  'spa',
  'fra',
  'deu',
  'por',
  'ita',
  'nld',
  'pol',
  'tur',
  'rus',
  'ukr',
  'arb',
  'hin',
  'cmn',
  'jpn',
  'kor',
  'vie',
  'ind',
  'tgl',
  'ron',
  'swe',
];
const ENGLISH = new Set(
  'i my mine you your he him his she her they them their we us our it its the and or but if to of at for with from by about is am are was were be been do does did have has had not can could will would should what how why when who this that there here just like ok okay please thanks'.split(
    ' ',
  ),
);

/** How much of a long text the detector reads. */
const DETECT_CHARS = 2_000;

const NOT_LETTER = /\P{L}/gu;
const NOT_LATIN = /\P{Script=Latin}/gu;

/** Code points in a string (a letter outside the Basic Multilingual Plane is one, not two). */
function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/** Share of words that must be known English (the pack's own examples) to skip the detector. */
const KNOWN_SHARE = 0.6;

/**
 * `vocabulary`: words of the pack's own (English) examples. A question mostly in those words is
 * English whatever a detector makes of a few of them ("a client gave me a gift").
 */
export function isEnglish(
  words: readonly string[],
  text: string,
  vocabulary: ReadonlySet<string> = new Set(),
): boolean {
  // Scripts without Latin letters (CJK, Cyrillic, Arabic…) are not English, however short.
  const letters = codePoints(text.replace(NOT_LETTER, ''));
  const latin = codePoints(text.replace(NOT_LATIN, ''));
  if (letters >= 4 && latin / letters < 0.5) return false;
  if (words.length < 4) return true;
  if (words.filter((w) => vocabulary.has(w)).length / words.length >= KNOWN_SHARE) return true;
  const english = words.filter((w) => ENGLISH.has(w)).length / words.length;
  if (english >= 0.12) return true;
  const guess = franc(text.slice(0, DETECT_CHARS), { only: COMMON_LANGUAGES, minLength: 10 });
  return guess === 'eng' || guess === 'und';
}
