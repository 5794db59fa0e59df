import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPrometheus } from '../../src/metrics.js';
import { HOOKS, parseBody, SLACK_API, settle, startTestApp, type TestApp } from '../helpers/harness.js';

/**
 * The privacy promise as a test: unique canaries go in through every field a person or
 * workspace is identified by, on every surface. Afterwards the canaries may appear only in
 * the ack to the asker and in the addressing fields of the calls that deliver their reply.
 */
const C = {
  text: 'Qcanarytextq',
  userId: 'U0CANARYUSR',
  userName: 'canaryusername',
  channelId: 'C0CANARYCHN',
  channelName: 'canarychannelname',
  teamId: 'T0CANARYTEAM',
  teamDomain: 'canaryteamdomain',
  otherUser: 'U0CANARYOTHER',
};
const CANARIES = Object.values(C);
const DM_CHANNEL = 'D0CANARYDM';
/**
 * Fields of a Web API call that address the asker's own reply. Bolt adds `team_id` to every
 * call so an org-wide (Enterprise Grid) token reaches the right workspace: addressing too.
 */
const ADDRESSING = new Set(['channel', 'user_id', 'user', 'thread_ts', 'team_id']);

interface Outbound {
  url: string;
  body: Record<string, unknown>;
  headers: string;
}

let t: TestApp;
const outbound: Outbound[] = [];
const acks: string[] = [];
const started = Date.now();

function record(host: string) {
  nock(host)
    .persist()
    .post(/.*/)
    .reply(function (uri, body) {
      outbound.push({
        url: `${host}${uri}`,
        body: parseBody(body),
        headers: JSON.stringify(this.req.headers),
      });
      if (uri.includes('chat.postMessage'))
        return [200, { ok: true, ts: '1700000001.000100', channel: C.channelId }];
      if (uri.includes('usergroups')) return [200, { ok: true, users: [] }];
      return [200, { ok: true }];
    });
}

const question = `I have a crush on my coworker ${C.text} and I want to ask ${C.text} out for a coffee`;
const user = { id: C.userId, username: C.userName, name: C.userName, team_id: C.teamId };
const team = { id: C.teamId, domain: C.teamDomain };
const responseUrl = `${HOOKS}/actions/TRESP/1/abc`;

function interaction(extra: Record<string, unknown>) {
  return {
    user,
    team,
    token: 'legacy',
    api_app_id: 'A0APP',
    trigger_id: '1.2.t',
    response_url: responseUrl,
    ...extra,
  };
}

function click(
  action_id: string,
  value: string | undefined,
  container: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return interaction({
    type: 'block_actions',
    container,
    channel: { id: C.channelId, name: C.channelName },
    actions: [
      {
        type: 'button',
        action_id,
        block_id: 'b',
        action_ts: '1.2',
        ...(value ? { value } : {}),
        text: { type: 'plain_text', text: 'x' },
      },
    ],
    ...extra,
  });
}

