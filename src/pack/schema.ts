import { z } from 'zod';
import { ASKERS, KNOWN_RELATIONSHIPS, LABELS, TOPICS } from './topics.js';

/**
 * The policy-pack format. Limits mirror what fits in one Slack section and what a person
 * reads on a phone; they are enforced here so a pack that loads always renders.
 */
export const LIMITS = {
  summary: 280,
  step: 300,
  /** A phone screen holds three steps; validate-pack refuses more, so nothing is cut silently. */
  maxSteps: 3,
  script: 500,
  title: 120,
  reminderText: 400,
  notice: 300,
  signal: 80,
  example: 2_000,
  topicLabel: 60,
  overview: 240,
  footerWords: 25,
} as const;

/** Words as a person counts them: runs of letters or digits, punctuation aside. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and dashes (at most 63)');
const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const url = z.string().url('must be a full URL (https://…)');

export const topicSchema = z.enum(TOPICS, { message: `must be one of: ${TOPICS.join(', ')}` });
export const relationshipSchema = z.enum(KNOWN_RELATIONSHIPS, {
  message: `must be one of: ${KNOWN_RELATIONSHIPS.join(', ')}`,
});

/** A phrase the engine matches in a question (relationships, romance): words, not concept names. */
const matchPhrase = z
  .string()
  .min(1)
  .max(LIMITS.signal)
  .refine((p) => !p.startsWith('@'), {
    message: 'concepts ("@name") are gone since the engine learns from examples: write the words themselves',
  });

export const packMetaSchema = z
  .object({
    name: text(80),
    version: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/, 'must be a semantic version like 1.2.0'),
    language: z.string().regex(/^[a-z]{2}(?:-[A-Z]{2})?$/, 'must be a language tag like en or en-GB'),
    description: text(500).optional(),
    /** `default` or a folder path: this pack adds to (and overrides by id) that pack. */
    extends: z.string().min(1).optional(),
    /** Below this confidence the answer is the out-of-scope one. */
    outOfScopeThreshold: z.number().min(0).max(1).default(0.4),
    /** Where employees read everything the app reads, sends and keeps (App Home links it). */
    privacyUrl: url.optional(),
    /** Topics offered on a pinned card when HR names none. */
    defaultMenu: z.array(topicSchema).min(1).max(8).optional(),
    notices: z
      .object({
        notReporting: text(LIMITS.notice).optional(),
        notLegalAdvice: text(LIMITS.notice).optional(),
        /**
         * The only words a notification shows (a lock screen, next to the person's name): every
         * message's text and its first block. Neutral: it names no topic.
         */
        notification: text(80).optional(),
        /** The first line of every escalating answer: it believes, validates, and says nobody was told. */
        escalationOpening: text(LIMITS.notice).optional(),
        /**
         * The one context line under every answer: the two notices in a few words. With the
         * pack's name and version it stays within 25 words (checked when the pack loads).
         */
        footer: text(160).optional(),
      })
      .strict()
      .default({}),
    /**
     * What each topic's button opens: its name, a two-line overview, and 3–5 common questions
     * (rule ids of that topic), plus the topics offered beside its answers.
     */
    topics: z
      .partialRecord(
        topicSchema,
        z
          .object({
            label: text(LIMITS.topicLabel).optional(),
            overview: text(LIMITS.overview).optional(),
            questions: z.array(id).min(1).max(5).optional(),
            related: z.array(topicSchema).max(4).optional(),
          })
          .strict(),
      )
      .default({}),
    /** Who-is-it detection: relationship → phrases; the one with most phrases present wins. */
    relationships: z.partialRecord(relationshipSchema, z.array(matchPhrase).min(1)).default({}),
    /**
     * Words of romantic interest ("ask * out", "crush"). A question with one of them whose other
     * person is someone the asker serves (the `customer` relationship), and that the ranker reads
     * as dating a coworker or as rapport, is about dating a customer: the public record has few
     * such questions to learn from. Optional; the upper layer's list replaces the lower one's.
     */
    romance: z.array(matchPhrase).optional(),
    /**
     * "Why this answer", in plain words for the person asking: what the engine noticed about the
     * topic and the other person. Never the question's own words.
     */
    explain: z
      .object({
        topics: z.partialRecord(topicSchema, text(200)).default({}),
        relationships: z.partialRecord(relationshipSchema, text(200)).default({}),
        special: z
          .partialRecord(z.enum(['app-privacy', 'help', 'other-language', 'emoji-only']), text(200))
          .default({}),
      })
      .strict()
      .default({ topics: {}, relationships: {}, special: {} }),
  })
  .strict();

