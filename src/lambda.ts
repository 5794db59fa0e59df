import { AwsLambdaReceiver } from '@slack/bolt';
import type { Logger } from 'pino';
import { createConductApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import type { Engine } from './engine/index.js';
import { hasSlackShape, isFormBody, mayBeSigned, parseSlackBody } from './http/slack-request.js';
import { boltLogger, createLogger, errorFields } from './log.js';

/**
 * AWS Lambda entry point (API Gateway REST "v1" proxy events and HTTP API "v2" events):
 * the same listeners, engine and pack as the server, behind Bolt's AwsLambdaReceiver.
 *
 * Config, pack and engine load once per cold start (the first invocation of a container) and are
 * reused while the container stays warm. Lambda runs the listener before it answers
 * (processBeforeResponse), so a DM's reply is posted before the 200 goes back to Slack.
 */
export type LambdaHandler = ReturnType<AwsLambdaReceiver['toHandler']>;
export type LambdaEvent = Parameters<LambdaHandler>[0];
export type LambdaResult = Awaited<ReturnType<LambdaHandler>>;

export interface LambdaOverrides {
  logger?: Logger;
  engine?: Engine;
}

const EMPTY = (statusCode: number): LambdaResult => ({ statusCode, body: '' });

function header(headers: Record<string, string | undefined> | null | undefined, name: string) {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** The HTTP filter's checks: headers that cannot be signed, then a body that is not a Slack object. */
function refusal(event: LambdaEvent): number | undefined {
  const timestamp = header(event.headers, 'x-slack-request-timestamp');
  const signature = header(event.headers, 'x-slack-signature');
  if (!mayBeSigned(timestamp, signature)) return 401;
  const contentType = header(event.headers, 'content-type');
  const body = parseSlackBody(
    Buffer.from(typeof event.body === 'string' ? event.body : '', 'utf8'),
    contentType,
  );
  // ssl_check is Bolt's to answer; any other body must be an object with Slack's shape.
  if (isFormBody(contentType) && typeof event.body === 'string' && /(^|&)ssl_check=1(&|$)/.test(event.body))
    return undefined;
  return body === undefined || !hasSlackShape(body) ? 400 : undefined;
}

/**
 * Bolt's receiver decodes a base64 body as ASCII (which mangles every non-ASCII character and so
 * the signature) and only recognises the bare `application/x-www-form-urlencoded` content type.
 * HTTP APIs base64-encode form bodies, so the body is decoded here as UTF-8 first, and the
 * content type reduced to its media type.
 */
function normalise(event: LambdaEvent): LambdaEvent {
  const headers: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(event.headers ?? {}))
    if (key.toLowerCase() !== 'content-type') headers[key] = value;
  const contentType = header(event.headers, 'content-type');
  if (contentType) headers['content-type'] = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const body =
    event.isBase64Encoded && typeof event.body === 'string'
      ? Buffer.from(event.body, 'base64').toString('utf8')
      : event.body;
  return { ...event, headers, body, isBase64Encoded: false } as LambdaEvent;
}

/** Builds a handler from an environment; `handler` below is this with process.env. */
export function createLambdaHandler(
  env: Record<string, string | undefined> = process.env,
  overrides: LambdaOverrides = {},
): LambdaHandler {
  let ready: Promise<LambdaHandler> | undefined;
  let logger: Logger | undefined = overrides.logger;

  async function coldStart(): Promise<LambdaHandler> {
    const config: Config = loadConfig(env);
    logger ??= createLogger(config.logLevel);
    if (config.mode !== 'http' || !config.signingSecret)
      throw new ConfigError(
        'Configuration error: SLACK_SIGNING_SECRET is required on Lambda (unset SLACK_APP_TOKEN: Socket Mode needs a long-lived process)',
      );
    if (config.oauth)
      throw new ConfigError(
        'Configuration error: SLACK_CLIENT_ID is not supported on Lambda (the install pages need the HTTP server); run one workspace per function',
      );
    const receiver = new AwsLambdaReceiver({
      signingSecret: config.signingSecret,
      logger: boltLogger(logger),
      // Slack waits 3 s for the ack; Bolt warns after this long without one.
      unhandledRequestTimeoutMillis: 3001,
    });
    const conduct = await createConductApp(config, {
      receiver,
      logger,
      ...(overrides.engine ? { engine: overrides.engine } : {}),
    });
    // auth.test once per cold start, as the server does once at start-up. No metrics server:
    // a Lambda container has no port to scrape.
    await conduct.app.init();
    await conduct.identify();
    logger.info(
      {
        mode: 'lambda',
        pack: conduct.deps.engine.pack.meta.name,
        packVersion: conduct.deps.engine.pack.meta.version,
      },
      'started',
    );
    return receiver.toHandler();
  }

  return async function handler(event, context) {
    if (!ready) {
      ready = coldStart();
      // A failed cold start (Slack unreachable, say) is retried by the next invocation.
      ready.catch(() => {
        ready = undefined;
      });
    }
    let bolt: LambdaHandler;
    try {
      bolt = await ready;
    } catch (error) {
      if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
      else
        (logger ?? createLogger('info')).error(
          { outcome: 'cold_start_failed', ...errorFields(error) },
          'could not start',
        );
      return EMPTY(500);
    }
    const normalised = normalise(event);
    const refused = refusal(normalised);
    if (refused) return EMPTY(refused);
    try {
      return await bolt(normalised, context);
    } catch (error) {
      // Bolt parses the body before it checks the signature; an unparseable body lands here.
      logger?.warn({ outcome: 'bad_request', ...errorFields(error) }, 'request rejected');
      return EMPTY(400);
    }
  };
}

export const handler: LambdaHandler = createLambdaHandler();
