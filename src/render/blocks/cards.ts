import type { KnownBlock } from '@slack/types';
import { contactsFor, noticesOf, type TopicCard, type TopicLink, topicLinks } from '../../engine/answer.js';
import { TOPICS, type Topic } from '../../pack/topics.js';
import type { Pack } from '../../pack/load.js';
import { ACTIONS } from '../../slack/ids.js';
import { encodeValue } from '../values.js';
import { contactButtons, contactsSection, contactText, footerLine } from './answer.js';
import { actions, button, context, esc, header, section, topicButtons, topicMenu } from './common.js';

export const MENU_TOPICS: readonly Topic[] = TOPICS.filter((t) => t !== 'out-of-scope');

/** The topics a menu offers: the pack's own order, or every topic. */
export function menuTopics(pack: Pack): TopicLink[] {
  return topicLinks(pack, pack.meta.defaultMenu ?? MENU_TOPICS);
}

function packLine(pack: Pack): KnownBlock {
  return context(footerLine(noticesOf(pack), { name: pack.meta.name, version: pack.meta.version }));
}

function neutral(pack: Pack): KnownBlock {
  return context(esc(noticesOf(pack).notification));
}

/** `/conduct help`: how to ask. The topics have a card of their own. */
export function helpBlocks(pack: Pack): KnownBlock[] {
  return [
    neutral(pack),
    header('How to ask'),
    section(
      'Ask me about conduct at work, in your own words: only you see the answer, and nothing you write is kept.',
    ),
    section(
      '• `/conduct your question`, in any channel\n• a direct message to me\n• the shortcuts menu → *Ask a conduct question*\n• `/conduct topics` to browse, `/conduct privacy` for what I read and keep',
    ),
    actions('help_actions', [
      button('Ask privately', ACTIONS.askPrivately, encodeValue({}), 'primary'),
      button('Browse topics', `${ACTIONS.topics}:list`, encodeValue({})),
    ]),
    packLine(pack),
  ];
}

/** `/conduct topics`: every topic, one tap to its overview. */
export function topicsBlocks(pack: Pack): KnownBlock[] {
  return [
    neutral(pack),
    header('Topics'),
    section('Tap a topic for a short overview and its common questions.'),
    actions('topics', topicButtons(menuTopics(pack))),
    packLine(pack),
  ];
}

/**
 * What a topic button opens: a two-line overview and the topic's common questions, each one
 * tap from its answer. Harassment and safety puts the contacts first.
 */
export function topicCardBlocks(card: TopicCard): KnownBlock[] {
  const blocks: KnownBlock[] = [context(esc(card.notices.notification)), header(card.label)];
  // Harassment and safety: who can help comes before anything to read.
  if (card.contacts.length > 0) {
    blocks.push(...contactsSection('Who can help', card.contacts));
    const buttons = contactButtons(card.contacts, false);
    if (buttons.length > 0) blocks.push(actions('contacts', buttons));
  }
  blocks.push(section(esc(card.overview)));
  if (card.questions.length > 0) {
    blocks.push(
      context('*Common questions*'),
      actions(
        'topic_questions',
        card.questions.map((q) =>
          button(q.title, `${ACTIONS.rule}:${q.ruleId}`, encodeValue({ r: q.ruleId })),
        ),
      ),
    );
  }
  blocks.push(context(footerLine(card.notices, card.pack)));
  return blocks;
}

export const PRIVACY_TEXT = [
  '*What I read:* the question you send, only to answer it, and your user id to send the answer to you alone.',
  '*What I keep:* nothing about you. No question text, no user or channel ids, no names, no emails; nothing is written to disk. The only records are counts: how many answers each topic and rule gave, and how many were marked helpful.',
  '*Where it stays:* `/conduct` and the *Ask privately* window leave no trace: the answer is shown to you only and vanishes on reload. A direct message with me is a normal Slack conversation, which Slack keeps under your workspace’s retention and export settings.',
  '*Who is told:* nobody. Asking me is not reporting. I never pass on what you wrote.',
];

export function privacyBlocks(pack?: Pack): KnownBlock[] {
  return [
    ...(pack ? [neutral(pack)] : []),
    header('Privacy'),
    ...PRIVACY_TEXT.map(section),
    ...(pack ? [packLine(pack)] : []),
  ];
}

export function hrContactsText(pack: Pack): string {
  return `*HR and reporting contacts*\n${contactsFor(pack, false).map(contactText).join('\n')}`;
}

/**
 * The card HR pins in a channel: "Ask privately" first, then the topics in one menu, so on a
 * phone it is two rows. Every tap is answered privately, to the person who tapped only.
 */
export function pinnedCardBlocks(pack: Pack, topics: readonly Topic[]): KnownBlock[] {
  return [
    header('Questions about conduct? Ask privately'),
    section(
      'Ask your own question, or pick a topic: only you see the answer. Nobody, including HR, is told who tapped or what was asked.',
    ),
    actions('card_ask', [button('Ask privately', ACTIONS.askPrivately, encodeValue({}), 'primary')]),
    actions('card_topics', [topicMenu(topicLinks(pack, topics), 'Pick a topic')]),
    context(`${esc(pack.meta.name)} · v${esc(pack.meta.version)}`),
  ];
}

/** The contacts, as a DM the asker chose to receive: neutral text, nothing about what was asked. */
export function contactsMessage(pack: Pack, urgent: boolean): { text: string; blocks: KnownBlock[] } {
  const contacts = contactsFor(pack, urgent);
  const buttons = contactButtons(contacts, urgent);
  return {
    text: noticesOf(pack).notification,
    blocks: [
      neutral(pack),
      ...contactsSection('Who can help', contacts),
      ...(buttons.length > 0 ? [actions('contacts', buttons)] : []),
      context('You asked for these contacts. Nothing else was kept or shared.'),
    ],
  };
}

/**
 * A short notice as a message: `text` (what a notification shows) is the pack's neutral line,
 * and so is the first block; the notice itself follows.
 */
export function noticeMessage(notification: string, text: string): { text: string; blocks: KnownBlock[] } {
  return { text: notification, blocks: [context(esc(notification)), section(text)] };
}
