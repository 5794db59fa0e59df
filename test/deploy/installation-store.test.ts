import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Installation } from '@slack/bolt';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConductApp, createConductApp } from '../../src/app.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import {
  type ConductInstallationStore,
  createInstallationStore,
  openRows,
  TABLE,
  TokenDecryptError,
} from '../../src/install/index.js';
import { BOT_SCOPES } from '../../src/slack/ids.js';
import { COMMAND_DEFAULTS, parseBody, visibleText } from '../helpers/harness.js';
import { form, SIGNING_SECRET, signedPost } from '../helpers/signing.js';
import { type SocketStandIn, startSocketStandIn } from './socket-stand-in.js';
import { captureLogs } from '../helpers/log-capture.js';

/**
 * The multi-workspace installation store, against a real SQLite file and a real PostgreSQL
 * server (TEST_DATABASE_URL; scripts/start-postgres.sh starts one). It keeps only what
 * authorising a request needs, with the bot token encrypted, and uninstalling deletes it.
 */
const KEY = randomBytes(32);
const INSTALLER = 'U0INSTALLER9';
const TEAM_NAME = 'Acme Very Secret Team';
const ORG_NAME = 'Acme Holdings Org';
const BOT_TOKEN = 'xoxb-1111-2222-plaintexttoken';
const REFRESH = 'xoxe-1-refreshtokenplaintext';
const COLUMNS = [
  'install_key',
  'team_id',
  'enterprise_id',
  'is_enterprise_install',
  'bot_token',
  'bot_refresh_token',
  'bot_id',
  'bot_user_id',
  'scopes',
  'expires_at',
];

/** What Bolt's installer hands the store after oauth.v2.access: more than we keep. */
function installation(teamId = 'T0ACME', token = BOT_TOKEN): Installation {
  return {
    team: { id: teamId, name: TEAM_NAME },
    enterprise: { id: 'E0ACME', name: ORG_NAME },
    user: { id: INSTALLER, token: undefined, scopes: undefined },
    bot: { token, id: 'B0BOT', userId: 'U0BOTUSER', scopes: [...BOT_SCOPES] },
    incomingWebhook: { url: 'https://hooks.slack.com/services/T/B/secret', channel: '#people' },
    appId: 'A0APP',
    tokenType: 'bot',
    enterpriseUrl: 'https://acme.enterprise.slack.com/',
    isEnterpriseInstall: false,
    authVersion: 'v2',
  } as Installation;
}

function orgInstallation(): Installation {
  return {
    team: undefined,
    enterprise: { id: 'E0ORG', name: ORG_NAME },
    user: { id: INSTALLER, token: undefined, scopes: undefined },
    bot: {
      token: 'xoxb-org-token-plain',
      id: 'B0ORG',
      userId: 'U0ORGBOT',
      scopes: [...BOT_SCOPES],
      refreshToken: REFRESH,
      expiresAt: 1_900_000_000,
    },
    isEnterpriseInstall: true,
    authVersion: 'v2',
  } as Installation;
}

interface Backend {
  name: string;
  url: () => string;
  rawRows: () => Promise<Array<Record<string, unknown>>>;
  columns: () => Promise<string[]>;
  cleanup: () => Promise<void>;
}

const tmp = mkdtempSync(join(tmpdir(), 'conduct-install-'));
const sqliteFile = join(tmp, 'installs.db');
const sqlite: Backend = {
  name: 'SQLite',
  url: () => `sqlite://${sqliteFile}`,
  async rawRows() {
    const db = new Database(sqliteFile, { readonly: true });
    try {
      return db.prepare(`SELECT * FROM ${TABLE}`).all() as Array<Record<string, unknown>>;
    } finally {
      db.close();
    }
  },
  async columns() {
    const db = new Database(sqliteFile, { readonly: true });
    try {
      return (db.prepare(`PRAGMA table_info(${TABLE})`).all() as Array<{ name: string }>).map((c) => c.name);
    } finally {
      db.close();
    }
  },
  async cleanup() {
    rmSync(tmp, { recursive: true, force: true });
  },
};

