import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { Clock } from '../../../application/ports/clock.js';
import type { DbExecutor } from '../db-executor.js';
import type { EventRowWriter } from '../kysely-audit-log.js';
import { KyselyStore } from '../kysely-store.js';
import { migrateToLatest } from '../migrate.js';
import { openSqlite } from './sqlite-connection.js';

const EVENT_COLUMNS = [
  'seq',
  'id',
  'type',
  'occurred_at',
  'recorded_at',
  'source',
  'actor',
  'cycle_id',
  'parent_id',
  'portfolio_id',
  'position_id',
  'symbol',
  'payload',
  'prev_hash',
  'hash',
] as const;

/**
 * Events are most of what a cycle writes. One prepared single-row INSERT run per event, inside the
 * caller's transaction on the same connection, costs a few microseconds, where building a multi-row
 * INSERT through the query builder costs far more than SQLite's own work.
 */
function sqliteEventWriter(raw: BetterSqlite3.Database): EventRowWriter {
  const insert = raw.prepare(
    `INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`,
  );
  return async (_db, rows) => {
    for (const r of rows) {
      insert.run(
        r.seq,
        r.id,
        r.type,
        r.occurred_at,
        r.recorded_at,
        r.source,
        r.actor,
        r.cycle_id,
        r.parent_id,
        r.portfolio_id,
        r.position_id,
        r.symbol,
        r.payload,
        r.prev_hash,
        r.hash,
      );
    }
  };
}

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
    store: new KyselyStore('sqlite', conn.db, clock, runWrite, conn.close, sqliteEventWriter(conn.raw)),
    migrated: applied,
  };
}
