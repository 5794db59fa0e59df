import type { App } from '@slack/bolt';
import { MESSAGE_SHORTCUTS, SHORTCUTS } from '../../slack/ids.js';
import type { Deps } from '../deps.js';
import { askQuestionShortcut } from './ask-question.js';
import { messageNudge } from './message-nudge.js';
import { reminderShortcut } from './reminder.js';

const OURS = new Set<string>([...Object.values(SHORTCUTS), ...Object.values(MESSAGE_SHORTCUTS)]);

export function register(app: App, deps: Deps): void {
  app.shortcut(SHORTCUTS.askQuestion, askQuestionShortcut(deps));
  app.shortcut(SHORTCUTS.boundariesReminder, reminderShortcut(deps, 'boundary-respect'));
  app.shortcut(SHORTCUTS.discretionReminder, reminderShortcut(deps, 'discretion'));
  app.shortcut(MESSAGE_SHORTCUTS.messageNudge, messageNudge(deps));
  // A shortcut this build does not know (an edited manifest): acknowledged, nothing else.
  app.shortcut({ callback_id: /.*/ }, async ({ shortcut, ack }) => {
    if (!OURS.has(shortcut.callback_id)) await ack();
  });
}
