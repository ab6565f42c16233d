// Builds a real engine with N active positions for the cycle benchmarks: on a SQLite file of its own, or
// (with `postgresUrl`) on an empty PostgreSQL database the caller created.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededUniform } from './seeded-random.mjs';

const dist = new URL('../packages/engine/dist/', import.meta.url);
const load = (path) => import(new URL(path, dist).href);

export async function buildCycleFixture({
  positions = 10_000,
  symbols = 100,
  batchSize = 500,
  seed = 7,
  postgresUrl = null,
} = {}) {
  const { TestClock } = await load('adapters/clock/test-clock.js');
  const { UuidV7Generator } = await load('adapters/ids/uuid-v7-generator.js');
  const { SimulatedMarketData } = await load('adapters/market-data/simulated-market-data.js');
  const { PaperBroker } = await load('adapters/broker/paper-broker.js');
  const { KyselyPaperOrderBook } = await load('adapters/db/kysely-paper-order-book.js');
  const { NodeTimers } = await load('adapters/timers/node-timers.js');
  const { clientOrderIdFor } = await load('adapters/broker/client-order-id.js');
  const { LiveTradingOrchestrator } = await load('application/trading/live-trading-orchestrator.js');
  const { DEFAULT_PARAMS } = await load('domain/strategy-params.js');
  const { Decimal } = await load('domain/decimal.js');

  const clock = new TestClock(Date.UTC(2026, 0, 6, 15, 0, 0));
  const ids = new UuidV7Generator(clock);
  const { store, file, dir } = await openStore(postgresUrl, clock);
  const market = new SimulatedMarketData(clock, { seed: 'bench' });
  const symbolNames = Array.from({ length: symbols }, (_, i) => `SYM-${String(i).padStart(3, '0')}`);
  const quotes = new Map((await market.peekQuotes(symbolNames)).map((q) => [q.symbol, q.price]));
  const rnd = seededUniform(seed);
  const now = clock.now();
  const portfolioId = ids.next();
  await store.transaction(async (tx) => {
    await tx.portfolios.insert({
      id: portfolioId,
      name: 'bench',
      baseCurrency: 'USD',
      state: 'active',
      autoTradingEnabled: true,
      marketHours: 'always',
      isDemo: false,
      createdAt: now,
      updatedAt: now,
    });
    for (let i = 0; i < positions; i++) {
      const symbol = symbolNames[i % symbols];
      const price = quotes.get(symbol);
      // Anchors within ±5 % of the price: about 40 % of positions are past a ±3 % trigger.
      const anchor = price.mul(1 + (rnd() - 0.5) / 10).toDecimalPlaces(4);
      const cash = new Decimal(5000);
      const shares = cash.div(price).toDecimalPlaces(6);
      await tx.positions.insert({
        id: ids.next(),
        portfolioId,
        symbol,
        shares,
        cash,
        anchor,
        invested: shares.mul(anchor).add(cash),
        autoTradingEnabled: true,
        params: { ...DEFAULT_PARAMS, guardrails: { ...DEFAULT_PARAMS.guardrails, maxOrdersPerDay: 1000 } },
        ordersDay: null,
        ordersToday: 0,
        version: 0,
        createdAt: now,
        updatedAt: now,
      });
    }
  });
  const logger = { info() {}, warn() {}, error() {}, debug() {} };
  const orchestrator = new LiveTradingOrchestrator({
    store,
    marketData: market,
    broker: new PaperBroker(new KyselyPaperOrderBook(store.executor), clock),
    clock,
    ids,
    timers: new NodeTimers(),
    logger,
    clientOrderIdFor,
    batchSize,
  });
  return {
    file,
    store,
    clock,
    ids,
    orchestrator,
    async close() {
      await store.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openStore(postgresUrl, clock) {
  if (postgresUrl) {
    const { openPostgresStore } = await load('adapters/db/postgres/postgres-store.js');
    return { ...(await openPostgresStore(postgresUrl, clock)), file: null, dir: null };
  }
  const { openSqliteStore } = await load('adapters/db/sqlite/sqlite-store.js');
  const dir = mkdtempSync(join(tmpdir(), 'ballast-bench-'));
  const file = join(dir, 'bench.db');
  return { ...(await openSqliteStore(file, clock)), file, dir };
}
