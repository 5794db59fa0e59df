import type { View } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { type Deps, logFailure, notice, type Surface, slackErrorCode } from '../deps.js';

const TOO_SLOW =
  'Slack took too long to open the window, so it closed before I could show it. Please try the shortcut again.';

/**
 * Opens a modal. A global shortcut has no response_url, so when Slack refuses (an expired
 * trigger) the only private way to tell the person is a short DM that quotes nothing.
 */
export async function openView(
  deps: Deps,
  surface: Surface,
  client: WebClient,
  triggerId: string,
  view: View,
  userId: string | undefined,
): Promise<boolean> {
  try {
    await client.views.open({ trigger_id: triggerId, view });
    return true;
  } catch (error) {
    logFailure(
      deps,
      surface,
      error,
      slackErrorCode(error) === 'expired_trigger_id' ? 'expired_trigger' : 'open_failed',
    );
    if (userId) {
      try {
        await client.chat.postMessage({ channel: userId, ...notice(deps, TOO_SLOW) });
      } catch (notifyError) {
        logFailure(deps, surface, notifyError, 'notify_failed');
      }
    }
    return false;
  }
}
