import { sql } from 'kysely';
import type { Clock } from '../../../application/ports/clock.js';
import type { DbExecutor } from '../db-executor.js';
import { KyselyStore } from '../kysely-store.js';
import { migrateToLatest } from '../migrate.js';
import { sqliteBulkWriter } from './sqlite-bulk-writer.js';
import { openSqlite } from './sqlite-connection.js';

/**
 * Opens (creating if needed) the SQLite database at `file`, applies pending migrations and returns the
 * store. Write transactions start with BEGIN IMMEDIATE: the write lock is taken before anything is
 * read, so a second process waits for it (busy timeout) instead of failing half-way.
 */
export async function openSqliteStore(
  file: string,
  clock: Clock,
): Promise<{ store: KyselyStore; migrated: string[] }> {
  const conn = openSqlite(file);
  const { applied } = await migrateToLatest(conn.db as never, 'sqlite');
  const runWrite = <T>(fn: (trx: DbExecutor) => Promise<T>): Promise<T> =>
    conn.db.connection().execute(async (c) => {
      await sql`begin immediate`.execute(c);
      try {
        const result = await fn(c);
        await sql`commit`.execute(c);
        return result;
      } catch (error) {
        await sql`rollback`.execute(c).catch(() => undefined);
        throw error;
      }
    });
  return {
    store: new KyselyStore('sqlite', conn.db, clock, runWrite, conn.close, sqliteBulkWriter(conn.raw)),
    migrated: applied,
  };
}
