import type { Pack } from '../pack/load.js';
import type { Contact, PolicyLink, Reminder, Rule } from '../pack/schema.js';
import type { StringKey, UiStrings } from '../pack/strings.js';
import type { Classification } from './classify.js';
import { MAX_REASONS, reasonsText } from './explain.js';
import {
  type Asker,
  KNOWN_RELATIONSHIPS,
  type KnownRelationship,
  type Relationship,
  TOPICS,
  type Topic,
} from '../pack/topics.js';

/**
 * The guidance a person sees, chosen from the pack for one classification. Render turns this
 * into Block Kit or plain text; nothing here knows about Slack.
 */
export interface ContactLine {
  kind: 'emergency' | 'eap' | 'hr' | 'reporting' | 'ethics';
  label: string;
  url?: string;
  email?: string;
  phone?: string;
  slack?: string;
  note?: string;
}

export interface Answer {
  kind: 'guidance' | 'escalation' | 'out-of-scope';
  topic: Topic;
  ruleId?: string;
  title: string;
  summary: string;
  steps: string[];
  script?: string;
  reminders: Reminder[];
  policy: PolicyLink[];
  /** Escalations only: who to contact, urgent lines first. */
  contacts: ContactLine[];
  relationship: Relationship;
  /** The relationship changes the advice and is not known: offer "Who is it?". */
  askRelationship: boolean;
  /** The relationships whose advice differs here: the "Who is it?" choices. */
  relationships: KnownRelationship[];
  /** Who the asker is in the story: the reminders are worded for that side ('unknown': either). */
  asker: Asker | 'unknown';
  /** Topics offered beside the answer, with the pack's names for them. */
  related: TopicLink[];
  why: string;
  /** What `why` says, as pack ids (see explain.ts): a button can carry them, never the question. */
  reasons: string[];
  notices: Notices;
  /** The pack's words for everything around the guidance: buttons, headings, notes. */
  ui: UiStrings;
  /** Danger to someone's life or safety: the emergency and EAP lines first, no feedback buttons. */
  urgent: boolean;
  pack: { name: string; version: string };
}

/** What a button needs to rebuild an answer: pack ids only, never the question. */
export interface AnswerRef {
  ruleId?: string | undefined;
  relationship?: Relationship | undefined;
  asker?: Asker | 'unknown' | undefined;
  reasons?: readonly string[] | undefined;
  urgent?: boolean | undefined;
}

export interface TopicLink {
  topic: Topic;
  label: string;
}

export interface Notices {
  notReporting: string;
  notLegalAdvice: string;
  notification: string;
  escalationOpening: string;
  /** The one context line under an answer: both notices, short. */
  footer: string;
}

/** The pack's wording for a contact the organisation has not filled in. */
const CONTACT_WORDING: Readonly<Record<ContactLine['kind'], StringKey>> = {
  emergency: 'contactEmergency',
  eap: 'contactEap',
  hr: 'contactHr',
  reporting: 'contactReporting',
  ethics: 'contactEthics',
};

function contactLine(pack: Pack, kind: ContactLine['kind'], contact: Contact | undefined): ContactLine {
  if (!contact) return { kind, label: pack.strings[CONTACT_WORDING[kind]] };
  const line: ContactLine = { kind, label: contact.label };
  if (contact.url) line.url = contact.url;
  if (contact.email) line.email = contact.email;
  if (contact.phone) line.phone = contact.phone;
  if (contact.slack) line.slack = contact.slack;
  if (contact.note) line.note = contact.note;
  return line;
}

/** Reporting contacts, with the urgent lines first when someone may be in danger. */
export function contactsFor(pack: Pack, urgent: boolean): ContactLine[] {
  const org = pack.organisation;
  const reporting = [contactLine(pack, 'hr', org.hrContact), contactLine(pack, 'reporting', org.reporting)];
  if (org.ethicsLine) reporting.push(contactLine(pack, 'ethics', org.ethicsLine));
  if (!urgent) return reporting;
  return [contactLine(pack, 'emergency', org.emergency), contactLine(pack, 'eap', org.eap), ...reporting];
}

export function noticesOf(pack: Pack): Notices {
  const n = pack.meta.notices;
  return {
    // A loaded pack has every notice (load.ts refuses one without).
    notReporting: n.notReporting as string,
    notLegalAdvice: n.notLegalAdvice as string,
    notification: n.notification as string,
    escalationOpening: n.escalationOpening as string,
    footer: n.footer as string,
  };
}

/** A topic's name as the pack gives it. */
export function topicLabel(pack: Pack, topic: Topic): string {
  return pack.meta.topics[topic]?.label ?? topic;
}

export function relatedTopics(pack: Pack, topic: Topic): TopicLink[] {
  return topicLinks(pack, pack.meta.topics[topic]?.related ?? []);
}

export function topicLinks(pack: Pack, topics: readonly Topic[]): TopicLink[] {
  return topics.map((t) => ({ topic: t, label: topicLabel(pack, t) }));
}

