import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLambdaHandler, handler, type LambdaEvent, type LambdaResult } from '../../src/lambda.js';
import { type StandIn, startStandIn } from '../process/stand-in.js';
import { COMMAND_DEFAULTS, parseBody, visibleText } from '../helpers/harness.js';
import { form, SIGNING_SECRET, sign } from '../helpers/signing.js';
import { captureLogs } from '../helpers/log-capture.js';

/**
 * The Lambda entry point, invoked the way API Gateway invokes it: REST API (v1 proxy) and HTTP
 * API (v2) events, signed as Slack signs them, with the Web API on a local stand-in.
 */
const BOT_TOKEN = 'xoxb-lambda-0000-token';
const QUESTION = 'Can I ask my coworker out on a date?';
const context = { functionName: 'conduct-nudge', awsRequestId: 'req-1' };

let standIn: StandIn;
const env: Record<string, string> = {};

function v1(body: string, headers: Record<string, string>): LambdaEvent {
  const event: APIGatewayProxyEvent = {
    resource: '/slack/events',
    path: '/slack/events',
    httpMethod: 'POST',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: {} as APIGatewayProxyEvent['requestContext'],
    body,
    isBase64Encoded: false,
  };
  return event as LambdaEvent;
}

/** HTTP APIs base64-encode form bodies and lower-case header names. */
function v2(body: string, headers: Record<string, string>): LambdaEvent {
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: 'POST /slack/events',
    rawPath: '/slack/events',
    rawQueryString: '',
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
    requestContext: {} as APIGatewayProxyEventV2['requestContext'],
    body: Buffer.from(body, 'utf8').toString('base64'),
    isBase64Encoded: true,
  };
  return event as LambdaEvent;
}

const FORM = 'application/x-www-form-urlencoded';
const commandBody = (text: string) => form({ ...COMMAND_DEFAULTS, text });
/** API Gateway (REST) passes header names as the client sent them. */
const signed = (body: string, contentType: string, extra: Record<string, string> = {}) => {
  const s = sign(body);
  return {
    'Content-Type': contentType,
    'X-Slack-Request-Timestamp': s['x-slack-request-timestamp'],
    'X-Slack-Signature': s['x-slack-signature'],
    ...extra,
  };
};

function ephemeral(result: LambdaResult) {
  expect(result.statusCode).toBe(200);
  const payload = JSON.parse(result.body) as { response_type: string; blocks: unknown[]; text: string };
  expect(payload.response_type).toBe('ephemeral');
  expect(visibleText(payload.blocks).length).toBeGreaterThan(40);
  return payload;
}

beforeAll(async () => {
  standIn = await startStandIn();
  Object.assign(env, {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `${standIn.url}/api/`,
    LOG_LEVEL: 'silent',
  });
  // The exported `handler` reads process.env at its first invocation (the cold start).
  Object.assign(process.env, env);
});
afterAll(async () => {
  await standIn?.close();
});

