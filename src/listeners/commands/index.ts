import type { App } from '@slack/bolt';
import type { Deps } from '../deps.js';
import { COMMAND } from '../../slack/ids.js';
import { onCommand } from '../route.js';
import { conductCommand } from './conduct.js';
import { unknownCommand } from './unknown.js';

/**
 * Every slash command, routed by name (see ../route.ts for why one handler per kind).
 * A command this app does not own (a renamed or copied manifest) gets a polite answer.
 */
export function register(app: App, deps: Deps): void {
  const conduct = conductCommand(deps);
  const unknown = unknownCommand(deps);
  onCommand(app, async function routeCommand(args) {
    await (args.command.command === COMMAND ? conduct(args) : unknown(args));
  });
}
