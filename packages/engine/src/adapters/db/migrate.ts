import { type Kysely, Migrator } from 'kysely';
import { migrationProvider } from './migrations/migrations.js';
import type { SqlDialectName } from './sql-dialect-name.js';

export interface MigrationReport {
  readonly applied: string[];
}

/** Brings the schema up to date; fails loudly (and changes nothing more) if a migration fails. */
export async function migrateToLatest(
  db: Kysely<unknown>,
  dialect: SqlDialectName,
): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? 'unknown error');
    const which = failed ? ` ${failed.migrationName}` : '';
    throw new Error(`database migration${which} failed: ${cause}`, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
