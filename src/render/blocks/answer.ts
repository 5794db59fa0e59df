import type { KnownBlock, StaticSelect } from '@slack/types';
import type { Answer, ContactLine } from '../../engine/answer.js';
import type { KnownRelationship } from '../../pack/topics.js';
import type { StringKey, UiStrings } from '../../pack/strings.js';
import type { Clarify } from '../../engine/index.js';
import { ACTIONS } from '../../slack/ids.js';
import { clip, link, SLACK_LIMITS } from '../limits.js';
import { type ButtonValue, encodeValue } from '../values.js';
import { type ContactStyle, formatContact } from '../contact.js';
import {
  actions,
  type Blocks,
  button,
  context,
  esc,
  header,
  section,
  topicMenu,
  urlButton,
} from './common.js';

/** How an answer is drawn: the pack's reasons expanded, feedback already given. */
export interface AnswerState {
  why?: boolean;
  feedbackGiven?: boolean;
}

/** The ids a button needs to draw the same answer again: never the question. */
export function refOf(answer: Answer, state: AnswerState = {}): ButtonValue {
  const value: ButtonValue = {};
  if (answer.ruleId) value.r = answer.ruleId;
  if (answer.relationship !== 'unknown') value.w = answer.relationship;
  if (answer.asker !== 'unknown') value.a = answer.asker;
  if (answer.reasons.length > 0) value.y = [...answer.reasons];
  if (answer.urgent) value.u = 1;
  if (state.why) value.x = 1;
  if (state.feedbackGiven) value.d = 1;
  return value;
}

const MRKDWN: ContactStyle = {
  text: esc,
  link,
  email: (address) => link(`mailto:${address}`, address),
  label: (value) => `*${esc(value)}*`,
  note: (value) => `_${esc(value)}_`,
  lead: ' · ',
  join: ' · ',
  beforeNote: ' · ',
};

/** One contact as a mrkdwn line, in the pack's words. */
export function contactText(contact: ContactLine, ui: UiStrings): string {
  return `• ${formatContact(contact, ui, MRKDWN)}`;
}

/**
 * The contacts as buttons: a link opens it; a contact with no link shows its details. Where the
 * pack has no contacts of its own the label itself says what to do, and no button is drawn.
 */
export function contactButtons(contacts: readonly ContactLine[], urgent: boolean) {
  return contacts.slice(0, 5).map((c, i) => {
    if (c.url) return urlButton(c.label, `${ACTIONS.link}:contact-${i}`, c.url);
    if (c.email) return urlButton(c.label, `${ACTIONS.link}:contact-${i}`, `mailto:${c.email}`);
    return button(
      clip(c.label, 75),
      `${ACTIONS.contact}:${i}`,
      encodeValue({ k: c.kind, ...(urgent ? { u: 1 } : {}) }),
    );
  });
}

export function contactsSection(heading: string, contacts: readonly ContactLine[], ui: UiStrings): Blocks {
  if (contacts.length === 0) return [];
  return [section(`*${esc(heading)}*\n${contacts.map((c) => contactText(c, ui)).join('\n')}`)];
}

const RELATIONSHIP_KEYS: Readonly<Record<KnownRelationship, StringKey>> = {
  customer: 'whoCustomer',
  coworker: 'whoCoworker',
  manager: 'whoManager',
  'direct-report': 'whoDirectReport',
  vendor: 'whoVendor',
};

/** A "Who is it?" choice, in the pack's words. */
export function relationshipLabel(ui: UiStrings, relationship: KnownRelationship): string {
  return ui[RELATIONSHIP_KEYS[relationship]];
}

function stepsBlocks(answer: Answer): Blocks {
  if (answer.steps.length === 0) return [];
  return [section(answer.steps.map((s, i) => `${i + 1}. ${esc(s)}`).join('\n'))];
}

function guidanceBlocks(answer: Answer): Blocks {
  const blocks: Blocks = [section(esc(answer.summary)), ...stepsBlocks(answer)];
  if (answer.script)
    blocks.push(section(`*${esc(answer.ui.youCouldSay)}*\n>${esc(answer.script).replace(/\n/g, '\n>')}`));
  return blocks;
}

function reminderBlocks(answer: Answer): Blocks {
  if (answer.reminders.length === 0) return [];
  return [section(answer.reminders.map((r) => `:pushpin: *${esc(r.title)}.* ${esc(r.text)}`).join('\n'))];
}

/**
 * "Who is it?": only the relationships for which this rule says something different, as one
 * menu (one row on a phone, where buttons take a row or two).
 */
function whoIsIt(answer: Answer, state: AnswerState): Blocks {
  if (!answer.askRelationship || !answer.ruleId || answer.relationships.length === 0) return [];
  // The state rides along: feedback once given stays given after a pick.
  const base = refOf(answer, { ...state, why: false });
  const menu: StaticSelect = {
    type: 'static_select',
    action_id: `${ACTIONS.relationship}:menu`,
    placeholder: { type: 'plain_text', text: answer.ui.whoIsIt, emoji: true },
    options: answer.relationships.map((w) => ({
      text: { type: 'plain_text', text: relationshipLabel(answer.ui, w), emoji: true },
      value: encodeValue({ ...base, w }),
    })),
  };
  return [actions('who_is_it', [menu])];
}

/** The pack's reasons and policy links, shown when "Why this answer?" is tapped. */
function whyBlocks(answer: Answer): Blocks {
  const policy = answer.policy.map((p) => {
    const title = p.url ? link(p.url, p.title) : esc(p.title);
    return p.section ? `${title} (${esc(p.section)})` : title;
  });
  const { ui } = answer;
  const lines = [`*${esc(ui.whyLabel)}* ${esc(answer.why || ui.whyFallback)}`];
  if (policy.length > 0) lines.push(`*${esc(ui.policyLabel)}* ${policy.join('; ')}`);
  return [section(lines.join('\n'))];
}

