import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createEngine, type Engine } from '../container.js';
import { buildApp } from '../http/build-app.js';
import { onShutdownSignal } from './shutdown.js';
import { TradingThread } from './trading-thread-client.js';
import { engineVersion } from './version.js';

/**
 * `ballast serve` (what `npm start` runs): the API in this thread, the trading worker in a thread of
 * its own with its own database connection, so neither waits for the other.
 */
export async function serve(config: Config, logger: Logger): Promise<number> {
  const trading = new TradingThread(logger);
  const consoleDir = builtConsole();
  const engine = await createEngine(config, logger, {
    withWorker: false,
    workerHandle: trading,
    withSimulationLab: true,
  });
  await announceFirstAdmin(engine, logger);
  const app = await buildApp(
    {
      store: engine.store,
      clock: engine.clock,
      orchestrator: trading,
      workerControl: engine.workerControl,
      portfolios: engine.portfolios,
      positions: engine.positions,
      simulations: engine.simulations!,
      version: engineVersion(),
      consoleDir,
      readiness: async () => ({
        worker: (await engine.workerControl.status()).running ? 'running' : 'not running',
      }),
      access: {
        ...engine.access,
        loginAttemptsPerMinute: config.access.loginAttemptsPerMinute,
        tls: config.tls !== null,
        corsOrigins: config.access.corsOrigins,
      },
    },
    { loggerInstance: logger, ...(config.tls ? { https: await readTls(config.tls) } : {}) },
  );
  await app.listen({ host: config.http.host, port: config.http.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  await trading.start();
  logger.info(
    startupFacts(engine, trading, port),
    startupMessage(engine, trading, port, consoleDir !== null),
  );
  return onShutdownSignal(logger, async () => {
    // Running simulations are cancelled and their threads ended; trading finishes the batch in hand.
    await Promise.all([app.close(), trading.stop('shutdown signal'), engine.simulations?.close()]);
    await engine.close();
    logger.info('stopped cleanly');
  });
}

/**
 * A new database gets its first user, `admin`: with BALLAST_ADMIN_PASSWORD when set (never printed),
 * or a random password printed here, once — it is stored only as an Argon2id hash.
 */
async function announceFirstAdmin(engine: Engine, logger: Logger): Promise<void> {
  const { created, generated } = await engine.access.users.ensureFirstAdmin(
    engine.config.access.adminPassword,
  );
  if (!created) return;
  if (generated)
    logger.warn(
      `created the first user "admin" with the password ${generated}\n  it is shown only this once: log in and change it (console, or: npx ballast user passwd admin)`,
    );
  else logger.info('created the first user "admin" with the password from BALLAST_ADMIN_PASSWORD');
}

async function readTls(tls: { certFile: string; keyFile: string }) {
  const [cert, key] = await Promise.all([readFile(tls.certFile), readFile(tls.keyFile)]);
  return { cert, key };
}

/** The console's production build, served at `/` when it exists (`npm run build` makes it). */
function builtConsole(): string | null {
  const dir = fileURLToPath(new URL('../../../console/dist/', import.meta.url));
  return existsSync(join(dir, 'index.html')) ? dir : null;
}

export function describeMarket(config: Config): string {
  return config.marketData.kind === 'simulated'
    ? `simulated (offline random walk, seed "${config.marketData.seed}")`
    : `replay of ${config.marketData.file}, one bar per cycle`;
}

function startupFacts(engine: Engine, trading: TradingThread, port: number) {
  const { config } = engine;
  return {
    url: `${config.tls ? 'https' : 'http'}://${config.http.host}:${port}`,
    instance_id: trading.snapshot()?.instanceId ?? null,
    database: config.database.url,
    market_data: config.marketData.kind,
    worker: config.worker,
  };
}

function startupMessage(engine: Engine, trading: TradingThread, port: number, hasConsole: boolean): string {
  const { config } = engine;
  const host = config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host;
  const scheme = config.tls ? 'https' : 'http';
  const worker = trading.snapshot();
  const lines = [
    'Ballast is running',
    `  console        ${hasConsole ? `${scheme}://${host}:${port}/` : 'not built (npm run build makes it)'}`,
    `  API            ${scheme}://${host}:${port}/v1   (docs: ${scheme}://${host}:${port}/docs)`,
    `  worker         ${worker?.enabled ? `trading every ${worker.intervalSeconds} s` : 'disabled in this process (enable it with PUT /v1/trading/worker)'}`,
    `  market data    ${describeMarket(config)}`,
    '  broker         paper (fills at the evaluated price)',
    `  database       ${config.database.url}${engine.migrated.length > 0 ? ` (migrations applied: ${engine.migrated.join(', ')})` : ''}`,
  ];
  if (engine.demoCreated)
    lines.push('  demo           created a demo portfolio on simulated symbols; it trades within minutes');
  return lines.join('\n');
}
