import { ConfigError } from '../config.js';
import { type InstallationRow, type InstallationRows, TABLE } from './record.js';

/**
 * SQLite backend (better-sqlite3), for one replica with a persistent volume. The driver is loaded
 * only when a sqlite:// DATABASE_URL is configured, so single-workspace deployments never load it.
 */
export function sqlitePath(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.protocol !== 'sqlite:' || url.host !== '' || !url.pathname.startsWith('/'))
    throw new Error('DATABASE_URL must look like sqlite:///absolute/path/installs.db');
  return decodeURIComponent(url.pathname);
}

interface SqliteRow {
  install_key: string;
  team_id: string | null;
  enterprise_id: string | null;
  is_enterprise_install: number;
  bot_token: string;
  bot_refresh_token: string | null;
  bot_id: string;
  bot_user_id: string;
  scopes: string;
  expires_at: number | null;
}

async function loadDriver() {
  try {
    return (await import('better-sqlite3')).default;
  } catch {
    throw new ConfigError(
      'Configuration error: DATABASE_URL is sqlite:// but better-sqlite3 is not installed (it is an optional dependency: it needs a prebuilt binary or a C++ toolchain); use postgres:// or install it',
    );
  }
}

export async function openSqlite(databaseUrl: string): Promise<InstallationRows> {
  const Database = await loadDriver();
  const db = new Database(sqlitePath(databaseUrl), { fileMustExist: false });
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (
    install_key TEXT PRIMARY KEY,
    team_id TEXT,
    enterprise_id TEXT,
    is_enterprise_install INTEGER NOT NULL,
    bot_token TEXT NOT NULL,
    bot_refresh_token TEXT,
    bot_id TEXT NOT NULL,
    bot_user_id TEXT NOT NULL,
    scopes TEXT NOT NULL,
    expires_at INTEGER
  ) STRICT`);
  const put = db.prepare(`INSERT INTO ${TABLE}
    (install_key, team_id, enterprise_id, is_enterprise_install, bot_token, bot_refresh_token, bot_id, bot_user_id, scopes, expires_at)
    VALUES (@installKey, @teamId, @enterpriseId, @isEnterpriseInstall, @botToken, @botRefreshToken, @botId, @botUserId, @scopes, @expiresAt)
    ON CONFLICT (install_key) DO UPDATE SET
      team_id = excluded.team_id, enterprise_id = excluded.enterprise_id,
      is_enterprise_install = excluded.is_enterprise_install, bot_token = excluded.bot_token,
      bot_refresh_token = excluded.bot_refresh_token, bot_id = excluded.bot_id,
      bot_user_id = excluded.bot_user_id, scopes = excluded.scopes, expires_at = excluded.expires_at`);
  const get = db.prepare<[string], SqliteRow>(`SELECT * FROM ${TABLE} WHERE install_key = ?`);
  const del = db.prepare<[string]>(`DELETE FROM ${TABLE} WHERE install_key = ?`);

  return {
    async put(row) {
      put.run({ ...row, isEnterpriseInstall: row.isEnterpriseInstall ? 1 : 0 });
    },
    async get(key) {
      const row = get.get(key);
      if (!row) return undefined;
      return {
        installKey: row.install_key,
        teamId: row.team_id,
        enterpriseId: row.enterprise_id,
        isEnterpriseInstall: row.is_enterprise_install === 1,
        botToken: row.bot_token,
        botRefreshToken: row.bot_refresh_token,
        botId: row.bot_id,
        botUserId: row.bot_user_id,
        scopes: row.scopes,
        expiresAt: row.expires_at,
      } satisfies InstallationRow;
    },
    async delete(key) {
      return del.run(key).changes;
    },
    async close() {
      db.close();
    },
  };
}
