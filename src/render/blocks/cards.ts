import type { KnownBlock } from '@slack/types';
import { type ContactLine, contactsFor } from '../../engine/answer.js';
import { TOPICS, type Topic } from '../../engine/topics.js';
import { ACTIONS } from '../../listeners/ids.js';
import type { Pack } from '../../pack/load.js';
import { link } from '../limits.js';
import { encodeValue } from '../values.js';
import { actions, button, context, esc, header, section, topicButtons } from './common.js';

export const MENU_TOPICS: readonly Topic[] = TOPICS.filter((t) => t !== 'out-of-scope');

export function helpBlocks(pack: Pack): KnownBlock[] {
  return [
    header('Conduct Nudge'),
    section(
      'Ask me anything about conduct at work, privately: dating a coworker or a customer, saying or hearing no, gifts, phone numbers and social media, gossip, or something that feels wrong.',
    ),
    section(
      '*How to ask*\n• `/conduct your question`: only you see the answer\n• Send me a direct message\n• Shortcuts menu → *Ask a conduct question*\n• `/conduct privacy`: what I read and keep (nothing)',
    ),
    context('*Topics*'),
    actions('topics', topicButtons(MENU_TOPICS)),
    context(`${esc(pack.meta.name)} · v${esc(pack.meta.version)}`),
  ];
}

export const PRIVACY_TEXT = [
  '*What I read:* the question you send, only to answer it, and your user id to send the answer to you alone.',
  '*What I keep:* nothing. No question text, no user or channel ids, no names, no emails. Nothing is written to disk or logged; only counts by topic may be kept.',
  '*Where it stays:* `/conduct` and the *Ask a conduct question* modal leave no trace: the answer is shown to you only and disappears. A direct message with me is a normal Slack conversation, which Slack keeps under your workspace’s retention and export settings. For the most private questions, use `/conduct` or the modal.',
  '*Who is told:* nobody. Asking me is not reporting. I never pass on what you wrote.',
];

export function privacyBlocks(): KnownBlock[] {
  return [header('Privacy'), ...PRIVACY_TEXT.map(section)];
}

function contactLine(c: ContactLine): string {
  const bits = [esc(c.label)];
  if (c.slack) bits.push(esc(c.slack));
  if (c.phone) bits.push(esc(c.phone));
  if (c.email) bits.push(link(`mailto:${c.email}`, c.email));
  if (c.url) bits.push(link(c.url, 'link'));
  return `• ${bits.join(' · ')}`;
}

export function hrContactsText(pack: Pack): string {
  return `*HR and reporting contacts*\n${contactsFor(pack, false).map(contactLine).join('\n')}`;
}

/** The card HR pins in a channel: every click is answered privately, to the clicker only. */
export function pinnedCardBlocks(pack: Pack, topics: readonly Topic[]): KnownBlock[] {
  return [
    header('Questions about conduct? Ask privately'),
    section(
      'Tap a topic for short guidance that only you will see, or ask your own question in private. Nobody, including HR, is told who tapped or what was asked.',
    ),
    actions('card_topics', topicButtons(topics)),
    actions('card_ask', [button('Ask privately', ACTIONS.askPrivately, encodeValue({}), 'primary')]),
    context(`${esc(pack.meta.name)} · v${esc(pack.meta.version)}`),
  ];
}

/**
 * A short notice as a message: `text` (what a notification shows) is the pack's neutral line,
 * and so is the first block; the notice itself follows.
 */
export function noticeMessage(notification: string, text: string): { text: string; blocks: KnownBlock[] } {
  return { text: notification, blocks: [context(esc(notification)), section(text)] };
}
