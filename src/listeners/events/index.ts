import type { App } from '@slack/bolt';
import type { Deps } from '../deps.js';
import { appHomeOpened } from './app-home-opened.js';
import { directMessage } from './direct-message.js';
import { installationRemoved } from './installation-removed.js';

export function register(app: App, deps: Deps): void {
  app.event('app_home_opened', appHomeOpened(deps));
  // message.im: questions sent in a DM with the bot (the handler ignores every other channel type).
  app.message(directMessage(deps));
  app.event('app_uninstalled', installationRemoved(deps));
  app.event('tokens_revoked', installationRemoved(deps));
}
