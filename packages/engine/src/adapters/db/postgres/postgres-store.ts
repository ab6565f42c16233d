import { sql } from 'kysely';
import type { Clock } from '../../../application/ports/clock.js';
import type { DbExecutor } from '../db-executor.js';
import { KyselyStore } from '../kysely-store.js';
import { migrateToLatest } from '../migrate.js';
import { postgresBulkWriter } from './postgres-bulk-writer.js';
import { openPostgres, type PostgresPoolOptions } from './postgres-connection.js';

/**
 * The key of the one advisory lock every write transaction takes ('blst' in ASCII). Advisory locks
 * belong to one database, so two Ballast databases on one server never wait for each other.
 */
export const WRITERS_LOCK_KEY = 0x626c7374;

/**
 * Opens the PostgreSQL database at `url` (which must exist), creates or updates its schema, and
 * returns the store. Every write transaction is READ COMMITTED and starts by taking one advisory lock,
 * so writers run one at a time across every process on the database, as they do on SQLite: the audit
 * log reads the head of its chain and extends it (docs/decisions/0012-postgres-writers.md). A batch's
 * rows go through the PostgreSQL bulk writer, one statement per kind of row, to keep that lock short.
 */
export async function openPostgresStore(
  url: string,
  clock: Clock,
  options: PostgresPoolOptions = {},
): Promise<{ store: KyselyStore; migrated: string[] }> {
  const migrated = await migratePostgres(url);
  const conn = openPostgres(url, options);
  const runWrite = <T>(fn: (trx: DbExecutor) => Promise<T>): Promise<T> =>
    conn.db
      .transaction()
      .setIsolationLevel('read committed')
      .execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${sql.lit(WRITERS_LOCK_KEY)})`.execute(trx);
        return fn(trx);
      });
  return {
    store: new KyselyStore('postgres', conn.db, clock, runWrite, conn.close, postgresBulkWriter),
    migrated,
  };
}

/**
 * Migrations run on a connection of their own without a statement timeout: an index built on a long
 * audit trail may take minutes, and Kysely's migration lock makes a second engine starting at the
 * same moment wait for the first.
 */
async function migratePostgres(url: string): Promise<string[]> {
  const conn = openPostgres(url, { max: 1, statementTimeoutMs: 0 });
  try {
    return (await migrateToLatest(conn.db as never, 'postgres')).applied;
  } catch (error) {
    if (sqlStateOf(error) === UNDEFINED_DATABASE)
      throw new Error(
        `${(error as Error).message}: Ballast creates the schema, not the database; create it first (createdb, or CREATE DATABASE)`,
        { cause: error },
      );
    throw error;
  } finally {
    await conn.close();
  }
}

/** SQLSTATE 3D000: the database named in the URL does not exist. */
const UNDEFINED_DATABASE = '3D000';

function sqlStateOf(error: unknown): string | undefined {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  return typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : undefined;
}
