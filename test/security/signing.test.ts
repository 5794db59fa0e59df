import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_DEFAULTS, SIGNING_SECRET, sign, startTestApp, type TestApp } from '../helpers/harness.js';

let t: TestApp;
let ran = 0;
beforeAll(async () => {
  t = await startTestApp();
  // Counts listener runs: any request that reaches a listener moves it.
  t.conduct.app.use(async ({ next }) => {
    ran++;
    await next();
  });
});
afterAll(async () => {
  await t.stop();
});

const body = new URLSearchParams({ ...COMMAND_DEFAULTS, text: 'help' }).toString();
const now = () => Math.floor(Date.now() / 1000);

async function send(headers: Record<string, string>) {
  const before = ran;
  const res = await fetch(`${t.url}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
  await res.text();
  return { status: res.status, listenersRan: ran - before };
}

describe('request signing', () => {
  it('accepts a correctly signed request', async () => {
    expect(await send(sign(body))).toEqual({ status: 200, listenersRan: 1 });
  });

  it.each([
    ['a forged signature', () => ({ ...sign(body), 'x-slack-signature': `v0=${'0'.repeat(64)}` })],
    ['a signature with another secret', () => sign(body, now(), 'not-the-secret')],
    [
      'a wrong signing version',
      () => {
        const s = sign(body);
        return { ...s, 'x-slack-signature': s['x-slack-signature'].replace(/^v0=/, 'v1=') };
      },
    ],
    ['a missing signature header', () => ({ 'x-slack-request-timestamp': String(now()) })],
    ['a missing timestamp header', () => ({ 'x-slack-signature': sign(body)['x-slack-signature'] })],
    ['a non-numeric timestamp', () => ({ ...sign(body), 'x-slack-request-timestamp': 'soon' })],
    ['a timestamp more than 5 minutes old', () => sign(body, now() - 301)],
    ['a timestamp more than 5 minutes in the future', () => sign(body, now() + 301)],
  ])('rejects %s with 401 and runs no listener', async (_name, headers) => {
    expect(await send(headers())).toEqual({ status: 401, listenersRan: 0 });
  });

  it('rejects a correctly signed request replayed outside the window', async () => {
    const timestamp = now() - 3600;
    const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    expect(
      await send({ 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature }),
    ).toEqual({ status: 401, listenersRan: 0 });
  });

  it('accepts a timestamp just inside the window either way', async () => {
    expect((await send(sign(body, now() - 290))).status).toBe(200);
    expect((await send(sign(body, now() + 290))).status).toBe(200);
  });

  it('answers Slack’s unsigned ssl_check with 200 and runs no listener, even with a smuggled payload', async () => {
    for (const check of ['ssl_check=1&token=x', `ssl_check=1&${body}`]) {
      const before = ran;
      const res = await fetch(`${t.url}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: check,
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
      expect(ran - before).toBe(0);
    }
  });
});
