import { createConductApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './log.js';
import { ModelError } from './model-store.js';
import { PackError } from './pack/load.js';
import { installProcessGuards } from './process-guard.js';

/** Starts the app; a bad setting or pack stops it with a clear message and no stack trace. */
async function main(): Promise<void> {
  try {
    const config = loadConfig();
    const logger = createLogger(config.logLevel);
    installProcessGuards(logger);
    const conduct = await createConductApp(config, { logger });
    await conduct.start();
    // SIGTERM: stop accepting, let requests in flight finish (bounded), then exit 0.
    const shutdown = async () => {
      await conduct.stop().catch(() => undefined);
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown());
    process.once('SIGINT', () => void shutdown());
  } catch (error) {
    if (error instanceof ConfigError || error instanceof PackError || error instanceof ModelError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      const name = (error as { name?: string })?.name ?? 'Error';
      const code =
        (error as { data?: { error?: string }; code?: string })?.data?.error ??
        (error as { code?: string })?.code;
      process.stderr.write(`Conduct Nudge could not start: ${name}${code ? ` (${code})` : ''}\n`);
    }
    process.exit(1);
  }
}

void main();
