import { deepFreeze } from '../freeze.js';
import type { Pack } from '../pack/load.js';
import type { Contact, PolicyLink, Reminder, Rule } from '../pack/schema.js';
import type { Classification } from './classify.js';
import {
  KNOWN_RELATIONSHIPS,
  type KnownRelationship,
  type Relationship,
  TOPICS,
  type Topic,
} from './topics.js';

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
  related: Topic[];
  why: string;
  notices: { notReporting: string; notLegalAdvice: string; notification: string; escalationOpening: string };
  /** Danger to someone's life or safety: the emergency and EAP lines first, no feedback buttons. */
  urgent: boolean;
  pack: { name: string; version: string };
}

export const TOPIC_LABELS: Readonly<Record<Topic, string>> = {
  'dating-customers': 'Dating a customer or client',
  'dating-coworkers': 'Dating a coworker',
  boundaries: 'Saying or hearing no',
  'harassment-and-safety': 'Harassment and safety',
  discretion: 'Discretion and gossip',
  'contact-details-and-social-media': 'Phone numbers and social media',
  'gifts-and-favors': 'Gifts and favours',
  'customer-rapport': 'Building rapport with customers',
  'out-of-scope': 'Something else',
};

export const RELATIONSHIP_LABELS: Readonly<Record<KnownRelationship, string>> = {
  customer: 'A customer or client',
  coworker: 'A coworker',
  manager: 'My manager',
  'direct-report': 'My report',
  vendor: 'A vendor or supplier',
};

const DEFAULT_NOTICES = {
  notification: 'Conduct Nudge replied privately',
  escalationOpening:
    'Thank you for telling me. What you describe is not OK, and it is not your fault. Nobody has been told: what happens next is your choice.',
  notReporting:
    'Asking here is not a report: nobody has been told. If you want to report something, use the contacts in this pack or talk to HR.',
  notLegalAdvice:
    'This is general guidance, not legal advice. Your employer’s policy and local law come first.',
};

const DEFAULT_CONTACTS: Readonly<Record<ContactLine['kind'], string>> = {
  emergency: 'If anyone is in immediate danger, call your local emergency number now',
  eap: 'Your employee assistance programme (ask HR for the number) offers confidential support',
  hr: 'Your HR team',
  reporting: 'Your organisation’s reporting channel (ask HR, or check the employee handbook)',
  ethics: 'Your ethics or whistle-blowing line, if your organisation has one',
};

const RELATED: Readonly<Record<Topic, readonly Topic[]>> = {
  'dating-customers': ['boundaries', 'contact-details-and-social-media', 'discretion'],
  'dating-coworkers': ['boundaries', 'discretion', 'harassment-and-safety'],
  boundaries: ['harassment-and-safety', 'dating-coworkers', 'discretion'],
  'harassment-and-safety': ['boundaries', 'discretion'],
  discretion: ['dating-coworkers', 'boundaries'],
  'contact-details-and-social-media': ['boundaries', 'dating-customers'],
  'gifts-and-favors': ['customer-rapport', 'contact-details-and-social-media'],
  'customer-rapport': ['gifts-and-favors', 'dating-customers'],
  'out-of-scope': ['boundaries', 'harassment-and-safety', 'dating-coworkers'],
};

function contactLine(kind: ContactLine['kind'], contact: Contact | undefined): ContactLine {
  if (!contact) return { kind, label: DEFAULT_CONTACTS[kind] };
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
  const reporting = [contactLine('hr', org.hrContact), contactLine('reporting', org.reporting)];
  if (org.ethicsLine) reporting.push(contactLine('ethics', org.ethicsLine));
  if (!urgent) return reporting;
  return [contactLine('emergency', org.emergency), contactLine('eap', org.eap), ...reporting];
}

