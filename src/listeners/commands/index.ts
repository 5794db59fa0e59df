import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../deps.js';
import { COMMAND } from '../ids.js';
import { conductCommand } from './conduct.js';
import { unknownCommand } from './unknown.js';

/**
 * One listener for every slash command (Bolt runs each listener's matchers on every request).
 * A command this app does not own (a renamed or copied manifest) gets a polite answer.
 */
export function register(app: App, deps: Deps): void {
  const conduct = conductCommand(deps);
  const unknown = unknownCommand(deps);
  app.command(/.*/, async function routeCommand(args: SlackCommandMiddlewareArgs & AllMiddlewareArgs) {
    await (args.command.command === COMMAND ? conduct(args) : unknown(args));
  });
}