/** What a topic button opens: a short overview and the topic's common questions, as rule ids. */
export interface TopicCard {
  topic: Topic;
  label: string;
  overview: string;
  questions: Array<{ ruleId: string; title: string }>;
  /** Harassment and safety: the contacts come first. */
  contacts: ContactLine[];
  pack: { name: string; version: string };
  notices: Notices;
  /** The pack's words for everything around the guidance: buttons, headings, notes. */
  ui: UiStrings;
}

export function topicCard(pack: Pack, topic: Topic): TopicCard {
  const card = pack.meta.topics[topic];
  const ofTopic = pack.rules.filter((r) => r.topic === topic);
  const chosen = card?.questions
    ? card.questions.flatMap((id) => ofTopic.find((r) => r.id === id) ?? [])
    : ofTopic.slice(0, 5);
  const safety = topic === 'harassment-and-safety';
  return {
    topic,
    label: topicLabel(pack, topic),
    overview: card?.overview ?? ofTopic[0]?.guidance.summary ?? '',
    questions: chosen.map((r) => ({ ruleId: r.id, title: r.title })),
    contacts: safety ? contactsFor(pack, false) : [],
    pack: { name: pack.meta.name, version: pack.meta.version },
    notices: noticesOf(pack),
    ui: pack.strings,
  };
}

function guidanceFor(rule: Rule, relationship: Relationship) {
  const specific = relationship === 'unknown' ? undefined : rule.guidance.byRelationship[relationship];
  return {
    summary: specific?.summary ?? rule.guidance.summary,
    steps: [...(specific?.steps ?? rule.guidance.steps)],
    script: specific?.script ?? rule.guidance.script,
  };
}

const differing = new WeakMap<Rule, readonly KnownRelationship[]>();

/**
 * The relationships for which a rule says something different (or sends to another rule).
 * Worked out once per rule of a loaded pack: pack content only, never anything asked.
 */
export function relationshipsThatDiffer(rule: Rule): readonly KnownRelationship[] {
  let known = differing.get(rule);
  if (!known) {
    known = computeDiffering(rule);
    differing.set(rule, known);
  }
  return known;
}

function computeDiffering(rule: Rule): KnownRelationship[] {
  const base = guidanceFor(rule, 'unknown');
  return KNOWN_RELATIONSHIPS.filter((w) => {
    const variant = rule.guidance.byRelationship[w];
    if (!variant) return false;
    if (variant.see) return true;
    const own = guidanceFor(rule, w);
    return (
      own.summary !== base.summary ||
      own.script !== base.script ||
      own.steps.join('\u0000') !== base.steps.join('\u0000')
    );
  });
}

/** A reminder in the words for the asker's side of the story, or for either side. */
export function reminderFor(reminder: Reminder, asker: Asker | 'unknown'): Reminder {
  const side = asker === 'unknown' || asker === 'other' ? undefined : reminder.byAsker[asker];
  if (!side) return reminder;
  return { ...reminder, title: side.title ?? reminder.title, text: side.text };
}

const MAX_ESCALATION_STEPS = 3;

export interface AnswerOptions {
  urgent?: boolean;
  /** Pack ids of what the engine noticed (see explain.ts); the rule's own topic when absent. */
  reasons?: readonly string[];
  asker?: Asker | 'unknown';
}

/**
 * Builds the answer for one rule, e.g. when a button names the rule and the relationship. A
 * relationship the rule sends elsewhere (`see:`) gets that rule's answer: a coworker on a
 * customer answer reads the coworker guidance.
 */
export function answerForRule(
  pack: Pack,
  asked: Rule,
  relationship: Relationship,
  options: AnswerOptions = {},
): Answer {
  const see = relationship === 'unknown' ? undefined : asked.guidance.byRelationship[relationship]?.see;
  const rule = (see ? rulesById(pack).get(see) : undefined) ?? asked;
  const escalation = rule.escalate;
  const urgent = options.urgent ?? rule.urgent;
  const asker = options.asker ?? 'unknown';
  const { summary, steps, script } = guidanceFor(rule, relationship);
  const relationships = relationshipsThatDiffer(rule);
  // Routed to another rule (`see:`), the reasons name that rule's topic, not the one asked about.
  const given = options.reasons && options.reasons.length > 0 ? options.reasons : [`t:${rule.topic}`];
  const reasons = given
    .map((r) => (see && r.startsWith('t:') ? `t:${rule.topic}` : r))
    .filter((r) => !r.startsWith('r:'));
  if (relationship !== 'unknown') reasons.push(`r:${relationship}`);
  // At most MAX_REASONS, the relationship kept: a button or a modal carries them all.
  if (reasons.length > MAX_REASONS) reasons.splice(MAX_REASONS - 1, reasons.length - MAX_REASONS);
  const uniqueReasons = [...new Set(reasons)];
  const answer: Answer = {
    kind: escalation ? 'escalation' : rule.topic === 'out-of-scope' ? 'out-of-scope' : 'guidance',
    topic: rule.topic,
    ruleId: rule.id,
    title: rule.title,
    summary,
    // An escalation is acted on, not read: at most three steps (packs are held to three too).
    steps: escalation ? steps.slice(0, MAX_ESCALATION_STEPS) : steps,
    reminders: rule.reminders
      .map((id) => pack.reminders.get(id))
      .filter((r): r is Reminder => r !== undefined)
      .map((r) => reminderFor(r, asker)),
    policy: [...rule.guidance.policy],
    contacts: escalation || rule.topic === 'out-of-scope' ? contactsFor(pack, urgent) : [],
    relationship,
    askRelationship: rule.relationshipMatters && relationship === 'unknown' && relationships.length > 0,
    relationships: [...relationships],
    asker,
    // No romance or saying-no topics beside harm: they read as tips for handling it alone.
    related: escalation ? [] : relatedTopics(pack, rule.topic),
    urgent: escalation && urgent,
    why: reasonsText(pack, uniqueReasons),
    reasons: uniqueReasons,
    notices: noticesOf(pack),
    ui: pack.strings,
    pack: { name: pack.meta.name, version: pack.meta.version },
  };
  if (script) answer.script = script;
  return answer;
}

