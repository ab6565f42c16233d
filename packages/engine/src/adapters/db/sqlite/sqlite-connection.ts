import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, type SqliteDatabase, SqliteDialect, type SqliteStatement } from 'kysely';
import type { DatabaseSchema } from '../database-schema.js';

export interface SqliteConnection {
  readonly db: Kysely<DatabaseSchema>;
  readonly raw: BetterSqlite3.Database;
  close(): Promise<void>;
}

/**
 * Opens the embedded database: WAL so readers never block the writer, `synchronous=FULL` so a
 * committed transaction (a fill, an event) is on disk before the commit returns, foreign keys on,
 * and a busy timeout so a second process waits for the write lock instead of failing.
 */
export function openSqlite(file: string): SqliteConnection {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 10000');
  const db = new Kysely<DatabaseSchema>({
    dialect: new SqliteDialect({ database: withStatementCache(raw) }),
  });
  return { db, raw, close: () => db.destroy() };
}

/** Kysely prepares every statement anew; caching them by SQL text saves SQLite's parser on the hot path. */
function withStatementCache(raw: BetterSqlite3.Database, capacity = 256): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => raw.close(),
    prepare(sqlText: string): SqliteStatement {
      let stmt = cache.get(sqlText);
      if (stmt) {
        cache.delete(sqlText);
      } else {
        stmt = raw.prepare(sqlText);
        if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
      }
      cache.set(sqlText, stmt);
      return stmt as unknown as SqliteStatement;
    },
  };
}
