import { type Kysely, sql } from 'kysely';
import type { SqlDialectName } from '../sql-dialect-name.js';

/** The audit trail is append-only: the database itself refuses UPDATE and DELETE on events. */
export async function up(db: Kysely<unknown>, dialect: SqlDialectName): Promise<void> {
  if (dialect === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER events_append_only_${op.toLowerCase()} BEFORE ${op} ON events BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END`,
        )
        .execute(db);
    }
    return;
  }
  await sql`CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit events are append-only'; END $$`.execute(db);
  // TRUNCATE too: PostgreSQL empties a table with it without firing DELETE triggers. (No PostgreSQL
  // database ran this migration before it said so: DATABASE_URL accepted only sqlite: until then.)
  await sql`CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_append_only()`.execute(db);
}
