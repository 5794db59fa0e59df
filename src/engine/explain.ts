import type { Pack } from '../pack/load.js';
import { KNOWN_RELATIONSHIPS, TOPICS } from '../pack/topics.js';

/**
 * "Why this answer", as ids that can travel in a button and words from the pack. A reason is
 * `t:<topic>`, `r:<relationship>`, `f:<safety frame id>` or `s:<special>`: never the question's
 * own words, so the app stays stateless and no word of a question reaches an answer.
 */
export const REASON_PATTERN = /^[trfs]:[a-z0-9][a-z0-9-]{0,62}$/;
export const MAX_REASONS = 6;

const SPECIALS = ['app-privacy', 'help', 'other-language', 'emoji-only'] as const;

/** One reason in the pack's words, or undefined for an id this pack does not know. */
export function reasonText(pack: Pack, reason: string): string | undefined {
  const kind = reason.slice(0, 1);
  const id = reason.slice(2);
  const explain = pack.meta.explain;
  if (kind === 't')
    return (TOPICS as readonly string[]).includes(id) ? explain.topics[id as never] : undefined;
  if (kind === 'r')
    return (KNOWN_RELATIONSHIPS as readonly string[]).includes(id)
      ? explain.relationships[id as never]
      : undefined;
  if (kind === 's')
    return (SPECIALS as readonly string[]).includes(id) ? explain.special[id as never] : undefined;
  if (kind === 'f') return pack.safety?.frames.find((f) => f.id === id)?.explain;
  return undefined;
}

/** The reasons as one sentence: "It mentions …; the other person seems to …." */
export function reasonsText(pack: Pack, reasons: readonly string[]): string {
  const texts = [...new Set(reasons.flatMap((r) => reasonText(pack, r) ?? []))];
  const joined = texts.join('; ');
  return joined ? `${joined.charAt(0).toUpperCase()}${joined.slice(1)}.` : '';
}
