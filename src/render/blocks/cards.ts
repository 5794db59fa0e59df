import type { KnownBlock } from '@slack/types';
import { contactsFor, noticesOf, type TopicCard, type TopicLink, topicLinks } from '../../engine/answer.js';
import { TOPICS, type Topic } from '../../pack/topics.js';
import type { Pack } from '../../pack/load.js';
import type { UiStrings } from '../../pack/strings.js';
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
  const ui = pack.strings;
  return [
    neutral(pack),
    header(ui.helpTitle),
    section(ui.helpIntro),
    section(ui.helpWays),
    actions('help_actions', [
      button(ui.askPrivately, ACTIONS.askPrivately, encodeValue({}), 'primary'),
      button(ui.browseTopics, `${ACTIONS.topics}:list`, encodeValue({})),
    ]),
    packLine(pack),
  ];
}

/** `/conduct topics`: every topic, one tap to its overview. */
export function topicsBlocks(pack: Pack): KnownBlock[] {
  return [
    neutral(pack),
    header(pack.strings.topicsTitle),
    section(pack.strings.topicsIntro),
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
    blocks.push(...contactsSection(card.ui.whoCanHelp, card.contacts, card.ui));
    const buttons = contactButtons(card.contacts, false);
    if (buttons.length > 0) blocks.push(actions('contacts', buttons));
  }
  blocks.push(section(esc(card.overview)));
  if (card.questions.length > 0) {
    blocks.push(
      context(card.ui.commonQuestions),
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

/** What the privacy card says, in the pack's words. */
function privacyText(ui: UiStrings): string[] {
  return [ui.privacyRead, ui.privacyKeep, ui.privacyWhere, ui.privacyWho];
}

export function privacyBlocks(pack: Pack): KnownBlock[] {
  return [
    neutral(pack),
    header(pack.strings.privacyTitle),
    ...privacyText(pack.strings).map(section),
    packLine(pack),
  ];
}

export function hrContactsText(pack: Pack): string {
  return `${pack.strings.hrContactsTitle}\n${contactsFor(pack, false)
    .map((c) => contactText(c, pack.strings))
    .join('\n')}`;
}

/**
 * The card HR pins in a channel: "Ask privately" first, then the topics in one menu, so on a
 * phone it is two rows. Every tap is answered privately, to the person who tapped only.
 */
export function pinnedCardBlocks(pack: Pack, topics: readonly Topic[]): KnownBlock[] {
  const ui = pack.strings;
  return [
    header(ui.cardTitle),
    section(ui.cardIntro),
    actions('card_ask', [button(ui.askPrivately, ACTIONS.askPrivately, encodeValue({}), 'primary')]),
    actions('card_topics', [topicMenu(topicLinks(pack, topics), ui.pickATopic)]),
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
      ...contactsSection(pack.strings.whoCanHelp, contacts, pack.strings),
      ...(buttons.length > 0 ? [actions('contacts', buttons)] : []),
      context(esc(pack.strings.contactsDmNote)),
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
