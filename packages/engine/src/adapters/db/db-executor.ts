import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './database-schema.js';

/** The database or a transaction on it: repositories are written against either. */
export type DbExecutor = Kysely<DatabaseSchema>;
