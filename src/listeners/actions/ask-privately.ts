import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { questionModal } from '../../render/blocks/index.js';
import { type Deps, logFailure, logOutcome, notice, say, slackErrorCode, ui } from '../deps.js';

export function askPrivately(deps: Deps) {
  return async function handleAskPrivately({
    ack,
    body,
    client,
    respond,
  }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) {
    await ack();
    const started = performance.now();
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: questionModal(ui(deps), { s: 'card' }) });
      logOutcome(deps, 'action', started, 'opened');
    } catch (error) {
      const expired = slackErrorCode(error) === 'expired_trigger_id';
      logFailure(deps, 'action', error, expired ? 'expired_trigger' : 'open_failed');
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...notice(deps, say(deps, 'askWindowSlow')),
      }).catch(() => undefined);
    }
  };
}
