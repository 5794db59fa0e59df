import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { helpBlocks, replyMessage } from '../../render/blocks/index.js';
import { type Deps, logFailure, logOutcome, notice, notification, say } from '../deps.js';

const GREETING = /^(hi|hello|hey|help|topics|start|\?)[\s!.?]*$/i;

type Args = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

/**
 * Answers a question sent in a DM with the bot, in a thread under it. Edits, deletions, other
 * bots and every other subtype are ignored; a file with no text gets a polite nudge. A retried
 * delivery never reaches here (the app's global retry middleware answers each event once).
 */
export function directMessage(deps: Deps) {
  return async function handleDirectMessage({ event, client }: Args): Promise<void> {
    if (event.channel_type !== 'im') return;
    const message = event as {
      subtype?: string;
      bot_id?: string;
      text?: string;
      channel: string;
      ts: string;
      thread_ts?: string;
      files?: unknown[];
    };
    if (message.bot_id) return;
    if (message.subtype && message.subtype !== 'file_share') return;

    const started = performance.now();
    const text = typeof message.text === 'string' ? message.text.trim() : '';
    let reply: { text: string; blocks: ReturnType<typeof helpBlocks> };
    let outcome = 'answered';
    let answer: ReturnType<Deps['engine']['answer']>['answer'] | undefined;
    if (text.length === 0) {
      if (message.subtype !== 'file_share' && !message.files) return;
      reply = notice(deps, say(deps, 'dmNoText'));
      outcome = 'file_without_text';
    } else if (GREETING.test(text)) {
      reply = {
        text: notification(deps),
        blocks: helpBlocks(deps.engine.pack),
      };
      outcome = 'help';
    } else {
      const replied = deps.engine.answer(text);
      answer = replied.answer;
      const { text: fallback, blocks } = replyMessage(replied);
      reply = { text: fallback, blocks: [...blocks] };
    }
    try {
      await client.chat.postMessage({
        channel: message.channel,
        // A question asked inside a thread is answered in that thread.
        thread_ts: message.thread_ts ?? message.ts,
        ...reply,
        unfurl_links: false,
      });
      logOutcome(deps, 'dm', started, outcome, answer);
    } catch (error) {
      // There is no other private way back to the person: the failure is logged and counted.
      logFailure(deps, 'dm', error, 'reply_failed');
    }
  };
}
