/**
 * Issue 5, item 4: the real `ballast serve`, trading every second on a price path that swings 5 % a
 * bar (every cycle orders), is killed with SIGKILL at random moments — mid-cycle, mid-batch, between
 * an order's storing and its sending — and restarted each time, on SQLite and on PostgreSQL. Then:
 * no fill the broker acknowledged is missing, no order was made twice, none is left open, every
 * position's cash and shares equal a replay of its trades and cash movements, and the chain verifies.
 *
 * `npm run soak` runs the same with many more kills (BALLAST_SOAK_KILLS).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { SystemClock } from '../src/adapters/clock/system-clock.js';
import type { KyselyStore } from '../src/adapters/db/kysely-store.js';
import { loadConfig } from '../src/config.js';
import { openStore } from '../src/container.js';
import type { PositionId } from '../src/domain/ids.js';
import { describeEachDialect, type TestDialect } from '../src/test-support/dialects.js';
import { createTestDatabase, type TestDatabase } from '../src/test-support/postgres-test-database.js';
import { replayedLedger } from '../src/test-support/replayed-ledger.js';
import {
  client,
  type EngineProcess,
  engineSettings,
  ensureBuilt,
  killHard,
  running,
  startBallast,
  stop,
  waitFor,
  writeSeesawCsv,
} from './support/engine-process.js';

const KILLS = Number(process.env.BALLAST_SOAK_KILLS ?? 20);

/** Deterministic moments (mulberry32): a failure can be rerun exactly. */
function seededUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const POSITIONS = 60;

let dir = '';
const databases: TestDatabase[] = [];

beforeAll(async () => {
  ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'ballast-sigkill-'));
}, 180_000);
afterEach(async () => {
  await Promise.all(running.splice(0).map(killHard));
});
afterAll(async () => {
  for (const db of databases) await db.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function databaseUrl(dialect: TestDialect): Promise<string> {
  if (dialect === 'sqlite') return `sqlite:${join(dir, 'sigkill.db')}`;
  const db = await createTestDatabase();
  databases.push(db);
  return db.url;
}

/** What every kill left behind, once the last engine stopped cleanly: checked straight in the database. */
async function checkNothingWasLost(store: KyselyStore) {
  expect(await store.orders.listOpen(), 'orders left open').toEqual([]);
  const db = store.executor;
  const orders = await db
    .selectFrom('orders')
    .select(['id', 'client_order_id', 'position_id', 'cycle_id', 'status'])
    .execute();
  expect(
    new Set(orders.map((o) => `${o.position_id}/${o.cycle_id}`)).size,
    'one order per position and cycle',
  ).toBe(orders.length);
  const trades = await db.selectFrom('trades').select(['order_id']).execute();
  expect(new Set(trades.map((t) => t.order_id)).size, 'one trade per order').toBe(trades.length);
  // Every fill the broker acknowledged (its own record) is a trade of the engine's, and nothing else is.
  const acknowledged = await db.selectFrom('paper_orders').select(['client_order_id', 'status']).execute();
  const filledAtBroker = new Set(
    acknowledged.filter((p) => p.status === 'filled').map((p) => p.client_order_id),
  );
  const traded = new Set(trades.map((t) => orders.find((o) => o.id === t.order_id)!.client_order_id));
  expect(
    [...filledAtBroker].filter((id) => !traded.has(id)),
    'fills the engine lost',
  ).toEqual([]);
  expect(
    [...traded].filter((id) => !filledAtBroker.has(id)),
    'trades the broker never made',
  ).toEqual([]);
  for (const o of orders.filter((o) => o.status === 'filled'))
    expect(filledAtBroker.has(o.client_order_id), `order ${o.id} filled at the broker`).toBe(true);
  const positions = await db.selectFrom('positions').select(['id', 'shares', 'cash']).execute();
  for (const p of positions)
    expect(await replayedLedger(store, p.id as PositionId), `ledger of ${p.id}`).toEqual({
      shares: p.shares,
      cash: p.cash,
    });
  expect(await store.audit.verify()).toMatchObject({ ok: true, first_bad_seq: null });
  return { orders: orders.length, trades: trades.length };
}

describeEachDialect('SIGKILL at random moments', (dialect) => {
  it(
    `loses nothing over ${KILLS} kills and restarts`,
    async () => {
      const csv = await writeSeesawCsv(dir, 50_000);
      const env = {
        ...engineSettings(dir, csv),
        DATABASE_URL: await databaseUrl(dialect),
        // Small batches and a broker round trip of 40 ms: a cycle is many transactions and many
        // "stored, not yet acknowledged" and "filled at the broker, not yet heard" windows to land in.
        CYCLE_BATCH_SIZE: '5',
        PAPER_LATENCY_MS: '40',
      };
      let engine: EngineProcess = await startBallast('serve', env);
      const api = client(engine);
      const portfolio = (await api.post('/v1/portfolios', {
        name: 'Crash test',
        market_hours: 'always',
      })) as {
        id: string;
      };
      for (let i = 0; i < POSITIONS; i++)
        await api.post(`/v1/portfolios/${portfolio.id}/positions`, {
          symbol: `SEE-${i % 6}`,
          shares: '50',
          cash: '5000',
          anchor: '100',
          params: { guardrails: { max_orders_per_day: 100_000 } },
        });
      const random = seededUniform(dialect === 'sqlite' ? 11 : 12);
      for (let kill = 0; kill < KILLS; kill++) {
        await new Promise((resolve) => setTimeout(resolve, 150 + random() * 1_100));
        await killHard(engine);
        running.splice(running.indexOf(engine), 1);
        engine = await startBallast('serve', env);
      }
      // The last engine takes over what the killed ones left, reconciles, and trades on; then stops cleanly.
      await waitFor(
        'a full cycle after the last restart',
        async () =>
          engine.logs.some((l) => String(l.msg).startsWith('worker cycle completed')) ? true : undefined,
        30_000,
        engine,
      );
      expect(await stop(engine)).toEqual({ code: 0, signal: null });

      const { store } = await openStore(
        loadConfig({ DATABASE_URL: env.DATABASE_URL }).database,
        new SystemClock(),
      );
      try {
        const found = await checkNothingWasLost(store);
        expect(found.trades).toBeGreaterThan(KILLS);
        // The kills did land mid-cycle (cycles the next engine closed as interrupted), and in the windows
        // reconciliation exists for: fills recovered from the broker's record, orders cancelled there.
        const interrupted = await store.executor
          .selectFrom('cycles')
          .select('id')
          .where('status', '=', 'interrupted')
          .execute();
        const reconciled = await store.audit.list({ type: 'OrderReconciled' }, { limit: 500 });
        const recovered = reconciled.items.filter((e) => e.payload.broker_status === 'filled').length;
        const cancelled = reconciled.items.filter((e) => e.payload.cancelled_at_broker === true).length;
        expect(interrupted.length).toBeGreaterThan(0);
        expect(recovered + cancelled).toBeGreaterThan(0);
        console.info(
          `${dialect}: ${KILLS} kills, ${interrupted.length} cycles interrupted mid-way, ${found.orders} orders, ${found.trades} trades, ${recovered} fills recovered from the broker, ${cancelled} orders cancelled there, nothing lost`,
        );
      } finally {
        await store.close();
      }
    },
    KILLS * 5_000 + 120_000,
  );
});
