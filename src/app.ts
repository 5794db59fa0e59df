import type { Server, ServerResponse } from 'node:http';
import {
  App,
  AuthorizationError,
  type AuthorizeResult,
  AwsLambdaReceiver,
  HTTPReceiver,
  HTTPReceiverDeferredRequestError,
  type Receiver,
  SocketModeReceiver,
} from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createEventDedupe } from './dedupe.js';
import type { Engine } from './engine/index.js';
import { loadEngine } from './model-store.js';
import { createSlackFilter } from './http/filter.js';
import { createHttpServer, type HttpServer } from './http/server.js';
import { type ConductInstallationStore, createInstallationStore, openRows } from './install/index.js';
import { type Deps, notice, say } from './listeners/deps.js';
import { BOT_SCOPES, OPTIONAL_BOT_SCOPES } from './slack/ids.js';
import { registerListeners } from './listeners/index.js';
import { boltLogger, createLogger, errorFields } from './log.js';
import { createMetrics, type Metrics, startMetricsServer } from './metrics.js';
import { createBudgetedFetch, DEFAULT_BUDGET } from './slack/budgeted-fetch.js';

/**
 * Assembles the app: config → pack → engine → Bolt app with the receiver for the mode.
 * Nothing here handles a request; listeners do.
 */
export interface ConductApp {
  app: App;
  receiver: Receiver;
  deps: Deps;
  /** Starts the app; in HTTP mode on `port` (0 picks a free one). Returns the port, if any. */
  start(port?: number): Promise<number | undefined>;
  stop(graceMs?: number): Promise<void>;
  /** Starts /metrics alone (start() does it too); for tests that start Bolt themselves. */
  startMetrics(): Promise<void>;
  /** Where /metrics listens, when METRICS=on and the app has started. */
  metricsPort(): number | undefined;
  /** Single-token mode: the one auth.test that says who the app is (start() does it too). */
  identify(): Promise<void>;
  /** HTTP mode: /healthz says 503 from now on, so a load balancer sends no more (stop() starts here). */
  drain(): void;
}

export interface AppOverrides {
  engine?: Engine;
  logger?: Logger;
  metrics?: Metrics;
  /** A receiver built by the caller (src/lambda.ts brings Bolt's AwsLambdaReceiver). */
  receiver?: Receiver;
  /** Multi-workspace: an installation store opened by the caller (tests); else DATABASE_URL's. */
  installationStore?: ConductInstallationStore;
}

/** Where a workspace installs the app, and where Slack sends it back with the code. */
export const INSTALL_PATH = '/slack/install';
export const OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';

/**
 * The largest legitimate Slack request we measured is a message shortcut on a 40,000-character
 * message in CJK script with its rich-text blocks: 721 KB url-encoded (see test/security).
 */
export const BODY_LIMIT_BYTES = 1024 * 1024;
/** In-flight requests get this long to finish after SIGTERM. */
export const SHUTDOWN_GRACE_MS = 10_000;
/**
 * Bytes all requests may hold before their signature is verified, and requests in flight at
 * once: what an unauthenticated client can make the server hold (red-team finding 2).
 */
export const MAX_HELD_BYTES = 4 * 1024 * 1024;
export const MAX_IN_FLIGHT = 256;
export const SLACK_PATH = '/slack/events';

/** The team of the person behind a request: their own team in a Slack Connect channel. */
function sourceTeam(body: unknown): string | undefined {
  const b = body as { user?: { team_id?: unknown }; team_id?: unknown; team?: { id?: unknown } } | undefined;
  for (const candidate of [b?.user?.team_id, b?.team_id, b?.team?.id])
    if (typeof candidate === 'string' && candidate.length > 0) return candidate;
  return undefined;
}

/** A request the receiver could not route (an unknown path: 404) or dispatch (500). */
function dispatchErrorFor(logger: Logger) {
  return (error: unknown, response: ServerResponse): void => {
    const missing = error instanceof HTTPReceiverDeferredRequestError;
    if (!missing) logger.warn({ outcome: 'dispatch_error', ...errorFields(error) }, 'request failed');
    if (!response.headersSent) response.writeHead(missing ? 404 : 500, { 'content-length': 0 });
    response.end();
  };
}

