import { type InstallationRow, type InstallationRows, TABLE } from './record.js';

/**
 * PostgreSQL backend (pg), for several replicas. Loaded only when a postgres:// DATABASE_URL is
 * configured. TLS and other options ride in the URL (e.g. ?sslmode=require).
 */
export async function openPostgres(databaseUrl: string): Promise<InstallationRows> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 4,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
    application_name: 'conduct-nudge',
  });
  // An idle client's error (the server restarted, say) must not crash the process.
  pool.on('error', () => undefined);
  await pool.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (
    install_key TEXT PRIMARY KEY,
    team_id TEXT,
    enterprise_id TEXT,
    is_enterprise_install BOOLEAN NOT NULL,
    bot_token TEXT NOT NULL,
    bot_refresh_token TEXT,
    bot_id TEXT NOT NULL,
    bot_user_id TEXT NOT NULL,
    scopes TEXT NOT NULL,
    expires_at BIGINT
  )`);

  return {
    async put(row) {
      await pool.query(
        `INSERT INTO ${TABLE}
          (install_key, team_id, enterprise_id, is_enterprise_install, bot_token, bot_refresh_token, bot_id, bot_user_id, scopes, expires_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
          ON CONFLICT (install_key) DO UPDATE SET
            team_id = EXCLUDED.team_id, enterprise_id = EXCLUDED.enterprise_id,
            is_enterprise_install = EXCLUDED.is_enterprise_install, bot_token = EXCLUDED.bot_token,
            bot_refresh_token = EXCLUDED.bot_refresh_token, bot_id = EXCLUDED.bot_id,
            bot_user_id = EXCLUDED.bot_user_id, scopes = EXCLUDED.scopes, expires_at = EXCLUDED.expires_at`,
        [
          row.installKey,
          row.teamId,
          row.enterpriseId,
          row.isEnterpriseInstall,
          row.botToken,
          row.botRefreshToken,
          row.botId,
          row.botUserId,
          row.scopes,
          row.expiresAt,
        ],
      );
    },
    async get(key) {
      const { rows } = await pool.query(`SELECT * FROM ${TABLE} WHERE install_key = $1`, [key]);
      const row = rows[0] as Record<string, unknown> | undefined;
      if (!row) return undefined;
      return {
        installKey: String(row.install_key),
        teamId: (row.team_id as string | null) ?? null,
        enterpriseId: (row.enterprise_id as string | null) ?? null,
        isEnterpriseInstall: row.is_enterprise_install === true,
        botToken: String(row.bot_token),
        botRefreshToken: (row.bot_refresh_token as string | null) ?? null,
        botId: String(row.bot_id),
        botUserId: String(row.bot_user_id),
        scopes: String(row.scopes),
        // BIGINT comes back as a string.
        expiresAt: row.expires_at === null || row.expires_at === undefined ? null : Number(row.expires_at),
      } satisfies InstallationRow;
    },
    async delete(key) {
      const result = await pool.query(`DELETE FROM ${TABLE} WHERE install_key = $1`, [key]);
      return result.rowCount ?? 0;
    },
    async close() {
      await pool.end();
    },
  };
}
