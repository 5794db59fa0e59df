import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * The one logger. It keeps an allow-list of fields rather than a redact list: a field that is
 * not on the list never reaches the output, so a new log line cannot leak a message, a user id
 * or a name by accident.
 */
export const ALLOWED_FIELDS = new Set([
  'requestId',
  'surface',
  'topic',
  'ruleIds',
  'latencyMs',
  'outcome',
  'errorCode',
  'errorKind',
  'escalate',
  'mode',
  'port',
  'pack',
  'packVersion',
  'rules',
  'retryNum',
  'status',
  'boltLevel',
]);

/** Codes from Slack and Node are short identifiers; anything else is dropped. */
const SAFE_CODE = /^[a-z0-9_.:-]{1,64}$/i;

export function filterFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (!ALLOWED_FIELDS.has(key)) continue;
    if ((key === 'errorCode' || key === 'errorKind') && (typeof value !== 'string' || !SAFE_CODE.test(value)))
      continue;
    out[key] = value;
  }
  return out;
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      formatters: { log: filterFields },
      // pino's own serializers would add err.stack and err.message; errors go through errorFields.
      serializers: {},
    },
    destination,
  );
}

/** Error kind and code only: never the message, the stack or a Slack response body. */
export function errorFields(error: unknown): { errorKind: string; errorCode?: string } {
  const e = error as { name?: unknown; code?: unknown; data?: { error?: unknown } } | undefined;
  const kind = typeof e?.name === 'string' && SAFE_CODE.test(e.name) ? e.name : 'Error';
  const slackCode = e?.data?.error;
  const code = typeof slackCode === 'string' ? slackCode : typeof e?.code === 'string' ? e.code : undefined;
  return code && SAFE_CODE.test(code) ? { errorKind: kind, errorCode: code } : { errorKind: kind };
}

const BOLT_LEVELS: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

/**
 * Bolt and the Slack SDKs log free text that can quote payloads. Only the kind of message is
 * kept: the first words up to any digit, quote, brace or colon, so no value survives.
 */
export function boltMessageKind(args: unknown[]): string {
  const first = args.find((a) => typeof a === 'string') as string | undefined;
  if (!first) return 'bolt';
  const head = first.split(/[0-9"'`{[(:=<]/)[0] ?? '';
  return head.trim().split(/\s+/).slice(0, 8).join(' ').slice(0, 80) || 'bolt';
}

export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({});
  let level: LogLevel = BOLT_LEVELS[logger.level] ?? LogLevel.INFO;
  let name = 'bolt';
  const write =
    (method: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      // Bolt and the Web API client call debug() on every request: decide before any work.
      if (!child.isLevelEnabled(method)) return;
      const error = args.find((a) => a instanceof Error);
      child[method]({ boltLevel: name, ...(error ? errorFields(error) : {}) }, boltMessageKind(args));
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      name = SAFE_CODE.test(next) ? next : 'bolt';
    },
  };
}
