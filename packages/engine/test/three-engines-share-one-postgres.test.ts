/**
 * DESIGN §1 and §5.4, for real: three engine processes (one `ballast serve`, two `ballast worker`) on
 * one PostgreSQL database and 1 000 positions split the due positions between them with no leader.
 * Over several slots every due position is evaluated exactly once per slot, no order is created
 * twice, the audit sequence has no gap and the hash chain verifies.
 */
import { AuditVerifyResult, WorkerStatus } from '@ballast/contracts';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable } from '../src/test-support/dialects.js';
import { createTestDatabase, type TestDatabase } from '../src/test-support/postgres-test-database.js';
import {
  ADMIN_PASSWORD,
  client,
  type EngineProcess,
  ensureBuilt,
  killHard,
  running,
  startBallast,
  stop,
  waitFor,
} from './support/engine-process.js';

const POSITIONS = 1_000;
const INTERVAL_SECONDS = 2;
const SLOTS = 5;
const available = await postgresAvailable();

let database: TestDatabase | null = null;

beforeAll(() => ensureBuilt(), 180_000);
afterEach(async () => {
  await Promise.all(running.splice(0).map(killHard));
});
afterAll(async () => {
  await database?.drop();
});

/** Engine settings on the shared database; the worker starts disabled until the positions exist. */
function settings(url: string) {
  return {
    DATABASE_URL: url,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
    BALLAST_DEMO: 'false',
    BALLAST_ADMIN_PASSWORD: ADMIN_PASSWORD,
    TRADING_WORKER_ENABLED: 'false',
    TRADING_WORKER_INTERVAL_SECONDS: String(INTERVAL_SECONDS),
  };
}

async function inParallel<T>(count: number, width: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < count; i = next++) out[i] = await make(i);
    }),
  );
  return out;
}

describe.skipIf(!available)('three engines share one PostgreSQL database', () => {
  it('evaluate every due position once per slot, between them, and never order twice', async () => {
    database = await createTestDatabase();
    const env = settings(database.url);
    const serve = await startBallast('serve', env);
    const api = client(serve);
    const portfolio = (await api.post('/v1/portfolios', { name: 'Shared', market_hours: 'always' })) as {
      id: string;
    };
    // Tight triggers and no small-order floor: orders happen every few slots on the simulated market.
    const params = { trigger: { up_pct: 0.05, down_pct: 0.05 }, order: { min_notional: 1 } };
    await inParallel(POSITIONS, 8, (i) =>
      api.post(`/v1/portfolios/${portfolio.id}/positions`, {
        symbol: `SIM-${String(i % 20).padStart(2, '0')}`,
        shares: '10',
        cash: '1000',
        params: { ...params, guardrails: { max_orders_per_day: 100_000 } },
      }),
    );
    const workers = [await startBallast('worker', env), await startBallast('worker', env)];
    const engines: EngineProcess[] = [serve, ...workers];
    await api.put('/v1/trading/worker', { enabled: true, interval_seconds: INTERVAL_SECONDS });
    // Every engine picks the switch up at its next heartbeat; then let several slots pass.
    const alive = await waitFor(
      'all three engines trading',
      async () => {
        const status = WorkerStatus.parse(await api.get('/v1/trading/worker/status'));
        const trading = status.instances.filter((i) => i.alive && i.last_cycle_id !== null);
        return trading.length === 3 ? trading : undefined;
      },
      30_000,
      engines,
    );
    expect(alive).toHaveLength(3);
    await new Promise((resolve) => setTimeout(resolve, (SLOTS + 1) * INTERVAL_SECONDS * 1000));
    await api.put('/v1/trading/worker', { enabled: false });
    await new Promise((resolve) => setTimeout(resolve, 6_000)); // one heartbeat: every engine has stopped scheduling
    expect(AuditVerifyResult.parse(await api.get('/v1/audit/verify'))).toMatchObject({
      ok: true,
      first_bad_seq: null,
    });
    for (const engine of engines) expect(await stop(engine)).toEqual({ code: 0, signal: null });

    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    try {
      // Which slot each scheduled cycle took its positions for, and which engine ran it.
      const cycles = await db.query<{ cycle_id: string; slot: string; instance: string }>(
        `select cycle_id, payload::json->>'slot' as slot, actor as instance from events
         where type = 'CycleStarted' and source = 'worker'`,
      );
      const slotOf = new Map(cycles.rows.map((r) => [r.cycle_id, Number(r.slot)]));
      const evaluations = await db.query<{ cycle_id: string; position_id: string }>(
        `select cycle_id, position_id from events where type = 'PriceEvent' and source = 'worker'`,
      );
      const bySlot = new Map<number, string[]>();
      for (const e of evaluations.rows) {
        const slot = slotOf.get(e.cycle_id);
        expect(slot, `cycle ${e.cycle_id} recorded its slot`).toBeTypeOf('number');
        bySlot.set(slot!, [...(bySlot.get(slot!) ?? []), e.position_id]);
      }
      // Never twice in one slot, whatever the slot.
      for (const [slot, ids] of bySlot) expect(new Set(ids).size, `slot ${slot}`).toBe(ids.length);
      // Every slot between the first and the last (those the run covered completely) saw every position.
      const slots = [...bySlot.keys()].sort((a, b) => a - b);
      const full = slots.slice(1, -1);
      expect(full.length).toBeGreaterThanOrEqual(SLOTS - 1);
      for (const slot of full) expect(bySlot.get(slot)!.length, `slot ${slot}`).toBe(POSITIONS);
      // The work was split: every engine evaluated positions in the full slots.
      const engineOf = new Map(cycles.rows.map((r) => [r.cycle_id, r.instance]));
      const busy = new Set(
        evaluations.rows
          .filter((e) => full.includes(slotOf.get(e.cycle_id)!))
          .map((e) => engineOf.get(e.cycle_id)),
      );
      expect(busy.size).toBe(3);

      const orders = await db.query<{ n: string; ids: string; pairs: string }>(
        `select count(*) as n, count(distinct client_order_id) as ids,
                count(distinct position_id || '/' || cycle_id) as pairs from orders`,
      );
      const o = orders.rows[0]!;
      expect(Number(o.n)).toBeGreaterThan(0);
      expect(Number(o.ids)).toBe(Number(o.n));
      expect(Number(o.pairs)).toBe(Number(o.n));
      const seq = await db.query<{ n: string; max: string }>(
        'select count(*) as n, max(seq) as max from events',
      );
      expect(Number(seq.rows[0]!.max)).toBe(Number(seq.rows[0]!.n));
    } finally {
      await db.end();
    }
  }, 180_000);
});
