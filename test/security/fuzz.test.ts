import fc from 'fast-check';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEngine } from '../../src/model-store.js';
import { HOOKS, SLACK_API, sign, startTestApp, type TestApp } from '../helpers/harness.js';

/**
 * Generated payloads across commands, events and interactivity, all correctly signed: the
 * process stays up, every request is answered with a status (never a 5xx or a hang), and no
 * unhandled rejection or exception occurs. FUZZ_RUNS=10000 (npm run fuzz) for the long run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const CONCURRENCY = 25;

const text = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom(
    '',
    ' ',
    'help',
    'privacy',
    'pin',
    'pin boundaries nope',
    'topics',
    '<!channel>',
    '*bold* _x_',
    '\u0000',
    '💥'.repeat(50),
  ),
  fc.constant('a very long question about my coworker '.repeat(100)),
);
const id = (prefix: string) => fc.oneof(fc.constant(`${prefix}0FUZZ`), fc.string({ maxLength: 12 }));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const command = fc.record({
  kind: fc.constant('command' as const),
  fields: fc.record(
    {
      command: fc.constantFrom('/conduct', '/conduct', '/conduct', '/other'),
      text,
      user_id: id('U'),
      channel_id: fc.oneof(id('C'), id('D'), id('G')),
      channel_name: fc.constantFrom('general', 'directmessage', 'mpdm-a--b-1', 'privategroup'),
      team_id: id('T'),
      response_url: fc.constant(`${HOOKS}/fuzz`),
      trigger_id: fc.string({ maxLength: 10 }),
    },
    { requiredKeys: ['command'] },
  ),
});

const event = fc.record({
  kind: fc.constant('event' as const),
  body: fc.record(
    {
      type: fc.constantFrom(
        'event_callback',
        'event_callback',
        'event_callback',
        'url_verification',
        'app_rate_limited',
        'mystery',
      ),
      team_id: id('T'),
      event_id: fc.string({ minLength: 1, maxLength: 16 }),
      challenge: maybe(fc.string()),
      event: fc.record(
        {
          type: fc.constantFrom(
            'message',
            'message',
            'app_home_opened',
            'app_uninstalled',
            'tokens_revoked',
            'reaction_added',
            'weird',
          ),
          channel_type: fc.constantFrom('im', 'channel', 'group', 'mpim', undefined),
          channel: id('D'),
          user: id('U'),
          ts: fc.string({ maxLength: 20 }),
          text: maybe(text),
          subtype: maybe(
            fc.constantFrom(
              'file_share',
              'message_changed',
              'message_deleted',
              'bot_message',
              'thread_broadcast',
              'x',
            ),
          ),
          bot_id: maybe(fc.string({ maxLength: 8 })),
          files: maybe(fc.array(fc.record({ id: fc.string() }), { maxLength: 2 })),
          tab: maybe(fc.constantFrom('home', 'messages', 'other')),
        },
        { requiredKeys: ['type'] },
      ),
    },
    { requiredKeys: ['type'] },
  ),
});

const action = fc.record({
  type: fc.constant('button'),
  action_id: fc.oneof(
    fc.constantFrom(
      'topic:boundaries',
      'who_is_it:customer',
      'ask_privately',
      'feedback:yes',
      'link:contact-0',
    ),
    fc.string({ maxLength: 30 }),
  ),
  value: maybe(
    fc.oneof(
      fc.string({ maxLength: 100 }),
      fc.json(),
      fc.constantFrom('{"t":"boundaries"}', '{"r":"x","w":"customer"}', '{"r":"x","f":1}'),
    ),
  ),
  block_id: fc.string({ maxLength: 5 }),
});

const interaction = fc.record({
  kind: fc.constant('interaction' as const),
  payload: fc.record(
    {
      type: fc.constantFrom(
        'shortcut',
        'message_action',
        'block_actions',
        'block_actions',
        'view_submission',
        'view_closed',
        'nonsense',
      ),
      callback_id: fc.constantFrom(
        'ask_conduct_question',
        'boundaries_reminder',
        'discretion_reminder',
        'message_nudge',
        'question_modal',
        'unknown_cb',
      ),
      trigger_id: fc.string({ maxLength: 10 }),
      response_url: fc.constant(`${HOOKS}/fuzz`),
      user: fc.record({ id: id('U'), team_id: id('T') }),
      team: maybe(fc.record({ id: id('T') })),
      message: maybe(fc.record({ text: maybe(text), ts: fc.string({ maxLength: 10 }) })),
      container: maybe(
        fc.record({ type: fc.constantFrom('message', 'view', 'x'), is_ephemeral: fc.boolean() }),
      ),
      actions: maybe(fc.array(action, { minLength: 1, maxLength: 2 })),
      view: maybe(
        fc.record({
          id: fc.string({ maxLength: 10 }),
          type: fc.constantFrom('modal', 'home'),
          callback_id: fc.constantFrom('question_modal', 'other'),
          private_metadata: fc.oneof(fc.string({ maxLength: 50 }), fc.json()),
          state: fc.record({
            values: fc.record({ question: fc.record({ question_text: fc.record({ value: maybe(text) }) }) }),
          }),
        }),
      ),
    },
    { requiredKeys: ['type'] },
  ),
});

const raw = fc.record({
  kind: fc.constant('raw' as const),
  body: fc.oneof(fc.json(), fc.string({ unit: 'binary', maxLength: 200 })),
  json: fc.boolean(),
});

const request = fc.oneof(
  { weight: 3, arbitrary: command },
  { weight: 3, arbitrary: event },
  { weight: 3, arbitrary: interaction },
  { weight: 1, arbitrary: raw },
);

let t: TestApp;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
  t = await startTestApp({ LOG_LEVEL: 'silent' });
  nock(SLACK_API).persist().post(/.*/).reply(200, { ok: true, ts: '1.1', users: [] });
  nock(HOOKS).persist().post(/.*/).reply(200, { ok: true });
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
  await t.stop();
});

