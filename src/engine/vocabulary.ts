import type { Pack } from '../pack/load.js';
import { normaliseText, sentencesOf } from './learn/text.js';

/**
 * The pack's own words and how often its examples use them: what typo correction corrects
 * towards, what the language check counts as English, and the only words whose stems and
 * features are ever kept. The safety layer's and the relationship phrases' words are included,
 * so a correction never turns one of them into another word. Computed at build time and kept
 * in the model artifact, so the app does not read every example at start.
 */
export function vocabularyOf(pack: Pack): Map<string, number> {
  const counts = new Map<string, number>();
  const count = (text: string) => {
    for (const s of sentencesOf(normaliseText(text)))
      for (const w of s.words) counts.set(w, (counts.get(w) ?? 0) + 1);
  };
  for (const e of pack.examples) count(e.text);
  for (const phrase of [
    ...Object.values(pack.safety.groups).flat(),
    ...pack.safety.guards,
    ...Object.values(pack.meta.relationships).flatMap((p) => p ?? []),
    ...(pack.meta.romance ?? []),
  ])
    count(phrase);
  return counts;
}