async function postgresReachable(url: string | undefined): Promise<boolean> {
  if (!url) return false;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const PG_URL = process.env.TEST_DATABASE_URL;
const pgUp = await postgresReachable(PG_URL);
if (!pgUp) {
  console.warn(
    `\n${'!'.repeat(78)}\nSKIPPED: the PostgreSQL half of test/deploy/installation-store.test.ts: ` +
      `${PG_URL ? 'TEST_DATABASE_URL is unreachable' : 'TEST_DATABASE_URL is not set'}.\n` +
      `Run: eval "$(bash scripts/start-postgres.sh)" first (as root; CI does).\n${'!'.repeat(78)}\n`,
  );
}

async function pgQuery(sql: string): Promise<Array<Record<string, unknown>>> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

const postgres: Backend = {
  name: 'PostgreSQL',
  url: () => PG_URL as string,
  rawRows: () => pgQuery(`SELECT * FROM ${TABLE}`),
  columns: async () =>
    (
      await pgQuery(
        `SELECT column_name FROM information_schema.columns WHERE table_name = '${TABLE}' ORDER BY ordinal_position`,
      )
    ).map((r) => String(r.column_name)),
  async cleanup() {
    await pgQuery(`DROP TABLE IF EXISTS ${TABLE}`);
  },
};

afterAll(async () => {
  await sqlite.cleanup();
});

for (const backend of [sqlite, postgres]) {
  const skip = backend === postgres && !pgUp;
  describe.skipIf(skip)(`installation store on ${backend.name}`, () => {
    let store: ConductInstallationStore;
    beforeAll(async () => {
      if (backend === postgres) await postgres.cleanup();
      store = createInstallationStore(await openRows(backend.url()), { encryptionKey: KEY });
    });
    afterAll(async () => {
      await store?.close();
      if (backend === postgres) await postgres.cleanup();
    });

    it('stores a workspace install and hands back what authorising needs', async () => {
      await store.storeInstallation(installation());
      const got = await store.fetchInstallation({
        teamId: 'T0ACME',
        enterpriseId: 'E0ACME',
        isEnterpriseInstall: false,
      });
      expect(got.bot).toEqual({
        token: BOT_TOKEN,
        id: 'B0BOT',
        userId: 'U0BOTUSER',
        scopes: [...BOT_SCOPES],
      });
      expect(got.team).toEqual({ id: 'T0ACME' });
      expect(got.enterprise).toEqual({ id: 'E0ACME' });
      expect(got.isEnterpriseInstall).toBe(false);
      expect(JSON.stringify(got)).not.toContain(INSTALLER);
      expect(JSON.stringify(got)).not.toContain(TEAM_NAME);
    });

    it('keeps exactly the columns authorising needs, and no person, name or plaintext token', async () => {
      expect(await backend.columns()).toEqual(COLUMNS);
      const rows = await backend.rawRows();
      expect(rows).toHaveLength(1);
      const raw = JSON.stringify(rows);
      for (const forbidden of [
        INSTALLER,
        TEAM_NAME,
        ORG_NAME,
        BOT_TOKEN,
        'plaintexttoken',
        'xoxb-',
        'hooks.slack.com',
        '#people',
        'enterprise.slack.com',
        'A0APP',
      ])
        expect(raw).not.toContain(forbidden);
      const row = rows[0] as Record<string, unknown>;
      expect(String(row.bot_token)).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(row.install_key).toBe('T:T0ACME');
    });

    it('replaces the row when a workspace installs again', async () => {
      await store.storeInstallation(installation('T0ACME', 'xoxb-new-token-0001'));
      const got = await store.fetchInstallation({
        teamId: 'T0ACME',
        enterpriseId: undefined,
        isEnterpriseInstall: false,
      });
      expect(got.bot?.token).toBe('xoxb-new-token-0001');
      expect(await backend.rawRows()).toHaveLength(1);
    });

    it('stores an org-wide install by enterprise id, with a rotating token encrypted too', async () => {
      await store.storeInstallation(orgInstallation());
      const got = await store.fetchInstallation({
        teamId: undefined,
        enterpriseId: 'E0ORG',
        isEnterpriseInstall: true,
      });
      expect(got.isEnterpriseInstall).toBe(true);
      expect(got.team).toBeUndefined();
      expect(got.bot).toMatchObject({
        token: 'xoxb-org-token-plain',
        refreshToken: REFRESH,
        expiresAt: 1_900_000_000,
      });
      const raw = JSON.stringify(await backend.rawRows());
      expect(raw).not.toContain(REFRESH);
      expect(raw).not.toContain('xoxb-org-token-plain');
    });

    it('refuses to decrypt with another key, or a ciphertext moved to another row', async () => {
      const other = createInstallationStore(store.rows, { encryptionKey: randomBytes(32) });
      await expect(
        other.fetchInstallation({ teamId: 'T0ACME', enterpriseId: undefined, isEnterpriseInstall: false }),
      ).rejects.toBeInstanceOf(TokenDecryptError);
      const acme = await store.rows.get('T:T0ACME');
      await store.rows.put({
        ...(acme as NonNullable<typeof acme>),
        installKey: 'T:T0OTHER',
        teamId: 'T0OTHER',
      });
      await expect(
        store.fetchInstallation({ teamId: 'T0OTHER', enterpriseId: undefined, isEnterpriseInstall: false }),
      ).rejects.toBeInstanceOf(TokenDecryptError);
      await store.rows.delete('T:T0OTHER');
    });

    it('has nothing for a workspace that never installed', async () => {
      await expect(
        store.fetchInstallation({ teamId: 'T0NOPE', enterpriseId: undefined, isEnterpriseInstall: false }),
      ).rejects.toThrow(/no installation/);
    });

    it('deletes on app_uninstalled and bot tokens_revoked, not on user tokens_revoked', async () => {
      const userOnly = {
        team_id: 'T0ACME',
        event: { type: 'tokens_revoked', tokens: { oauth: ['U0SOMEONE'], bot: [] } },
      };
      expect(await store.removeFor(userOnly)).toBe(0);
      expect(await store.rows.get('T:T0ACME')).toBeDefined();

      const uninstalled = {
        team_id: 'T0ACME',
        enterprise_id: 'E0ACME',
        authorizations: [{ team_id: 'T0ACME', enterprise_id: 'E0ACME', is_enterprise_install: false }],
        event: { type: 'app_uninstalled' },
      };
      expect(await store.removeFor(uninstalled)).toBe(1);
      expect(await store.rows.get('T:T0ACME')).toBeUndefined();

      const orgRevoked = {
        enterprise_id: 'E0ORG',
        authorizations: [{ enterprise_id: 'E0ORG', team_id: null, is_enterprise_install: true }],
        event: { type: 'tokens_revoked', tokens: { bot: ['U0ORGBOT'] } },
      };
      expect(await store.removeFor(orgRevoked)).toBe(1);
      expect(await backend.rawRows()).toEqual([]);
    });
  });
}

describe('multi-workspace settings', () => {
  const base = {
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_CLIENT_ID: '1234567890.0987654321',
    SLACK_CLIENT_SECRET: 'c'.repeat(32),
    SLACK_STATE_SECRET: 's'.repeat(40),
    INSTALL_ENCRYPTION_KEY: KEY.toString('base64'),
    DATABASE_URL: 'sqlite:///var/lib/conduct-nudge/installs.db',
  };
  const error = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as Error).message).not.toMatch(/\n/);
      return (e as Error).message;
    }
    return '';
  };

  it('needs no bot token when SLACK_CLIENT_ID is set, and reads the key as hex or base64', () => {
    const config = loadConfig(base);
    expect(config.botToken).toBeUndefined();
    expect(config.oauth?.encryptionKey.equals(KEY)).toBe(true);
    expect(
      loadConfig({ ...base, INSTALL_ENCRYPTION_KEY: KEY.toString('hex') }).oauth?.encryptionKey.equals(KEY),
    ).toBe(true);
  });

  it.each(['SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'INSTALL_ENCRYPTION_KEY', 'DATABASE_URL'])(
    'fails fast naming %s when it is missing',
    (key) => {
      const env: Record<string, string> = { ...base };
      delete env[key];
      expect(error(env)).toMatch(
        new RegExp(`^Configuration error: ${key} is required when SLACK_CLIENT_ID is set$`),
      );
    },
  );

  it('rejects a short key, a bad database URL, a bot token or an app token alongside, without echoing values', () => {
    expect(error({ ...base, INSTALL_ENCRYPTION_KEY: randomBytes(16).toString('base64') })).toMatch(
      /INSTALL_ENCRYPTION_KEY must be 32 bytes/,
    );
    expect(error({ ...base, DATABASE_URL: 'mysql://u:hunter2@h/db' })).toMatch(/DATABASE_URL must be sqlite/);
    expect(error({ ...base, DATABASE_URL: 'mysql://u:hunter2@h/db' })).not.toMatch(/hunter2/);
    expect(error({ ...base, SLACK_BOT_TOKEN: 'xoxb-1-2' })).toMatch(/SLACK_BOT_TOKEN must be unset/);
    expect(error({ ...base, SLACK_APP_TOKEN: 'xapp-1-2' })).toMatch(/SLACK_APP_TOKEN must be unset/);
    expect(
      error({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        DATABASE_URL: base.DATABASE_URL,
      }),
    ).toMatch(/DATABASE_URL is only used with SLACK_CLIENT_ID/);
  });
});

