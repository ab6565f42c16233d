import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { SqlDialectName } from '../sql-dialect-name.js';
import * as m0001 from './0001-initial-schema.js';
import * as m0002 from './0002-append-only-events.js';
import * as m0003 from './0003-access.js';
import * as m0004 from './0004-paper-broker-record.js';
import * as m0005 from './0005-schedule-slots.js';
import * as m0006 from './0006-simulation-lab.js';

type DialectMigration = { up(db: Kysely<unknown>, dialect: SqlDialectName): Promise<void> };

/** Numbered migrations, applied in order at start-up. Never edit one that has shipped; add the next number. */
const NUMBERED: Record<string, DialectMigration> = {
  '0001-initial-schema': m0001,
  '0002-append-only-events': m0002,
  '0003-access': m0003,
  '0004-paper-broker-record': m0004,
  '0005-schedule-slots': m0005,
  '0006-simulation-lab': m0006,
};

export function migrationProvider(dialect: SqlDialectName): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return Object.fromEntries(
        Object.entries(NUMBERED).map(([name, m]) => [
          name,
          { up: (db: Kysely<unknown>) => m.up(db, dialect) },
        ]),
      );
    },
  };
}
