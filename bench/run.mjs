// `npm run bench`: measures the engine side by side in one run and writes bench/results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { benchAuditQueries } from './audit-queries.mjs';
import { benchConsoleBundle } from './console-bundle.mjs';
import { benchCyclePostgres } from './cycle-postgres.mjs';
import { benchCycleSqlite } from './cycle-sqlite.mjs';
import { benchOptimize } from './optimize-grid.mjs';
import { benchSimulate } from './simulate-bars.mjs';
import { benchStatusDuringCycle } from './status-during-cycle.mjs';

/** [comparison, bound]: a number, or the name of another figure of the same run. */
const TARGETS = {
  cycle_sqlite_positions_per_s: ['>=', 10_000],
  cycle_postgres_positions_per_s: ['>=', 5_000],
  cycle_postgres_2engines_positions_per_s: ['>', 'cycle_postgres_positions_per_s'],
  status_p99_ms_during_cycle: ['<', 50],
  simulate_bars_per_s: ['>=', 2_000_000],
  optimize_1000_combos_s: ['<', 5],
  console_first_page_js_gzip_kb: ['<', 300],
};

const results = {
  measured_at: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    model: cpus()[0]?.model,
    load_before: loadavg().map((l) => Number(l.toFixed(2))),
    node: process.version,
  },
};
for (const [name, bench] of [
  ['cycle (SQLite)', benchCycleSqlite],
  ['cycles (PostgreSQL, one engine and two)', benchCyclePostgres],
  ['status during cycles', benchStatusDuringCycle],
  ['simulation core', benchSimulate],
  ['optimization on worker threads', benchOptimize],
  ['audit queries of the console', benchAuditQueries],
  ['console bundle', benchConsoleBundle],
]) {
  process.stdout.write(`running ${name} …\n`);
  Object.assign(results, await bench());
}
mkdirSync(new URL('results/', import.meta.url), { recursive: true });
writeFileSync(new URL('results/latest.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);

function meets(value, [comparison, bound]) {
  const limit = typeof bound === 'string' ? results[bound] : bound;
  if (comparison === '>=') return value >= limit;
  if (comparison === '>') return value > limit;
  return value < limit;
}

for (const [key, value] of Object.entries(results)) {
  if (typeof value === 'object') continue;
  const target = TARGETS[key];
  const verdict = target
    ? `  (target ${target[0]} ${target[1]}: ${meets(value, target) ? 'met' : 'NOT met'})`
    : '';
  process.stdout.write(`${key.padEnd(40)} ${String(value).padStart(12)}${verdict}\n`);
}
process.stdout.write('written to bench/results/latest.json\n');
