import type { Logger } from '../application/ports/logger.js';

/**
 * Runs `stop` once on the first SIGINT or SIGTERM and resolves with the exit code: 0 after a clean
 * stop. A second signal while stopping exits at once (the operator insists).
 */
export function onShutdownSignal(logger: Logger, stop: (signal: string) => Promise<void>): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const handle = (signal: NodeJS.Signals) => {
      if (stopping) {
        logger.warn({ signal }, 'second signal: exiting without waiting');
        process.exit(1);
      }
      stopping = true;
      logger.info({ signal }, `${signal} received: finishing the position in hand, then stopping`);
      stop(signal).then(
        () => resolve(0),
        (error: unknown) => {
          logger.error({ err: error }, 'stopping failed');
          resolve(1);
        },
      );
    };
    process.once('SIGINT', handle);
    process.once('SIGTERM', handle);
  });
}