describe('multi-workspace app: install, answer, uninstall', () => {
  const NEW_TOKEN = 'xoxb-9999-installed-bot-token';
  const DB = join(tmp, 'app.db');
  const QUESTION = 'Can I ask my coworker out on a date?';
  let standIn: SocketStandIn;
  let conduct: ConductApp;
  let url: string;
  const logs: string[] = [];

  beforeAll(async () => {
    standIn = await startSocketStandIn({
      'oauth.v2.access': {
        ok: true,
        app_id: 'A0APP',
        authed_user: { id: INSTALLER },
        scope: BOT_SCOPES.join(','),
        token_type: 'bot',
        access_token: NEW_TOKEN,
        bot_user_id: 'U0BOTUSER',
        team: { id: 'T0NEW', name: TEAM_NAME },
        enterprise: null,
        is_enterprise_install: false,
      },
      'auth.test': { ok: true, user_id: 'U0BOTUSER', bot_id: 'B0NEWBOT', team_id: 'T0NEW', team: TEAM_NAME },
      'chat.postMessage': { ok: true, ts: '1700000001.000100', channel: 'D0DM' },
    });
    const { logger } = captureLogs('trace', logs);
    const config = loadConfig({
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_CLIENT_ID: '1234567890.0987654321',
      SLACK_CLIENT_SECRET: 'c'.repeat(32),
      SLACK_STATE_SECRET: 's'.repeat(40),
      INSTALL_ENCRYPTION_KEY: KEY.toString('hex'),
      DATABASE_URL: `sqlite://${DB}`,
      SLACK_API_URL: standIn.apiUrl,
      LOG_LEVEL: 'trace',
    });
    conduct = await createConductApp(config, { logger: logger });
    url = `http://127.0.0.1:${await conduct.start(0)}`;
  });
  afterAll(async () => {
    await conduct?.stop();
    await standIn?.close();
  });

  const command = (team: string) =>
    signedPost(
      url,
      form({ ...COMMAND_DEFAULTS, team_id: team, text: QUESTION }),
      'application/x-www-form-urlencoded',
    );

  it('sends the installer to Slack asking for bot scopes only', async () => {
    const res = await fetch(`${url}/slack/install`, { redirect: 'manual' });
    expect(res.status).toBe(200);
    const html = await res.text();
    const href = /href="([^"]*oauth\/v2\/authorize[^"]*)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
    expect(href).toBeDefined();
    const authorize = new URL(href as string);
    expect(authorize.searchParams.get('client_id')).toBe('1234567890.0987654321');
    expect(authorize.searchParams.get('scope')?.split(',')).toEqual([...BOT_SCOPES]);
    expect(authorize.searchParams.get('user_scope') ?? '').toBe('');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(res.headers.get('set-cookie')).toMatch(/slack-app-oauth-state=/);
  });

  it('refuses a callback with a forged state, and stores nothing', async () => {
    const res = await fetch(`${url}/slack/oauth_redirect?code=abc&state=forged`, { redirect: 'manual' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(sqliteRows(DB)).toEqual([]);
  });

  it('completes the OAuth redirect and stores the installation, encrypted and without people', async () => {
    const install = await fetch(`${url}/slack/install`, { redirect: 'manual' });
    const cookie = (install.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const state = decodeURIComponent(cookie.split('=')[1] as string);
    const res = await fetch(`${url}/slack/oauth_redirect?code=code-123&state=${encodeURIComponent(state)}`, {
      headers: { cookie },
      redirect: 'manual',
    });
    expect([200, 302]).toContain(res.status);
    expect(standIn.calls.some((c) => c.path.startsWith('/api/oauth.v2.access'))).toBe(true);
    const rows = sqliteRows(DB);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      install_key: 'T:T0NEW',
      team_id: 'T0NEW',
      bot_id: 'B0NEWBOT',
      bot_user_id: 'U0BOTUSER',
    });
    const raw = JSON.stringify(rows) + readFileSync(DB).toString('latin1');
    for (const forbidden of [INSTALLER, TEAM_NAME, NEW_TOKEN, 'installed-bot-token'])
      expect(raw).not.toContain(forbidden);
  });

  it('answers the installed workspace with its own token', async () => {
    const res = await command('T0NEW');
    expect(res.status).toBe(200);
    const payload = (await res.json()) as { response_type: string; blocks: unknown[] };
    expect(payload.response_type).toBe('ephemeral');
    expect(visibleText(payload.blocks).length).toBeGreaterThan(40);

    const dm = await signedPost(
      url,
      JSON.stringify({
        type: 'event_callback',
        team_id: 'T0NEW',
        api_app_id: 'A0APP',
        event_id: 'Ev0MULTI01',
        authorizations: [
          { team_id: 'T0NEW', is_enterprise_install: false, user_id: 'U0BOTUSER', is_bot: true },
        ],
        event: {
          type: 'message',
          channel_type: 'im',
          channel: 'D0DM',
          user: 'U0ASKER',
          text: QUESTION,
          ts: '1.2',
        },
      }),
      'application/json',
    );
    expect(dm.status).toBe(200);
    await standIn.waitFor((p) => p.startsWith('/api/chat.postMessage'));
    const post = standIn.calls.find((c) => c.path.startsWith('/api/chat.postMessage'));
    expect(post?.authorization).toBe(`Bearer ${NEW_TOKEN}`);
    expect(parseBody(post?.body).channel).toBe('D0DM');
  });

  it('answers nothing for a workspace that has not installed', async () => {
    const res = await command('T0STRANGER');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('deletes the installation on app_uninstalled', async () => {
    const res = await signedPost(
      url,
      JSON.stringify({
        type: 'event_callback',
        team_id: 'T0NEW',
        api_app_id: 'A0APP',
        event_id: 'Ev0UNINSTALL',
        authorizations: [{ team_id: 'T0NEW', is_enterprise_install: false }],
        event: { type: 'app_uninstalled' },
      }),
      'application/json',
    );
    expect(res.status).toBe(200);
    for (let i = 0; i < 50 && sqliteRows(DB).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(sqliteRows(DB)).toEqual([]);
  });

  it('logs no installer, team name, token, code or question', () => {
    const output = logs.join('');
    expect(output).toContain('"surface":"command"');
    expect(output).toContain('"surface":"lifecycle"');
    for (const forbidden of [
      INSTALLER,
      TEAM_NAME,
      NEW_TOKEN,
      'code-123',
      QUESTION,
      'U0ASKER',
      'c'.repeat(32),
      's'.repeat(40),
    ])
      expect(output).not.toContain(forbidden);
  });
});

function sqliteRows(file: string): Array<Record<string, unknown>> {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT * FROM ${TABLE}`).all() as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
}
