import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HOOKS, SLACK_API, settle, startTestApp, type TestApp } from '../helpers/harness.js';

/**
 * Slack Web API faults: 429 with Retry-After, 5xx and network errors. Replies are retried within
 * a budget of 3 tries in 10 s so the person still gets an answer; past the budget the failure
 * is logged by code and counted, never silent.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.stop();
});
beforeEach(() => {
  t.logs.length = 0;
});

let n = 0;
const dm = (text: string) => ({
  type: 'message',
  channel: 'D0DM',
  channel_type: 'im',
  user: 'U0ASKER',
  ts: `1700000000.${String(++n).padStart(6, '0')}`,
  text,
});

function failures(outcome: string) {
  return (
    t.conduct.deps.metrics
      .snapshot()
      .find(
        (c) =>
          c.name === 'conduct_requests_total' && c.labels.surface === 'dm' && c.labels.outcome === outcome,
      )?.value ?? 0
  );
}

async function until(predicate: () => boolean, ms = 8000) {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await settle(20);
  }
}

describe('Web API faults', () => {
  it('retries after a 429 when Retry-After fits the budget, and delivers', async () => {
    const started = Date.now();
    const limited = nock(SLACK_API)
      .post('/api/chat.postMessage')
      .reply(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '1' });
    const ok = nock(SLACK_API).post('/api/chat.postMessage').reply(200, { ok: true, ts: '1.1' });
    await t.event(dm('Can I date my coworker?'));
    await until(() => ok.isDone());
    expect(limited.isDone()).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('gives up at once when Retry-After is beyond the budget, logging the code and counting it', async () => {
    const before = failures('reply_failed');
    const limited = nock(SLACK_API)
      .post('/api/chat.postMessage')
      .reply(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '60' });
    const started = Date.now();
    await t.event(dm('Can I date my coworker?'));
    await until(() => failures('reply_failed') > before);
    expect(limited.isDone()).toBe(true);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(t.logs.join('')).toMatch(/"errorCode":"slack_webapi_rate_limited_error"/);
  });

  it('retries 5xx and delivers on the third try', async () => {
    const failing = nock(SLACK_API).post('/api/chat.postMessage').times(2).reply(503, 'unavailable');
    const ok = nock(SLACK_API).post('/api/chat.postMessage').reply(200, { ok: true, ts: '1.2' });
    await t.event(dm('Is it OK to accept a gift from a client?'));
    await until(() => ok.isDone());
    expect(failing.isDone()).toBe(true);
  });

  it('stops after 3 tries of 5xx and logs the HTTP error by code', async () => {
    const before = failures('reply_failed');
    const failing = nock(SLACK_API).post('/api/chat.postMessage').times(3).reply(500, 'boom');
    await t.event(dm('Is it OK to accept a gift from a client?'));
    await until(() => failures('reply_failed') > before);
    expect(failing.isDone()).toBe(true);
    expect(nock.pendingMocks().filter((m) => m.includes('chat.postMessage'))).toEqual([]);
    const log = t.logs.join('');
    expect(log).toMatch(/"errorCode":"slack_webapi_http_error"/);
    expect(log).not.toMatch(/boom/);
  });

  it('retries a network error and delivers', async () => {
    const broken = nock(SLACK_API)
      .post('/api/chat.postMessage')
      // An Error, as Node gives it: nock only emits plain objects through fetch (nock#2789).
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const ok = nock(SLACK_API).post('/api/chat.postMessage').reply(200, { ok: true, ts: '1.3' });
    await t.event(dm('Someone keeps gossiping about me at work'));
    await until(() => ok.isDone());
    expect(broken.isDone()).toBe(true);
  });

  it('retries a response_url that fails with 5xx', async () => {
    const failing = nock(HOOKS).post('/actions/T0TEAM/7/retry').reply(502, 'bad gateway');
    const ok = nock(HOOKS).post('/actions/T0TEAM/7/retry').reply(200, { ok: true });
    await t.interact({
      type: 'message_action',
      callback_id: 'message_nudge',
      trigger_id: '1.2',
      response_url: `${HOOKS}/actions/T0TEAM/7/retry`,
      user: { id: 'U0ASKER', username: 'a', team_id: 'T0TEAM' },
      team: { id: 'T0TEAM', domain: 'example' },
      channel: { id: 'C0', name: 'general' },
      message: {
        type: 'message',
        user: 'U0OTHER',
        ts: '1.1',
        text: 'Want to get dinner with me, colleague?',
      },
    });
    await until(() => ok.isDone());
    expect(failing.isDone()).toBe(true);
  });
});
