import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { KnownRelationship } from '../../engine/index.js';
import { decodeValue } from '../../render/values.js';
import type { Deps } from '../deps.js';
import { answerShown, refFrom, show, stale } from './show.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
type MenuArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** A button's value, or the value of the option picked in a menu. */
export function valueOf(action: MenuArgs['action']): unknown {
  if (action.type === 'static_select') return action.selected_option?.value;
  return (action as { value?: unknown }).value;
}

/**
 * A rule's answer, from "Is this about…?" or a topic's common questions: one tap, and the
 * choice it came from gives way to the answer.
 */
export function ruleChosen(deps: Deps) {
  return async function handleRule({ ack, body, action, client, respond }: Args) {
    await ack();
    const value = decodeValue(action.value);
    const answer = value?.r ? deps.engine.answerRef(refFrom(value)) : undefined;
    if (!answer) return stale(deps, body, respond, client);
    await show(deps, body, client, respond, answerShown(answer), true);
  };
}

/** "Who is it?": the same question for that relationship, or the rule that relationship needs. */
export function relationshipChosen(deps: Deps) {
  return async function handleRelationship({ ack, body, action, client, respond }: MenuArgs) {
    await ack();
    const value = decodeValue(valueOf(action));
    const w: KnownRelationship | undefined = value?.w;
    const answer = value?.r && w ? deps.engine.answerRef({ ...refFrom(value), relationship: w }) : undefined;
    if (!answer) return stale(deps, body, respond, client);
    await show(deps, body, client, respond, answerShown(answer, { feedbackGiven: value?.d === 1 }), true);
  };
}

/** "Why this answer?": the pack's reasons appear in place; the question is never needed. */
export function whyShown(deps: Deps) {
  return async function handleWhy({ ack, body, action, client, respond }: Args) {
    await ack();
    const value = decodeValue(action.value);
    const answer = value ? deps.engine.answerRef(refFrom(value)) : undefined;
    if (!answer) return stale(deps, body, respond, client);
    await show(
      deps,
      body,
      client,
      respond,
      answerShown(answer, { why: true, feedbackGiven: value?.d === 1 }),
      true,
      'why',
    );
  };
}

/**
 * Feedback: one per-rule counter moves (no user, no time finer than the scrape), and the
 * buttons give way to "Thanks, noted" in place, so one answer counts once and nothing new is
 * posted.
 */
export function feedbackClicked(deps: Deps) {
  return async function handleFeedback({ ack, body, action, client, respond }: Args) {
    await ack();
    const value = decodeValue(action.value);
    const answer = value?.r && value.f !== undefined ? deps.engine.answerRef(refFrom(value)) : undefined;
    if (!answer || !value || value.f === undefined || value.r === undefined)
      return stale(deps, body, respond, client);
    deps.metrics.feedback(value.r, value.f === 1);
    await show(
      deps,
      body,
      client,
      respond,
      answerShown(answer, { why: value.x === 1, feedbackGiven: true }),
      true,
      'feedback',
    );
  };
}
