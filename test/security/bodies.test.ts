import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../../src/app.js';
import {
  expectResponseUrl,
  HOOKS,
  sign,
  startTestApp,
  type TestApp,
  visibleText,
} from '../helpers/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.stop();
});

async function raw(body: string, contentType: string) {
  const res = await fetch(`${t.url}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...sign(body) },
    body,
  });
  return { status: res.status, text: await res.text() };
}

/** The largest legitimate request: a message shortcut on a 40,000-character CJK message. */
function largestShortcut() {
  const text = '字'.repeat(40_000);
  const payload = {
    type: 'message_action',
    callback_id: 'message_nudge',
    trigger_id: '1.2',
    response_url: `${HOOKS}/actions/T0TEAM/9/big`,
    user: { id: 'U0ASKER', username: 'a', team_id: 'T0TEAM' },
    team: { id: 'T0TEAM', domain: 'example' },
    channel: { id: 'C0CHANNEL', name: 'general' },
    message: {
      type: 'message',
      user: 'U0OTHER',
      ts: '1.1',
      text,
      blocks: [
        {
          type: 'rich_text',
          block_id: 'r',
          elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
        },
      ],
    },
    message_ts: '1.1',
    action_ts: '1.2',
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

describe('request bodies', () => {
  it('accepts the largest legitimate payload, and the limit leaves room above it', async () => {
    const body = largestShortcut();
    expect(Buffer.byteLength(body)).toBeGreaterThan(700_000);
    expect(Buffer.byteLength(body)).toBeLessThan(BODY_LIMIT_BYTES);
    const reply = expectResponseUrl('/actions/T0TEAM/9/big');
    expect((await raw(body, 'application/x-www-form-urlencoded')).status).toBe(200);
    expect((await reply.body).response_type).toBe('ephemeral');
  });

  it('rejects an over-large body with 413', async () => {
    const body = `payload=${'a'.repeat(BODY_LIMIT_BYTES + 10)}`;
    expect((await raw(body, 'application/x-www-form-urlencoded')).status).toBe(413);
  });

  it.each([
    ['malformed JSON', '{"type": "event_callback", ', 'application/json'],
    ['a JSON array', '[1,2,3]', 'application/json'],
    ['a payload field that is not JSON', 'payload=%7Bnot-json', 'application/x-www-form-urlencoded'],
    ['an empty body', '', 'application/json'],
    ['binary garbage', '\u0000\u0001\u0002\uffff', 'application/octet-stream'],
    [
      'an unknown payload type',
      `payload=${encodeURIComponent(JSON.stringify({ type: 'mystery', team: { id: 'T0TEAM' } }))}`,
      'application/x-www-form-urlencoded',
    ],
    [
      'an unknown command',
      'command=%2Fother&text=hi&team_id=T0TEAM&user_id=U1&channel_id=C1',
      'application/x-www-form-urlencoded',
    ],
    [
      'an unknown event',
      JSON.stringify({ type: 'event_callback', team_id: 'T0TEAM', event: { type: 'reaction_added' } }),
      'application/json',
    ],
  ])('answers %s with a status, never a crash or a stack trace', async (_name, body, contentType) => {
    const { status, text } = await raw(body, contentType);
    expect(status).toBeLessThan(600);
    expect(status === 200 || (status >= 400 && status < 500) || status === 500).toBe(true);
    expect(text).not.toMatch(/at .*\.(js|ts):\d+|Error:/);
    // The server is still up.
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });

  it('answers an unknown command with a polite ephemeral message', async () => {
    const { status, text } = await raw(
      'command=%2Fother&text=hi&team_id=T0TEAM&user_id=U1&channel_id=C1',
      'application/x-www-form-urlencoded',
    );
    expect(status).toBe(200);
    const reply = JSON.parse(text) as Record<string, unknown>;
    expect(reply).toMatchObject({ response_type: 'ephemeral', text: 'Conduct Nudge replied privately' });
    expect(visibleText(reply.blocks)).toMatch(/only answer `\/conduct`/);
  });

  it.each([
    ['null', 'null', 'application/json'],
    ['a JSON array', '[]', 'application/json'],
    ['a JSON string', '"hello"', 'application/json'],
    ['a payload that is JSON null', 'payload=null', 'application/x-www-form-urlencoded'],
  ])('refuses %s with 400 at once (Bolt would never answer it)', async (_name, body, contentType) => {
    const started = Date.now();
    expect((await raw(body, contentType)).status).toBe(400);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('answers url_verification challenges', async () => {
    const { status, text } = await raw(
      JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' }),
      'application/json',
    );
    expect(status).toBe(200);
    expect(text).toContain('abc123');
  });
});
