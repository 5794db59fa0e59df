import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../deps.js';
import { appHomeOpened } from './app-home-opened.js';
import { directMessage } from './direct-message.js';
import { installationRemoved } from './installation-removed.js';

type Handler = (args: SlackEventMiddlewareArgs & AllMiddlewareArgs) => Promise<void>;

/** Event types this app subscribes to (manifest bot_events, with message.im as message). */
export const ROUTED_EVENTS = ['app_home_opened', 'message', 'app_uninstalled', 'tokens_revoked'] as const;

/** One listener for every event, routed by type (see actions/index.ts for why). */
export function register(app: App, deps: Deps): void {
  const removed = installationRemoved(deps) as Handler;
  const routes: Record<(typeof ROUTED_EVENTS)[number], Handler> = {
    app_home_opened: appHomeOpened(deps) as Handler,
    message: directMessage(deps) as Handler,
    app_uninstalled: removed,
    tokens_revoked: removed,
  };
  app.event(/.*/, async function routeEvent(args) {
    const type = args.event.type as string;
    const handler = Object.hasOwn(routes, type) ? routes[type as keyof typeof routes] : undefined;
    if (handler) await handler(args);
  });
}
