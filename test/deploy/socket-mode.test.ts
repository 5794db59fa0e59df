import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConductApp, createConductApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { COMMAND_DEFAULTS, parseBody, visibleText } from '../helpers/harness.js';
import { type SocketStandIn, startSocketStandIn } from './socket-stand-in.js';
import { captureLogs } from '../helpers/log-capture.js';

/**
 * Socket Mode end to end, with no internet: the app asks the Web API stand-in (SLACK_API_URL)
 * for a WebSocket URL through apps.connections.open, connects to the local WebSocket stand-in,
 * waits for `hello`, and answers envelopes over the socket.
 */
const APP_TOKEN = 'xapp-1-A0APP-0000-apptoken';
const BOT_TOKEN = 'xoxb-socket-0000-token';
const QUESTION = 'Can I ask my coworker out on a date?';
const DM = 'I have a crush on a client, can I ask them out?';

let standIn: SocketStandIn;
let conduct: ConductApp;
const logs: string[] = [];

beforeAll(async () => {
  standIn = await startSocketStandIn();
  const { logger } = captureLogs('trace', logs);
  // No signing secret: Socket Mode needs only the app-level token and the bot token.
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_APP_TOKEN: APP_TOKEN,
    SLACK_API_URL: standIn.apiUrl,
    LOG_LEVEL: 'trace',
  });
  expect(config.mode).toBe('socket');
  conduct = await createConductApp(config, { logger: logger });
  const port = await conduct.start();
  expect(port).toBeUndefined();
  await standIn.connected();
});

afterAll(async () => {
  await conduct?.stop();
  await standIn?.close();
});

describe('Socket Mode', () => {
  it('opens the connection through SLACK_API_URL with the app-level token', () => {
    const open = standIn.calls.find((c) => c.path.startsWith('/api/apps.connections.open'));
    expect(open?.authorization).toBe(`Bearer ${APP_TOKEN}`);
    const auth = standIn.calls.find((c) => c.path.startsWith('/api/auth.test'));
    expect(auth?.authorization).toBe(`Bearer ${BOT_TOKEN}`);
  });

  it('answers a /conduct question in the ack envelope, ephemerally', async () => {
    standIn.send({
      envelope_id: 'env-slash-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: { ...COMMAND_DEFAULTS, text: QUESTION, is_enterprise_install: 'false' },
    });
    const reply = await standIn.ack('env-slash-1');
    expect(reply.envelope_id).toBe('env-slash-1');
    const payload = reply.payload as { response_type: string; text: string; blocks: unknown[] };
    expect(payload.response_type).toBe('ephemeral');
    expect(Array.isArray(payload.blocks) && payload.blocks.length).toBeTruthy();
    expect(visibleText(payload.blocks).length).toBeGreaterThan(40);
  });

  it('acks an events_api DM and answers it in a thread with chat.postMessage', async () => {
    standIn.send({
      envelope_id: 'env-event-1',
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: '',
      payload: {
        token: 'legacy',
        team_id: 'T0TEAM',
        api_app_id: 'A0APP',
        type: 'event_callback',
        event_id: 'Ev0SOCKET01',
        event_time: Math.floor(Date.now() / 1000),
        event: {
          type: 'message',
          channel_type: 'im',
          channel: 'D0DM',
          user: 'U0ASKER',
          text: DM,
          ts: '1700000000.000100',
          event_ts: '1700000000.000100',
        },
      },
    });
    const reply = await standIn.ack('env-event-1');
    expect(reply.envelope_id).toBe('env-event-1');
    await standIn.waitFor((p) => p.startsWith('/api/chat.postMessage'));
    const post = standIn.calls.find((c) => c.path.startsWith('/api/chat.postMessage'));
    expect(post).toBeDefined();
    const body = parseBody(post?.body);
    expect(body.channel).toBe('D0DM');
    expect(body.thread_ts).toBe('1700000000.000100');
    expect(visibleText(body.blocks).length).toBeGreaterThan(40);
  });

  it('answers a redelivered DM only once', async () => {
    const before = standIn.calls.filter((c) => c.path.startsWith('/api/chat.postMessage')).length;
    standIn.send({
      envelope_id: 'env-event-2',
      type: 'events_api',
      retry_attempt: 1,
      retry_reason: 'timeout',
      payload: {
        type: 'event_callback',
        team_id: 'T0TEAM',
        event_id: 'Ev0SOCKET01',
        event: {
          type: 'message',
          channel_type: 'im',
          channel: 'D0DM',
          user: 'U0ASKER',
          text: DM,
          ts: '1700000000.000100',
        },
      },
    });
    await standIn.ack('env-event-2');
    await new Promise((r) => setTimeout(r, 100));
    expect(standIn.calls.filter((c) => c.path.startsWith('/api/chat.postMessage')).length).toBe(before);
  });

  it('logs no question text, no user id and no token', () => {
    const output = logs.join('');
    expect(output).toContain('"surface":"command"');
    expect(output).toContain('"surface":"dm"');
    for (const secret of [
      QUESTION,
      DM,
      'my coworker',
      'crush',
      'U0ASKER',
      'D0DM',
      APP_TOKEN,
      BOT_TOKEN,
      'xapp-',
      'xoxb-',
      'ticket',
    ])
      expect(output).not.toContain(secret);
  });
});
