import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createEngine } from '../container.js';
import { describeMarket } from './serve-command.js';
import { onShutdownSignal } from './shutdown.js';

/** `ballast worker`: trading without HTTP; another process may serve the API on the same database. */
export async function runWorker(config: Config, logger: Logger): Promise<number> {
  const engine = await createEngine(config, logger, { withWorker: true });
  await engine.worker!.start();
  const snapshot = engine.worker!.snapshot();
  logger.info(
    { instance_id: engine.instanceId, database: config.database.url },
    `Ballast worker running (no HTTP): ${snapshot.enabled ? `every ${snapshot.intervalSeconds} s` : 'disabled'}, market ${describeMarket(config)}, database ${config.database.url}`,
  );
  return onShutdownSignal(logger, async () => {
    await engine.worker!.stop('shutdown signal');
    await engine.close();
    logger.info('worker stopped cleanly');
  });
}
