import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createEngine, type Engine } from '../container.js';
import { buildApp } from '../http/build-app.js';
import { onShutdownSignal } from './shutdown.js';
import { engineVersion } from './version.js';

/** `ballast serve`: the API and the worker in one process (what `npm start` runs). */
export async function serve(config: Config, logger: Logger): Promise<number> {
  const engine = await createEngine(config, logger, { withWorker: true });
  const app = await buildApp(
    {
      store: engine.store,
      clock: engine.clock,
      orchestrator: engine.orchestrator,
      workerControl: engine.workerControl,
      portfolios: engine.portfolios,
      positions: engine.positions,
      version: engineVersion(),
      readiness: async () => ({
        worker: (await engine.workerControl.status()).running ? 'running' : 'not running',
      }),
    },
    { loggerInstance: logger },
  );
  app.get('/', { config: { role: 'public' }, schema: { hide: true } }, (_req, reply) =>
    reply.redirect('/docs'),
  );
  await app.listen({ host: config.http.host, port: config.http.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  await engine.worker?.start();
  logger.info(startupFacts(engine, port), startupMessage(engine, port));
  return onShutdownSignal(logger, async () => {
    await Promise.all([app.close(), engine.worker?.stop('shutdown signal')]);
    await engine.close();
    logger.info('stopped cleanly');
  });
}

export function describeMarket(config: Config): string {
  return config.marketData.kind === 'simulated'
    ? `simulated (offline random walk, seed "${config.marketData.seed}")`
    : `replay of ${config.marketData.file}, one bar per cycle`;
}

function startupFacts(engine: Engine, port: number) {
  const { config } = engine;
  return {
    url: `http://${config.http.host}:${port}`,
    instance_id: engine.instanceId,
    database: config.database.url,
    market_data: config.marketData.kind,
    worker: config.worker,
  };
}

function startupMessage(engine: Engine, port: number): string {
  const { config } = engine;
  const host = config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host;
  const worker = engine.worker?.snapshot();
  const lines = [
    'Ballast is running',
    `  API            http://${host}:${port}/v1   (docs: http://${host}:${port}/docs)`,
    `  worker         ${worker?.enabled ? `trading every ${worker.intervalSeconds} s` : 'disabled (enable it with PUT /v1/trading/worker)'}`,
    `  market data    ${describeMarket(config)}`,
    `  broker         paper (fills at the evaluated price)`,
    `  database       ${config.database.url}${engine.migrated.length > 0 ? ` (migrations applied: ${engine.migrated.join(', ')})` : ''}`,
  ];
  if (engine.demoCreated)
    lines.push('  demo           created a demo portfolio on simulated symbols; it trades within minutes');
  return lines.join('\n');
}