export function noticesOf(pack: Pack): Answer['notices'] {
  return {
    notReporting: pack.meta.notices.notReporting ?? DEFAULT_NOTICES.notReporting,
    notLegalAdvice: pack.meta.notices.notLegalAdvice ?? DEFAULT_NOTICES.notLegalAdvice,
    notification: pack.meta.notices.notification ?? DEFAULT_NOTICES.notification,
    escalationOpening: pack.meta.notices.escalationOpening ?? DEFAULT_NOTICES.escalationOpening,
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

const MAX_ESCALATION_STEPS = 3;

export interface AnswerOptions {
  urgent?: boolean;
  why?: string;
}

/** Builds the answer for one rule, e.g. when a button names the rule and the relationship. */
export function answerForRule(
  pack: Pack,
  rule: Rule,
  relationship: Relationship,
  options: AnswerOptions = {},
): Answer {
  const escalation = rule.escalate;
  const urgent = options.urgent ?? rule.urgent;
  const { summary, steps, script } = guidanceFor(rule, relationship);
  const specificKnown = Object.keys(rule.guidance.byRelationship).length > 0;
  const answer: Answer = {
    kind: escalation ? 'escalation' : rule.topic === 'out-of-scope' ? 'out-of-scope' : 'guidance',
    topic: rule.topic,
    ruleId: rule.id,
    title: rule.title,
    summary,
    // An escalation is acted on, not read: at most three steps.
    steps: escalation ? steps.slice(0, MAX_ESCALATION_STEPS) : steps,
    reminders: rule.reminders
      .map((id) => pack.reminders.get(id))
      .filter((r): r is Reminder => r !== undefined),
    policy: [...rule.guidance.policy],
    contacts: escalation || rule.topic === 'out-of-scope' ? contactsFor(pack, urgent) : [],
    relationship,
    askRelationship: rule.relationshipMatters && relationship === 'unknown' && specificKnown,
    // No romance or saying-no topics beside harm: they read as tips for handling it alone.
    related: escalation ? [] : [...RELATED[rule.topic]],
    urgent: escalation && urgent,
    why:
      options.why ??
      `Rule "${rule.title}"${rule.guidance.policy[0]?.section ? ` (${rule.guidance.policy[0].section})` : ''}`,
    notices: noticesOf(pack),
    pack: { name: pack.meta.name, version: pack.meta.version },
  };
  if (script) answer.script = script;
  return answer;
}

const OUT_OF_SCOPE_FALLBACK = {
  summary:
    'I can only help with conduct questions: dating and boundaries at work, harassment and safety, discretion, contact details, gifts, and customer rapport.',
  steps: [
    'For pay, hours, leave, schedules, promotions or resigning, your manager or HR is the right place to ask.',
    'If you were asking about conduct, try naming who it is about and what happened, in a sentence or two.',
  ],
};

/** The kind answer for questions the pack does not cover: what it can help with, where else to go. */
export function outOfScopeAnswer(pack: Pack, why: string, rule?: Rule): Answer {
  const base = rule ? answerForRule(pack, rule, 'unknown', { why }) : undefined;
  return {
    kind: 'out-of-scope',
    topic: 'out-of-scope',
    ...(rule ? { ruleId: rule.id } : {}),
    title: base?.title ?? 'Not something I can help with',
    summary: base?.summary ?? OUT_OF_SCOPE_FALLBACK.summary,
    steps: base?.steps ?? [...OUT_OF_SCOPE_FALLBACK.steps],
    reminders: [],
    policy: base?.policy ?? [],
    contacts: [contactLine('hr', pack.organisation.hrContact)],
    relationship: 'unknown',
    askRelationship: false,
    related: TOPICS.filter((t) => t !== 'out-of-scope' && t !== 'harassment-and-safety').slice(0, 4),
    urgent: false,
    why,
    notices: noticesOf(pack),
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

/**
 * Answers already built, per pack. An answer is made of pack wording and ids only (the rule,
 * the relationship, the pack's own signal labels in "why"), never of question text, so the
 * same few hundred answers are built once and shared, frozen, by every question that leads to
 * them; render and the HTTP front door cache their output by the answer's identity.
 */
const ANSWER_CACHE_MAX = 4_096;
const answerCaches = new WeakMap<Pack, Map<string, Answer>>();

/** Chooses and builds the answer for a classification. The result is shared: never mutate it. */
export function compose(
  pack: Pack,
  result: Classification,
  relationshipOverride?: KnownRelationship,
): Answer {
  const relationship = relationshipOverride ?? result.relationship;
  const lead = result.rules.find((r) => r.topic === result.topic);
  const rule = lead ? rulesById(pack).get(lead.id) : undefined;
  const outOfScope = result.topic === 'out-of-scope' || !rule;
  const key = outOfScope
    ? `o\u0000${rule?.topic === 'out-of-scope' ? rule.id : ''}\u0000${result.why}`
    : `g\u0000${rule.id}\u0000${relationship}\u0000${result.urgent}\u0000${result.relationshipMatters}\u0000${result.why}`;
  let cache = answerCaches.get(pack);
  if (!cache) {
    cache = new Map();
    answerCaches.set(pack, cache);
  }
  const cached = cache.get(key);
  if (cached) return cached;
  let answer: Answer;
  if (outOfScope) {
    answer = outOfScopeAnswer(pack, result.why, rule?.topic === 'out-of-scope' ? rule : undefined);
  } else {
    answer = answerForRule(pack, rule, relationship, { urgent: result.urgent, why: result.why });
    answer.askRelationship = answer.askRelationship && result.relationshipMatters;
  }
  // Bounded: a pathological pack with endless signal combinations only loses the sharing.
  if (cache.size >= ANSWER_CACHE_MAX) cache.clear();
  cache.set(key, deepFreeze(answer));
  return answer;
}

export { KNOWN_RELATIONSHIPS };
