import { afterEach, beforeEach, describe } from 'vitest';
import { TestClock } from '../adapters/clock/test-clock.js';
import { maskedDatabaseUrl } from '../config.js';
import { probeTestPostgres, TEST_POSTGRES_URL } from './postgres-test-database.js';
import { T0 } from './record-factories.js';
import { openTestStore, type TestStore } from './test-store.js';

export type TestDialect = 'sqlite' | 'postgres';

/** Every database the engine runs on; suites run once per dialect, as Kysely's own tests do. */
export const DIALECTS: readonly TestDialect[] = ['sqlite', 'postgres'];

let availability: Promise<boolean> | undefined;

/**
 * Whether the PostgreSQL variants can run, asked once per test file. Without a server they are
 * skipped and the reason is printed; with CI=true they must run, so an unreachable server fails the file.
 */
export function postgresAvailable(): Promise<boolean> {
  availability ??= probeTestPostgres().then((problem) => {
    if (problem === null) return true;
    const where = `PostgreSQL at ${maskedDatabaseUrl(TEST_POSTGRES_URL)} unreachable: ${problem}`;
    if (process.env.CI === 'true')
      throw new Error(`${where}; CI=true, where the PostgreSQL suites must run (BALLAST_TEST_POSTGRES_URL)`);
    console.warn(`${where}; the PostgreSQL suites were skipped`);
    return false;
  });
  return availability;
}

const POSTGRES_AVAILABLE = await postgresAvailable();

/** `describe` once per dialect (`title (sqlite)`, `title (postgres)`); PostgreSQL's shows as skipped without a server. */
export function describeEachDialect(title: string, body: (dialect: TestDialect) => void): void {
  for (const dialect of DIALECTS)
    describe.skipIf(dialect === 'postgres' && !POSTGRES_AVAILABLE)(`${title} (${dialect})`, () =>
      body(dialect),
    );
}

/**
 * A fresh migrated store of `dialect` for every test (a SQLite file, or a PostgreSQL database of its
 * own), on a test clock at T0; read `ctx.db` and `ctx.clock` inside the tests.
 */
export function useTestStore(dialect: TestDialect): { readonly db: TestStore; readonly clock: TestClock } {
  const ctx = {} as { db: TestStore; clock: TestClock };
  beforeEach(async () => {
    ctx.clock = new TestClock(T0);
    ctx.db = await openTestStore(dialect, ctx.clock);
  });
  afterEach(() => ctx.db.close());
  return ctx;
}
