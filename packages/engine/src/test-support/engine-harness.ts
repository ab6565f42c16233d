import type { CreatePositionBody } from '@ballast/contracts';
import { clientOrderIdFor } from '../adapters/broker/client-order-id.js';
import { PaperBroker } from '../adapters/broker/paper-broker.js';
import { TestClock } from '../adapters/clock/test-clock.js';
import { WorkerThreadSimulationCompute } from '../adapters/compute/worker-thread-simulation-compute.js';
import { KyselyPaperOrderBook } from '../adapters/db/kysely-paper-order-book.js';
import type { KyselyStore } from '../adapters/db/kysely-store.js';
import { UuidV7Generator } from '../adapters/ids/uuid-v7-generator.js';
import { NodeTimers } from '../adapters/timers/node-timers.js';
import { type AccessPolicy, DEFAULT_ACCESS_POLICY } from '../application/access/access-policy.js';
import type { Requester } from '../application/audit-draft.js';
import { PortfolioService } from '../application/portfolios/portfolio-service.js';
import type { Logger } from '../application/ports/logger.js';
import { PositionService } from '../application/positions/position-service.js';
import { LiveTradingOrchestrator } from '../application/trading/live-trading-orchestrator.js';
import type { TestDialect } from './dialects.js';
import { FixedPriceMarketData } from './fixed-price-market-data.js';
import { openTestStore } from './test-store.js';

export const SILENT_LOGGER: Logger = { info() {}, warn() {}, error() {}, debug() {} };

/**
 * The built simulation thread: worker threads run compiled JavaScript, so the lab's tests need
 * `npm run build` (which `npm test` runs first).
 */
export const BUILT_SIMULATION_THREAD = new URL(
  '../../dist/adapters/compute/simulation-thread.js',
  import.meta.url,
);

/** A simulation compute on real worker threads (the built ones); `threads` defaults to the cores. */
export function builtSimulationCompute(threads?: number): WorkerThreadSimulationCompute {
  return new WorkerThreadSimulationCompute({
    script: BUILT_SIMULATION_THREAD,
    ...(threads ? { threads } : {}),
  });
}
export const OPERATOR: Requester = { source: 'api/manual', actor: 'test-operator' };

/**
 * A real engine on a real database of its own (SQLite unless `dialect` says otherwise), with a test
 * clock and hand-set prices.
 */
export async function startHarness(options: { batchSize?: number; dialect?: TestDialect } = {}) {
  const { dialect = 'sqlite', ...orchestratorOptions } = options;
  const clock = new TestClock(Date.UTC(2026, 0, 6, 15, 0, 0));
  const ids = new UuidV7Generator(clock);
  const database = await openTestStore(dialect, clock);
  const { store, dir } = database;
  const market = new FixedPriceMarketData(clock);
  const broker = new PaperBroker(new KyselyPaperOrderBook(store.executor), clock);
  const timers = new NodeTimers();
  const orchestrator = new LiveTradingOrchestrator({
    store,
    marketData: market,
    broker,
    clock,
    ids,
    timers,
    logger: SILENT_LOGGER,
    clientOrderIdFor,
    ...orchestratorOptions,
  });
  const portfolios = new PortfolioService(store, ids, clock);
  const positions = new PositionService(store, ids, clock, market);
  const { simulationLabFor } = await import('../container.js');
  const simulations = simulationLabFor({
    store,
    ids,
    clock,
    timers,
    logger: SILENT_LOGGER,
    positions,
    compute: builtSimulationCompute(),
  });
  return {
    dir,
    dialect,
    /** The SQLite file the engine writes (a test may read it, e.g. to compare snapshots). */
    get databaseFile(): string {
      if (database.file === null) throw new Error(`a ${dialect} harness has no database file`);
      return database.file;
    },
    clock,
    ids,
    store: store as KyselyStore,
    market,
    broker,
    timers,
    orchestrator,
    portfolios,
    positions,
    simulations,
    async addPosition(
      body: Partial<CreatePositionBody> & { symbol: string },
      portfolio?: {
        market_hours?: 'regular' | 'extended' | 'always';
        state?: 'active' | 'paused' | 'halted';
        auto_trading_enabled?: boolean;
      },
    ) {
      const pf = await portfolios.create(
        {
          name: 'Test',
          base_currency: 'USD',
          auto_trading_enabled: true,
          state: 'active',
          market_hours: 'always',
          ...portfolio,
        },
        OPERATOR,
      );
      const view = await positions.create(
        pf.portfolio.id,
        { shares: '50', cash: '5000', anchor: '100', auto_trading_enabled: true, params: {}, ...body },
        OPERATOR,
      );
      return { portfolio: pf.portfolio, position: view.position };
    },
    async close() {
      await simulations.close();
      await database.close();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

const ADMIN_TOKENS = new WeakMap<object, string>();

/** The `Authorization` header of the admin token every harness app is created with. */
export function adminAuth(app: object): { authorization: string } {
  const token = ADMIN_TOKENS.get(app);
  if (!token) throw new Error('not an app made by buildHarnessApp');
  return { authorization: `Bearer ${token}` };
}

/**
 * The real HTTP app over a harness, for `app.inject` tests (no port opened), with real access control:
 * an admin API token (`token:test-admin`) is created through the token service for the tests to use.
 */
export async function buildHarnessApp(
  h: Harness,
  options: {
    consoleDir?: string;
    access?: Partial<AccessPolicy> & { loginAttemptsPerMinute?: number };
    corsOrigins?: string[];
  } = {},
) {
  const { buildApp } = await import('../http/build-app.js');
  const { WorkerControl } = await import('../application/trading/worker-control.js');
  const { accessFor } = await import('../container.js');
  const workerControl = new WorkerControl(
    h.store,
    h.ids,
    h.clock,
    { enabled: true, intervalSeconds: 60 },
    null,
  );
  const access = accessFor(h.store, h.ids, h.clock, { ...DEFAULT_ACCESS_POLICY, ...options.access });
  const app = await buildApp({
    store: h.store,
    clock: h.clock,
    orchestrator: h.orchestrator,
    workerControl,
    portfolios: h.portfolios,
    positions: h.positions,
    simulations: h.simulations,
    version: 'test',
    ...(options.consoleDir === undefined ? {} : { consoleDir: options.consoleDir }),
    access: {
      ...access,
      loginAttemptsPerMinute: options.access?.loginAttemptsPerMinute ?? 1_000,
      tls: false,
      corsOrigins: options.corsOrigins ?? [],
    },
  });
  await app.ready();
  // A second app over the same harness gets a token of its own (names are unique).
  const taken = (await h.store.tokens.list()).filter((t) => t.name.startsWith('test-admin')).length;
  const { secret } = await access.tokens.create(
    { name: taken === 0 ? 'test-admin' : `test-admin-${taken + 1}`, role: 'admin' },
    { source: 'system', actor: 'test setup' },
  );
  ADMIN_TOKENS.set(app, secret);
  return Object.assign(app, { access });
}

/** The app `buildHarnessApp` returns: the Fastify app with the access services it was built with. */
export type HarnessFastifyApp = Awaited<ReturnType<typeof buildHarnessApp>>;
