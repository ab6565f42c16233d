// Scheduled worker cycles over 10 000 active positions on PostgreSQL: one engine, then two engines
// running the same slot at once (each on a worker thread with a pool of its own, as two `ballast worker`
// processes would), splitting the slot's positions between them. What bounds them: how much of the wall
// time the writers' advisory lock was held, and the server's own rate for the cycle's event rows
// inserted with multi-row INSERTs into an empty copy of the events table (the ceiling). The audit chain
// the engines wrote together is verified at the end.
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { probeBenchPostgres, withBenchDatabase } from './bench-postgres-database.mjs';
import { buildCycleFixture } from './cycle-fixture.mjs';

const POSITIONS = 10_000;
const MINUTE = 60_000;

function startEngine(url, now, instanceId) {
  const thread = new Worker(new URL('cycle-postgres-thread.mjs', import.meta.url), {
    workerData: { url, now, instanceId },
  });
  // One request at a time: the thread answers each message with one of its own, or dies.
  let pending = null;
  let dead = null;
  const settle = (outcome) => {
    const p = pending;
    pending = null;
    if (outcome.error) p?.reject(outcome.error);
    else p?.resolve(outcome.message);
  };
  thread.on('message', (message) => settle({ message }));
  thread.on('error', (error) => settle({ error }));
  thread.on('exit', (code) => {
    dead = new Error(`engine ${instanceId} exited with code ${code}`);
    settle({ error: dead });
  });
  const request = (message) =>
    new Promise((resolve, reject) => {
      if (dead) return reject(dead);
      pending = { resolve, reject };
      if (message) thread.postMessage(message);
    });
  return {
    ready: request(null),
    /** Runs the scheduled cycle of the minute `at` falls in. */
    cycle: (at) => request({ kind: 'cycle', at }),
    async stop() {
      await request({ kind: 'stop' }).catch(() => undefined);
      await thread.terminate();
    },
  };
}

/** Starts the engines, runs `fn` with them, and stops them whatever happens. */
async function withEngines(url, now, names, fn) {
  const engines = names.map((name) => startEngine(url, now, name));
  try {
    await Promise.all(engines.map((e) => e.ready));
    return await fn(engines);
  } finally {
    await Promise.all(engines.map((e) => e.stop()));
  }
}

/** Runs the slot of `at` on every engine at once; wall time from the start of all to the end of the last. */
async function runSlot(engines, at) {
  const started = performance.now();
  const cycles = await Promise.all(engines.map((e) => e.cycle(at)));
  const ms = performance.now() - started;
  const held = cycles.flatMap((c) => c.transactions.held).sort((a, b) => a[0] - b[0]);
  return {
    ms,
    cycles,
    positions: cycles.reduce((n, c) => n + c.positions, 0),
    orders: cycles.reduce((n, c) => n + c.orders, 0),
    transactions: cycles.reduce((n, c) => n + c.transactions.count, 0),
    statements: cycles.reduce((n, c) => n + c.statements, 0),
    heldMs: cycles.reduce((n, c) => n + c.transactions.heldMs, 0),
    heldUnionMs: unionMs(held),
    waitMs: cycles.reduce((n, c) => n + c.transactions.waitMs, 0),
  };
}

/** The length of the union of [start, end] intervals sorted by start. */
function unionMs(intervals) {
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [s, e] of intervals) {
    if (e <= end) continue;
    total += e - Math.max(s, end);
    end = e;
  }
  return total;
}

/**
 * What autovacuum does to a database in use: without statistics on the freshly filled tables the
 * planner takes a position for the slot by joining all 10 000 first (30 ms a batch instead of 5–15).
 */
async function analyze(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('vacuum analyze');
  } finally {
    await client.end();
  }
}

