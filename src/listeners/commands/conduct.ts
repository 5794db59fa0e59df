import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { helpBlocks, privacyBlocks, replyMessage, topicsBlocks } from '../../render/blocks/index.js';
import { type Deps, logOutcome, notification } from '../deps.js';
import { pinCard } from './pin.js';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

const HELP_WORDS = new Set(['', 'help', '?', 'hi', 'hello']);
const TOPICS_WORDS = new Set(['topics', 'topic', 'menu']);

/**
 * `/conduct …`: help, topics, privacy, pin, or a question. Answers go back in the ack itself, as an
 * ephemeral message only the asker sees, in one round trip.
 */
export function conductCommand(deps: Deps) {
  return async function handleConduct({ command, ack, respond, client }: Args): Promise<void> {
    const started = performance.now();
    const text = typeof command.text === 'string' ? command.text.trim() : '';
    const [first = '', ...rest] = text.split(/\s+/);
    const sub = first.toLowerCase();

    if (HELP_WORDS.has(sub) && rest.length === 0) {
      await ack({
        response_type: 'ephemeral',
        text: notification(deps),
        blocks: helpBlocks(deps.engine.pack),
      });
      logOutcome(deps, 'command', started, 'help');
      return;
    }
    if (TOPICS_WORDS.has(sub) && rest.length === 0) {
      await ack({
        response_type: 'ephemeral',
        text: notification(deps),
        blocks: topicsBlocks(deps.engine.pack),
      });
      logOutcome(deps, 'command', started, 'topics');
      return;
    }
    if (sub === 'privacy' && rest.length === 0) {
      await ack({
        response_type: 'ephemeral',
        text: notification(deps),
        blocks: privacyBlocks(deps.engine.pack),
      });
      logOutcome(deps, 'command', started, 'privacy');
      return;
    }
    if (sub === 'pin') {
      await pinCard(deps, { command, ack, respond, client, topics: rest }, started);
      return;
    }

    const reply = deps.engine.answer(text);
    const { answer } = reply;
    await ack(replyMessage(reply) as Parameters<typeof ack>[0]);
    logOutcome(deps, 'command', started, 'answered', answer);
  };
}
