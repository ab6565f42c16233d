// Scheduled worker cycles over 10 000 active positions on PostgreSQL: one engine, and two engines
// running the same slot at once (each on a worker thread with a pool of its own, as two `ballast worker`
// processes would), splitting the slot's positions between them. The two configurations take turns,
// three slots each, and each figure is the median slot (the machine is shared). What bounds them: how
// much of the wall time the writers' advisory lock was held, the CPU the slot kept busy, and the
// server's own rate for the cycle's event rows inserted with multi-row INSERTs into an empty copy of the
// events table (the ceiling). The audit chain the engines wrote together is verified at the end.
import { readdirSync, readFileSync } from 'node:fs';
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
  const [cpu, server] = [process.cpuUsage(), serverCpuMs()];
  const started = performance.now();
  const cycles = await Promise.all(engines.map((e) => e.cycle(at)));
  const ms = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  const serverAfter = serverCpuMs();
  const held = cycles.flatMap((c) => c.transactions.held).sort((a, b) => a[0] - b[0]);
  return {
    ms,
    cpuMs: (user + system) / 1000,
    serverCpuMs: server === null || serverAfter === null ? null : serverAfter - server,
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

/**
 * CPU time of every `postgres` process on this machine so far (Linux /proc), or null when there are
 * none to read (a server elsewhere): with the engines' own CPU, what the slot cost the machine. Other
 * databases' work on the same server counts too.
 */
function serverCpuMs() {
  let ticks = 0;
  let found = false;
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes(' (postgres) ')) continue;
      // After "pid (comm) ": state is field 0, utime/stime/cutime/cstime are fields 11–14.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += fields.slice(11, 15).reduce((n, f) => n + Number(f), 0);
      found = true;
    }
  } catch {
    return null; // no /proc, or a process ended while it was read: this slot goes unmeasured
  }
  return found ? ticks * 10 : null; // USER_HZ is 100 on Linux
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
/** Cores the slot kept busy on average: the engines' threads and, when it runs here, the server. */
const cores = (slot) => share(slot.cpuMs + (slot.serverCpuMs ?? 0), slot.ms);

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

/** Measured slots per configuration, one engine and two taking turns, so both see the same load. */
const ROUNDS = 3;

/** The slot of median wall time. */
const median = (slots) => [...slots].sort((a, b) => a.ms - b.ms)[Math.floor(slots.length / 2)];

async function measure(url, f) {
  const t0 = f.clock.now();
  const at = (slot) => t0 + slot * MINUTE;
  const { first, ones, twos } = await withEngines(
    url,
    t0,
    ['engine-1', 'engine-a', 'engine-b'],
    async ([solo, a, b]) => {
      // The first slot settles the fixture's scattered anchors (about 40 % of positions trade); the
      // measured ones follow a minute apart, as they run day in, day out. The two engines get a slot
      // to warm up first (threads start cold).
      const settling = await runSlot([solo], at(0));
      await analyze(url);
      await runSlot([a, b], at(1));
      const rounds = { first: settling, ones: [], twos: [] };
      for (let r = 0; r < ROUNDS; r++) {
        rounds.ones.push(await runSlot([solo], at(2 + 2 * r)));
        rounds.twos.push(await runSlot([a, b], at(3 + 2 * r)));
      }
      return rounds;
    },
  );
  for (const slot of [first, ...ones, ...twos])
    if (slot.positions !== POSITIONS)
      throw new Error(`a slot evaluated ${slot.positions} positions, not ${POSITIONS}`);
  // Eight slots, three engines, one lock: the audit trail must still be one gap-free chain.
  const chain = await f.store.audit.verify();
  if (!chain.ok) throw new Error(`the audit chain broke at seq ${chain.first_bad_seq}: ${chain.reason}`);
  const [one, two] = [median(ones), median(twos)];
  const raw = await rawInsertRate(url, one.cycles[0].id);
  const ceiling = raw.rowsPerSecond / (raw.rows / POSITIONS);
  const rates = (slots) => slots.map((s) => perSecond(POSITIONS, s.ms)).join(' ');
  return {
    cycle_postgres_positions_per_s: perSecond(POSITIONS, one.ms),
    cycle_postgres_slots_positions_per_s: rates(ones),
    cycle_postgres_ms: Math.round(one.ms),
    cycle_postgres_orders: one.orders,
    cycle_postgres_events: raw.rows,
    cycle_postgres_write_transactions: one.transactions,
    cycle_postgres_statements: one.statements,
    cycle_postgres_lock_held_share: share(one.heldMs, one.ms),
    cycle_postgres_cpu_cores: cores(one),
    cycle_postgres_first_cycle_positions_per_s: perSecond(POSITIONS, first.ms),
    cycle_postgres_2engines_positions_per_s: perSecond(POSITIONS, two.ms),
    cycle_postgres_2engines_slots_positions_per_s: rates(twos),
    cycle_postgres_2engines_ms: Math.round(two.ms),
    cycle_postgres_2engines_split: two.cycles.map((c) => c.positions).join(' + '),
    cycle_postgres_2engines_lock_held_share: share(two.heldUnionMs, two.ms),
    cycle_postgres_2engines_lock_wait_share: share(two.waitMs / 2, two.ms),
    cycle_postgres_2engines_cpu_cores: cores(two),
    raw_postgres_event_rows_per_s: Math.round(raw.rowsPerSecond),
    raw_postgres_ceiling_positions_per_s: Math.round(ceiling),
    cycle_postgres_share_of_ceiling: share(POSITIONS / (one.ms / 1000), ceiling),
    cycle_postgres_events_verified: chain.checked,
  };
}