async function driveEverySurface(): Promise<void> {
  const commandFields = {
    user_id: C.userId,
    user_name: C.userName,
    channel_id: C.channelId,
    channel_name: C.channelName,
    team_id: C.teamId,
    team_domain: C.teamDomain,
    response_url: responseUrl,
  };
  for (const text of [
    question,
    '',
    'help',
    'privacy',
    'pin',
    'pin boundaries',
    `pin ${C.text}`,
    'My manager keeps touching me after I said no',
  ]) {
    const res = await t.command(text, commandFields);
    acks.push(await res.text());
  }
  await t.command('pin', { ...commandFields, channel_id: DM_CHANNEL, channel_name: 'directmessage' });
  const dm = {
    type: 'message',
    channel: DM_CHANNEL,
    channel_type: 'im',
    user: C.userId,
    ts: '1700000000.000100',
  };
  await t.event({ ...dm, text: question }, { team_id: C.teamId });
  await t.event({ ...dm, text: 'hi' }, { team_id: C.teamId });
  await t.event(
    { ...dm, subtype: 'file_share', text: '', files: [{ id: 'F1', name: C.text }] },
    { team_id: C.teamId },
  );
  await t.event({ ...dm, subtype: 'message_changed', message: { text: question } }, { team_id: C.teamId });
  await t.event(
    { type: 'app_home_opened', user: C.userId, channel: DM_CHANNEL, tab: 'home', event_ts: '1.1' },
    { team_id: C.teamId },
  );
  for (const callback_id of ['ask_conduct_question', 'boundaries_reminder', 'discretion_reminder']) {
    await t.interact(interaction({ type: 'shortcut', callback_id, action_ts: '1.2' }));
  }
  await t.interact(
    interaction({
      type: 'message_action',
      callback_id: 'message_nudge',
      channel: { id: C.channelId, name: C.channelName },
      message: { type: 'message', user: C.otherUser, text: question, ts: '1700000000.000300' },
      message_ts: '1700000000.000300',
      action_ts: '1.2',
    }),
  );
  const submit = await t.interact(
    interaction({
      type: 'view_submission',
      view: {
        id: 'V0VIEW',
        type: 'modal',
        callback_id: 'question_modal',
        private_metadata: '{"s":"card"}',
        hash: 'h',
        state: { values: { question: { question_text: { type: 'plain_text_input', value: question } } } },
        blocks: [],
      },
    }),
  );
  acks.push(await submit.text());
  const card = {
    type: 'message',
    message_ts: '1700000000.000500',
    channel_id: C.channelId,
    is_ephemeral: false,
  };
  const ephemeral = { ...card, is_ephemeral: true };
  const rule = t.conduct.deps.engine.pack.rules.find(
    (r) => Object.keys(r.guidance.byRelationship).length > 0,
  );
  const relationship = Object.keys(rule?.guidance.byRelationship ?? {})[0] ?? 'customer';
  await t.interact(click('topic:boundaries', '{"t":"boundaries"}', card));
  await t.interact(
    click(`who_is_it:${relationship}`, JSON.stringify({ r: rule?.id, w: relationship }), ephemeral),
  );
  await t.interact(click('ask_privately', '{}', card));
  await t.interact(click('feedback:yes', JSON.stringify({ r: rule?.id, f: 1 }), ephemeral));
  await t.interact(click('feedback:no', JSON.stringify({ r: rule?.id, f: 0 }), ephemeral));
  await t.interact(click(C.text, C.text, card));
  await t.interact(click('link:contact-0', undefined, ephemeral));
  await t.interact(
    click(
      'topic:discretion',
      '{"t":"discretion"}',
      { type: 'view', view_id: 'V0HOME' },
      { view: { id: 'V0HOME', type: 'home', hash: 'h' } },
    ),
  );
  await t.event(
    { type: 'tokens_revoked', tokens: { bot: [C.userId] }, event_ts: '1.3' },
    { team_id: C.teamId },
  );
  await settle(300);
}

function filesWrittenSince(
  root: string,
  since: number,
  skip: RegExp,
  out: string[] = [],
  depth = 0,
): string[] {
  if (depth > 6) return out;
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return out;
  }
  for (const name of entries) {
    const full = join(root, name);
    if (skip.test(full)) continue;
    try {
      const stat = statSync(full);
      if (stat.isDirectory()) filesWrittenSince(full, since, skip, out, depth + 1);
      else if (stat.isFile() && stat.mtimeMs >= since && stat.size < 5_000_000) out.push(full);
    } catch {
      // vanished while walking
    }
  }
  return out;
}

function canariesIn(text: string): string[] {
  return CANARIES.filter((c) => text.includes(c));
}

beforeAll(async () => {
  t = await startTestApp({ HR_ADMIN_USER_IDS: C.userId, METRICS: 'on', METRICS_PORT: '0' }, C.teamId);
  nock.cleanAll();
  nock(SLACK_API)
    .persist()
    .post('/api/auth.test')
    .reply(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: C.teamId });
  record(SLACK_API);
  record(HOOKS);
  await driveEverySurface();
});
afterAll(async () => {
  await t.stop();
});

