import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { OAuthConfig } from '../config.js';
import { openPostgres } from './postgres.js';
import { fromRow, installKey, type InstallationRows, keyForQuery, toRow } from './record.js';
import { openSqlite } from './sqlite.js';

export { decryptToken, encryptToken, TokenDecryptError } from './crypto.js';
export { type InstallationRow, type InstallationRows, TABLE } from './record.js';

/**
 * The installation store for multi-workspace installs: Bolt's InstallationStore over one of two
 * backends, chosen by DATABASE_URL. It keeps only what authorising a request needs (record.ts).
 */
export interface ConductInstallationStore extends InstallationStore {
  /** For app_uninstalled and tokens_revoked: deletes the installation the event came from. */
  removeFor(body: unknown): Promise<number>;
  rows: InstallationRows;
  close(): Promise<void>;
}

export async function openRows(databaseUrl: string): Promise<InstallationRows> {
  if (databaseUrl.startsWith('sqlite:')) return openSqlite(databaseUrl);
  if (/^postgres(ql)?:/.test(databaseUrl)) return openPostgres(databaseUrl);
  throw new Error('DATABASE_URL must start with sqlite:// or postgres://');
}

export class InstallationNotFoundError extends Error {
  constructor() {
    super('no installation for this workspace');
    this.name = 'InstallationNotFoundError';
  }
}

interface LifecycleBody {
  team_id?: unknown;
  enterprise_id?: unknown;
  is_enterprise_install?: unknown;
  authorizations?: Array<{ is_enterprise_install?: unknown; team_id?: unknown; enterprise_id?: unknown }>;
  event?: { type?: unknown; tokens?: { bot?: unknown[] } };
}

const str = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

export function createInstallationStore(
  rows: InstallationRows,
  oauth: Pick<OAuthConfig, 'encryptionKey'>,
): ConductInstallationStore {
  const key = oauth.encryptionKey;
  return {
    rows,
    async storeInstallation(installation: Installation) {
      await rows.put(toRow(installation, key));
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const rowKey = keyForQuery(query);
      const row = rowKey ? await rows.get(rowKey) : undefined;
      if (!row) throw new InstallationNotFoundError();
      return fromRow(row, key);
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      const rowKey = keyForQuery(query);
      if (rowKey) await rows.delete(rowKey);
    },
    async removeFor(input: unknown) {
      const body = (input ?? {}) as LifecycleBody;
      // tokens_revoked for user tokens only leaves the bot working: nothing to delete.
      if (body.event?.type === 'tokens_revoked' && !(body.event.tokens?.bot?.length ?? 0)) return 0;
      const auth = body.authorizations?.[0];
      const isEnterpriseInstall = auth?.is_enterprise_install === true || body.is_enterprise_install === true;
      const rowKey = installKey({
        teamId: str(auth?.team_id) ?? str(body.team_id),
        enterpriseId: str(auth?.enterprise_id) ?? str(body.enterprise_id),
        isEnterpriseInstall,
      });
      return rowKey ? rows.delete(rowKey) : 0;
    },
    close: () => rows.close(),
  };
}
