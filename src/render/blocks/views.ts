import type { HomeView, KnownBlock, ModalView } from '@slack/types';
import type { Answer, Clarify, TopicCard } from '../../engine/answer.js';
import type { ConcernKind } from '../../engine/concern.js';
import type { Pack } from '../../pack/load.js';
import type { Reminder } from '../../pack/schema.js';
import type { StringKey, UiStrings } from '../../pack/strings.js';
import { ACTIONS, VIEWS } from '../../slack/ids.js';
import { clip, link, SLACK_LIMITS } from '../limits.js';
import { encodeMetadata, encodeValue, type ViewMetadata } from '../values.js';
import { answerBlocks, type AnswerState, clarifyBlocks } from './answer.js';
import { hrContactsText, menuTopics, topicCardBlocks, topicsBlocks } from './cards.js';
import { actions, button, context, esc, header, section, topicButtons } from './common.js';

export const QUESTION_BLOCK = 'question';
export const QUESTION_ACTION = 'question_text';

function modal(
  ui: UiStrings,
  title: string,
  blocks: KnownBlock[],
  extra: Partial<ModalView> = {},
): ModalView {
  const view: ModalView = {
    type: 'modal',
    title: { type: 'plain_text', text: clip(title, SLACK_LIMITS.modalTitle) },
    close: { type: 'plain_text', text: ui.close },
    blocks: blocks.slice(0, SLACK_LIMITS.viewBlocks),
    ...extra,
  };
  // A window's buttons hold as many characters as its title (the pack's strings are checked too).
  for (const key of ['submit', 'close'] as const) {
    const button = view[key];
    if (button) view[key] = { ...button, text: clip(button.text, SLACK_LIMITS.modalTitle) };
  }
  return view;
}

export function questionModal(ui: UiStrings, meta: ViewMetadata = {}): ModalView {
  return modal(
    ui,
    ui.askPrivately,
    [
      section(ui.askIntro),
      {
        type: 'input',
        block_id: QUESTION_BLOCK,
        label: { type: 'plain_text', text: ui.questionLabel },
        element: {
          type: 'plain_text_input',
          action_id: QUESTION_ACTION,
          multiline: true,
          max_length: SLACK_LIMITS.inputMaxLength,
          placeholder: { type: 'plain_text', text: ui.questionPlaceholder },
        },
      },
      context(esc(ui.askFooter)),
    ],
    {
      callback_id: VIEWS.question,
      submit: { type: 'plain_text', text: ui.ask },
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
  const { ui } = answer;
  return modal(ui, ui.appTitle, blocks, {
    callback_id: VIEWS.answer,
    submit: { type: 'plain_text', text: ui.askAnother },
    close: { type: 'plain_text', text: ui.done },
    private_metadata: encodeMetadata(answer.ruleId ? { s: 'answer', r: answer.ruleId } : { s: 'answer' }),
  });
}

/** "Is this about…?" in a modal, for questions asked in one. */
export function clarifyModal(clarify: Clarify): ModalView {
  const { ui } = clarify;
  return modal(ui, ui.appTitle, clarifyBlocks(clarify), {
    callback_id: VIEWS.answer,
    submit: { type: 'plain_text', text: ui.askAnother },
    close: { type: 'plain_text', text: ui.done },
    private_metadata: encodeMetadata({ s: 'answer' }),
  });
}

export function topicModal(card: TopicCard): ModalView {
  const { ui } = card;
  return modal(ui, ui.appTitle, topicCardBlocks(card), {
    callback_id: VIEWS.answer,
    submit: { type: 'plain_text', text: ui.askAQuestion },
    close: { type: 'plain_text', text: ui.done },
    private_metadata: encodeMetadata({ s: 'answer' }),
  });
}

export function topicsModal(pack: Pack): ModalView {
  const ui = pack.strings;
  return modal(ui, ui.topicsTitle, topicsBlocks(pack), {
    callback_id: VIEWS.answer,
    submit: { type: 'plain_text', text: ui.askAQuestion },
    close: { type: 'plain_text', text: ui.done },
    private_metadata: encodeMetadata({ s: 'answer' }),
  });
}

export function reminderModal(ui: UiStrings, reminder: Reminder): ModalView {
  return modal(ui, reminder.title, [header(reminder.title), section(esc(reminder.text))], {
    close: { type: 'plain_text', text: ui.gotIt },
  });
}

export function messageModal(ui: UiStrings, title: string, text: string): ModalView {
  return modal(ui, title, [section(text)]);
}

export const CONCERN_BLOCK = 'concern';
export const CONCERN_ACTION = 'concern_choice';
export const CONCERN_TEXT_BLOCK = 'concern_text';
export const CONCERN_TEXT_ACTION = 'concern_text_input';

/** The message shortcut's choices: whose message it is about, and how it felt. */
export const CONCERNS: Readonly<Record<ConcernKind, StringKey>> = {
  'me-unwelcome': 'concernMeUnwelcome',
  'other-unwelcome': 'concernOtherUnwelcome',
  'my-draft': 'concernMyDraft',
  'not-sure': 'concernNotSure',
};

/**
 * "What worries you about this message?": the message was read when the shortcut arrived and
 * is not kept; `meta` carries only what the engine made of it (pack ids).
 */
export function messageConcernModal(ui: UiStrings, meta: ViewMetadata): ModalView {
  return modal(
    ui,
    ui.messageTitle,
    [
      section(ui.concernIntro),
      {
        type: 'input',
        block_id: CONCERN_BLOCK,
        label: { type: 'plain_text', text: ui.concernLabel },
        element: {
          type: 'radio_buttons',
          action_id: CONCERN_ACTION,
          options: Object.entries(CONCERNS).map(([value, key]) => ({
            text: { type: 'plain_text', text: ui[key] },
            value,
          })),
        },
      },
      {
        type: 'input',
        block_id: CONCERN_TEXT_BLOCK,
        optional: true,
        label: { type: 'plain_text', text: ui.concernAddLabel },
        element: {
          type: 'plain_text_input',
          action_id: CONCERN_TEXT_ACTION,
          multiline: true,
          max_length: SLACK_LIMITS.inputMaxLength,
        },
      },
      context(esc(ui.askFooter)),
    ],
    {
      callback_id: VIEWS.messageConcern,
      submit: { type: 'plain_text', text: ui.getGuidance },
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
  const ui = pack.strings;
  return {
    type: 'home',
    blocks: [
      header(ui.appTitle),
      section(ui.homeIntro),
      actions('home_ask', [button(ui.askPrivately, ACTIONS.askPrivately, encodeValue({}), 'primary')]),
      context(ui.homeTopics),
      actions('home_topics', topicButtons(menuTopics(pack))),
      section(
        [ui.homeReadKeepTitle, ui.homeReadKeep, ui.homeDm, ...(url ? [link(url, ui.privacyLink)] : [])].join(
          '\n',
        ),
      ),
      section(hrContactsText(pack)),
      context(`${esc(pack.meta.name)} · v${esc(pack.meta.version)}`),
    ],
  };
}
