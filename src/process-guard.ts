import type { Logger } from 'pino';
import { errorFields } from './log.js';

/**
 * Last resort for a fault no handler caught. Node says a process is not safe to resume after an
 * uncaught exception, and an unhandled rejection is the same fault arriving later: log its kind
 * and code (never its message, which may quote a payload) and exit 1 for the orchestrator to
 * restart the replica.
 */
export function installProcessGuards(
  logger: Pick<Logger, 'fatal'>,
  exit: (code: number) => void = (code) => process.exit(code),
  target: Pick<NodeJS.Process, 'on'> = process,
): void {
  const fail = (outcome: 'uncaught_exception' | 'unhandled_rejection') => (error: unknown) => {
    try {
      logger.fatal({ outcome, ...errorFields(error) }, 'process fault; exiting for a restart');
    } finally {
      exit(1);
    }
  };
  target.on('uncaughtException', fail('uncaught_exception'));
  target.on('unhandledRejection', fail('unhandled_rejection'));
}
