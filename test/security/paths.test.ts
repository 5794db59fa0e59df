import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign, startTestApp, type TestApp } from '../helpers/harness.js';

/**
 * Red-team finding 1: a signed request to a path that normalises to /slack/events reached Bolt's
 * own receiver, a second way in that took timestamps a day in the future and threw on bodies
 * that are not objects. Every spelling now goes through the one way in, or gets a 404.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.stop();
});

/** A raw request: fetch() would normalise the path before sending it. */
function rawPost(path: string, body: string, headers: Record<string, string>) {
  const { port } = new URL(t.url);
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const SPELLINGS = [
  '/slack/events',
  '/slack/./events',
  '/x/../slack/events',
  '/slack/%2e/events',
  '/slack/events?x=1',
];
const JSON_TYPE = { 'content-type': 'application/json' };
const FORM_TYPE = { 'content-type': 'application/x-www-form-urlencoded' };
const now = () => Math.floor(Date.now() / 1000);

describe('one way in, whatever the path spelling', () => {
  it.each(SPELLINGS)('refuses a timestamp an hour in the future on %s', async (path) => {
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: 'T0TEAM',
      event: { type: 'app_mention' },
    });
    const res = await rawPost(path, body, { ...JSON_TYPE, ...sign(body, now() + 3600) });
    expect(res.status).toBe(401);
  });

  it.each(SPELLINGS)(
    'answers 400 to signed bodies that are not Slack objects on %s, and stays up',
    async (path) => {
      for (const [body, type] of [
        ['null', JSON_TYPE],
        ['[]', JSON_TYPE],
        ['payload=null', FORM_TYPE],
        ['payload=%5B%5D', FORM_TYPE],
      ] as const) {
        const res = await rawPost(path, body, { ...type, ...sign(body) });
        expect(res.status, body).toBe(400);
        expect(res.text).not.toMatch(/at .*\.js|Error/);
      }
      const health = await fetch(`${t.url}/healthz`);
      expect(health.status).toBe(200);
    },
  );

  it.each(SPELLINGS)('answers event: null and actions: [null] with a 400 on %s', async (path) => {
    const event = JSON.stringify({
      type: 'event_callback',
      team_id: 'T0TEAM',
      api_app_id: 'A1',
      event: null,
    });
    const actions = new URLSearchParams({
      payload: JSON.stringify({
        type: 'block_actions',
        team: { id: 'T0TEAM' },
        user: { id: 'U1' },
        actions: [null],
      }),
    }).toString();
    for (const [body, type] of [
      [event, JSON_TYPE],
      [actions, FORM_TYPE],
    ] as const) {
      const res = await rawPost(path, body, { ...type, ...sign(body) });
      expect(res.status, body).toBe(400);
    }
  });

  it('sends no other path to the Slack handler or to Bolt: a 404', async () => {
    const body = 'command=%2Fconduct&text=hi';
    for (const path of [
      '/slack/events/.',
      '//slack/events',
      '/slack/event',
      '/slack/events/x',
      '/x/slack/events',
      '/%2e%2e/slack/events/../../other',
    ]) {
      const res = await rawPost(path, body, { ...FORM_TYPE, ...sign(body) });
      expect(res.status, path).toBe(404);
    }
  });
});