describe('Lambda handler (the exported entry point)', () => {
  it('answers a signed /conduct question from a REST API (v1) event with the ephemeral answer', async () => {
    const body = commandBody(QUESTION);
    const payload = ephemeral(await handler(v1(body, signed(body, FORM)), context));
    expect(payload.text.length).toBeGreaterThan(0);
  });

  it('answers an HTTP API (v2) event with a base64 body, non-ASCII text included', async () => {
    const body = commandBody('Can I ask my coworker out for a café? — ça va ☕ 同僚');
    ephemeral(await handler(v2(body, signed(body, FORM)), context));
  });

  it('takes a base64 JSON body with raw UTF-8 from an HTTP API (v2) event', async () => {
    const before = standIn.calls.filter((c) => c.path.startsWith('/api/chat.postMessage')).length;
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: 'T0TEAM',
      api_app_id: 'A0APP',
      event_id: 'Ev0LAMBDAV2',
      event: {
        type: 'message',
        channel_type: 'im',
        channel: 'D0DM',
        user: 'U0ASKER',
        text: 'Puis-je inviter une collègue à dîner ? 同僚をデートに誘ってもいい？',
        ts: '1700000000.000300',
      },
    });
    expect(Buffer.byteLength(body)).toBeGreaterThan(body.length);
    const result = await handler(v2(body, signed(body, 'application/json')), context);
    expect(result.statusCode).toBe(200);
    expect(standIn.calls.filter((c) => c.path.startsWith('/api/chat.postMessage')).length).toBe(before + 1);
  });

  it('accepts a content type with parameters', async () => {
    const body = commandBody(QUESTION);
    ephemeral(await handler(v1(body, signed(body, `${FORM}; charset=utf-8`)), context));
  });

  it('refuses a bad signature, a stale or future timestamp and a missing one with 401', async () => {
    const body = commandBody(QUESTION);
    const good = signed(body, FORM);
    const bad = { ...good, 'X-Slack-Signature': `v0=${'0'.repeat(64)}` };
    expect((await handler(v1(body, bad), context)).statusCode).toBe(401);
    const other = signed(body, FORM);
    other['X-Slack-Signature'] = sign(body, undefined, 'not-the-secret-000')['x-slack-signature'];
    expect((await handler(v1(body, other), context)).statusCode).toBe(401);
    const now = Math.floor(Date.now() / 1000);
    for (const ts of [now - 600, now + 600]) {
      const headers = { 'Content-Type': FORM, ...sign(body, ts) };
      expect((await handler(v1(body, headers), context)).statusCode).toBe(401);
    }
    expect((await handler(v1(body, { 'Content-Type': FORM }), context)).statusCode).toBe(401);
    // A body changed after signing.
    expect((await handler(v1(commandBody('other'), good), context)).statusCode).toBe(401);
  });

  it('answers the url_verification challenge', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'legacy' });
    const result = await handler(v1(body, signed(body, 'application/json')), context);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ challenge: 'abc123' });
  });

  it('posts the DM reply before it answers (processBeforeResponse), and once on a retry', async () => {
    const posts = () => standIn.calls.filter((c) => c.path.startsWith('/api/chat.postMessage'));
    const before = posts().length;
    const body = JSON.stringify({
      token: 'legacy',
      team_id: 'T0TEAM',
      api_app_id: 'A0APP',
      type: 'event_callback',
      event_id: 'Ev0LAMBDA01',
      event_time: Math.floor(Date.now() / 1000),
      event: {
        type: 'message',
        channel_type: 'im',
        channel: 'D0DM',
        user: 'U0ASKER',
        text: 'I have a crush on a client',
        ts: '1700000000.000200',
      },
    });
    const result = await handler(v1(body, signed(body, 'application/json')), context);
    expect(result.statusCode).toBe(200);
    // No waiting: the reply is already out when the handler returns.
    expect(posts().length).toBe(before + 1);
    const reply = parseBody(posts().at(-1)?.body);
    expect(reply.channel).toBe('D0DM');
    expect(reply.thread_ts).toBe('1700000000.000200');

    // Slack's retry of the same event reaches the same warm container: answered once.
    const retry = await handler(
      v1(
        body,
        signed(body, 'application/json', {
          'X-Slack-Retry-Num': '1',
          'X-Slack-Retry-Reason': 'http_timeout',
        }),
      ),
      context,
    );
    expect(retry.statusCode).toBe(200);
    expect(posts().length).toBe(before + 1);
  });

  it('loads config, pack and engine once per cold start (one auth.test for many invocations)', () => {
    expect(standIn.calls.filter((c) => c.path.startsWith('/api/auth.test')).length).toBe(1);
  });
});

describe('Lambda configuration and privacy', () => {
  it('requires SLACK_SIGNING_SECRET, with one line and a 500', async () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const noSecret = createLambdaHandler({ SLACK_BOT_TOKEN: BOT_TOKEN, LOG_LEVEL: 'silent' });
      const body = commandBody(QUESTION);
      expect((await noSecret(v1(body, signed(body, FORM)), context)).statusCode).toBe(500);
      const printed = write.mock.calls.map((c) => String(c[0])).join('');
      expect(printed).toMatch(/^Configuration error: SLACK_SIGNING_SECRET is required/);
      expect(printed.trim().split('\n')).toHaveLength(1);
    } finally {
      write.mockRestore();
    }
  });

  it('refuses Socket Mode settings on Lambda', async () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const socket = createLambdaHandler({ ...env, SLACK_APP_TOKEN: 'xapp-1-A0-1-x' });
      const body = commandBody(QUESTION);
      expect((await socket(v1(body, signed(body, FORM)), context)).statusCode).toBe(500);
      expect(write.mock.calls.map((c) => String(c[0])).join('')).toMatch(
        /SLACK_SIGNING_SECRET is required on Lambda/,
      );
    } finally {
      write.mockRestore();
    }
  });

  it('logs no question, no user id and no token', async () => {
    const logs: string[] = [];
    const { logger } = captureLogs('trace', logs);
    const h = createLambdaHandler({ ...env, LOG_LEVEL: 'trace' }, { logger: logger });
    const body = commandBody(QUESTION);
    ephemeral(await h(v1(body, signed(body, FORM)), context));
    const bad = { ...signed(body, FORM), 'X-Slack-Signature': `v0=${'1'.repeat(64)}` };
    expect((await h(v1(body, bad), context)).statusCode).toBe(401);
    const output = logs.join('');
    expect(output).toContain('"mode":"lambda"');
    expect(output).toContain('"surface":"command"');
    for (const secret of [
      QUESTION,
      'my coworker',
      'U0ASKER',
      'asker',
      BOT_TOKEN,
      SIGNING_SECRET,
      '1111111111',
    ])
      expect(output).not.toContain(secret);
  });
});
