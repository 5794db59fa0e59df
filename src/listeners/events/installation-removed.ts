import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { type Deps, logOutcome } from '../deps.js';

/**
 * A single-workspace install keeps nothing, so there is nothing to delete; the event is
 * acknowledged and counted. Multi-workspace installs delete the installation record here.
 */
export function installationRemoved(deps: Deps) {
  return async function handleInstallationRemoved(
    args: (SlackEventMiddlewareArgs<'app_uninstalled'> | SlackEventMiddlewareArgs<'tokens_revoked'>) &
      AllMiddlewareArgs,
  ): Promise<void> {
    const started = performance.now();
    await deps.onInstallationRemoved?.(args.body as { team_id?: string; enterprise_id?: string });
    logOutcome(deps, 'lifecycle', started, args.event.type);
  };
}