/** The measured cycle's event rows, 500 per INSERT and 1 500 per transaction, into an empty copy of the table. */
async function rawInsertRate(url, cycleId) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows, fields } = await client.query({
      text: 'select * from events where cycle_id = $1 order by seq',
      values: [cycleId],
      rowMode: 'array',
    });
    await client.query('create table raw_events (like events including all)');
    const columns = fields.map((f) => f.name).join(', ');
    const insert = (part) =>
      client.query(
        `insert into raw_events (${columns}) values ${part
          .map((_, r) => `(${fields.map((_, c) => `$${r * fields.length + c + 1}`).join(', ')})`)
          .join(', ')}`,
        part.flat(),
      );
    const started = performance.now();
    for (let i = 0; i < rows.length; i += 1_500) {
      await client.query('begin');
      for (let j = i; j < Math.min(i + 1_500, rows.length); j += 500)
        await insert(rows.slice(j, Math.min(j + 500, i + 1_500)));
      await client.query('commit');
    }
    const ms = performance.now() - started;
    return { rows: rows.length, rowsPerSecond: rows.length / (ms / 1000) };
  } finally {
    await client.end();
  }
}

const perSecond = (positions, ms) => Math.round(positions / (ms / 1000));
const share = (part, whole) => Number((part / whole).toFixed(2));

export async function benchCyclePostgres() {
  const unreachable = await probeBenchPostgres();
  if (unreachable) {
    console.warn(`${unreachable}; the PostgreSQL cycles were skipped`);
    return { cycle_postgres_skipped: unreachable };
  }
  return withBenchDatabase(async (url) => {
    const f = await buildCycleFixture({ positions: POSITIONS, postgresUrl: url });
    try {
      return await measure(url, f);
    } finally {
      await f.close();
    }
  });
}

async function measure(url, f) {
  const t0 = f.clock.now();
  // The first slot settles the fixture's scattered anchors (about 40 % of positions trade); the
  // measured one is the next a minute later, as it runs day in, day out.
  const [first, one] = await withEngines(url, t0, ['engine-1'], async (engines) => {
    const settling = await runSlot(engines, t0);
    await analyze(url);
    return [settling, await runSlot(engines, t0 + MINUTE)];
  });
  // Two fresh engines: a slot to warm them up (threads start cold), then the measured one.
  const two = await withEngines(url, t0 + 2 * MINUTE, ['engine-a', 'engine-b'], async (engines) => {
    await runSlot(engines, t0 + 2 * MINUTE);
    return runSlot(engines, t0 + 3 * MINUTE);
  });
  for (const slot of [first, one, two])
    if (slot.positions !== POSITIONS)
      throw new Error(`a slot evaluated ${slot.positions} positions, not ${POSITIONS}`);
  // Four slots, three engines, one lock: the audit trail must still be one gap-free chain.
  const chain = await f.store.audit.verify();
  if (!chain.ok) throw new Error(`the audit chain broke at seq ${chain.first_bad_seq}: ${chain.reason}`);
  const raw = await rawInsertRate(url, one.cycles[0].id);
  const ceiling = raw.rowsPerSecond / (raw.rows / POSITIONS);
  return {
    cycle_postgres_positions_per_s: perSecond(POSITIONS, one.ms),
    cycle_postgres_ms: Math.round(one.ms),
    cycle_postgres_orders: one.orders,
    cycle_postgres_events: raw.rows,
    cycle_postgres_write_transactions: one.transactions,
    cycle_postgres_statements: one.statements,
    cycle_postgres_lock_held_share: share(one.heldMs, one.ms),
    cycle_postgres_first_cycle_positions_per_s: perSecond(POSITIONS, first.ms),
    cycle_postgres_2engines_positions_per_s: perSecond(POSITIONS, two.ms),
    cycle_postgres_2engines_ms: Math.round(two.ms),
    cycle_postgres_2engines_split: two.cycles.map((c) => c.positions).join(' + '),
    cycle_postgres_2engines_lock_held_share: share(two.heldUnionMs, two.ms),
    cycle_postgres_2engines_lock_wait_share: share(two.waitMs / 2, two.ms),
    raw_postgres_event_rows_per_s: Math.round(raw.rowsPerSecond),
    raw_postgres_ceiling_positions_per_s: Math.round(ceiling),
    cycle_postgres_share_of_ceiling: share(POSITIONS / (one.ms / 1000), ceiling),
    cycle_postgres_events_verified: chain.checked,
  };
}
