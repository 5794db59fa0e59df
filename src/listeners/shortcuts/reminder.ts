import type { AllMiddlewareArgs, GlobalShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { reminderModal } from '../../render/blocks/index.js';
import { type Deps, logOutcome, ui } from '../deps.js';
import { openView } from './open-view.js';

export function reminderShortcut(deps: Deps, reminderId: 'boundary-respect' | 'discretion') {
  return async function handleReminder({
    shortcut,
    ack,
    client,
  }: SlackShortcutMiddlewareArgs<GlobalShortcut> & AllMiddlewareArgs) {
    await ack();
    const started = performance.now();
    // Every pack must define both reminders, so this lookup cannot miss on a loaded pack.
    const reminder = deps.engine.pack.reminders.get(reminderId);
    if (!reminder) return;
    if (
      await openView(
        deps,
        'reminder',
        client,
        shortcut.trigger_id,
        reminderModal(ui(deps), reminder),
        shortcut.user?.id,
      )
    ) {
      logOutcome(deps, 'reminder', started, reminderId);
    }
  };
}
