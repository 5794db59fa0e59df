import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import {
  answerModal,
  clarifyModal,
  QUESTION_ACTION,
  QUESTION_BLOCK,
  questionModal,
} from '../../render/blocks/index.js';
import { type Deps, logOutcome, say, ui } from '../deps.js';

/** The modal updates in place with the answer: nothing is posted anywhere. */
export function questionSubmitted(deps: Deps) {
  return async function handleQuestionSubmitted({
    view,
    ack,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) {
    const started = performance.now();
    const raw = view.state?.values?.[QUESTION_BLOCK]?.[QUESTION_ACTION]?.value;
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (!text) {
      await ack({
        response_action: 'errors',
        errors: { [QUESTION_BLOCK]: say(deps, 'questionEmpty') },
      });
      logOutcome(deps, 'modal', started, 'empty');
      return;
    }
    const { answer, clarify } = deps.engine.answer(text);
    await ack({ response_action: 'update', view: clarify ? clarifyModal(clarify) : answerModal(answer) });
    logOutcome(deps, 'modal', started, 'answered', answer);
  };
}

/** "Ask another" on an answer: the question window again, empty. */
export function askAnother(deps: Deps) {
  return async function handleAskAnother({
    ack,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) {
    await ack({ response_action: 'update', view: questionModal(ui(deps), { s: 'answer' }) });
    logOutcome(deps, 'modal', performance.now(), 'ask_another');
  };
}
