import type { App } from '@slack/bolt';
import { COMMAND } from '../../slack/ids.js';
import type { Deps } from '../deps.js';
import { conductCommand } from './conduct.js';
import { unknownCommand } from './unknown.js';

/** Any command but ours (a renamed or copied manifest): it gets a polite answer. */
const NOT_OURS = new RegExp(`^(?!${COMMAND.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$)`);

export function register(app: App, deps: Deps): void {
  app.command(COMMAND, conductCommand(deps));
  app.command(NOT_OURS, unknownCommand(deps));
}
