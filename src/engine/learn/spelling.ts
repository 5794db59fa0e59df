/**
 * One-edit typo correction against the pack's own vocabulary, SymSpell style: every word the
 * pack's examples use, and each of its one-letter deletions, point back to it. A longer word
 * a question brings that the pack never uses is read as the pack word one edit away (a letter
 * dropped, added, changed or two swapped), the most frequent when several are. Nothing of the
 * question is kept: the index holds pack words only.
 */
export interface Speller {
  correct(word: string): string;
}

/** Shorter words are left alone: one edit turns too many short words into others. */
const MIN_LENGTH = 6;

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

export function createSpeller(counts: ReadonlyMap<string, number>): Speller {
  const index = new Map<string, string>();
  const better = (a: string | undefined, b: string) =>
    a === undefined || (counts.get(b) ?? 0) > (counts.get(a) ?? 0) ? b : a;
  for (const word of counts.keys()) {
    if (word.length < MIN_LENGTH - 1 || /\d/.test(word)) continue;
    index.set(word, better(index.get(word), word));
    for (const d of deletions(word)) index.set(d, better(index.get(d), word));
  }
  return {
    correct(word) {
      if (word.length < MIN_LENGTH || counts.has(word) || /\d/.test(word)) return word;
      // A letter added (the word less one letter is a pack word), or any one edit that a
      // deletion of both sides meets.
      let best: string | undefined = index.get(word);
      for (const d of deletions(word)) {
        const hit = index.get(d);
        if (hit !== undefined) best = best === undefined ? hit : better(best, hit);
      }
      return best ?? word;
    },
  };
}
