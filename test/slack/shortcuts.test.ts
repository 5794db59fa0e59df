import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { SHORTCUTS } from '../../src/listeners/ids.js';
import { expectApiCall, expectResponseUrl, HOOKS, settle, useTestApp, visibleText } from './harness.js';

const t = useTestApp({}, { strict: true });

const user = { id: 'U0ASKER', username: 'asker', team_id: 'T0TEAM' };
const team = { id: 'T0TEAM', domain: 'example' };

function globalShortcut(callback_id: string) {
  return {
    type: 'shortcut',
    callback_id,
    trigger_id: '1.2.trigger',
    user,
    team,
    token: 'legacy',
    action_ts: '1.2',
  };
}

describe('global shortcuts', () => {
  it('"Ask a conduct question" opens the question modal', async () => {
    const call = expectApiCall('views.open');
    const res = await t.interact(globalShortcut(SHORTCUTS.askQuestion));
    expect(res.status).toBe(200);
    const body = await call.body;
    expect(body.trigger_id).toBe('1.2.trigger');
    const view = body.view as { callback_id: string; blocks: Array<{ type: string }> };
    expect(view.callback_id).toBe('question_modal');
    expect(view.blocks.some((b) => b.type === 'input')).toBe(true);
  });

  it.each([
    [SHORTCUTS.boundariesReminder, /A no ends it/],
    [SHORTCUTS.discretionReminder, /discreet/i],
  ])('%s opens a modal with the reminder', async (id, pattern) => {
    const call = expectApiCall('views.open');
    await t.interact(globalShortcut(id));
    expect(visibleText((await call.body).view)).toMatch(pattern);
  });

  it('tells the person privately when Slack says the trigger expired', async () => {
    const open = expectApiCall('views.open', { ok: false, error: 'expired_trigger_id' });
    const dm = expectApiCall('chat.postMessage');
    await t.interact(globalShortcut(SHORTCUTS.askQuestion));
    await open.body;
    const body = await dm.body;
    expect(body.channel).toBe('U0ASKER');
    expect(visibleText(body)).toMatch(/try the shortcut again/);
  });
});

describe('message shortcut', () => {
  const messageShortcut = (text: string | undefined) => ({
    type: 'message_action',
    callback_id: 'message_nudge',
    trigger_id: '1.2.trigger',
    response_url: `${HOOKS}/actions/T0TEAM/2/xyz`,
    user,
    team,
    channel: { id: 'C0CHANNEL', name: 'general' },
    message: {
      type: 'message',
      user: 'U0OTHER',
      ts: '1700000000.000300',
      ...(text === undefined ? {} : { text }),
    },
    message_ts: '1700000000.000300',
    token: 'legacy',
    action_ts: '1.2',
  });

  it('answers the person who used it, ephemerally, through response_url', async () => {
    const reply = expectResponseUrl('/actions/T0TEAM/2/xyz');
    const res = await t.interact(
      messageShortcut('Want to grab a drink after work? I have a crush on you, colleague'),
    );
    expect(res.status).toBe(200);
    const body = await reply.body;
    expect(body.response_type).toBe('ephemeral');
    expect(body.replace_original).toBe(false);
    expect(JSON.stringify(body)).not.toContain('grab a drink');
  });

  it('says so politely when the message has no text', async () => {
    const reply = expectResponseUrl('/actions/T0TEAM/2/xyz');
    await t.interact(messageShortcut(undefined));
    expect(visibleText(await reply.body)).toMatch(/no text/);
  });

  it('survives a failing response_url', async () => {
    nock(HOOKS).post('/actions/T0TEAM/2/xyz').reply(500, 'nope');
    const res = await t.interact(messageShortcut('Is it OK to accept a gift from a client?'));
    expect(res.status).toBe(200);
    await settle(100);
  });
});
