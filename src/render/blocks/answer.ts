import type { KnownBlock } from '@slack/types';
import { type Answer, type ContactLine, RELATIONSHIP_LABELS } from '../../engine/answer.js';
import { deepFreeze } from '../../freeze.js';
import { KNOWN_RELATIONSHIPS } from '../../engine/topics.js';
import { ACTIONS } from '../../listeners/ids.js';
import { clip, link, SLACK_LIMITS } from '../limits.js';
import { encodeValue } from '../values.js';
import {
  actions,
  type Blocks,
  button,
  context,
  esc,
  header,
  section,
  topicButtons,
  urlButton,
} from './common.js';

function contactText(contact: ContactLine): string {
  const parts = [`*${esc(contact.label)}*`];
  if (contact.phone) parts.push(`call ${esc(contact.phone)}`);
  if (contact.slack) parts.push(`Slack ${esc(contact.slack)}`);
  if (contact.email) parts.push(link(`mailto:${contact.email}`, contact.email));
  if (contact.url) parts.push(link(contact.url, 'open'));
  if (contact.note) parts.push(`_${esc(contact.note)}_`);
  return `• ${parts.join(' · ')}`;
}

function contactBlocks(answer: Answer): Blocks {
  if (answer.contacts.length === 0) return [];
  const heading = answer.kind === 'escalation' ? '*Who to contact*' : '*Where else to ask*';
  const blocks: Blocks = [section(`${heading}\n${answer.contacts.map(contactText).join('\n')}`)];
  const linkButtons = answer.contacts
    .filter((c) => c.url || c.email)
    .slice(0, 5)
    .map((c, i) => urlButton(c.label, `${ACTIONS.link}:contact-${i}`, c.url ?? `mailto:${c.email}`));
  if (linkButtons.length > 0) blocks.push(actions('contacts', linkButtons));
  return blocks;
}

function guidanceBlocks(answer: Answer): Blocks {
  const blocks: Blocks = [section(esc(answer.summary))];
  if (answer.steps.length > 0)
    blocks.push(section(answer.steps.map((s, i) => `${i + 1}. ${esc(s)}`).join('\n')));
  if (answer.script) blocks.push(section(`*You could say:*\n>${esc(answer.script).replace(/\n/g, '\n>')}`));
  return blocks;
}

function reminderBlocks(answer: Answer): Blocks {
  if (answer.reminders.length === 0) return [];
  return [section(answer.reminders.map((r) => `:pushpin: *${esc(r.title)}.* ${esc(r.text)}`).join('\n'))];
}

function whoIsIt(answer: Answer): Blocks {
  if (!answer.askRelationship || !answer.ruleId) return [];
  const ruleId = answer.ruleId;
  return [
    section('*Who is it?* The advice is different for each, one tap makes it specific.'),
    actions(
      'who_is_it',
      KNOWN_RELATIONSHIPS.map((w) =>
        button(RELATIONSHIP_LABELS[w], `${ACTIONS.relationship}:${w}`, encodeValue({ r: ruleId, w })),
      ),
    ),
  ];
}

function footer(answer: Answer): Blocks {
  const policy = answer.policy.map((p) => {
    const title = p.url ? link(p.url, p.title) : esc(p.title);
    return p.section ? `${title} (${esc(p.section)})` : title;
  });
  const lines = [`*Why this answer:* ${esc(answer.why)}`];
  if (policy.length > 0) lines.push(`*Policy:* ${policy.join('; ')}`);
  return [
    context(...lines),
    context(esc(answer.notices.notReporting), esc(answer.notices.notLegalAdvice)),
    context(`${esc(answer.pack.name)} · v${esc(answer.pack.version)}`),
  ];
}

function feedback(answer: Answer): Blocks {
  if (!answer.ruleId) return [];
  const r = answer.ruleId;
  return [
    actions('feedback', [
      button('Helpful', `${ACTIONS.feedback}:yes`, encodeValue({ r, f: 1 })),
      button('Not relevant', `${ACTIONS.feedback}:no`, encodeValue({ r, f: 0 })),
    ]),
  ];
}

/**
 * An answer as Block Kit. Escalations put the contacts first and carry no steps from other
 * topics; every answer ends with why, the two notices and the pack version.
 */
/**
 * An escalation, in the order a person in a hard moment can act on: a line that believes them
 * and says nobody has been told; the contacts, as buttons; at most three steps; and a way to
 * hide it all at once.
 */
function escalationBlocks(answer: Answer): Blocks {
  const contactButtons = answer.contacts.slice(0, 5).map((c, i) => {
    if (c.url) return urlButton(c.label, `${ACTIONS.link}:contact-${i}`, c.url);
    if (c.email) return urlButton(c.label, `${ACTIONS.link}:contact-${i}`, `mailto:${c.email}`);
    return button(
      clip(c.label, 75),
      `${ACTIONS.contact}:${i}`,
      encodeValue({ k: c.kind, ...(answer.urgent ? { u: 1 } : {}) }),
    );
  });
  const blocks: Blocks = [
    section(esc(answer.notices.escalationOpening)),
    section(`*Who can help*\n${answer.contacts.map(contactText).join('\n')}`),
  ];
  if (contactButtons.length > 0) blocks.push(actions('contacts', contactButtons));
  blocks.push(section(`*${esc(answer.title)}*\n${esc(answer.summary)}`));
  if (answer.steps.length > 0)
    blocks.push(section(answer.steps.map((s, i) => `${i + 1}. ${esc(s)}`).join('\n')));
  blocks.push(actions('hide', [button('Hide this', `${ACTIONS.hide}:answer`, encodeValue({}))]));
  return blocks;
}

export function answerBlocks(answer: Answer): KnownBlock[] {
  // A desktop notification shows the first text of the blocks: the neutral line, never a topic.
  const blocks: Blocks = [context(esc(answer.notices.notification))];
  if (answer.kind === 'escalation') {
    blocks.push(...escalationBlocks(answer));
  } else {
    blocks.push(header(answer.title));
    blocks.push(
      ...guidanceBlocks(answer),
      ...whoIsIt(answer),
      ...reminderBlocks(answer),
      ...contactBlocks(answer),
    );
  }
  if (answer.related.length > 0) {
    blocks.push(context('*Related topics*'), actions('related', topicButtons(answer.related)));
  }
  // No feedback buttons on an urgent answer: nobody in danger should be asked to rate it.
  if (!answer.urgent) blocks.push(...feedback(answer));
  blocks.push(...footer(answer));
  return blocks.slice(0, SLACK_LIMITS.messageBlocks);
}

/**
 * A message's `text`: what a mobile notification shows, on a lock screen too. So it is the
 * pack's neutral line, never the answer's title or summary. Screen readers read the blocks.
 */
export function answerFallback(answer: Answer): string {
  return clip(answer.notices.notification, SLACK_LIMITS.fallbackText);
}

export interface AnswerMessage {
  readonly response_type: 'ephemeral';
  readonly text: string;
  readonly blocks: readonly KnownBlock[];
}

const messages = new WeakMap<Answer, AnswerMessage>();

/**
 * The ephemeral message for an answer. Answers from the engine are shared and frozen, so the
 * message is rendered once per answer and shared too (frozen: the front door caches its bytes).
 */
export function answerMessage(answer: Answer): AnswerMessage {
  const cached = messages.get(answer);
  if (cached) return cached;
  const message: AnswerMessage = {
    response_type: 'ephemeral',
    text: answerFallback(answer),
    blocks: answerBlocks(answer),
  };
  if (!Object.isFrozen(answer)) return message;
  messages.set(answer, deepFreeze(message));
  return message;
}
