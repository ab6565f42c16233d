// Worker thread for the latency benchmark: runs worker cycles on the fixture's database file through a
// connection of its own, as the trading thread of `ballast serve` does, until it is told to stop.
import { parentPort, workerData } from 'node:worker_threads';

const dist = new URL('../packages/engine/dist/', import.meta.url);
const load = (path) => import(new URL(path, dist).href);
const { openSqliteStore } = await load('adapters/db/sqlite/sqlite-store.js');
const { TestClock } = await load('adapters/clock/test-clock.js');
const { slotOf } = await load('application/trading/trading-worker.js');
const { UuidV7Generator } = await load('adapters/ids/uuid-v7-generator.js');
const { SimulatedMarketData } = await load('adapters/market-data/simulated-market-data.js');
const { PaperBroker } = await load('adapters/broker/paper-broker.js');
const { KyselyPaperOrderBook } = await load('adapters/db/kysely-paper-order-book.js');
const { NodeTimers } = await load('adapters/timers/node-timers.js');
const { clientOrderIdFor } = await load('adapters/broker/client-order-id.js');
const { LiveTradingOrchestrator } = await load('application/trading/live-trading-orchestrator.js');

const clock = new TestClock(workerData.now);
const ids = new UuidV7Generator(clock);
const { store } = await openSqliteStore(workerData.file, clock);
const logger = { info() {}, warn() {}, error() {}, debug() {} };
const orchestrator = new LiveTradingOrchestrator({
  store,
  marketData: new SimulatedMarketData(clock, { seed: 'bench' }),
  broker: new PaperBroker(new KyselyPaperOrderBook(store.executor), clock),
  clock,
  ids,
  timers: new NodeTimers(),
  logger,
  clientOrderIdFor,
});
let stopping = false;
parentPort.on('message', () => {
  stopping = true;
});
let cycles = 0;
let busyMs = 0;
parentPort.postMessage({ kind: 'ready' });
while (!stopping) {
  const started = performance.now();
  await orchestrator.runScheduledCycle(slotOf(clock.now(), 60_000), { source: 'worker', actor: 'bench' });
  busyMs += performance.now() - started;
  cycles += 1;
  clock.advance(60_000);
}
await store.close();
parentPort.postMessage({ kind: 'done', cycles, busyMs });
