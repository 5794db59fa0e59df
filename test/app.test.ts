import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { form } from './helpers/signing.js';
import { startTestApp, type TestApp, visibleText } from './helpers/harness.js';

/** The assembled app: one receiver, one client pool, this organisation's members only. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.stop();
});

const command = (team: string, text = 'can I accept a gift from a client?') =>
  form({
    command: '/conduct',
    text,
    team_id: team,
    team_domain: 'x',
    user_id: 'U1',
    user_name: 'u',
    channel_id: 'C1',
    channel_name: 'c',
    response_url: 'https://hooks.slack.com/commands/T/1/x',
    trigger_id: '1.2',
    api_app_id: 'A1',
  });

describe('the assembled app', () => {
  it('keeps one Web API client pool, whatever team ids payloads carry', async () => {
    for (let i = 0; i < 60; i++) {
      const res = await t.post(
        command(i % 2 === 0 ? 'T0TEAM' : `T0OTHER${i}`),
        'application/x-www-form-urlencoded',
      );
      expect(res.status).toBe(200);
    }
    const clients = (t.conduct.app as unknown as { clients: Record<string, unknown> }).clients;
    expect(Object.keys(clients).length).toBeLessThanOrEqual(1);
  });

  it('answers another organisation’s member politely, and gives no guidance or contacts', async () => {
    const res = await t.post(command('T0SHARED', 'my boss touched me'), 'application/x-www-form-urlencoded');
    const body = (await res.json()) as { text: string; blocks: unknown[]; response_type: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toBe('Conduct Nudge replied privately');
    expect(visibleText(body.blocks)).toMatch(/members of this organisation only/);
    expect(visibleText(body.blocks)).not.toMatch(/Who can help/);
  });

  it('says 503 on /healthz once draining, 200 before', async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    t.conduct.drain();
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false, draining: true });
  });
});
