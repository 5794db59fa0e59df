import { afterAll, describe, expect, it } from 'vitest';
import { SIGNING_SECRET, signedPost } from '../helpers/signing.js';
import { type AppProcess, startAppProcess } from './app-process.js';
import { type StandIn, startStandIn } from './stand-in.js';

/**
 * SIGTERM with work in flight: a DM is acknowledged at once and answered after a slow Slack
 * call; the process must finish that answer, then exit 0.
 */
let standIn: StandIn;
let app: AppProcess;

afterAll(async () => {
  app?.child.kill('SIGKILL');
  await standIn?.close();
});

describe('SIGTERM', () => {
  it('finishes a reply in flight, then exits 0', async () => {
    standIn = await startStandIn({ delayMs: 1500 });
    app = await startAppProcess({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${standIn.url}/api/`,
      // Per-request lines are written at debug only.
      LOG_LEVEL: 'debug',
    });
    const event = JSON.stringify({
      type: 'event_callback',
      team_id: 'T0TEAM',
      event_id: 'Ev0SHUTDOWN1',
      event: {
        type: 'message',
        channel_type: 'im',
        channel: 'D0',
        user: 'U1',
        ts: '1.1',
        text: 'Can I date my coworker?',
      },
    });
    const res = await signedPost(app.url, event, 'application/json');
    expect(res.status).toBe(200);
    const started = Date.now();
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    // The reply was held back 1.5 s by Slack's stand-in and still went out before exit.
    expect(standIn.calls.some((c) => c.path.startsWith('/api/chat.postMessage'))).toBe(true);
    expect(Date.now() - started).toBeGreaterThan(1000);
    expect(app.stdout.join('')).toMatch(/"outcome":"answered"/);
  });
});

describe('start-up', () => {
  it('stops with every pack problem and exit 1 when the pack is bad', async () => {
    const started = startAppProcess({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      CONDUCT_PACK: new URL('../fixtures/packs/bad-many-problems', import.meta.url).pathname,
    });
    await expect(started).rejects.toThrow(
      /app exited early \(1\): Policy pack .* is invalid \(\d+ problems\)/,
    );
  });

  it('stops with one line naming the bad setting', async () => {
    await expect(startAppProcess({ SLACK_BOT_TOKEN: 'xoxp-wrong' })).rejects.toThrow(
      /app exited early \(1\): Configuration error: SLACK_BOT_TOKEN must be a bot token/,
    );
  });
});
