import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../deps.js';
import { ACTIONS } from '../ids.js';
import { askPrivately } from './ask-privately.js';
import { feedbackClicked } from './feedback.js';
import { linkClicked } from './link.js';
import { relationshipChosen } from './relationship.js';
import { topicChosen } from './topic.js';
import { unknownAction } from './unknown.js';

type Handler = (args: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => Promise<void>;

/**
 * One listener for every button: Bolt runs each registered listener's matchers on every
 * request, so routing by action id here keeps the per-request cost flat.
 */
export function register(app: App, deps: Deps): void {
  const routes: Record<string, Handler> = {
    [ACTIONS.topic]: topicChosen(deps) as Handler,
    [ACTIONS.relationship]: relationshipChosen(deps) as Handler,
    [ACTIONS.askPrivately]: askPrivately(deps),
    [ACTIONS.feedback]: feedbackClicked(deps) as Handler,
    [ACTIONS.link]: linkClicked(),
  };
  const fallback = unknownAction(deps);
  app.action({ type: 'block_actions' }, async function routeAction(args) {
    const actionId = (args.action as { action_id?: unknown }).action_id;
    const kind = typeof actionId === 'string' ? actionId.split(':', 1)[0] : undefined;
    const handler =
      (kind !== undefined && Object.hasOwn(routes, kind) ? routes[kind] : undefined) ?? fallback;
    await handler(args as SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs);
  });
}
