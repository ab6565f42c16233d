// One full worker cycle over 10 000 active positions on a SQLite file — a scheduled cycle, as the worker
// runs it (slot rows, batches taken) — every event committed with synchronous=FULL; then the same event
// rows inserted with bare prepared statements (the ceiling).
import Database from 'better-sqlite3';
import { buildCycleFixture } from './cycle-fixture.mjs';

const dist = new URL('../packages/engine/dist/', import.meta.url);
const { slotOf } = await import(new URL('application/trading/trading-worker.js', dist).href);

const POSITIONS = 10_000;

/** The cycle the worker runs for the slot of the fixture's clock (one-minute slots). */
const scheduledCycle = (f) =>
  f.orchestrator.runScheduledCycle(slotOf(f.clock.now(), 60_000), { source: 'worker', actor: 'bench' });

async function warmUp() {
  const f = await buildCycleFixture({ positions: 2_000, seed: 3 });
  for (let i = 0; i < 2; i++) {
    await scheduledCycle(f);
    f.clock.advance(60_000);
  }
  await f.close();
}

/** Inserts the cycle's own event rows into an empty copy of the events table: SQLite's own cost. */
function rawInsertRate(file, cycleId) {
  const src = new Database(file, { readonly: true });
  const rows = src.prepare('SELECT * FROM events WHERE cycle_id = ? ORDER BY seq').raw().all(cycleId);
  const ddl = src
    .prepare(
      "SELECT sql FROM sqlite_master WHERE tbl_name = 'events' AND type IN ('table', 'index') AND sql IS NOT NULL ORDER BY type DESC",
    )
    .all();
  src.close();
  const dst = new Database(`${file}.raw`);
  dst.pragma('journal_mode = WAL');
  dst.pragma('synchronous = FULL');
  for (const { sql } of ddl) dst.exec(sql);
  const insert = dst.prepare(`INSERT INTO events VALUES (${rows[0].map(() => '?').join(', ')})`);
  const batch = dst.transaction((chunk) => {
    for (const r of chunk) insert.run(r);
  });
  const started = performance.now();
  for (let i = 0; i < rows.length; i += 1_500) batch(rows.slice(i, i + 1_500));
  const ms = performance.now() - started;
  dst.close();
  return { rows: rows.length, rowsPerSecond: rows.length / (ms / 1000) };
}

export async function benchCycleSqlite() {
  await warmUp();
  const f = await buildCycleFixture({ positions: POSITIONS });
  try {
    // The first cycle settles the fixture's scattered anchors (about 40 % of positions trade); the
    // measured one is the next worker cycle a minute later, as it runs day in, day out.
    const firstStarted = performance.now();
    const first = await scheduledCycle(f);
    const firstMs = performance.now() - firstStarted;
    f.clock.advance(60_000);
    const started = performance.now();
    const result = await scheduledCycle(f);
    const ms = performance.now() - started;
    const raw = rawInsertRate(f.file, result.id);
    const eventsPerPosition = raw.rows / POSITIONS;
    return {
      cycle_sqlite_positions_per_s: Math.round(POSITIONS / (ms / 1000)),
      cycle_sqlite_ms: Math.round(ms),
      cycle_sqlite_orders: result.counts.orders,
      cycle_sqlite_events: raw.rows,
      raw_sqlite_event_rows_per_s: Math.round(raw.rowsPerSecond),
      raw_sqlite_ceiling_positions_per_s: Math.round(raw.rowsPerSecond / eventsPerPosition),
      cycle_sqlite_share_of_ceiling: Number(
        (POSITIONS / (ms / 1000) / (raw.rowsPerSecond / eventsPerPosition)).toFixed(2),
      ),
      cycle_sqlite_first_cycle_positions_per_s: Math.round(POSITIONS / (firstMs / 1000)),
      cycle_sqlite_first_cycle_orders: first.counts.orders,
    };
  } finally {
    await f.close();
  }
}
