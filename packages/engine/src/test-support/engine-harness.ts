import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreatePositionBody } from '@ballast/contracts';
import { clientOrderIdFor } from '../adapters/broker/client-order-id.js';
import { PaperBroker } from '../adapters/broker/paper-broker.js';
import { TestClock } from '../adapters/clock/test-clock.js';
import type { KyselyStore } from '../adapters/db/kysely-store.js';
import { openSqliteStore } from '../adapters/db/sqlite/sqlite-store.js';
import { UuidV7Generator } from '../adapters/ids/uuid-v7-generator.js';
import { NodeTimers } from '../adapters/timers/node-timers.js';
import type { Requester } from '../application/audit-draft.js';
import { PortfolioService } from '../application/portfolios/portfolio-service.js';
import type { Logger } from '../application/ports/logger.js';
import { PositionService } from '../application/positions/position-service.js';
import { LiveTradingOrchestrator } from '../application/trading/live-trading-orchestrator.js';
import { FixedPriceMarketData } from './fixed-price-market-data.js';

export const SILENT_LOGGER: Logger = { info() {}, warn() {}, error() {}, debug() {} };
export const OPERATOR: Requester = { source: 'api/manual', actor: 'test-operator' };

/** A real engine on a real SQLite file in a temporary folder, with a test clock and hand-set prices. */
export async function startHarness(options: { batchSize?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-test-'));
  const clock = new TestClock(Date.UTC(2026, 0, 6, 15, 0, 0));
  const ids = new UuidV7Generator(clock);
  const { store } = await openSqliteStore(join(dir, 'ballast.db'), clock);
  const market = new FixedPriceMarketData(clock);
  const broker = new PaperBroker(clock);
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
    ...options,
  });
  const portfolios = new PortfolioService(store, ids, clock);
  const positions = new PositionService(store, ids, clock, market);
  return {
    dir,
    clock,
    ids,
    store: store as KyselyStore,
    market,
    broker,
    timers,
    orchestrator,
    portfolios,
    positions,
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
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** The real HTTP app over a harness, for `app.inject` tests (no port opened); `consoleDir` serves a built console. */
export async function buildHarnessApp(h: Harness, options: { consoleDir?: string } = {}) {
  const { buildApp } = await import('../http/build-app.js');
  const { WorkerControl } = await import('../application/trading/worker-control.js');
  const workerControl = new WorkerControl(
    h.store,
    h.ids,
    h.clock,
    { enabled: true, intervalSeconds: 60 },
    null,
  );
  const app = await buildApp({
    store: h.store,
    clock: h.clock,
    orchestrator: h.orchestrator,
    workerControl,
    portfolios: h.portfolios,
    positions: h.positions,
    version: 'test',
    ...options,
  });
  await app.ready();
  return app;
}
