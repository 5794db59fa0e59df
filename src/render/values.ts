import { z } from 'zod';
import { MAX_REASONS, REASON_PATTERN } from '../engine/explain.js';
import { ASKERS, KNOWN_RELATIONSHIPS, TOPICS } from '../pack/topics.js';
import { SLACK_LIMITS } from './limits.js';

/**
 * State that travels through Slack in a button's `value` or a view's `private_metadata`:
 * only ids from the pack, never the question text, so the app can stay stateless.
 */
const ruleId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);

export const buttonValueSchema = z
  .object({
    t: z.enum(TOPICS).optional(),
    r: ruleId.optional(),
    w: z.enum(KNOWN_RELATIONSHIPS).optional(),
    /** Feedback: 1 helpful, 0 not relevant. */
    f: z.union([z.literal(0), z.literal(1)]).optional(),
    /** A contact button without a link: which contact, and whether the urgent lines apply. */
    k: z.enum(['emergency', 'eap', 'hr', 'reporting', 'ethics']).optional(),
    u: z.literal(1).optional(),
    /** Who the asker is in the story, so a rebuilt answer keeps its reminders' wording. */
    a: z.enum(ASKERS).optional(),
    /** "Why this answer", as pack ids (never the question's words). */
    y: z.array(z.string().regex(REASON_PATTERN)).max(MAX_REASONS).optional(),
    /** The answer's state when the button was drawn: why shown (x), feedback given (d). */
    x: z.literal(1).optional(),
    d: z.literal(1).optional(),
  })
  .strict();
export type ButtonValue = z.infer<typeof buttonValueSchema>;

/**
 * What a modal carries between steps: ids only. The message shortcut's modal holds what the
 * engine made of the message (rule, topic, whether it escalates), never the message.
 */
export const viewMetadataSchema = z
  .object({
    /** Where the modal was opened from. */
    s: z.enum(['shortcut', 'card', 'home', 'answer', 'message']).optional(),
    r: ruleId.optional(),
    t: z.enum(TOPICS).optional(),
    w: z.enum(KNOWN_RELATIONSHIPS).optional(),
    e: z.literal(1).optional(),
    u: z.literal(1).optional(),
    a: z.enum(ASKERS).optional(),
    y: z.array(z.string().regex(REASON_PATTERN)).max(MAX_REASONS).optional(),
  })
  .strict();
export type ViewMetadata = z.infer<typeof viewMetadataSchema>;

export function encodeValue(value: ButtonValue): string {
  const text = JSON.stringify(value);
  if (text.length > SLACK_LIMITS.buttonValue) throw new RangeError('button value over Slack limit');
  return text;
}

/** Parses a value that came back from Slack; anything unexpected yields undefined. */
export function decodeValue(raw: unknown): ButtonValue | undefined {
  if (typeof raw !== 'string' || raw.length > SLACK_LIMITS.buttonValue) return undefined;
  try {
    const parsed = buttonValueSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function encodeMetadata(value: ViewMetadata): string {
  const text = JSON.stringify(value);
  if (text.length > SLACK_LIMITS.privateMetadata) throw new RangeError('metadata over Slack limit');
  return text;
}

export function decodeMetadata(raw: unknown): ViewMetadata {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > SLACK_LIMITS.privateMetadata) return {};
  try {
    const parsed = viewMetadataSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
