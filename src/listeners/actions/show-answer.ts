import type { BlockAction, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Answer } from '../../engine/index.js';
import { answerBlocks, answerFallback, answerModal } from '../../render/blocks/index.js';
import { type Deps, logFailure, logOutcome, notice } from '../deps.js';

export const STALE =
  'Sorry, I could not show that. The button may be from an older version of this app: try `/conduct help` for the current topics.';

/**
 * Shows an answer where the click happened: in a modal, the modal updates; from App Home a
 * modal opens; on a message (a pinned card, an answer) an ephemeral reply goes to the clicker
 * only. `replace` swaps an answer in place (the "Who is it?" buttons); a pinned card is never
 * replaced, for anyone.
 */
export async function showAnswer(
  deps: Deps,
  body: BlockAction,
  client: WebClient,
  respond: RespondFn,
  answer: Answer,
  replace: boolean,
): Promise<void> {
  const started = performance.now();
  try {
    const view = body.view;
    if (body.container?.type === 'view' && view) {
      if (view.type === 'home')
        await client.views.open({ trigger_id: body.trigger_id, view: answerModal(answer) });
      else await client.views.update({ view_id: view.id, hash: view.hash, view: answerModal(answer) });
    } else {
      const isOwnEphemeral = replace && body.container?.is_ephemeral === true;
      await respond({
        response_type: 'ephemeral',
        replace_original: isOwnEphemeral,
        text: answerFallback(answer),
        blocks: answerBlocks(answer),
      });
    }
    logOutcome(deps, 'action', started, 'answered', answer);
  } catch (error) {
    logFailure(deps, 'action', error, 'reply_failed');
    if (body.container?.type !== 'view') {
      await respond({ response_type: 'ephemeral', replace_original: false, ...notice(deps, STALE) }).catch(
        () => undefined,
      );
    }
  }
}
