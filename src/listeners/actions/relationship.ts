import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decodeValue } from '../../render/values.js';
import { type Deps, notice } from '../deps.js';
import { STALE, showAnswer } from './show-answer.js';

/** "Who is it?": the rule id and relationship ride in the button value; nothing is looked up. */
export function relationshipChosen(deps: Deps) {
  return async function handleRelationship({
    ack,
    body,
    action,
    client,
    respond,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) {
    await ack();
    const value = decodeValue(action.value);
    const answer = value?.r && value.w ? deps.engine.answerRule(value.r, value.w) : undefined;
    if (!answer) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...notice(deps, STALE) });
      return;
    }
    await showAnswer(deps, body, client, respond, answer, true);
  };
}
