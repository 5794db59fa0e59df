import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTIONS } from '../../slack/ids.js';
import type { Deps } from '../deps.js';
import { feedbackClicked, relationshipChosen, ruleChosen, whyShown } from './answer-buttons.js';
import { askPrivately } from './ask-privately.js';
import { contactClicked, contactsToDm, hideClicked } from './contact.js';
import { linkClicked } from './link.js';
import { topicChosen, topicsListed } from './topic.js';
import { unknownAction } from './unknown.js';

/** An action id is `<kind>` or `<kind>:<detail>` (unique within its block). */
const kind = (name: string) => ({ type: 'block_actions' as const, action_id: new RegExp(`^${name}(?::|$)`) });
const KINDS = new RegExp(`^(?:${Object.values(ACTIONS).join('|')})(?::|$)`);

export function register(app: App, deps: Deps): void {
  app.action(kind(ACTIONS.topic), topicChosen(deps));
  app.action(kind(ACTIONS.topics), topicsListed(deps));
  app.action<BlockAction<ButtonAction>>(kind(ACTIONS.rule), ruleChosen(deps));
  app.action(kind(ACTIONS.relationship), relationshipChosen(deps));
  app.action<BlockAction<ButtonAction>>(kind(ACTIONS.why), whyShown(deps));
  app.action(kind(ACTIONS.askPrivately), askPrivately(deps));
  app.action<BlockAction<ButtonAction>>(kind(ACTIONS.feedback), feedbackClicked(deps));
  app.action(kind(ACTIONS.link), linkClicked());
  app.action<BlockAction<ButtonAction>>(kind(ACTIONS.contact), contactClicked(deps));
  app.action<BlockAction<ButtonAction>>(kind(ACTIONS.contactsToDm), contactsToDm(deps));
  app.action<BlockAction<ButtonAction>>(kind(ACTIONS.hide), hideClicked(deps));
  // A button from an older version of the app: a polite note, never silence.
  app.action({ type: 'block_actions', action_id: /.*/ }, async (args) => {
    if (!KINDS.test(args.action.action_id)) await unknownAction(deps)(args);
  });
}
