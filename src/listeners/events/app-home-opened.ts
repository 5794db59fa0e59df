import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { homeView } from '../../render/blocks/index.js';
import { type Deps, logFailure, logOutcome } from '../deps.js';

export function appHomeOpened(deps: Deps) {
  return async function handleAppHomeOpened({
    event,
    client,
  }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) {
    if (event.tab !== 'home') return;
    const started = performance.now();
    try {
      await client.views.publish({
        user_id: event.user,
        view: homeView(deps.engine.pack, deps.config.privacyUrl),
      });
      logOutcome(deps, 'home', started, 'published');
    } catch (error) {
      logFailure(deps, 'home', error);
    }
  };
}
