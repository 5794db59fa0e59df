import type { App } from '@slack/bolt';
import type { Deps } from '../deps.js';
import { VIEWS } from '../../slack/ids.js';
import { onView } from '../route.js';
import { messageConcernSubmitted } from './message-concern.js';
import { askAnother, questionSubmitted } from './question-submitted.js';

/** Modal submissions, routed by callback id (see ../route.ts). Others are not acked: Slack shows its own error. */
export function register(app: App, deps: Deps): void {
  const routes = {
    [VIEWS.question]: questionSubmitted(deps),
    [VIEWS.answer]: askAnother(deps),
    [VIEWS.messageConcern]: messageConcernSubmitted(deps),
  };
  onView(app, async function routeView(args) {
    const id = args.view.callback_id;
    const handler = Object.hasOwn(routes, id) ? routes[id as keyof typeof routes] : undefined;
    if (handler) await handler(args);
  });
}

/** The callback ids routed above, for the manifest test. */
export const ROUTED_VIEWS = [VIEWS.question, VIEWS.answer, VIEWS.messageConcern];
