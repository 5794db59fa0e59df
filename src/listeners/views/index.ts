import type { App } from '@slack/bolt';
import type { Deps } from '../deps.js';
import { VIEWS } from '../ids.js';
import { questionSubmitted } from './question-submitted.js';

export function register(app: App, deps: Deps): void {
  app.view(VIEWS.question, questionSubmitted(deps));
}