const contact = z
  .object({
    label: text(80),
    url: url.optional(),
    email: z.string().email('must be an email address').optional(),
    phone: z
      .string()
      .regex(/^[+\d][\d\s().-]{1,30}$/, 'must be a phone number')
      .optional(),
    slack: z
      .string()
      .regex(/^[#@][\w.-]{1,80}$/, 'must be #channel or @handle')
      .optional(),
    note: text(200).optional(),
  })
  .strict();
export type Contact = z.infer<typeof contact>;

const policyLink = z
  .object({
    title: text(LIMITS.title),
    section: text(80).optional(),
    url: url.optional(),
  })
  .strict();
export type PolicyLink = z.infer<typeof policyLink>;

export const organisationSchema = z
  .object({
    name: text(80).optional(),
    hrContact: contact.optional(),
    reporting: contact.optional(),
    ethicsLine: contact.optional(),
    emergency: contact.optional(),
    eap: contact.optional(),
    policyLinks: z.array(policyLink).max(20).default([]),
  })
  .strict();

/** The sides of a story a reminder can be worded for; any other asker reads the base text. */
export const REMINDER_SIDES = ['pursuer', 'pursued', 'bystander', 'manager'] as const;

export const reminderSchema = z
  .object({
    id,
    title: text(LIMITS.title),
    /** Worded for either side: what a person reads when the engine cannot tell who they are. */
    text: text(LIMITS.reminderText),
    /** The same reminder for the one asking, the one saying no, a bystander, a manager. */
    byAsker: z
      .partialRecord(
        z.enum(REMINDER_SIDES),
        z.object({ title: text(LIMITS.title).optional(), text: text(LIMITS.reminderText) }).strict(),
      )
      .default({}),
  })
  .strict();

export const remindersFileSchema = z.object({ reminders: z.array(reminderSchema).min(1) }).strict();

const weighted = z.union([
  z.string().min(1).max(LIMITS.signal),
  z.object({ signal: z.string().min(1).max(LIMITS.signal), weight: z.number().min(-5).max(10) }).strict(),
]);

const steps = z
  .array(text(LIMITS.step))
  .min(1)
  .max(LIMITS.maxSteps, `must have at most ${LIMITS.maxSteps} steps`);

export const guidanceSchema = z
  .object({
    summary: text(LIMITS.summary),
    steps,
    script: text(LIMITS.script).optional(),
    policy: z.array(policyLink).max(3).default([]),
    byRelationship: z
      .partialRecord(
        relationshipSchema,
        z
          .object({
            summary: text(LIMITS.summary).optional(),
            steps: steps.optional(),
            script: text(LIMITS.script).optional(),
            /** For this relationship another rule's advice applies: "Who is it?" opens that rule. */
            see: id.optional(),
          })
          .strict(),
      )
      .default({}),
  })
  .strict();

export const ruleSchema = z
  .object({
    id,
    title: text(LIMITS.title),
    topic: topicSchema,
    escalate: z.boolean().default(false),
    /** Danger to someone's life or safety: urgent contacts go first. */
    urgent: z.boolean().default(false),
    /** Romance at work: must carry both boundary-respect and discretion. */
    romance: z.boolean().default(false),
    /** Whether the answer depends on who the other person is. */
    relationshipMatters: z.boolean().default(false),
    /** Ignored since the engine learns from examples; kept so older packs still load. */
    weight: z.number().min(0.1).max(5).default(1),
    /** Questions this rule answers, and near-misses it must not take: the ranker learns from both. */
    examples: z.array(text(LIMITS.example)).max(500).default([]),
    notExamples: z.array(text(LIMITS.example)).max(500).default([]),
    /** Ignored since the engine learns from examples; kept so older packs still load. */
    match: z
      .object({
        all: z.array(z.string().min(1).max(LIMITS.signal)).default([]),
        any: z.array(weighted).default([]),
        not: z.array(z.string().min(1).max(LIMITS.signal)).default([]),
      })
      .strict()
      .refine((m) => m.all.length + m.any.length > 0, 'needs at least one signal in all or any')
      .optional(),
    guidance: guidanceSchema,
    reminders: z.array(id).default([]),
  })
  .strict();

/** A rules file's outer shape; load.ts checks each rule on its own so one bad rule hides nothing. */
export const rulesShellSchema = z.object({ rules: z.array(z.unknown()).min(1) }).strict();

export type PackMeta = z.infer<typeof packMetaSchema>;
export type Organisation = z.infer<typeof organisationSchema>;
export type Reminder = z.infer<typeof reminderSchema>;
export type Rule = z.infer<typeof ruleSchema>;
export type Guidance = z.infer<typeof guidanceSchema>;

/** One labelled question of a pack's `examples/*.jsonl`: what the ranker learns from. */
export const exampleSchema = z
  .object({
    id: z.string().regex(/^[\w.-]{1,64}$/, 'must be letters, digits, dots, dashes (at most 64)'),
    text: text(LIMITS.example),
    topic: z.enum(LABELS, { message: `must be one of: ${LABELS.join(', ')}` }),
    alt: topicSchema.nullish(),
    escalate: z.boolean(),
    asker: z.enum(ASKERS).nullish(),
    rule: id.nullish(),
    kind: z.string().max(40).nullish(),
    /** Minimal pair of the safety set: two items, one escalating and one not, that differ a little. */
    pair: z.string().max(20).nullish(),
    /** The public page the question was asked on; absent for invented questions. */
    source: z.string().url().nullish(),
    invented: z.boolean().default(false),
    short: z.boolean().optional(),
    /** Cross-validation group: questions of one page, and their near-duplicates, share one. */
    group: z.string().max(200).nullish(),
    /** Set on invented questions derived from a real one: used for training only. */
    derivedFrom: z.string().max(64).nullish(),
  })
  .strict();
export type ExampleRecord = z.infer<typeof exampleSchema>;

const phraseList = z.array(z.string().trim().min(1).max(LIMITS.signal)).min(1);
export const safetyFileSchema = z
  .object({
    version: z.number().int().min(1),
    /** Who reviewed this file last, and when: it decides who gets contacts first. */
    reviewed: text(200),
    groups: z.record(id, phraseList),
    guards: z.array(z.string().trim().min(1).max(LIMITS.signal)).default([]),
    keepInScope: z.array(id).default([]),
    frames: z
      .array(
        z
          .object({
            id,
            kind: id,
            all: z.array(id).min(1),
            any: z.array(id).default([]),
            unless: z.array(id).default([]),
            window: z.number().int().min(1).max(3).default(2),
            urgent: z.boolean().default(false),
            rule: id.optional(),
            explain: text(200),
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    const known = new Set(Object.keys(file.groups));
    file.frames.forEach((frame, i) => {
      for (const key of ['all', 'any', 'unless'] as const)
        frame[key].forEach((g, j) => {
          if (!known.has(g))
            ctx.addIssue({ code: 'custom', path: ['frames', i, key, j], message: `unknown group "${g}"` });
        });
    });
    file.keepInScope.forEach((g, j) => {
      if (!known.has(g))
        ctx.addIssue({ code: 'custom', path: ['keepInScope', j], message: `unknown group "${g}"` });
    });
  });
export type SafetyFile = z.infer<typeof safetyFileSchema>;
