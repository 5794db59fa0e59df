import { describe, expect, it } from 'vitest';
import { limitProblems, useTestApp, visibleText } from '../helpers/harness.js';

const t = useTestApp({}, { strict: true });

function submission(value: string | null | undefined, metadata = '{"s":"shortcut"}') {
  return {
    type: 'view_submission',
    team: { id: 'T0TEAM', domain: 'example' },
    user: { id: 'U0ASKER', username: 'asker', team_id: 'T0TEAM' },
    trigger_id: '1.2.trigger',
    token: 'legacy',
    view: {
      id: 'V0VIEW',
      team_id: 'T0TEAM',
      type: 'modal',
      callback_id: 'question_modal',
      private_metadata: metadata,
      hash: 'h1',
      state: { values: { question: { question_text: { type: 'plain_text_input', value } } } },
      blocks: [],
    },
  };
}

describe('question modal', () => {
  it('updates in place with the answer and posts nothing', async () => {
    const res = await t.interact(submission('Can I ask a customer out for coffee?'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      response_action: string;
      view: { type: string; private_metadata: string };
    };
    expect(body.response_action).toBe('update');
    expect(body.view.type).toBe('modal');
    expect(limitProblems(body)).toEqual([]);
    expect(visibleText(body.view)).toMatch(/A no ends it/);
    expect(body.view.private_metadata).not.toMatch(/customer out/);
  });

  it('the answer modal offers "Ask another", which opens an empty question', async () => {
    const res = await t.interact(submission('a client gave me a bottle of wine, can I keep it?'));
    const answer = (await res.json()) as { view: { callback_id: string; submit: { text: string } } };
    expect(answer.view.submit.text).toBe('Ask another');
    const again = submission(null);
    again.view.callback_id = answer.view.callback_id;
    const next = (await (await t.interact(again)).json()) as {
      response_action: string;
      view: { callback_id: string };
    };
    expect(next.response_action).toBe('update');
    expect(next.view.callback_id).toBe('question_modal');
  });

  it.each([null, '', '   '])('asks for a question when the input is %j', async (value) => {
    const res = await t.interact(submission(value));
    const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors.question).toMatch(/type your question/);
  });

  it('answers 3,000 characters and ignores broken metadata', async () => {
    const res = await t.interact(
      submission('x'.repeat(2000) + ' my colleague has a crush on me '.repeat(30), '{not json'),
    );
    const body = (await res.json()) as { response_action: string };
    expect(body.response_action).toBe('update');
  });
});
