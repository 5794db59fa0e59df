import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { answerBlocks, answerFallback } from '../../render/blocks/index.js';
import { type Deps, logFailure, logOutcome, notice } from '../deps.js';

const NO_TEXT =
  'That message has no text I can read, so I can’t give a nudge about it. Try `/conduct` with your question.';

/**
 * "Get a private nudge about this message": the selected message is read to answer the person
 * who used the shortcut, through response_url (works where the bot is not a member), then
 * dropped. Nothing is stored or forwarded, and nothing appears in the channel.
 */
export function messageNudge(deps: Deps) {
  return async function handleMessageNudge({
    shortcut,
    ack,
    respond,
  }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs) {
    await ack();
    const started = performance.now();
    const text = typeof shortcut.message?.text === 'string' ? shortcut.message.text.trim() : '';
    try {
      if (!text) {
        await respond({ response_type: 'ephemeral', replace_original: false, ...notice(deps, NO_TEXT) });
        logOutcome(deps, 'message_shortcut', started, 'no_text');
        return;
      }
      const { answer } = deps.engine.answer(text);
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: answerFallback(answer),
        blocks: answerBlocks(answer),
      });
      logOutcome(deps, 'message_shortcut', started, 'answered', answer);
    } catch (error) {
      logFailure(deps, 'message_shortcut', error, 'reply_failed');
    }
  };
}
