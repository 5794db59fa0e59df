import type { SafetyFile } from './schema.js';

/**
 * What a reviewer of safety.yaml should know: a phrase listed twice in a group, and a phrase that
 * a wildcard phrase of the same group already covers. Plain word comparison: no engine needed.
 */
export function safetyLint(safety: SafetyFile): string[] {
  const out: string[] = [];
  const words = (phrase: string) => phrase.toLowerCase().trim().split(/\s+/);
  const covers = (pattern: string[], phrase: string[]) =>
    pattern.includes('*') &&
    pattern.length === phrase.length &&
    pattern.every((w, i) => w === '*' || w === phrase[i]) &&
    pattern.join(' ') !== phrase.join(' ');
  for (const [group, phrases] of Object.entries(safety.groups)) {
    const seen = new Set<string>();
    for (const phrase of phrases) {
      const key = words(phrase).join(' ');
      if (seen.has(key)) out.push(`group "${group}" lists "${phrase}" twice`);
      seen.add(key);
    }
    for (const phrase of phrases)
      for (const other of phrases)
        if (covers(words(other), words(phrase)))
          out.push(`group "${group}": "${phrase}" is already covered by "${other}"`);
  }
  return out;
}
