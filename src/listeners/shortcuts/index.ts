import type { App } from '@slack/bolt';
import type { Deps } from '../deps.js';
import { MESSAGE_SHORTCUTS, SHORTCUTS } from '../ids.js';
import { askQuestionShortcut } from './ask-question.js';
import { messageNudge } from './message-nudge.js';
import { reminderShortcut } from './reminder.js';

export function register(app: App, deps: Deps): void {
  app.shortcut(SHORTCUTS.askQuestion, askQuestionShortcut(deps));
  app.shortcut(SHORTCUTS.boundariesReminder, reminderShortcut(deps, 'boundary-respect'));
  app.shortcut(SHORTCUTS.discretionReminder, reminderShortcut(deps, 'discretion'));
  app.shortcut(MESSAGE_SHORTCUTS.messageNudge, messageNudge(deps));
}
