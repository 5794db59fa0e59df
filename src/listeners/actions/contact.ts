import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { contactsFor } from '../../engine/answer.js';
import { esc } from '../../render/blocks/common.js';
import { decodeValue } from '../../render/values.js';
import { type Deps, logOutcome, notice } from '../deps.js';

const STALE = 'I could not show that contact. Please ask your question again.';

/** A contact button without a link: its details, to the person who tapped it only. */
export function contactClicked(deps: Deps) {
  return async function handleContact({
    ack,
    action,
    respond,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) {
    await ack();
    const started = performance.now();
    const value = decodeValue(action.value);
    const contact = value?.k
      ? contactsFor(deps.engine.pack, value.u === 1).find((c) => c.kind === value.k)
      : undefined;
    const details = contact
      ? [
          `*${esc(contact.label)}*`,
          contact.phone && `Phone: ${esc(contact.phone)}`,
          contact.slack && `Slack: ${esc(contact.slack)}`,
          contact.note && esc(contact.note),
        ]
          .filter(Boolean)
          .join('\n')
      : STALE;
    logOutcome(deps, 'action', started, contact ? 'contact' : 'stale');
    await respond({ response_type: 'ephemeral', replace_original: false, ...notice(deps, details) }).catch(
      () => undefined,
    );
  };
}

/** "Hide this": the answer disappears at once, for someone who may be seen reading it. */
export function hideClicked(deps: Deps) {
  return async function handleHide({
    ack,
    body,
    respond,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) {
    await ack();
    const started = performance.now();
    // A message is deleted through its response URL; a modal closes with its own Close button.
    if (body.container?.type !== 'view' && typeof respond === 'function')
      await respond({ delete_original: true }).catch(() => undefined);
    logOutcome(deps, 'action', started, 'hidden');
  };
}