/** The one context line: both notices in a few words, the pack and its version. */
export function footerLine(notices: Answer['notices'], pack: Answer['pack']): string {
  return `${esc(notices.footer)} · ${esc(pack.name)} v${esc(pack.version)}`;
}

/**
 * One row of buttons under an answer: feedback (never on an urgent answer, and gone once given)
 * and "Why this answer?" (gone once shown).
 */
function answerActions(answer: Answer, state: AnswerState): Blocks {
  const ref = refOf(answer, state);
  const elements = [];
  const feedback = Boolean(answer.ruleId) && !answer.urgent && !state.feedbackGiven;
  if (feedback) {
    elements.push(
      button(answer.ui.helpful, `${ACTIONS.feedback}:yes`, encodeValue({ ...ref, f: 1 })),
      button(answer.ui.notRelevant, `${ACTIONS.feedback}:no`, encodeValue({ ...ref, f: 0 })),
    );
  }
  if (!state.why) elements.push(button(answer.ui.whyThisAnswer, `${ACTIONS.why}:answer`, encodeValue(ref)));
  const blocks: Blocks = [];
  if (state.feedbackGiven) blocks.push(context(esc(answer.ui.thanksNoted)));
  if (elements.length > 0) blocks.push(actions('answer_actions', elements));
  return blocks;
}

/**
 * An escalation, in the order a person in a hard moment can act on: a line that believes them
 * and says nobody has been told; the contacts, as buttons; at most three steps; a way to hide
 * it all at once, and an opt-in copy of the contacts in their DM.
 */
function escalationBlocks(answer: Answer): Blocks {
  const buttons = contactButtons(answer.contacts, answer.urgent);
  const blocks: Blocks = [
    section(esc(answer.notices.escalationOpening)),
    ...contactsSection(answer.ui.whoCanHelp, answer.contacts, answer.ui),
  ];
  if (buttons.length > 0) blocks.push(actions('contacts', buttons));
  blocks.push(section(`*${esc(answer.title)}*\n${esc(answer.summary)}`), ...stepsBlocks(answer));
  blocks.push(
    actions('hide', [
      button(answer.ui.hideThis, `${ACTIONS.hide}:answer`, encodeValue({})),
      button(
        answer.ui.sendContactsToDm,
        `${ACTIONS.contactsToDm}:answer`,
        encodeValue(answer.urgent ? { u: 1 } : {}),
      ),
    ]),
    {
      ...context(esc(answer.ui.dmCopyNote)),
      block_id: 'hide_note',
    },
  );
  return blocks;
}

export function answerBlocks(answer: Answer, state: AnswerState = {}): KnownBlock[] {
  // A desktop notification shows the first text of the blocks: the neutral line, never a topic.
  const blocks: Blocks = [context(esc(answer.notices.notification))];
  if (answer.kind === 'escalation') {
    blocks.push(...escalationBlocks(answer));
  } else {
    blocks.push(
      header(answer.title),
      ...guidanceBlocks(answer),
      ...whoIsIt(answer, state),
      ...reminderBlocks(answer),
      ...contactsSection(answer.ui.whereElseToAsk, answer.contacts, answer.ui),
    );
  }
  if (state.why) blocks.push(...whyBlocks(answer));
  blocks.push(...answerActions(answer, state));
  if (answer.related.length > 0)
    blocks.push(actions('related', [topicMenu(answer.related, answer.ui.relatedTopics)]));
  blocks.push(context(footerLine(answer.notices, answer.pack)));
  return blocks.slice(0, SLACK_LIMITS.messageBlocks);
}

/**
 * A message's `text`: what a mobile notification shows, on a lock screen too. So it is the
 * pack's neutral line, never the answer's title or summary. Screen readers read the blocks.
 */
export function answerFallback(answer: Pick<Answer, 'notices'>): string {
  return clip(answer.notices.notification, SLACK_LIMITS.fallbackText);
}

export interface AnswerMessage {
  readonly response_type: 'ephemeral';
  readonly text: string;
  readonly blocks: readonly KnownBlock[];
}

/** The ephemeral message for an answer. */
export function answerMessage(answer: Answer, state: AnswerState = {}): AnswerMessage {
  return { response_type: 'ephemeral', text: answerFallback(answer), blocks: answerBlocks(answer, state) };
}

/** "Is this about…?": two or three choices, each opening its rule's answer in one tap. */
export function clarifyBlocks(clarify: Clarify): KnownBlock[] {
  return [
    context(esc(clarify.notices.notification)),
    section(clarify.ui.clarifyPrompt),
    actions(
      'clarify',
      clarify.choices.map((c) =>
        button(
          c.label,
          `${ACTIONS.rule}:${c.ruleId}`,
          encodeValue({
            r: c.ruleId,
            ...(clarify.asker !== 'unknown' ? { a: clarify.asker } : {}),
            ...(clarify.relationship !== 'unknown' ? { w: clarify.relationship } : {}),
          }),
        ),
      ),
    ),
    context(footerLine(clarify.notices, clarify.pack)),
  ];
}

/** What a question gets: its answer, or "Is this about…?" when two topics are too close to call. */
export function replyMessage(reply: { answer: Answer; clarify?: Clarify | undefined }): AnswerMessage {
  if (!reply.clarify) return answerMessage(reply.answer);
  return {
    response_type: 'ephemeral',
    text: answerFallback(reply.answer),
    blocks: clarifyBlocks(reply.clarify),
  };
}
