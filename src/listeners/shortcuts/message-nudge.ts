import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { messageConcernModal } from '../../render/blocks/index.js';
import type { ViewMetadata } from '../../render/values.js';
import { type Deps, logFailure, logOutcome, notice, say, slackErrorCode, ui } from '../deps.js';

/**
 * "Get a private nudge about this message": the message is read once, when the shortcut
 * arrives, and what the engine made of it (pack ids only) rides in the modal that asks what
 * worries the person about it. The text itself is dropped at once: never stored, forwarded or
 * put in the modal.
 */
export function messageNudge(deps: Deps) {
  return async function handleMessageNudge({
    shortcut,
    ack,
    client,
    respond,
  }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs) {
    await ack();
    const started = performance.now();
    const text = typeof shortcut.message?.text === 'string' ? shortcut.message.text.trim() : '';
    if (!text) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...notice(deps, say(deps, 'messageNoText')),
      }).catch(() => undefined);
      logOutcome(deps, 'message_shortcut', started, 'no_text');
      return;
    }
    const { result, answer } = deps.engine.answer(text);
    const meta: ViewMetadata = { s: 'message', t: answer.topic };
    if (answer.ruleId) meta.r = answer.ruleId;
    if (result.escalate) meta.e = 1;
    if (answer.urgent) meta.u = 1;
    if (result.asker !== 'unknown') meta.a = result.asker;
    if (answer.relationship !== 'unknown') meta.w = answer.relationship;
    if (answer.reasons.length > 0) meta.y = [...answer.reasons];
    try {
      await client.views.open({ trigger_id: shortcut.trigger_id, view: messageConcernModal(ui(deps), meta) });
      logOutcome(deps, 'message_shortcut', started, 'opened');
    } catch (error) {
      logFailure(
        deps,
        'message_shortcut',
        error,
        slackErrorCode(error) === 'expired_trigger_id' ? 'expired_trigger' : 'open_failed',
      );
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...notice(deps, say(deps, 'messageWindowSlow')),
      }).catch(() => undefined);
    }
  };
}
