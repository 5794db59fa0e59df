import type { App } from '@slack/bolt';
import type { Deps } from '../deps.js';
import { VIEWS } from '../ids.js';
import { onView } from '../route.js';
import { questionSubmitted } from './question-submitted.js';

/** Modal submissions, routed by callback id (see ../route.ts). Others are not acked: Slack shows its own error. */
export function register(app: App, deps: Deps): void {
  const question = questionSubmitted(deps);
  onView(app, async function routeView(args) {
    if (args.view.callback_id === VIEWS.question) await question(args);
  });
}

/** The callback ids routed above, for the manifest test. */
export const ROUTED_VIEWS = [VIEWS.question];
