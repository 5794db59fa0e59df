import type { App } from '@slack/bolt';
import type { Deps } from '../deps.js';
import { MESSAGE_SHORTCUTS, SHORTCUTS } from '../../slack/ids.js';
import { onShortcut, type ShortcutHandler as Handler } from '../route.js';
import { askQuestionShortcut } from './ask-question.js';
import { messageNudge } from './message-nudge.js';
import { reminderShortcut } from './reminder.js';

/** Every shortcut, global or on a message, routed by callback id (see ../route.ts). */
export function register(app: App, deps: Deps): void {
  const routes: Record<string, Handler> = {
    [SHORTCUTS.askQuestion]: askQuestionShortcut(deps) as Handler,
    [SHORTCUTS.boundariesReminder]: reminderShortcut(deps, 'boundary-respect') as Handler,
    [SHORTCUTS.discretionReminder]: reminderShortcut(deps, 'discretion') as Handler,
    [MESSAGE_SHORTCUTS.messageNudge]: messageNudge(deps) as Handler,
  };
  onShortcut(app, async function routeShortcut(args) {
    const id = args.shortcut.callback_id;
    const handler = Object.hasOwn(routes, id) ? routes[id] : undefined;
    if (!handler) {
      // A shortcut this build does not know (an edited manifest): acknowledge, do nothing.
      await args.ack();
      return;
    }
    await handler(args);
  });
}

/** The callback ids routed above, for the manifest test. */
export const ROUTED_SHORTCUTS = [...Object.values(SHORTCUTS), ...Object.values(MESSAGE_SHORTCUTS)];
