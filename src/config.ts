import { z } from 'zod';

/**
 * The one reader of the environment. Validated once at start; a bad or missing setting
 * stops start-up with one line naming it, never a stack trace.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const slackId = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}[A-Z0-9]{2,}$`), `must look like ${prefix}XXXXXXX`);

const envSchema = z
  .object({
    SLACK_BOT_TOKEN: z
      .string()
      .regex(/^xoxb-[\w-]+$/, 'must be a bot token starting with xoxb-')
      .optional(),
    SLACK_APP_TOKEN: z
      .string()
      .regex(/^xapp-[\w-]+$/, 'must be an app-level token starting with xapp-')
      .optional(),
    SLACK_SIGNING_SECRET: z.string().min(8, 'must be the signing secret from Basic Information').optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    CONDUCT_PACK: z.string().min(1).optional(),
    HR_ADMIN_USER_IDS: z
      .string()
      .optional()
      .transform((value, ctx) => {
        const ids = (value ?? '')
          .split(/[\s,]+/)
          .map((s) => s.trim())
          .filter(Boolean);
        for (const id of ids) {
          if (!/^[UW][A-Z0-9]{2,}$/.test(id)) {
            ctx.addIssue({
              code: 'custom',
              message: `"${id.slice(0, 20)}" is not a Slack user id (U… or W…)`,
            });
          }
        }
        return ids;
      }),
    HR_ADMIN_USERGROUP_ID: slackId('S').optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    METRICS: z.enum(['on', 'off'], { message: 'must be on or off' }).default('off'),
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
    METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    PRIVACY_URL: z.string().url('must be a full URL to your PRIVACY.md').optional(),
    SLACK_API_URL: z
      .string()
      .url('must be a URL such as https://slack.com/api/')
      .transform((url) => (url.endsWith('/') ? url : `${url}/`))
      .optional(),
    // Multi-workspace install (Slack OAuth). All of these, or none.
    SLACK_CLIENT_ID: z
      .string()
      .regex(/^\d+\.\d+$/, 'must be the Client ID from Basic Information (digits.digits)')
      .optional(),
    SLACK_CLIENT_SECRET: z.string().min(16, 'must be the Client Secret from Basic Information').optional(),
    SLACK_STATE_SECRET: z
      .string()
      .min(32, 'must be at least 32 random characters (e.g. openssl rand -hex 32)')
      .optional(),
    INSTALL_ENCRYPTION_KEY: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return undefined;
        const key = parseKey(value);
        if (!key)
          ctx.addIssue({
            code: 'custom',
            message: 'must be 32 bytes, as 64 hex digits or base64 (e.g. openssl rand -base64 32)',
          });
        return key;
      }),
    DATABASE_URL: z
      .string()
      .regex(
        /^(sqlite:\/\/\/.+|postgres(ql)?:\/\/.+)$/,
        'must be sqlite:///absolute/path/installs.db or postgres://user:password@host:5432/db',
      )
      .optional(),
    SLACK_REDIRECT_URI: z.string().url('must be the full https URL of /slack/oauth_redirect').optional(),
  })
  .superRefine((env, ctx) => {
    if (env.SLACK_CLIENT_ID) {
      for (const key of [
        'SLACK_CLIENT_SECRET',
        'SLACK_STATE_SECRET',
        'INSTALL_ENCRYPTION_KEY',
        'DATABASE_URL',
      ] as const) {
        if (!env[key])
          ctx.addIssue({ code: 'custom', path: [key], message: 'is required when SLACK_CLIENT_ID is set' });
      }
      if (env.SLACK_BOT_TOKEN)
        ctx.addIssue({
          code: 'custom',
          path: ['SLACK_BOT_TOKEN'],
          message: 'must be unset when SLACK_CLIENT_ID is set (each workspace gets its token by installing)',
        });
      if (env.SLACK_APP_TOKEN)
        ctx.addIssue({
          code: 'custom',
          path: ['SLACK_APP_TOKEN'],
          message: 'must be unset when SLACK_CLIENT_ID is set (multi-workspace installs run in HTTP mode)',
        });
    } else {
      if (!env.SLACK_BOT_TOKEN)
        ctx.addIssue({
          code: 'custom',
          path: ['SLACK_BOT_TOKEN'],
          message:
            'is required (the xoxb- bot token from OAuth & Permissions), unless SLACK_CLIENT_ID is set for multi-workspace installs',
        });
      for (const key of [
        'SLACK_CLIENT_SECRET',
        'SLACK_STATE_SECRET',
        'INSTALL_ENCRYPTION_KEY',
        'DATABASE_URL',
        'SLACK_REDIRECT_URI',
      ] as const) {
        if (env[key] !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: 'is only used with SLACK_CLIENT_ID; set that too',
          });
      }
    }
    if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'is required in HTTP mode (set it, or set SLACK_APP_TOKEN for Socket Mode)',
      });
    }
  });

/** 32 bytes from 64 hex digits or base64 (standard or url-safe); undefined otherwise. */
function parseKey(value: string): Buffer | undefined {
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, 'hex');
  if (!/^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(value)) return undefined;
  const key = Buffer.from(value, value.includes('-') || value.includes('_') ? 'base64url' : 'base64');
  return key.length === 32 ? key : undefined;
}

