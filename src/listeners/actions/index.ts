import type { App } from '@slack/bolt';
import type { Deps } from '../deps.js';
import { ACTIONS } from '../ids.js';
import { askPrivately } from './ask-privately.js';
import { feedbackClicked } from './feedback.js';
import { linkClicked } from './link.js';
import { relationshipChosen } from './relationship.js';
import { topicChosen } from './topic.js';
import { unknownAction } from './unknown.js';

const KNOWN = Object.values(ACTIONS).join('|');

export function register(app: App, deps: Deps): void {
  app.action(new RegExp(`^${ACTIONS.topic}:`), topicChosen(deps));
  app.action(new RegExp(`^${ACTIONS.relationship}:`), relationshipChosen(deps));
  app.action(ACTIONS.askPrivately, askPrivately(deps));
  app.action(new RegExp(`^${ACTIONS.feedback}:`), feedbackClicked(deps));
  app.action(new RegExp(`^${ACTIONS.link}:`), linkClicked());
  // Bolt runs every matching listener, so the fallback must match only what nothing else does.
  app.action(new RegExp(`^(?!(?:${KNOWN})(?::|$))`), unknownAction(deps));
}