async function send(
  sample: fc.Arbitrary<unknown> extends never ? never : Record<string, unknown>,
): Promise<number> {
  let body: string;
  let type = 'application/x-www-form-urlencoded';
  if (sample.kind === 'command')
    body = new URLSearchParams(sample.fields as Record<string, string>).toString();
  else if (sample.kind === 'event') {
    body = JSON.stringify(sample.body);
    type = 'application/json';
  } else if (sample.kind === 'interaction')
    body = new URLSearchParams({ payload: JSON.stringify(sample.payload) }).toString();
  else {
    body = typeof sample.body === 'string' ? sample.body : JSON.stringify(sample.body);
    type = sample.json ? 'application/json' : type;
  }
  const res = await fetch(`${t.url}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': type, ...sign(body) },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

describe('fuzzing', () => {
  it(
    `answers ${RUNS} generated, signed payloads without a crash, a 5xx or an unhandled error`,
    async () => {
      const samples = fc.sample(request, { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261123) });
      const statuses = new Map<number, number>();
      for (let i = 0; i < samples.length; i += CONCURRENCY) {
        const batch = samples.slice(i, i + CONCURRENCY) as Record<string, unknown>[];
        for (const status of await Promise.all(batch.map(send)))
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
      const total = [...statuses.values()].reduce((a, b) => a + b, 0);
      expect(total).toBe(RUNS);
      for (const status of statuses.keys())
        expect(status === 200 || (status >= 400 && status < 500)).toBe(true);
      expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
      expect(unhandled).toEqual([]);
    },
    Math.max(300_000, RUNS * 150),
  );

  it('classifies generated question texts without throwing, within bounds', () => {
    const engine = loadEngine();
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 2000 }),
          fc
            .array(
              fc.constantFrom(
                'coworker',
                'date',
                'not',
                'touch',
                'gift',
                "don't",
                'ask',
                'out',
                'customer',
                'no',
                '!',
                ',',
                'harrassed',
              ),
              { maxLength: 80 },
            )
            .map((w) => w.join(' ')),
        ),
        (q) => {
          const { result, answer } = engine.answer(q);
          expect(result.confidence).toBeGreaterThanOrEqual(0);
          expect(result.confidence).toBeLessThanOrEqual(1);
          if (result.escalate) expect(result.topic).toBe('harassment-and-safety');
          expect(answer.summary.length).toBeGreaterThan(0);
          expect(answer.notices.notReporting.length).toBeGreaterThan(0);
          expect(JSON.stringify(answer)).not.toContain(q.length > 12 ? q : '\u0000never');
        },
      ),
      { numRuns: Math.max(200, Math.floor(RUNS / 2)) },
    );
  });
});
