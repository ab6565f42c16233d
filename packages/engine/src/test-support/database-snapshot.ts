import BetterSqlite3 from 'better-sqlite3';

/** Every row of every table, by table name; rows in a fixed order (all columns, left to right). */
export type DatabaseSnapshot = Record<string, unknown[]>;

export interface DatabaseSnapshots {
  take(): DatabaseSnapshot;
  close(): void;
}

/**
 * Reads a harness's SQLite file through its own read-only connection (WAL: it sees every committed
 * write, and cannot make one), so a test can prove that a request changed nothing at all.
 */
export function databaseSnapshots(file: string): DatabaseSnapshots {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  return {
    take() {
      const tables = db
        .prepare(
          `select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`,
        )
        .pluck()
        .all() as string[];
      const snapshot: DatabaseSnapshot = {};
      for (const table of tables) {
        const columns = (db.pragma(`table_info(${quote(table)})`) as { name: string }[]).map((c) => c.name);
        snapshot[table] = db
          .prepare(`select * from ${quote(table)} order by ${columns.map(quote).join(', ')}`)
          .all();
      }
      return snapshot;
    },
    close: () => db.close(),
  };
}
