import type { App } from '@slack/bolt';
import { VIEWS } from '../../slack/ids.js';
import type { Deps } from '../deps.js';
import { messageConcernSubmitted } from './message-concern.js';
import { askAnother, questionSubmitted } from './question-submitted.js';

/** Modal submissions by callback id. Others are not acked: Slack shows its own error. */
export function register(app: App, deps: Deps): void {
  app.view(VIEWS.question, questionSubmitted(deps));
  app.view(VIEWS.answer, askAnother(deps));
  app.view(VIEWS.messageConcern, messageConcernSubmitted(deps));
}
