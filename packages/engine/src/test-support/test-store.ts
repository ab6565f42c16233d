import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { KyselyStore } from '../adapters/db/kysely-store.js';
import { openPostgresStore } from '../adapters/db/postgres/postgres-store.js';
import { openSqliteStore } from '../adapters/db/sqlite/sqlite-store.js';
import type { Clock } from '../application/ports/clock.js';
import type { TestDialect } from './dialects.js';
import { leaseTestDatabase } from './postgres-test-database.js';

export interface TestStore {
  readonly dialect: TestDialect;
  readonly store: KyselyStore;
  /** A temporary folder of the test's own (the SQLite file lives there). */
  readonly dir: string;
  /** The SQLite file, or null on PostgreSQL. */
  readonly file: string | null;
  /** A second store on the same database, as another engine process would open it (closed by `close`). */
  openAnother(clock: Clock): Promise<KyselyStore>;
  /** One SQL statement on a connection of its own, past every repository: what an intruder could send. */
  query(text: string): Promise<Record<string, unknown>[]>;
  /** Closes the stores and removes the database: the folder, or the PostgreSQL database. */
  close(): Promise<void>;
}

interface Opened {
  readonly file: string | null;
  open(clock: Clock): Promise<KyselyStore>;
  query(text: string): Promise<Record<string, unknown>[]>;
  remove(): Promise<void>;
}

async function sqliteDatabase(dir: string): Promise<Opened> {
  const file = join(dir, 'ballast.db');
  return {
    file,
    open: async (clock) => (await openSqliteStore(file, clock)).store,
    async query(text) {
      const db = new BetterSqlite3(file);
      try {
        const stmt = db.prepare(text);
        if (stmt.reader) return stmt.all() as Record<string, unknown>[];
        stmt.run();
        return [];
      } finally {
        db.close();
      }
    },
    remove: async () => undefined,
  };
}

async function postgresDatabase(): Promise<Opened> {
  const database = await leaseTestDatabase();
  return {
    file: null,
    open: async (clock) => (await openPostgresStore(database.url, clock, { max: 4 })).store,
    async query(text) {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        return (await client.query(text)).rows;
      } finally {
        await client.end();
      }
    },
    remove: () => database.release(),
  };
}

/**
 * A migrated store on a database of its own: a SQLite file in a new temporary folder, or a new
 * PostgreSQL database (`ballast_test_<random>`) that `close` drops again.
 */
export async function openTestStore(dialect: TestDialect, clock: Clock): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), 'ballast-test-'));
  const stores: KyselyStore[] = [];
  let database: Opened | undefined;
  const close = async () => {
    for (const s of stores.splice(0)) await s.close();
    await database?.remove();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    database = dialect === 'sqlite' ? await sqliteDatabase(dir) : await postgresDatabase();
    const opened = database;
    const openAnother = async (c: Clock) => {
      const s = await opened.open(c);
      stores.push(s);
      return s;
    };
    const store = await openAnother(clock);
    return { dialect, store, dir, file: opened.file, openAnother, query: opened.query, close };
  } catch (error) {
    await close();
    throw error;
  }
}
