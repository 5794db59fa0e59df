import type { BlockAction, RespondFn } from '@slack/bolt';
import type { KnownBlock, ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Answer, AnswerRef } from '../../engine/index.js';
import {
  answerBlocks,
  answerFallback,
  answerModal,
  type AnswerState,
  messageModal,
} from '../../render/blocks/index.js';
import type { ButtonValue } from '../../render/values.js';
import { type Deps, logFailure, logOutcome, notice, say, ui } from '../deps.js';

/** Something a tap shows: as a message (ephemeral, or in place) and as a modal. */
export interface Shown {
  message(): { text: string; blocks: KnownBlock[] };
  modal(): ModalView;
  /** For metrics: which answer, if the thing shown is one. */
  answer?: Pick<Answer, 'topic' | 'ruleId' | 'kind'>;
}

/**
 * Whether a tap may change the message it came from: the asker's own ephemeral answer, or the
 * app's answer in their DM. Never a card HR pinned in a channel: everyone sees that one.
 */
export function canReplace(body: BlockAction): boolean {
  const container = body.container as { is_ephemeral?: boolean; channel_id?: string } | undefined;
  const pinnedCard = body.message?.blocks?.some((b: { block_id?: string }) => b.block_id === 'card_ask');
  if (pinnedCard) return false;
  return container?.is_ephemeral === true || (container?.channel_id ?? '').startsWith('D');
}

/**
 * Shows `shown` where the tap happened: in a modal, the modal updates; from App Home a modal
 * opens; on a message, an ephemeral reply goes to the person who tapped only, or, with
 * `replace`, the message they tapped changes in place.
 */
export async function show(
  deps: Deps,
  body: BlockAction,
  client: WebClient,
  respond: RespondFn,
  shown: Shown,
  replace: boolean,
  outcome = 'answered',
): Promise<void> {
  const started = performance.now();
  try {
    const view = body.view;
    if (body.container?.type === 'view' && view) {
      if (view.type === 'home') await client.views.open({ trigger_id: body.trigger_id, view: shown.modal() });
      else await client.views.update({ view_id: view.id, hash: view.hash, view: shown.modal() });
    } else {
      await respond({
        response_type: 'ephemeral',
        replace_original: replace && canReplace(body),
        ...shown.message(),
      });
    }
    logOutcome(deps, 'action', started, outcome, shown.answer);
  } catch (error) {
    logFailure(deps, 'action', error, 'reply_failed');
    if (body.container?.type !== 'view') {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...notice(deps, say(deps, 'stale')),
      }).catch(() => undefined);
    }
  }
}

/**
 * A tap whose button no longer makes sense (an older version, an edited pack): a short note
 * where the tap happened, in a modal too, never silence.
 */
export async function stale(
  deps: Deps,
  body: BlockAction,
  respond: RespondFn,
  client?: WebClient,
): Promise<void> {
  logOutcome(deps, 'action', performance.now(), 'stale');
  const view = body.view;
  if (body.container?.type === 'view' && view && client) {
    const note = messageModal(ui(deps), ui(deps).appTitle, say(deps, 'stale'));
    await (
      view.type === 'home'
        ? client.views.open({ trigger_id: body.trigger_id, view: note })
        : client.views.update({ view_id: view.id, hash: view.hash, view: note })
    ).catch((error: unknown) => logFailure(deps, 'action', error, 'reply_failed'));
    return;
  }
  if (body.container?.type === 'view' || !body.response_url) return;
  await respond({
    response_type: 'ephemeral',
    replace_original: false,
    ...notice(deps, say(deps, 'stale')),
  }).catch(() => undefined);
}

export function answerShown(answer: Answer, state: AnswerState = {}): Shown {
  return {
    message: () => ({ text: answerFallback(answer), blocks: answerBlocks(answer, state) }),
    modal: () => answerModal(answer, state),
    answer,
  };
}

/** The ids a button carried, as the engine reads them. */
export function refFrom(value: ButtonValue): AnswerRef {
  return { ruleId: value.r, relationship: value.w, asker: value.a, reasons: value.y, urgent: value.u === 1 };
}
