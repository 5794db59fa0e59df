import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { expectApiCall, settle, useTestApp, visibleText } from '../helpers/harness.js';

const t = useTestApp();
afterEach(() => {
  // Any Web API call not set up by a test is a failure: nothing else may leave the app.
  expect(nock.pendingMocks().filter((m) => !m.includes('auth.test'))).toEqual([]);
});

const dm = (extra: Record<string, unknown>) => ({
  type: 'message',
  channel: 'D0DM',
  channel_type: 'im',
  user: 'U0ASKER',
  ts: '1700000000.000100',
  event_ts: '1700000000.000100',
  ...extra,
});

describe('direct messages', () => {
  it('answers in a thread under the question', async () => {
    const call = expectApiCall('chat.postMessage', { ok: true, ts: '1700000000.000200' });
    const res = await t.event(dm({ text: 'Is it OK to ask a coworker out for a drink?' }));
    expect(res.status).toBe(200);
    const body = await call.body;
    expect(body.channel).toBe('D0DM');
    expect(body.thread_ts).toBe('1700000000.000100');
    expect(visibleText(body.blocks)).toMatch(/A no ends it/);
    expect(JSON.stringify(body)).not.toContain('for a drink');
  });

  it('answers a question asked inside a thread in that thread', async () => {
    const call = expectApiCall('chat.postMessage', { ok: true, ts: '1700000000.000400' });
    await t.event(
      dm({ text: 'a client gave me a gift card', ts: '1700000000.000300', thread_ts: '1700000000.000050' }),
    );
    expect((await call.body).thread_ts).toBe('1700000000.000050');
  });

  it('shows the help card for hi and help', async () => {
    for (const text of ['hi', 'Help!']) {
      const call = expectApiCall('chat.postMessage');
      await t.event(dm({ text }));
      expect(visibleText((await call.body).blocks)).toMatch(/How to ask/);
    }
  });

  it('asks for text when a file comes without any', async () => {
    const call = expectApiCall('chat.postMessage');
    await t.event(dm({ subtype: 'file_share', text: '', files: [{ id: 'F1' }] }));
    expect(visibleText(await call.body)).toMatch(/send me your question as a message/);
  });

  it('answers a DM of tens of thousands of characters', async () => {
    const call = expectApiCall('chat.postMessage');
    await t.event(
      dm({ text: `${'We had a long day at work and I have feelings for my colleague. '.repeat(600)}` }),
    );
    const body = await call.body;
    expect(Array.isArray(body.blocks)).toBe(true);
  });

  it('ignores bots, its own messages, edits, deletions and other subtypes', async () => {
    await t.event(dm({ text: 'hello from a bot', bot_id: 'B0OTHER' }));
    await t.event(dm({ text: 'mine', user: 'UBOT', bot_id: 'BBOT' }));
    await t.event(dm({ subtype: 'message_changed', message: { text: 'edited' } }));
    await t.event(dm({ subtype: 'message_deleted', deleted_ts: '1' }));
    await t.event(dm({ subtype: 'channel_join', text: 'joined' }));
    await t.event({
      type: 'message',
      channel: 'C0PUBLIC',
      channel_type: 'channel',
      user: 'U0ASKER',
      ts: '1',
      text: 'public',
    });
    await settle(100);
    // afterEach asserts that no chat.postMessage happened
  });

  it('answers a retried event only once', async () => {
    const call = expectApiCall('chat.postMessage');
    const payload = dm({ text: 'Can I date my coworker?' });
    const eventId = 'Ev0RETRY0001';
    await t.event(payload, { event_id: eventId });
    await call.body;
    await t.event(
      payload,
      { event_id: eventId },
      { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    );
    await settle(100);
  });

  it('logs and survives a failing chat.postMessage', async () => {
    const call = expectApiCall('chat.postMessage', { ok: false, error: 'channel_not_found' });
    const res = await t.event(dm({ text: 'Can I date my coworker?' }));
    expect(res.status).toBe(200);
    await call.body;
    await settle(50);
    expect(t.logs.join('')).toMatch(/"errorCode":"channel_not_found"/);
  });
});
