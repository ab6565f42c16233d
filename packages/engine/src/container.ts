import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { basename } from 'node:path';
import { clientOrderIdFor } from './adapters/broker/client-order-id.js';
import { PaperBroker } from './adapters/broker/paper-broker.js';
import { SystemClock } from './adapters/clock/system-clock.js';
import { WorkerThreadSimulationCompute } from './adapters/compute/worker-thread-simulation-compute.js';
import { Argon2PasswordHasher } from './adapters/crypto/argon2-password-hasher.js';
import { NodeSecrets } from './adapters/crypto/node-secrets.js';
import { KyselyPaperOrderBook } from './adapters/db/kysely-paper-order-book.js';
import type { KyselyStore } from './adapters/db/kysely-store.js';
import { openPostgresStore } from './adapters/db/postgres/postgres-store.js';
import { openSqliteStore } from './adapters/db/sqlite/sqlite-store.js';
import { UuidV7Generator } from './adapters/ids/uuid-v7-generator.js';
import { readBarCsvFile } from './adapters/market-data/bar-csv.js';
import { LastSeenMarketData } from './adapters/market-data/last-seen-market-data.js';
import { ReplayMarketData } from './adapters/market-data/replay-market-data.js';
import { SampleBarFiles } from './adapters/market-data/sample-bar-files.js';
import { SimulatedMarketData } from './adapters/market-data/simulated-market-data.js';
import { LocalProcessLiveness } from './adapters/system/local-process-liveness.js';
import { NodeTimers } from './adapters/timers/node-timers.js';
import type { AccessPolicy } from './application/access/access-policy.js';
import { Authenticator } from './application/access/authenticator.js';
import { LoginService } from './application/access/login-service.js';
import { TokenService } from './application/access/token-service.js';
import { UserService } from './application/access/user-service.js';
import { seedDemoPortfolio } from './application/demo/seed-demo.js';
import { PortfolioService } from './application/portfolios/portfolio-service.js';
import type { Clock } from './application/ports/clock.js';
import type { IdGenerator } from './application/ports/id-generator.js';
import type { Logger } from './application/ports/logger.js';
import type { MarketData } from './application/ports/market-data.js';
import type { Store } from './application/ports/store.js';
import type { Timers } from './application/ports/timers.js';
import type { WorkerHandle, WorkerSnapshot } from './application/ports/worker-handle.js';
import { PositionService } from './application/positions/position-service.js';
import { SimulationLab } from './application/simulations/simulation-lab.js';
import { LiveTradingOrchestrator } from './application/trading/live-trading-orchestrator.js';
import { TradingWorker } from './application/trading/trading-worker.js';
import { WorkerControl } from './application/trading/worker-control.js';
import type { Config, DatabaseConfig } from './config.js';

export interface Engine {
  readonly config: Config;
  readonly store: Store;
  readonly clock: Clock;
  readonly marketData: MarketData;
  readonly orchestrator: LiveTradingOrchestrator;
  readonly worker: TradingWorker | null;
  readonly workerControl: WorkerControl;
  readonly portfolios: PortfolioService;
  readonly positions: PositionService;
  /** The simulation lab, in the process that serves the API (null elsewhere). */
  readonly simulations: SimulationLab | null;
  readonly access: EngineAccess;
  readonly instanceId: string;
  readonly migrated: string[];
  readonly demoCreated: boolean;
  close(): Promise<void>;
}

/** Users, tokens, logins and the check of presented credentials. */
export interface EngineAccess {
  readonly authenticator: Authenticator;
  readonly logins: LoginService;
  readonly users: UserService;
  readonly tokens: TokenService;
}

export function accessFor(store: Store, ids: IdGenerator, clock: Clock, policy: AccessPolicy): EngineAccess {
  const secrets = new NodeSecrets();
  const hasher = new Argon2PasswordHasher();
  return {
    authenticator: new Authenticator(store, secrets, clock),
    logins: new LoginService(store, hasher, secrets, ids, clock, policy),
    users: new UserService(store, hasher, secrets, ids, clock),
    tokens: new TokenService(store, secrets, ids, clock),
  };
}

