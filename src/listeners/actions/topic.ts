import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { decodeValue } from '../../render/values.js';
import { type Deps, notice } from '../deps.js';
import { STALE, showAnswer } from './show-answer.js';

export function topicChosen(deps: Deps) {
  return async function handleTopic({
    ack,
    body,
    action,
    client,
    respond,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) {
    await ack();
    const topic = decodeValue(action.value)?.t;
    if (!topic) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...notice(deps, STALE) });
      return;
    }
    await showAnswer(deps, body, client, respond, deps.engine.answerTopic(topic), false);
  };
}
