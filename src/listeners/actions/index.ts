import type { App } from '@slack/bolt';
import type { Deps } from '../deps.js';
import { ACTIONS } from '../../slack/ids.js';
import { type ActionHandler as Handler, onAction } from '../route.js';
import { feedbackClicked, relationshipChosen, ruleChosen, whyShown } from './answer-buttons.js';
import { askPrivately } from './ask-privately.js';
import { contactClicked, contactsToDm, hideClicked } from './contact.js';
import { linkClicked } from './link.js';
import { topicChosen, topicsListed } from './topic.js';
import { unknownAction } from './unknown.js';

/** Every button, routed by the kind before the colon in its action id (see ../route.ts). */
export function register(app: App, deps: Deps): void {
  const routes: Record<string, Handler> = {
    [ACTIONS.topic]: topicChosen(deps),
    [ACTIONS.topics]: topicsListed(deps),
    [ACTIONS.rule]: ruleChosen(deps) as Handler,
    [ACTIONS.relationship]: relationshipChosen(deps),
    [ACTIONS.why]: whyShown(deps) as Handler,
    [ACTIONS.askPrivately]: askPrivately(deps),
    [ACTIONS.feedback]: feedbackClicked(deps) as Handler,
    [ACTIONS.link]: linkClicked(),
    [ACTIONS.contact]: contactClicked(deps) as Handler,
    [ACTIONS.contactsToDm]: contactsToDm(deps) as Handler,
    [ACTIONS.hide]: hideClicked(deps) as Handler,
  };
  const fallback = unknownAction(deps);
  onAction(app, async function routeAction(args) {
    const actionId = (args.action as { action_id?: unknown }).action_id;
    const kind = typeof actionId === 'string' ? actionId.split(':', 1)[0] : undefined;
    const handler =
      (kind !== undefined && Object.hasOwn(routes, kind) ? routes[kind] : undefined) ?? fallback;
    await handler(args);
  });
}
