import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { helpBlocks, privacyBlocks, replyMessage, topicsBlocks } from '../../render/blocks/index.js';
import { type Deps, logOutcome, notification } from '../deps.js';
import { pinCard } from './pin.js';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** One-word sub-commands that answer with a card, and the outcome each is counted as. */
interface Card {
  outcome: string;
  blocks: typeof helpBlocks;
}
const HELP: Card = { outcome: 'help', blocks: helpBlocks };
const TOPICS: Card = { outcome: 'topics', blocks: topicsBlocks };
const CARDS = new Map<string, Card>([
  ...['', 'help', '?', 'hi', 'hello'].map((w): [string, Card] => [w, HELP]),
  ...['topics', 'topic', 'menu'].map((w): [string, Card] => [w, TOPICS]),
  ['privacy', { outcome: 'privacy', blocks: privacyBlocks }],
]);

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

    const card = rest.length === 0 ? CARDS.get(sub) : undefined;
    if (card) {
      await ack({
        response_type: 'ephemeral',
        text: notification(deps),
        blocks: card.blocks(deps.engine.pack),
      });
      logOutcome(deps, 'command', started, card.outcome);
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
