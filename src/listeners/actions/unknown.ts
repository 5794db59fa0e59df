import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { type Deps, logOutcome, notice, say } from '../deps.js';

export function unknownAction(deps: Deps) {
  return async function handleUnknownAction({
    ack,
    body,
    respond,
  }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) {
    await ack();
    logOutcome(deps, 'action', performance.now(), 'unknown_action');
    if (body.container?.type !== 'view' && body.response_url) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...notice(deps, say(deps, 'stale')),
      }).catch(() => undefined);
    }
  };
}
