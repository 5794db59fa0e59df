import type { App } from '@slack/bolt';
import type { Deps } from '../deps.js';
import { type EventHandler as Handler, onEvent } from '../route.js';
import { appHomeOpened } from './app-home-opened.js';
import { directMessage } from './direct-message.js';
import { installationRemoved } from './installation-removed.js';

/** Event types this app subscribes to (manifest bot_events, with message.im as message). */
export const ROUTED_EVENTS = ['app_home_opened', 'message', 'app_uninstalled', 'tokens_revoked'] as const;

/** Every event, routed by type (see ../route.ts for why one handler per kind). */
export function register(app: App, deps: Deps): void {
  const removed = installationRemoved(deps) as Handler;
  const routes: Record<(typeof ROUTED_EVENTS)[number], Handler> = {
    app_home_opened: appHomeOpened(deps) as Handler,
    message: directMessage(deps) as Handler,
    app_uninstalled: removed,
    tokens_revoked: removed,
  };
  onEvent(app, async function routeEvent(args) {
    const type = args.event.type as string;
    const handler = Object.hasOwn(routes, type) ? routes[type as keyof typeof routes] : undefined;
    if (handler) await handler(args);
  });
}
