import type { App } from '@slack/bolt';
import type { Deps } from '../deps.js';
import { COMMAND } from '../ids.js';
import { conductCommand } from './conduct.js';
import { unknownCommand } from './unknown.js';

export function register(app: App, deps: Deps): void {
  app.command(COMMAND, conductCommand(deps));
  // A command this app does not own (a renamed or copied manifest) gets a polite answer.
  app.command(new RegExp(`^(?!${COMMAND}$)`), unknownCommand(deps));
}
