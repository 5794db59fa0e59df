import type { Installation, InstallationQuery } from '@slack/bolt';
import { decryptToken, encryptToken } from './crypto.js';

/**
 * One row per installation, holding only what authorising a request needs: which workspace or
 * organisation, the bot's token (encrypted), the bot's ids, its scopes and the token's expiry.
 * Nothing about people: not the installer's user id, no user token, no team or org name, no
 * incoming webhook.
 */
export interface InstallationRow {
  /** `T:<team id>` for a workspace install, `E:<enterprise id>` for an org-wide install. */
  installKey: string;
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  /** AES-256-GCM, see crypto.ts. */
  botToken: string;
  /** Only with token rotation; encrypted like the token. */
  botRefreshToken: string | null;
  botId: string;
  botUserId: string;
  /** Comma-separated, as Slack writes them. */
  scopes: string;
  /** Unix seconds, only with token rotation. */
  expiresAt: number | null;
}

/** The backends: SQLite and PostgreSQL. */
export interface InstallationRows {
  put(row: InstallationRow): Promise<void>;
  get(installKey: string): Promise<InstallationRow | undefined>;
  delete(installKey: string): Promise<number>;
  close(): Promise<void>;
}

export const TABLE = 'conduct_installations';

export function installKey(ids: {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}): string | undefined {
  if (ids.isEnterpriseInstall) return ids.enterpriseId ? `E:${ids.enterpriseId}` : undefined;
  return ids.teamId ? `T:${ids.teamId}` : undefined;
}

export function keyForQuery(query: InstallationQuery<boolean>): string | undefined {
  return installKey(query);
}

export class InstallationDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InstallationDataError';
  }
}

export function toRow(installation: Installation, key: Buffer): InstallationRow {
  const isEnterpriseInstall = installation.isEnterpriseInstall === true;
  const teamId = installation.team?.id ?? null;
  const enterpriseId = installation.enterprise?.id ?? null;
  const rowKey = installKey({
    teamId: teamId ?? undefined,
    enterpriseId: enterpriseId ?? undefined,
    isEnterpriseInstall,
  });
  if (!rowKey) throw new InstallationDataError('installation has no team or enterprise id');
  const bot = installation.bot;
  if (!bot?.token || !bot.id || !bot.userId)
    throw new InstallationDataError('installation has no bot token (the app needs bot scopes only)');
  return {
    installKey: rowKey,
    teamId: isEnterpriseInstall ? null : teamId,
    enterpriseId,
    isEnterpriseInstall,
    botToken: encryptToken(key, bot.token, rowKey),
    botRefreshToken: bot.refreshToken ? encryptToken(key, bot.refreshToken, `${rowKey}:refresh`) : null,
    botId: bot.id,
    botUserId: bot.userId,
    scopes: (bot.scopes ?? []).join(','),
    expiresAt: typeof bot.expiresAt === 'number' ? bot.expiresAt : null,
  };
}

export function fromRow(row: InstallationRow, key: Buffer): Installation {
  const refreshToken = row.botRefreshToken
    ? decryptToken(key, row.botRefreshToken, `${row.installKey}:refresh`)
    : undefined;
  const bot: NonNullable<Installation['bot']> = {
    token: decryptToken(key, row.botToken, row.installKey),
    id: row.botId,
    userId: row.botUserId,
    scopes: row.scopes ? row.scopes.split(',') : [],
  };
  if (refreshToken) bot.refreshToken = refreshToken;
  if (row.expiresAt !== null) bot.expiresAt = Number(row.expiresAt);
  return {
    team: row.isEnterpriseInstall || !row.teamId ? undefined : { id: row.teamId },
    enterprise: row.enterpriseId ? { id: row.enterpriseId } : undefined,
    isEnterpriseInstall: row.isEnterpriseInstall,
    // Bot scopes only: there is no user token, and no installer is remembered.
    user: { id: '', token: undefined, scopes: undefined },
    bot,
    tokenType: 'bot',
    authVersion: 'v2',
  } as Installation;
}
