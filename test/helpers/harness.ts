import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { type ConductApp, createConductApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { slackLimitProblems } from '../helpers/slack-limits.js';
import { SIGNING_SECRET, sign } from './signing.js';
import { captureLogs } from './log-capture.js';

export { SIGNING_SECRET, sign };

export const BOT_TOKEN = 'xoxb-test-0000-token';
export const SLACK_API = 'https://slack.com';
export const HOOKS = 'https://hooks.slack.com';

export interface TestApp {
  url: string;
  conduct: ConductApp;
  logs: string[];
  post(body: string, contentType: string, headers?: Record<string, string>): Promise<Response>;
  command(text: string, extra?: Record<string, string>): Promise<Response>;
  event(
    event: Record<string, unknown>,
    extra?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<Response>;
  interact(payload: Record<string, unknown>): Promise<Response>;
  stop(): Promise<void>;
}

/** auth.test is called once at start-up: it says which team the app serves. */
export function nockAuthTest(teamId = 'T0TEAM'): nock.Scope {
  return nock(SLACK_API).persist().post('/api/auth.test').reply(200, {
    ok: true,
    user_id: 'UBOT',
    bot_id: 'BBOT',
    team_id: teamId,
    url: 'https://example.slack.com/',
  });
}

export const COMMAND_DEFAULTS: Record<string, string> = {
  token: 'legacy',
  team_id: 'T0TEAM',
  team_domain: 'example',
  channel_id: 'C0CHANNEL',
  channel_name: 'general',
  user_id: 'U0ASKER',
  user_name: 'asker',
  command: '/conduct',
  api_app_id: 'A0APP',
  response_url: `${HOOKS}/commands/T0TEAM/1/abc`,
  trigger_id: '1.2.abc',
};

export async function startTestApp(env: Record<string, string> = {}, teamId = 'T0TEAM'): Promise<TestApp> {
  nock.disableNetConnect();
  nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
  nockAuthTest(teamId);
  const logs: string[] = [];
  const { logger } = captureLogs('trace', logs);
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    HR_ADMIN_USER_IDS: 'U0HRADMIN',
    LOG_LEVEL: 'trace',
    ...env,
  });
  const conduct = await createConductApp(config, { logger: logger });
  const port = await conduct.start(0);
  const url = `http://127.0.0.1:${port}`;

  const post = (body: string, contentType: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...sign(body), ...headers },
      body,
    });

  return {
    url,
    conduct,
    logs,
    post,
    command: (text, extra = {}) =>
      post(
        new URLSearchParams({ ...COMMAND_DEFAULTS, text, ...extra }).toString(),
        'application/x-www-form-urlencoded',
      ),
    event: (event, extra = {}, headers = {}) =>
      post(
        JSON.stringify({
          token: 'legacy',
          team_id: 'T0TEAM',
          api_app_id: 'A0APP',
          type: 'event_callback',
          event_id: `Ev${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
          event_time: Math.floor(Date.now() / 1000),
          event,
          ...extra,
        }),
        'application/json',
        headers,
      ),
    interact: (payload) =>
      post(
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        'application/x-www-form-urlencoded',
      ),
    async stop() {
      await conduct.stop();
      nock.cleanAll();
      nock.enableNetConnect();
    },
  };
}

/**
 * Intercepts one POST to `host` + `path` and resolves with its JSON body, or rejects when the
 * payload breaks a Slack limit.
 */
function expectPost(host: string, path: string, status: number, reply: Record<string, unknown>) {
  let resolveBody: (body: Record<string, unknown>) => void = () => undefined;
  const body = new Promise<Record<string, unknown>>((resolve, reject) => {
    resolveBody = (payload) => {
      const problems = limitProblems(payload);
      if (problems.length > 0)
        reject(new Error(`Slack would reject this payload:\n- ${problems.join('\n- ')}`));
      else resolve(payload);
    };
  });
  const scope = nock(host)
    .post(path)
    .reply(status, (_uri, requestBody) => {
      resolveBody(parseBody(requestBody));
      return reply;
    });
  return { scope, body };
}

/** Resolves with the JSON body of the next matching Web API call. */
export function expectApiCall(method: string, reply: Record<string, unknown> = { ok: true }, status = 200) {
  return expectPost(SLACK_API, `/api/${method}`, status, reply);
}

/** Resolves with the JSON body posted to a response_url. */
export function expectResponseUrl(path = '/commands/T0TEAM/1/abc') {
  return expectPost(HOOKS, path, 200, { ok: true });
}

/**
 * Every payload the app sends through Slack is checked against Slack's limits by the one
 * shared helper; a payload Slack would reject fails the test that awaited it.
 */
export function limitProblems(body: Record<string, unknown>): string[] {
  const view = body.view as { type?: string } | undefined;
  if (view && (view.type === 'modal' || view.type === 'home')) return slackLimitProblems(view, view.type);
  if (Array.isArray(body.blocks) || typeof body.text === 'string') return slackLimitProblems(body, 'message');
  return [];
}

export function parseBody(requestBody: unknown): Record<string, unknown> {
  if (typeof requestBody === 'object' && requestBody !== null)
    return decodeJsonFields(requestBody as Record<string, unknown>);
  const text = String(requestBody);
  try {
    return JSON.parse(text);
  } catch {
    return decodeJsonFields(Object.fromEntries(new URLSearchParams(text)));
  }
}

/** The Web API client form-encodes nested fields as JSON strings; decode them for assertions. */
function decodeJsonFields(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string' && /^[[{]/.test(value)) {
      try {
        out[key] = JSON.parse(value);
        continue;
      } catch {
        // not JSON after all
      }
    }
    out[key] = value;
  }
  return out;
}

/** All the text a person would see in a Block Kit payload, flattened. */
export function visibleText(payload: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.text === 'string') out.push(record.text);
      for (const [key, value] of Object.entries(record))
        if (key !== 'text' || typeof value !== 'string') walk(value);
    }
  };
  walk(payload);
  return out.join('\n');
}

export function buttons(
  payload: unknown,
): Array<{ action_id: string; value?: string; text: string; url?: string }> {
  const out: Array<{ action_id: string; value?: string; text: string; url?: string }> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'button') {
        out.push({
          action_id: String(record.action_id),
          value: record.value as string | undefined,
          url: record.url as string | undefined,
          text: String((record.text as { text?: string })?.text ?? ''),
        });
      }
      Object.values(record).forEach(walk);
    }
  };
  walk(payload);
  return out;
}

export async function settle(ms = 50): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Starts one app for a test file and stops it after; with `strict`, every test must have used
 * every Web API call it set up, and no other call may leave the app.
 */
export function useTestApp(env: Record<string, string> = {}, options: { strict?: boolean } = {}): TestApp {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await startTestApp(env);
  });
  afterAll(async () => {
    await app?.stop();
  });
  if (options.strict) {
    afterEach(() => {
      expect(nock.pendingMocks().filter((m) => !m.includes('auth.test'))).toEqual([]);
    });
  }
  // Tests read it lazily, after beforeAll has run.
  return new Proxy({} as TestApp, {
    get: (_target, key) => {
      if (!app) throw new Error('the test app is not started yet');
      return app[key as keyof TestApp];
    },
  });
}