export async function createConductApp(config: Config, overrides: AppOverrides = {}): Promise<ConductApp> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const engine = overrides.engine ?? loadEngine(config.packDir);
  const metrics = overrides.metrics ?? createMetrics();
  const bolt = boltLogger(logger);
  const dispatchError = dispatchErrorFor(logger);

  // Multi-workspace: each workspace's bot token comes from its installation, stored encrypted.
  const oauth = config.oauth;
  const store = oauth
    ? (overrides.installationStore ??
      createInstallationStore(await openRows(oauth.databaseUrl), { encryptionKey: oauth.encryptionKey }))
    : undefined;
  const installer =
    oauth && store
      ? {
          clientId: oauth.clientId,
          clientSecret: oauth.clientSecret,
          stateSecret: oauth.stateSecret,
          installationStore: store,
          scopes: [...BOT_SCOPES, ...(config.hrAdminUsergroupId ? OPTIONAL_BOT_SCOPES : [])],
          ...(oauth.redirectUri ? { redirectUri: oauth.redirectUri } : {}),
          installerOptions: {
            installPath: INSTALL_PATH,
            redirectUriPath: OAUTH_REDIRECT_PATH,
            // Bot scopes only: no user token is ever asked for.
            userScopes: [],
            directInstall: false,
            ...(config.slackApiUrl ? { clientOptions: { slackApiUrl: config.slackApiUrl } } : {}),
          },
        }
      : {};

  const receiver: Receiver =
    overrides.receiver ??
    (config.mode === 'socket'
      ? new SocketModeReceiver({
          appToken: config.appToken as string,
          logger: bolt,
          // Bolt 5 hands installerOptions.clientOptions to the SocketModeClient's own WebClient,
          // the one that calls apps.connections.open with the app-level token: this is how
          // SLACK_API_URL reaches it (there is no top-level clientOptions on this receiver).
          ...(config.slackApiUrl
            ? { installerOptions: { clientOptions: { slackApiUrl: config.slackApiUrl } } }
            : {}),
        })
      : // HTTP mode: Bolt's own receiver, behind the small filter of src/http/filter.ts.
        new HTTPReceiver({
          ...installer,
          signingSecret: config.signingSecret as string,
          endpoints: SLACK_PATH,
          logger: bolt,
          bodyLimit: BODY_LIMIT_BYTES,
          customRoutes: [
            {
              path: '/healthz',
              method: ['GET', 'HEAD'],
              handler: (_req, res) => {
                const draining = httpServer?.draining() ?? false;
                res.writeHead(draining ? 503 : 200, { 'content-type': 'application/json' });
                res.end(draining ? '{"ok":false,"draining":true}' : '{"ok":true}');
              },
            },
          ],
          // Our listeners ack at once; a request nothing acks (a payload type no listener takes)
          // is not worth holding a socket for Slack's full 3 s.
          unhandledRequestTimeoutMillis: 1_000,
          unhandledRequestHandler: ({ response }) => {
            logger.warn({ outcome: 'unacknowledged' }, 'request not acknowledged');
            if (!response.headersSent) response.writeHead(404, { 'content-length': 0 });
            response.end();
          },
          // A signed body Bolt cannot process (no user, no team: not a Slack payload) is a bad
          // request, not a server fault; authorisation failures stay 401. Never a stack or payload.
          processEventErrorHandler: async ({ error, response }) => {
            const unauthorised = error instanceof AuthorizationError;
            logger.warn(
              { outcome: unauthorised ? 'unauthorised' : 'unprocessable', ...errorFields(error) },
              'request not processed',
            );
            if (!response.headersSent)
              response.writeHead(unauthorised ? 401 : 400, { 'content-length': 0, 'x-slack-no-retry': 1 });
            response.end();
            return true;
          },
          dispatchErrorHandler: ({ error, response }) => dispatchError(error, response),
        }));

  const clientOptions: WebClientOptions = {
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    // All retrying happens in the budgeted fetch, which also carries response_url replies.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    fetch: createBudgetedFetch(DEFAULT_BUDGET),
    timeout: 10_000,
  };

  // Single-token mode: one auth.test, at start, says who the app is. With teamId pinned, Bolt
  // keeps one client pool, whatever team id a payload carries (red-team finding 3); botId and
  // botUserId let ignoreSelf work. Bolt refuses `token` and `authorize` together.
  const botToken = config.botToken;
  let identity: Promise<AuthorizeResult> | undefined;
  const whoAmI = async (): Promise<AuthorizeResult> => {
    const me = await new WebClient(botToken, clientOptions).auth.test();
    const result: AuthorizeResult = { botToken, botId: me.bot_id as string, botUserId: me.user_id as string };
    // An Enterprise Grid org-wide token has no single team: its pool is the enterprise's.
    if (me.team_id) result.teamId = me.team_id;
    else if (me.enterprise_id) result.enterpriseId = me.enterprise_id;
    return result;
  };
  const authorize = botToken
    ? () => {
        identity ??= whoAmI().catch((error: unknown) => {
          identity = undefined;
          throw error;
        });
        return identity;
      }
    : undefined;

  const app = new App({
    receiver,
    ...(authorize ? { authorize } : {}),
    logger: bolt,
    deferInitialization: true,
    ignoreSelf: true,
    // The app keeps no conversation state; Bolt's store would only cost time per request.
    convoStore: false,
    clientOptions,
  });

  const deps: Deps = { engine, config, logger, metrics, seenEvent: createEventDedupe() };
  if (store) {
    deps.onInstallationRemoved = async (body) => {
      await store.removeFor(body);
    };
  }
  // Work still running after its ack (a DM reply, a response_url post) counts as in flight:
  // shutdown waits for it, so a SIGTERM never drops an answer halfway.
  let working = 0;
  const idle: Array<() => void> = [];
  app.use(async ({ next }) => {
    working++;
    try {
      await next();
    } finally {
      working--;
      if (working === 0) for (const resolve of idle.splice(0)) resolve();
    }
  });
  const workDone = (graceMs: number) =>
    working === 0
      ? Promise.resolve()
      : Promise.race([
          new Promise<void>((resolve) => idle.push(resolve)),
          new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref()),
        ]);

  // Answer each event once, in every mode: Slack retries an event it thinks was not answered.
  // On Lambda the first delivery of an http_timeout retry is still running in another
  // container, so the retry is skipped outright.
  const onLambda = receiver instanceof AwsLambdaReceiver;
  app.use(async ({ body, context, next }) => {
    if (onLambda && context.retryReason === 'http_timeout') return;
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && deps.seenEvent(eventId)) return;
    await next();
  });
  // Another organisation's member (a Slack Connect channel): a polite answer, nothing else.
  // The contacts and the policy are this organisation's; no client is built for their team.
  app.use(async (args) => {
    const ours = args.context.teamId;
    const theirs = sourceTeam(args.body);
    if (!botToken || !ours || !theirs || theirs === ours) return args.next();
    logger.info({ outcome: 'other_organisation' }, 'request from another organisation');
    const reply = { response_type: 'ephemeral' as const, ...notice(deps, say(deps, 'otherOrganisation')) };
    if ('command' in args) return args.ack(reply);
    if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
    if ('respond' in args && typeof args.respond === 'function')
      await args.respond({ ...reply, replace_original: false }).catch(() => undefined);
  });

  registerListeners(app, deps);
  app.error(async (error) => {
    logger.error(
      { outcome: 'listener_error', ...errorFields((error as { original?: unknown }).original ?? error) },
      'listener failed',
    );
  });

  let metricsServer: Server | undefined;
  let httpServer: HttpServer | undefined;
  const conduct: ConductApp = {
    app,
    receiver,
    deps,
    async start(port = config.port) {
      await app.init();
      await conduct.identify();
      await conduct.startMetrics();
      let listening: number | undefined;
      if (receiver instanceof HTTPReceiver) {
        const filter = createSlackFilter(
          {
            signingSecret: config.signingSecret as string,
            endpoints: [SLACK_PATH],
            bodyLimit: BODY_LIMIT_BYTES,
            maxHeldBytes: MAX_HELD_BYTES,
            maxInFlight: MAX_IN_FLIGHT,
            onRateLimited: () =>
              logger.warn({ outcome: 'app_rate_limited' }, 'Slack is rate-limiting events'),
            onRefused: (status, reason) =>
              logger.debug({ outcome: 'refused', status, reason }, 'request refused'),
          },
          // As Bolt's own server does: a request it cannot route or dispatch is answered here.
          (req, res) => {
            try {
              const pending = receiver.requestListener(req, res) as unknown;
              if (pending instanceof Promise) pending.catch((error: unknown) => dispatchError(error, res));
            } catch (error) {
              dispatchError(error, res);
            }
          },
        );
        httpServer = createHttpServer(filter.listener);
        listening = await httpServer.listen(port);
      } else {
        await app.start();
      }
      logger.info(
        {
          mode: config.mode,
          port: listening,
          pack: engine.pack.meta.name,
          packVersion: engine.pack.meta.version,
        },
        'started',
      );
      return listening;
    },
    async startMetrics() {
      if (config.metrics && !metricsServer)
        metricsServer = await startMetricsServer(metrics, config.metrics.port, config.metrics.host);
    },
    drain() {
      httpServer?.drain();
    },
    async identify() {
      // Fail fast, with the reason, when the token is wrong: before any request arrives.
      if (authorize) await authorize();
    },
    metricsPort() {
      const address = metricsServer?.address();
      return address && typeof address === 'object' ? address.port : undefined;
    },
    async stop(graceMs = SHUTDOWN_GRACE_MS) {
      await new Promise<void>((resolve) =>
        metricsServer ? metricsServer.close(() => resolve()) : resolve(),
      );
      const started = Date.now();
      if (httpServer) await httpServer.close(graceMs);
      else if (config.mode === 'socket') await app.stop();
      await workDone(Math.max(0, graceMs - (Date.now() - started)));
      if (store && !overrides.installationStore) await store.close();
      logger.info({ outcome: 'stopped' }, 'stopped');
    },
  };
  return conduct;
}
