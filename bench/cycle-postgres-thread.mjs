// One engine of the PostgreSQL cycle benchmark, on a worker thread with a store (a pool) of its own, as
// a separate `ballast worker` process would be. Told an instant, it runs the scheduled cycle of that
// minute's slot and answers with its wall time and how long its write transactions took: from the
// call to the moment the body starts (the writers' advisory lock is granted by then), and from there
// to the commit (the lock is held), and how many statements it sent.
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';

const dist = new URL('../packages/engine/dist/', import.meta.url);
const load = (path) => import(new URL(path, dist).href);
const { openPostgresStore } = await load('adapters/db/postgres/postgres-store.js');
const { TestClock } = await load('adapters/clock/test-clock.js');
const { UuidV7Generator } = await load('adapters/ids/uuid-v7-generator.js');
const { SimulatedMarketData } = await load('adapters/market-data/simulated-market-data.js');
const { PaperBroker } = await load('adapters/broker/paper-broker.js');
const { KyselyPaperOrderBook } = await load('adapters/db/kysely-paper-order-book.js');
const { NodeTimers } = await load('adapters/timers/node-timers.js');
const { clientOrderIdFor } = await load('adapters/broker/client-order-id.js');
const { LiveTradingOrchestrator } = await load('application/trading/live-trading-orchestrator.js');
const { slotOf } = await load('application/trading/trading-worker.js');

const statements = countStatements();
const clock = new TestClock(workerData.now);
const ids = new UuidV7Generator(clock);
const { store } = await openPostgresStore(workerData.url, clock);
const transactions = timeTransactions(store);
const orchestrator = new LiveTradingOrchestrator({
  store,
  marketData: new SimulatedMarketData(clock, { seed: 'bench' }),
  broker: new PaperBroker(new KyselyPaperOrderBook(store.executor), clock),
  clock,
  ids,
  timers: new NodeTimers(),
  logger: { info() {}, warn() {}, error() {}, debug() {} },
  clientOrderIdFor,
  instanceId: workerData.instanceId,
});

/** Counts the statements this thread sends to the server, each one a round trip. */
function countStatements() {
  const query = pg.Client.prototype.query;
  const counter = { count: 0 };
  pg.Client.prototype.query = function (...args) {
    counter.count += 1;
    return query.apply(this, args);
  };
  return {
    take() {
      const { count } = counter;
      counter.count = 0;
      return count;
    },
  };
}

/** Wraps `store.transaction` (this instance only) to time every write transaction of a cycle. */
function timeTransactions(s) {
  const transaction = s.transaction.bind(s);
  const stats = { count: 0, waitMs: 0, heldMs: 0, held: [] };
  s.transaction = async (fn) => {
    const called = performance.now();
    let granted = called;
    try {
      return await transaction((tx) => {
        granted = performance.now();
        return fn(tx);
      });
    } finally {
      const ended = performance.now();
      stats.count += 1;
      stats.waitMs += granted - called;
      stats.heldMs += ended - granted;
      // Absolute times, comparable across threads: the two engines' held intervals must not overlap.
      stats.held.push([performance.timeOrigin + granted, performance.timeOrigin + ended]);
    }
  };
  return {
    take() {
      const taken = { ...stats };
      Object.assign(stats, { count: 0, waitMs: 0, heldMs: 0, held: [] });
      return taken;
    },
  };
}

parentPort.on('message', async (message) => {
  if (message.kind === 'stop') {
    await store.close();
    parentPort.postMessage({ kind: 'stopped' });
    return;
  }
  clock.set(message.at);
  transactions.take();
  statements.take();
  const started = performance.now();
  const result = await orchestrator.runScheduledCycle(slotOf(message.at, 60_000), {
    source: 'worker',
    actor: 'bench',
  });
  const ended = performance.now();
  parentPort.postMessage({
    kind: 'cycle',
    id: result.id,
    positions: result.positions,
    orders: result.counts.orders,
    startedAt: performance.timeOrigin + started,
    endedAt: performance.timeOrigin + ended,
    transactions: transactions.take(),
    statements: statements.take(),
  });
});
parentPort.postMessage({ kind: 'ready' });
