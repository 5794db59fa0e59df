import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decodeValue } from '../../render/values.js';
import { type Deps, logOutcome, notice } from '../deps.js';

/** Anonymous: only a per-rule counter moves. No user, no time finer than the scrape. */
export function feedbackClicked(deps: Deps) {
  return async function handleFeedback({
    ack,
    body,
    action,
    respond,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) {
    await ack();
    const started = performance.now();
    const value = decodeValue(action.value);
    if (value?.r && value.f !== undefined && deps.engine.answerRule(value.r)) {
      deps.metrics.feedback(value.r, value.f === 1);
    }
    logOutcome(deps, 'action', started, 'feedback');
    if (body.container?.type !== 'view') {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...notice(deps, 'Thanks. Your feedback is counted anonymously and helps HR improve these answers.'),
      }).catch(() => undefined);
    }
  };
}
