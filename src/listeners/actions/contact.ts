import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { contactsFor } from '../../engine/answer.js';
import { contactsMessage, contactText } from '../../render/blocks/index.js';
import { decodeValue } from '../../render/values.js';
import { type Deps, logFailure, logOutcome, notice, say } from '../deps.js';

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
    const details = contact ? contactText(contact, deps.engine.pack.strings) : say(deps, 'contactGone');
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

/**
 * "Send contacts to my DM", on request only: the contacts, nothing about what was asked, in
 * the asker's DM with the app, which Slack keeps (the answer itself vanishes on reload).
 */
export function contactsToDm(deps: Deps) {
  return async function handleContactsToDm({
    ack,
    body,
    action,
    client,
    respond,
  }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) {
    await ack();
    const started = performance.now();
    const urgent = decodeValue(action.value)?.u === 1;
    let text = say(deps, 'contactsSent');
    try {
      await client.chat.postMessage({ channel: body.user.id, ...contactsMessage(deps.engine.pack, urgent) });
      logOutcome(deps, 'action', started, 'contacts_sent');
    } catch (error) {
      logFailure(deps, 'action', error, 'dm_failed');
      text = say(deps, 'contactsNotSent');
    }
    if (body.container?.type !== 'view' && body.response_url)
      await respond({ response_type: 'ephemeral', replace_original: false, ...notice(deps, text) }).catch(
        () => undefined,
      );
  };
}
