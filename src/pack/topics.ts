/**
 * The fixed ids that other code, analytics and evaluation rely on. Packs may not add topics:
 * a new topic would silently fall outside every report and every Slack menu.
 */
export const TOPICS = [
  'dating-customers',
  'dating-coworkers',
  'boundaries',
  'harassment-and-safety',
  'discretion',
  'contact-details-and-social-media',
  'gifts-and-favors',
  'customer-rapport',
  'out-of-scope',
] as const;
export type Topic = (typeof TOPICS)[number];

export const RELATIONSHIPS = [
  'customer',
  'coworker',
  'manager',
  'direct-report',
  'vendor',
  'unknown',
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];
export type KnownRelationship = Exclude<Relationship, 'unknown'>;
export const KNOWN_RELATIONSHIPS = RELATIONSHIPS.filter((r): r is KnownRelationship => r !== 'unknown');

/** Reminders every pack must define; romance rules must carry both. */
export const REQUIRED_REMINDERS = ['boundary-respect', 'discretion'] as const;

export function isTopic(value: unknown): value is Topic {
  return typeof value === 'string' && (TOPICS as readonly string[]).includes(value);
}

export function isRelationship(value: unknown): value is Relationship {
  return typeof value === 'string' && (RELATIONSHIPS as readonly string[]).includes(value);
}

/** Questions about the app itself, answered by the pack's own cards and learnt like topics. */
export const INTENTS = ['app-privacy', 'help'] as const;
export type Intent = (typeof INTENTS)[number];
/** What the learned ranker tells apart: every topic and every intent. */
export const LABELS = [...TOPICS, ...INTENTS] as const;
export type Label = (typeof LABELS)[number];

/** Who the asker is in the story, so reminders reach the right person. */
export const ASKERS = ['pursuer', 'pursued', 'bystander', 'manager', 'other'] as const;
export type Asker = (typeof ASKERS)[number];

export const isIntent = (value: unknown): value is Intent =>
  typeof value === 'string' && (INTENTS as readonly string[]).includes(value);
