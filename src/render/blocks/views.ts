import type { HomeView, KnownBlock, ModalView } from '@slack/types';
import type { Answer } from '../../engine/answer.js';
import { VIEWS } from '../../listeners/ids.js';
import type { Pack } from '../../pack/load.js';
import type { Reminder } from '../../pack/schema.js';
import { clip, link, SLACK_LIMITS } from '../limits.js';
import { encodeMetadata, type ViewMetadata } from '../values.js';
import { answerBlocks } from './answer.js';
import { hrContactsText, MENU_TOPICS } from './cards.js';
import { actions, context, esc, header, section, topicButtons } from './common.js';

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

export function answerModal(answer: Answer): ModalView {
  // A modal closes with its own button: "Hide this" is for messages.
  const blocks = answerBlocks(answer).filter((b) => b.block_id !== 'hide');
  return modal('Conduct Nudge', blocks, {
    close: { type: 'plain_text', text: 'Done' },
    private_metadata: encodeMetadata(answer.ruleId ? { s: 'answer', r: answer.ruleId } : { s: 'answer' }),
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

export function homeView(pack: Pack, privacyUrl?: string): HomeView {
  return {
    type: 'home',
    blocks: [
      header('Conduct Nudge'),
      section(
        'Short, private guidance on conduct at work. Ask with `/conduct your question`, in a message to me, or from the shortcuts menu.',
      ),
      context('*Topics*'),
      actions('home_topics', topicButtons(MENU_TOPICS)),
      section(
        `*Privacy:* I keep nothing: no question text, no names, no ids, and nobody is told you asked. Answers go only to you; \`/conduct privacy\` says more${
          privacyUrl
            ? `, and ${link(privacyUrl, 'the data-flow table')} has every detail`
            : ', and PRIVACY.md in the app’s repository has every detail'
        }.`,
      ),
      section(hrContactsText(pack)),
      context(`${esc(pack.meta.name)} · v${esc(pack.meta.version)}`),
    ],
  };
}
