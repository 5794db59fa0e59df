import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import {
  App,
  HTTPReceiver,
  HTTPReceiverDeferredRequestError,
  type Receiver,
  SocketModeReceiver,
} from '@slack/bolt';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createEventDedupe } from './dedupe.js';
import { type Engine, loadEngine } from './engine/index.js';
import type { Deps } from './listeners/deps.js';
import { registerListeners } from './listeners/index.js';
import { boltLogger, createLogger, errorFields } from './log.js';
import { createMetrics, type Metrics, startMetricsServer } from './metrics.js';

/**
 * Assembles the app: config → pack → engine → Bolt app with the receiver for the mode.
 * Nothing here handles a request; listeners do.
 */
export interface ConductApp {
  app: App;
  receiver: Receiver;
  deps: Deps;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Starts /metrics alone (start() does it too); for tests that start Bolt themselves. */
  startMetrics(): Promise<void>;
  /** Where /metrics listens, when METRICS=on and the app has started. */
  metricsPort(): number | undefined;
}

export interface AppOverrides {
  engine?: Engine;
  logger?: Logger;
  metrics?: Metrics;
}

/** Web API retries sized for a person waiting for an answer, not for a batch job. */
export const RETRY_CONFIG = {
  retries: 2,
  factor: 2,
  minTimeout: 250,
  maxTimeout: 2_000,
  maxRetryTime: 10_000,
} as const;

function healthz(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"ok":true}');
}

export async function createConductApp(config: Config, overrides: AppOverrides = {}): Promise<ConductApp> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const engine = overrides.engine ?? loadEngine(config.packDir);
  const metrics = overrides.metrics ?? createMetrics();
  const bolt = boltLogger(logger);

  const receiver: Receiver =
    config.mode === 'socket'
      ? new SocketModeReceiver({
          appToken: config.appToken as string,
          logger: bolt,
          ...(config.slackApiUrl
            ? { installerOptions: { clientOptions: { slackApiUrl: config.slackApiUrl } } }
            : {}),
        })
      : new HTTPReceiver({
          signingSecret: config.signingSecret as string,
          endpoints: '/slack/events',
          logger: bolt,
          customRoutes: [{ path: '/healthz', method: ['GET'], handler: healthz }],
          // Never echo a stack or a payload back: a failed request gets a bare status.
          dispatchErrorHandler: async ({ error, response }) => {
            if (error instanceof HTTPReceiverDeferredRequestError) {
              response.writeHead(404);
              response.end();
              return;
            }
            logger.warn({ outcome: 'dispatch_error', ...errorFields(error) }, 'request rejected');
            if (!response.headersSent) {
              response.writeHead(500);
              response.end();
            }
          },
        });

  const app = new App({
    receiver,
    token: config.botToken,
    logger: bolt,
    deferInitialization: true,
    ignoreSelf: true,
    clientOptions: {
      ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
      retryConfig: { ...RETRY_CONFIG },
      timeout: 10_000,
    },
  });

  const deps: Deps = { engine, config, logger, metrics, seenEvent: createEventDedupe() };
  registerListeners(app, deps);
  app.error(async (error) => {
    logger.error(
      { outcome: 'listener_error', ...errorFields((error as { original?: unknown }).original ?? error) },
      'listener failed',
    );
  });

  let metricsServer: Server | undefined;
  return {
    app,
    receiver,
    deps,
    async start() {
      await app.init();
      if (config.metrics)
        metricsServer = await startMetricsServer(metrics, config.metrics.port, config.metrics.host);
      if (config.mode === 'socket') await app.start();
      else await app.start(config.port);
      logger.info(
        {
          mode: config.mode,
          port: config.mode === 'http' ? config.port : undefined,
          pack: engine.pack.meta.name,
          packVersion: engine.pack.meta.version,
        },
        'started',
      );
    },
    async startMetrics() {
      if (config.metrics && !metricsServer)
        metricsServer = await startMetricsServer(metrics, config.metrics.port, config.metrics.host);
    },
    metricsPort() {
      const address = metricsServer?.address();
      return address && typeof address === 'object' ? address.port : undefined;
    },
    async stop() {
      await new Promise<void>((resolve) =>
        metricsServer ? metricsServer.close(() => resolve()) : resolve(),
      );
      await app.stop();
    },
  };
}