/** The kind answer for questions the pack does not cover: what it can help with, where else to go. */
export function outOfScopeAnswer(pack: Pack, reasons: readonly string[], rule?: Rule): Answer {
  const base = rule ? answerForRule(pack, rule, 'unknown', { reasons }) : undefined;
  return {
    kind: 'out-of-scope',
    topic: 'out-of-scope',
    ...(rule ? { ruleId: rule.id } : {}),
    // A pack without an out-of-scope rule: its strings say where else to ask.
    title: base?.title ?? pack.strings.outOfScopeTitle,
    summary: base?.summary ?? pack.strings.outOfScopeSummary,
    steps: base?.steps ?? [pack.strings.outOfScopeStep1, pack.strings.outOfScopeStep2],
    reminders: [],
    policy: base?.policy ?? [],
    contacts: [contactLine(pack, 'hr', pack.organisation.hrContact)],
    relationship: 'unknown',
    askRelationship: false,
    relationships: [],
    asker: 'unknown',
    related: pack.meta.topics['out-of-scope']?.related
      ? relatedTopics(pack, 'out-of-scope')
      : topicLinks(
          pack,
          TOPICS.filter((t) => t !== 'out-of-scope' && t !== 'harassment-and-safety').slice(0, 4),
        ),
    urgent: false,
    why: reasonsText(pack, reasons),
    reasons: [...reasons],
    notices: noticesOf(pack),
    ui: pack.strings,
    pack: { name: pack.meta.name, version: pack.meta.version },
  };
}

const byIdCache = new WeakMap<Pack, ReadonlyMap<string, Rule>>();

function rulesById(pack: Pack): ReadonlyMap<string, Rule> {
  let byId = byIdCache.get(pack);
  if (!byId) {
    byId = new Map(pack.rules.map((rule) => [rule.id, rule]));
    byIdCache.set(pack, byId);
  }
  return byId;
}

/** Chooses and builds the answer for a classification. */
export function compose(
  pack: Pack,
  result: Classification,
  relationshipOverride?: KnownRelationship,
): Answer {
  const relationship = relationshipOverride ?? result.relationship;
  const lead = result.rules.find((r) => r.topic === result.topic);
  const rule = lead ? rulesById(pack).get(lead.id) : undefined;
  if (result.topic === 'out-of-scope' || !rule)
    return outOfScopeAnswer(pack, result.reasons, rule?.topic === 'out-of-scope' ? rule : undefined);
  const answer = answerForRule(pack, rule, relationship, {
    urgent: result.urgent,
    reasons: result.reasons,
    asker: result.asker,
  });
  answer.askRelationship = answer.askRelationship && result.relationshipMatters;
  return answer;
}

/** "Is this about…?": the rules a too-close-to-call question may be about. */
export interface Clarify {
  choices: Array<{ topic: Topic; ruleId: string; label: string }>;
  asker: Asker | 'unknown';
  relationship: Relationship;
  notices: Notices;
  /** The pack's words for everything around the guidance: buttons, headings, notes. */
  ui: UiStrings;
  pack: { name: string; version: string };
}

export function clarifyFor(pack: Pack, result: Classification): Clarify | undefined {
  if (!result.clarify || result.escalate) return undefined;
  const choices = result.choices.flatMap((c) => {
    const rule = rulesById(pack).get(c.rule);
    return rule ? [{ topic: c.topic, ruleId: rule.id, label: rule.title }] : [];
  });
  if (choices.length < 2) return undefined;
  return {
    choices,
    asker: result.asker,
    relationship: result.relationship,
    notices: noticesOf(pack),
    ui: pack.strings,
    pack: { name: pack.meta.name, version: pack.meta.version },
  };
}

export { KNOWN_RELATIONSHIPS };
