import type { App } from '@slack/bolt';
import type { Deps } from '../deps.js';
import { COMMAND } from '../ids.js';
import { conductCommand } from './conduct.js';

export function register(app: App, deps: Deps): void {
  app.command(COMMAND, conductCommand(deps));
}
