import type { AllMiddlewareArgs, GlobalShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { questionModal } from '../../render/blocks/index.js';
import { type Deps, logOutcome, ui } from '../deps.js';
import { openView } from './open-view.js';

export function askQuestionShortcut(deps: Deps) {
  return async function handleAskQuestion({
    shortcut,
    ack,
    client,
  }: SlackShortcutMiddlewareArgs<GlobalShortcut> & AllMiddlewareArgs) {
    await ack();
    const started = performance.now();
    if (
      await openView(
        deps,
        'shortcut',
        client,
        shortcut.trigger_id,
        questionModal(ui(deps), { s: 'shortcut' }),
        shortcut.user?.id,
      )
    ) {
      logOutcome(deps, 'shortcut', started, 'opened');
    }
  };
}