describe('no personal data leaves the request', () => {
  it('drove every surface and made Slack calls', () => {
    const methods = new Set(outbound.map((o) => o.url.replace(/^.*\/api\//, '')));
    for (const m of ['chat.postMessage', 'pins.add', 'views.open', 'views.publish'])
      expect(methods).toContain(m);
    expect(outbound.some((o) => o.url.startsWith(HOOKS))).toBe(true);
  });

  it('logs (at trace level) carry no canary', () => {
    expect(t.logs.length).toBeGreaterThan(10);
    const leaks = t.logs.filter((line) => canariesIn(line).length > 0);
    expect(leaks).toEqual([]);
  });

  it('outgoing calls carry canaries only in the addressing fields of the asker’s own reply', () => {
    const leaks: string[] = [];
    for (const call of outbound) {
      const rest = Object.fromEntries(Object.entries(call.body).filter(([key]) => !ADDRESSING.has(key)));
      const found = canariesIn(JSON.stringify(rest) + call.url + call.headers);
      if (found.length > 0) leaks.push(`${call.url}: ${found.join(', ')}`);
      // Addressing fields may hold the asker or their channel, never the question text or others.
      for (const key of ADDRESSING) {
        const value = call.body[key];
        if (value !== undefined)
          expect([
            C.userId,
            C.channelId,
            C.teamId,
            DM_CHANNEL,
            '1700000000.000100',
            '1700000001.000100',
          ]).toContain(value);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('every message shows only the neutral line in a notification: its text and its first block name no topic', () => {
    const NEUTRAL = 'Conduct Nudge replied privately';
    const topicWords = /touch|harass|dating|gift|gossip|crush|coworker|customer|safety|romance|boundar/i;
    const messages = [
      ...outbound.filter((o) => o.url.includes('chat.post') || o.url.startsWith(HOOKS)).map((o) => o.body),
      ...acks.filter((a) => a.startsWith('{')).map((a) => JSON.parse(a) as Record<string, unknown>),
    ].filter((m) => typeof m.text === 'string');
    expect(messages.length).toBeGreaterThan(5);
    for (const m of messages) {
      // The pinned card is a channel post everyone sees; its text invites, it answers nobody.
      if (m.text === 'Questions about conduct? Ask privately.') continue;
      expect(m.text).toBe(NEUTRAL);
      const first = (m.blocks as Array<Record<string, unknown>> | undefined)?.[0];
      if (first) expect(JSON.stringify(first)).not.toMatch(topicWords);
    }
  });

  it('question text is never echoed, not even in the ack to the asker', () => {
    for (const ack of acks) expect(ack).not.toContain(C.text);
    for (const call of outbound) expect(JSON.stringify(call.body)).not.toContain(C.text);
  });

  it('/metrics is served on its own loopback port, not the Slack port, and carries no canary', async () => {
    const port = t.conduct.metricsPort();
    expect(port).toBeGreaterThan(0);
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/conduct_suppressed_series \d+/);
    expect(canariesIn(text)).toEqual([]);
    expect((await fetch(`${t.url}/metrics`)).status).toBe(404);
  });

  it('metrics output carries no canary, even unsuppressed', () => {
    const text = renderPrometheus(t.conduct.deps.metrics, 0);
    expect(text).toMatch(/conduct_answers_total/);
    expect(canariesIn(text)).toEqual([]);
  });

  it('no file under the working directory or the temp directory holds a canary', () => {
    const files = [
      ...filesWrittenSince(process.cwd(), started, /node_modules|\.git\b|\.vitest-report/),
      ...filesWrittenSince(tmpdir(), started, /node_modules|\.git\b/),
    ];
    const leaks = files.filter((file) => {
      try {
        return canariesIn(readFileSync(file, 'latin1')).length > 0;
      } catch {
        return false;
      }
    });
    expect(leaks).toEqual([]);
  });
});
