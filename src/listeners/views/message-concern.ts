import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { CONCERN_KINDS, type ConcernKind, concernAnswer } from '../../engine/index.js';
import {
  answerModal,
  CONCERN_ACTION,
  CONCERN_BLOCK,
  CONCERN_TEXT_ACTION,
  CONCERN_TEXT_BLOCK,
  messageModal,
  topicModal,
} from '../../render/blocks/index.js';
import { decodeMetadata } from '../../render/values.js';
import { type Deps, logOutcome, say, ui } from '../deps.js';

const isConcern = (value: unknown): value is ConcernKind =>
  typeof value === 'string' && (CONCERN_KINDS as readonly string[]).includes(value);

/** "What worries you about this message?", answered in the same modal. */
export function messageConcernSubmitted(deps: Deps) {
  return async function handleMessageConcern({
    view,
    ack,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) {
    const started = performance.now();
    const values = view.state?.values;
    const choice = values?.[CONCERN_BLOCK]?.[CONCERN_ACTION]?.selected_option?.value;
    if (!isConcern(choice)) {
      await ack({ response_action: 'errors', errors: { [CONCERN_BLOCK]: say(deps, 'concernPick') } });
      logOutcome(deps, 'modal', started, 'no_choice');
      return;
    }
    const raw = values?.[CONCERN_TEXT_BLOCK]?.[CONCERN_TEXT_ACTION]?.value;
    const meta = decodeMetadata(view.private_metadata);
    // Damaged or missing metadata: what the engine made of the message is lost, so ask again
    // rather than guess (a guess could miss an escalation).
    if (meta.s !== 'message') {
      await ack({
        response_action: 'update',
        view: messageModal(ui(deps), ui(deps).messageTitle, say(deps, 'concernLost')),
      });
      logOutcome(deps, 'modal', started, 'stale');
      return;
    }
    const reply = concernAnswer(
      deps.engine,
      {
        ruleId: meta.r,
        relationship: meta.w,
        asker: meta.a,
        reasons: meta.y,
        urgent: meta.u === 1,
        escalate: meta.e === 1,
        topic: meta.t,
      },
      choice,
      typeof raw === 'string' ? raw : undefined,
    );
    if ('answer' in reply) {
      await ack({ response_action: 'update', view: answerModal(reply.answer) });
      logOutcome(deps, 'modal', started, 'answered', reply.answer);
    } else {
      await ack({ response_action: 'update', view: topicModal(reply.card) });
      logOutcome(deps, 'modal', started, 'topic');
    }
  };
}
