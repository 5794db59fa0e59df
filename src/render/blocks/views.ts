import type { HomeView, KnownBlock, ModalView } from '@slack/types';
import type { Answer, Clarify, TopicCard } from '../../engine/answer.js';
import type { ConcernKind } from '../../engine/concern.js';
import type { Pack } from '../../pack/load.js';
import type { Reminder } from '../../pack/schema.js';
import { ACTIONS, VIEWS } from '../../slack/ids.js';
import { clip, link, SLACK_LIMITS } from '../limits.js';
import { encodeMetadata, encodeValue, type ViewMetadata } from '../values.js';
import { answerBlocks, type AnswerState, clarifyBlocks } from './answer.js';
import { hrContactsText, menuTopics, topicCardBlocks, topicsBlocks } from './cards.js';
import { actions, button, context, esc, header, section, topicButtons } from './common.js';

export const QUESTION_BLOCK = 'question';
export const QUESTION_ACTION = 'question_text';

function modal(title: string, blocks: KnownBlock[], extra: Partial<ModalView> = {}): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: clip(title, SLACK_LIMITS.modalTitle) },
    close: { type: 'plain_text', text: 'Close' },
    blocks: blocks.slice(0, SLACK_LIMITS.viewBlocks),
    ...extra,
  };
}

export function questionModal(meta: ViewMetadata = {}): ModalView {
  return modal(
    'Ask privately',
    [
      section('Ask about conduct at work. Only you will see the answer, and nothing you type is kept.'),
      {
        type: 'input',
        block_id: QUESTION_BLOCK,
        label: { type: 'plain_text', text: 'Your question' },
        element: {
          type: 'plain_text_input',
          action_id: QUESTION_ACTION,
          multiline: true,
          max_length: SLACK_LIMITS.inputMaxLength,
          placeholder: { type: 'plain_text', text: 'e.g. Is it OK to ask a coworker out for coffee?' },
        },
      },
      context('Guidance, not legal advice. Asking here is not reporting.'),
    ],
    {
      callback_id: VIEWS.question,
      submit: { type: 'plain_text', text: 'Ask' },
      private_metadata: encodeMetadata(meta),
    },
  );
}

/** An answer in a modal: "Ask another" opens a fresh question; "Done" closes it. */
export function answerModal(answer: Answer, state: AnswerState = {}): ModalView {
  // A modal closes with its own button: "Hide this" and the DM copy are for messages.
  const blocks = answerBlocks(answer, state)
    .filter((b) => b.block_id !== 'hide')
    .filter((b) => !(b.type === 'context' && b.block_id === 'hide_note'));
  return modal('Conduct Nudge', blocks, {
    callback_id: VIEWS.answer,
    submit: { type: 'plain_text', text: 'Ask another' },
    close: { type: 'plain_text', text: 'Done' },
    private_metadata: encodeMetadata(answer.ruleId ? { s: 'answer', r: answer.ruleId } : { s: 'answer' }),
  });
}

/** "Is this about…?" in a modal, for questions asked in one. */
export function clarifyModal(clarify: Clarify): ModalView {
  return modal('Conduct Nudge', clarifyBlocks(clarify), {
    callback_id: VIEWS.answer,
    submit: { type: 'plain_text', text: 'Ask another' },
    close: { type: 'plain_text', text: 'Done' },
    private_metadata: encodeMetadata({ s: 'answer' }),
  });
}

export function topicModal(card: TopicCard): ModalView {
  return modal('Conduct Nudge', topicCardBlocks(card), {
    callback_id: VIEWS.answer,
    submit: { type: 'plain_text', text: 'Ask a question' },
    close: { type: 'plain_text', text: 'Done' },
    private_metadata: encodeMetadata({ s: 'answer' }),
  });
}

