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
      .string({ message: 'is required (the xoxb- bot token from OAuth & Permissions)' })
      .regex(/^xoxb-[\w-]+$/, 'must be a bot token starting with xoxb-'),
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
  })
  .superRefine((env, ctx) => {
    if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'is required in HTTP mode (set it, or set SLACK_APP_TOKEN for Socket Mode)',
      });
    }
  });

export interface Config {
  mode: 'http' | 'socket';
  botToken: string;
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
    botToken: e.SLACK_BOT_TOKEN,
    port: e.PORT,
    hrAdminUserIds: Object.freeze([...e.HR_ADMIN_USER_IDS]),
    logLevel: e.LOG_LEVEL,
  };
  if (e.SLACK_APP_TOKEN) config.appToken = e.SLACK_APP_TOKEN;
  if (e.SLACK_SIGNING_SECRET) config.signingSecret = e.SLACK_SIGNING_SECRET;
  if (e.CONDUCT_PACK) config.packDir = e.CONDUCT_PACK;
  if (e.HR_ADMIN_USERGROUP_ID) config.hrAdminUsergroupId = e.HR_ADMIN_USERGROUP_ID;
  if (e.SLACK_API_URL) config.slackApiUrl = e.SLACK_API_URL;
  if (e.METRICS === 'on') config.metrics = { port: e.METRICS_PORT, host: e.METRICS_HOST };
  if (e.PRIVACY_URL) config.privacyUrl = e.PRIVACY_URL;
  return Object.freeze(config);
}