/** Multi-workspace install settings; present only when SLACK_CLIENT_ID is set. */
export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  /** AES-256-GCM key for bot tokens at rest. */
  encryptionKey: Buffer;
  /** sqlite:///absolute/path.db or postgres://… */
  databaseUrl: string;
  redirectUri?: string;
}

export interface Config {
  mode: 'http' | 'socket';
  /** Single-workspace bot token; absent when `oauth` is set (tokens come from installations). */
  botToken?: string;
  appToken?: string;
  signingSecret?: string;
  port: number;
  packDir?: string;
  hrAdminUserIds: readonly string[];
  hrAdminUsergroupId?: string;
  logLevel: (typeof LOG_LEVELS)[number];
  slackApiUrl?: string;
  metrics?: { port: number; host: string };
  privacyUrl?: string;
  oauth?: OAuthConfig;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Empty strings count as unset: `FOO=` in an env file means "not configured". */
function clean(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env))
    if (value !== undefined && value.trim() !== '') out[key] = value.trim();
  return out;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(clean(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`,
    );
    throw new ConfigError(`Configuration error: ${lines.join('; ')}`);
  }
  const e = parsed.data;
  const config: Config = {
    mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
    port: e.PORT,
    hrAdminUserIds: Object.freeze([...e.HR_ADMIN_USER_IDS]),
    logLevel: e.LOG_LEVEL,
  };
  if (e.SLACK_BOT_TOKEN) config.botToken = e.SLACK_BOT_TOKEN;
  if (e.SLACK_CLIENT_ID) {
    const oauth: OAuthConfig = {
      clientId: e.SLACK_CLIENT_ID,
      clientSecret: e.SLACK_CLIENT_SECRET as string,
      stateSecret: e.SLACK_STATE_SECRET as string,
      encryptionKey: e.INSTALL_ENCRYPTION_KEY as Buffer,
      databaseUrl: e.DATABASE_URL as string,
    };
    if (e.SLACK_REDIRECT_URI) oauth.redirectUri = e.SLACK_REDIRECT_URI;
    config.oauth = Object.freeze(oauth);
  }
  if (e.SLACK_APP_TOKEN) config.appToken = e.SLACK_APP_TOKEN;
  if (e.SLACK_SIGNING_SECRET) config.signingSecret = e.SLACK_SIGNING_SECRET;
  if (e.CONDUCT_PACK) config.packDir = e.CONDUCT_PACK;
  if (e.HR_ADMIN_USERGROUP_ID) config.hrAdminUsergroupId = e.HR_ADMIN_USERGROUP_ID;
  if (e.SLACK_API_URL) config.slackApiUrl = e.SLACK_API_URL;
  if (e.METRICS === 'on') config.metrics = { port: e.METRICS_PORT, host: e.METRICS_HOST };
  if (e.PRIVACY_URL) config.privacyUrl = e.PRIVACY_URL;
  return Object.freeze(config);
}
