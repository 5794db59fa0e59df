import type { View } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { type Deps, logFailure, notice, say, type Surface, slackErrorCode } from '../deps.js';

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
        await client.chat.postMessage({ channel: userId, ...notice(deps, say(deps, 'shortcutWindowSlow')) });
      } catch (notifyError) {
        logFailure(deps, surface, notifyError, 'notify_failed');
      }
    }
    return false;
  }
}
