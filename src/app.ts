import type { Server } from 'node:http';
import {
  App,
  AuthorizationError,
  HTTPReceiver,
  HTTPReceiverDeferredRequestError,
  type Receiver,
  SocketModeReceiver,
} from '@slack/bolt';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createEventDedupe } from './dedupe.js';
import type { Engine } from './engine/index.js';
import { loadEngine } from './model-store.js';
import { createFrontDoor, type FrontDoor } from './http/server.js';
import { type ConductInstallationStore, createInstallationStore, openRows } from './install/index.js';
import type { Deps } from './listeners/deps.js';
import { BOT_SCOPES, OPTIONAL_BOT_SCOPES } from './slack/ids.js';
import { registerListeners } from './listeners/index.js';
import { boltLogger, createLogger, errorFields } from './log.js';
import { createMetrics, type Metrics, startMetricsServer } from './metrics.js';
import { createBudgetedFetch, DEFAULT_BUDGET } from './slack/budgeted-fetch.js';
import { createHttpFetch } from './slack/http-fetch.js';

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

export async function createConductApp(config: Config, overrides: AppOverrides = {}): Promise<ConductApp> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const engine = overrides.engine ?? loadEngine(config.packDir);
  const metrics = overrides.metrics ?? createMetrics();
  const bolt = boltLogger(logger);

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
      : // HTTP mode: the front door (src/http/server.ts) answers /slack/events itself and hands
        // events to Bolt's processEvent; this receiver serves the OAuth install pages and gives
        // Bolt the installer it authorises with.
        new HTTPReceiver({
          ...installer,
          signingSecret: config.signingSecret as string,
          endpoints: '/slack/events',
          logger: bolt,
          bodyLimit: BODY_LIMIT_BYTES,
        }));

  const app = new App({
    receiver,
    ...(config.botToken ? { token: config.botToken } : {}),
    logger: bolt,
    deferInitialization: true,
    ignoreSelf: true,
    // The app keeps no conversation state; Bolt's store would only cost time per request.
    convoStore: false,
    clientOptions: {
      ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
      // All retrying happens in the budgeted fetch, which also carries response_url replies.
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      fetch: createBudgetedFetch(DEFAULT_BUDGET, createHttpFetch()),
      timeout: 10_000,
    },
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

  registerListeners(app, deps);
  app.error(async (error) => {
    logger.error(
      { outcome: 'listener_error', ...errorFields((error as { original?: unknown }).original ?? error) },
      'listener failed',
    );
  });

  let metricsServer: Server | undefined;
  let frontDoor: FrontDoor | undefined;
  const conduct: ConductApp = {
    app,
    receiver,
    deps,
    async start(port = config.port) {
      await app.init();
      await conduct.startMetrics();
      let listening: number | undefined;
      if (receiver instanceof HTTPReceiver) {
        frontDoor = createFrontDoor({
          signingSecret: config.signingSecret as string,
          processEvent: (event) => app.processEvent(event),
          // Bolt's receiver serves the install pages only: every spelling of /slack/events
          // comes to the front door, so there is one way into request handling.
          fallback: receiver.requestListener,
          fallbackPaths: oauth ? [INSTALL_PATH, OAUTH_REDIRECT_PATH] : [],
          bodyLimit: BODY_LIMIT_BYTES,
          // Our listeners ack at once; a request nothing acks (an unknown type) is not worth
          // holding a socket for Slack's full 3 s.
          unhandledRequestTimeoutMs: 1_000,
          onUnacked: () => logger.warn({ outcome: 'unacknowledged' }, 'request not acknowledged'),
          // A signed body Bolt cannot process (no user, no team: not a Slack payload) is a bad
          // request, not a server fault; authorisation failures stay 401. Never a stack or payload.
          onProcessError: (error, response) => {
            if (response.headersSent) return false;
            const unauthorised = error instanceof AuthorizationError;
            logger.warn(
              { outcome: unauthorised ? 'unauthorised' : 'unprocessable', ...errorFields(error) },
              'request not processed',
            );
            response.writeHead(unauthorised ? 401 : 400, { 'content-length': 0 });
            response.end();
            return true;
          },
          onError: (error, response) => {
            if (error instanceof HTTPReceiverDeferredRequestError) {
              if (!response.headersSent) response.writeHead(404);
              response.end();
              return;
            }
            logger.warn({ outcome: 'dispatch_error', ...errorFields(error) }, 'request failed');
            if (!response.headersSent) response.writeHead(500);
            response.end();
          },
        });
        listening = await frontDoor.listen(port);
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
    metricsPort() {
      const address = metricsServer?.address();
      return address && typeof address === 'object' ? address.port : undefined;
    },
    async stop(graceMs = SHUTDOWN_GRACE_MS) {
      await new Promise<void>((resolve) =>
        metricsServer ? metricsServer.close(() => resolve()) : resolve(),
      );
      const started = Date.now();
      if (frontDoor) await frontDoor.close(graceMs);
      else if (config.mode === 'socket') await app.stop();
      await workDone(Math.max(0, graceMs - (Date.now() - started)));
      if (store && !overrides.installationStore) await store.close();
      logger.info({ outcome: 'stopped' }, 'stopped');
    },
  };
  return conduct;
}