export function topicsModal(pack: Pack): ModalView {
  return modal('Topics', topicsBlocks(pack), {
    callback_id: VIEWS.answer,
    submit: { type: 'plain_text', text: 'Ask a question' },
    close: { type: 'plain_text', text: 'Done' },
    private_metadata: encodeMetadata({ s: 'answer' }),
  });
}

export function reminderModal(reminder: Reminder): ModalView {
  return modal(reminder.title, [header(reminder.title), section(esc(reminder.text))], {
    close: { type: 'plain_text', text: 'Got it' },
  });
}

export function messageModal(title: string, text: string): ModalView {
  return modal(title, [section(text)]);
}

export const CONCERN_BLOCK = 'concern';
export const CONCERN_ACTION = 'concern_choice';
export const CONCERN_TEXT_BLOCK = 'concern_text';
export const CONCERN_TEXT_ACTION = 'concern_text_input';

/** The message shortcut's choices: whose message it is about, and how it felt. */
export const CONCERNS: Readonly<Record<ConcernKind, string>> = {
  'me-unwelcome': 'It’s about me, and it felt unwelcome',
  'other-unwelcome': 'It’s about someone else, and it felt unwelcome',
  'my-draft': 'I wrote it, and I’m not sure it’s OK',
  'not-sure': 'I’m not sure how to read it',
};

/**
 * "What worries you about this message?": the message was read when the shortcut arrived and
 * is not kept; `meta` carries only what the engine made of it (pack ids).
 */
export function messageConcernModal(meta: ViewMetadata): ModalView {
  return modal(
    'About this message',
    [
      section('I read the message only to answer you, and I don’t keep it. Nobody is told you asked.'),
      {
        type: 'input',
        block_id: CONCERN_BLOCK,
        label: { type: 'plain_text', text: 'What worries you about this message?' },
        element: {
          type: 'radio_buttons',
          action_id: CONCERN_ACTION,
          options: Object.entries(CONCERNS).map(([value, text]) => ({
            text: { type: 'plain_text', text },
            value,
          })),
        },
      },
      {
        type: 'input',
        block_id: CONCERN_TEXT_BLOCK,
        optional: true,
        label: { type: 'plain_text', text: 'Anything to add? (optional)' },
        element: {
          type: 'plain_text_input',
          action_id: CONCERN_TEXT_ACTION,
          multiline: true,
          max_length: SLACK_LIMITS.inputMaxLength,
        },
      },
      context('Guidance, not legal advice. Asking here is not reporting.'),
    ],
    {
      callback_id: VIEWS.messageConcern,
      submit: { type: 'plain_text', text: 'Get guidance' },
      private_metadata: encodeMetadata(meta),
    },
  );
}

/**
 * App Home: "Ask privately" first, then the topics, then what the app reads and keeps, in
 * plain words, with a link to the full account when the pack or PRIVACY_URL gives one.
 */
export function homeView(pack: Pack, privacyUrl?: string): HomeView {
  const url = privacyUrl ?? pack.meta.privacyUrl;
  return {
    type: 'home',
    blocks: [
      header('Conduct Nudge'),
      section('Short, private guidance on conduct at work. Only you see the answers.'),
      actions('home_ask', [button('Ask privately', ACTIONS.askPrivately, encodeValue({}), 'primary')]),
      context('*Topics*'),
      actions('home_topics', topicButtons(menuTopics(pack))),
      section(
        [
          '*What I read and keep*',
          'I read your question only to answer it. I keep no question text, no names and no ids, and nobody is told you asked. The only records are counts: answers by topic and rule, and how many were marked helpful.',
          'A direct message with me is kept by Slack, under your workspace’s retention settings. `/conduct` and *Ask privately* leave nothing behind.',
          ...(url ? [link(url, 'Everything the app reads, sends and keeps')] : []),
        ].join('\n'),
      ),
      section(hrContactsText(pack)),
      context(`${esc(pack.meta.name)} · v${esc(pack.meta.version)}`),
    ],
  };
}