/** The configured database, migrated: the embedded SQLite file or a PostgreSQL server. */
export function openStore(
  database: DatabaseConfig,
  clock: Clock,
): Promise<{ store: KyselyStore; migrated: string[] }> {
  return database.kind === 'sqlite'
    ? openSqliteStore(database.file, clock)
    : openPostgresStore(database.connectionString, clock);
}

async function marketDataFor(config: Config, clock: Clock): Promise<MarketData> {
  if (config.marketData.kind === 'simulated')
    return new SimulatedMarketData(clock, { seed: config.marketData.seed });
  const series = await readBarCsvFile(config.marketData.file);
  return new ReplayMarketData(series, clock, basename(config.marketData.file));
}

export interface EngineOptions {
  /** Run the trading worker in this thread. */
  readonly withWorker: boolean;
  /** The worker when it runs elsewhere (the trading thread of `ballast serve`). */
  readonly workerHandle?: WorkerHandle;
  /** Create the demo portfolio on a new database (only the first thread to start should). */
  readonly seedDemo?: boolean;
  readonly onSnapshot?: (snapshot: WorkerSnapshot) => void;
  /** Run the simulation lab here (its worker threads, and failing the jobs a stopped engine left). */
  readonly withSimulationLab?: boolean;
}

/** The simulation lab on worker threads, one per core, with the sample bars that ship with Ballast. */
export function simulationLabFor(deps: {
  store: Store;
  ids: IdGenerator;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  positions: PositionService;
  compute?: WorkerThreadSimulationCompute;
}): SimulationLab {
  return new SimulationLab({
    ...deps,
    samples: new SampleBarFiles(),
    compute: deps.compute ?? new WorkerThreadSimulationCompute(),
    runner: { host: hostname(), pid: process.pid },
    liveness: new LocalProcessLiveness(),
  });
}

/** The one place that picks adapters: everything else receives what it needs. */
export async function createEngine(config: Config, logger: Logger, options: EngineOptions): Promise<Engine> {
  const clock = new SystemClock();
  const ids = new UuidV7Generator(clock);
  const timers = new NodeTimers();
  const { store, migrated } = await openStore(config.database, clock);
  try {
    const source = await marketDataFor(config, clock);
    // A thread that does not trade must not play a replay of its own: its "current price" is the last
    // one the trading thread saw.
    const marketData =
      options.withWorker || config.marketData.kind === 'simulated'
        ? source
        : new LastSeenMarketData(source, store.quotes);
    // The paper broker keeps its own record in the same database, written outside the engine's
    // transactions, as a real broker's would be (docs/decisions/0013).
    const broker = new PaperBroker(new KyselyPaperOrderBook(store.executor), clock, {
      slippageBps: config.broker.slippageBps,
      latencyMs: config.broker.latencyMs,
      sleep: (ms) => timers.sleep(ms),
    });
    const instanceId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    const orchestrator = new LiveTradingOrchestrator({
      store,
      marketData,
      broker,
      clock,
      ids,
      timers,
      logger,
      clientOrderIdFor,
      batchSize: config.cycleBatchSize,
      instanceId,
    });
    const worker = options.withWorker
      ? new TradingWorker({
          orchestrator,
          store,
          clock,
          timers,
          ids,
          logger,
          identity: { instanceId, host: hostname(), pid: process.pid },
          liveness: new LocalProcessLiveness(),
          defaults: config.worker,
          ...(options.onSnapshot ? { onSnapshot: options.onSnapshot } : {}),
        })
      : null;
    const workerControl = new WorkerControl(
      store,
      ids,
      clock,
      config.worker,
      worker ?? options.workerHandle ?? null,
    );
    const portfolios = new PortfolioService(store, ids, clock);
    const positions = new PositionService(store, ids, clock, marketData);
    const demoCreated =
      options.seedDemo !== false && config.demo
        ? await seedDemoPortfolio({ store, portfolios, positions, marketData, logger })
        : false;
    const simulations = options.withSimulationLab
      ? simulationLabFor({ store, ids, clock, timers, logger, positions })
      : null;
    await simulations?.recover();
    return {
      config,
      store,
      clock,
      marketData,
      orchestrator,
      worker,
      workerControl,
      portfolios,
      positions,
      simulations,
      access: accessFor(store, ids, clock, config.access),
      instanceId,
      migrated,
      demoCreated,
      close: async () => {
        await simulations?.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
