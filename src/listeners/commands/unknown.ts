import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { type Deps, logOutcome, notice, say } from '../deps.js';
import { COMMAND } from '../../slack/ids.js';

export function unknownCommand(deps: Deps) {
  return async function handleUnknownCommand({ ack }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) {
    await ack({
      response_type: 'ephemeral',
      ...notice(deps, say(deps, 'unknownCommand', { command: COMMAND })),
    });
    logOutcome(deps, 'command', performance.now(), 'unknown_command');
  };
}
