import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseSchema } from '../database-schema.js';

export interface PostgresConnection {
  readonly db: Kysely<DatabaseSchema>;
  close(): Promise<void>;
}

export interface PostgresPoolOptions {
  /** Connections per pool. Writers queue on one lock anyway; the rest serve concurrent reads. */
  readonly max?: number;
  /** Longest one statement may run, waiting for the writers' lock included; 0 for none. */
  readonly statementTimeoutMs?: number;
}

/** 8 per pool: `ballast serve` opens two (the API and the trading thread), so 16 per engine process. */
const DEFAULT_MAX = 8;
const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

/**
 * Type parsers for this pool only (the global `pg.types` stay untouched): `bigint` (the events' `seq`,
 * `count(*)`) becomes a JS number, as SQLite returns it, and refuses one that a number cannot hold
 * exactly; `numeric` stays the exact decimal text.
 */
function typeParsers(): pg.CustomTypesConfig {
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, (text: string) => {
    const n = Number(text);
    if (!Number.isSafeInteger(n)) throw new Error(`bigint ${text} does not fit a JS number exactly`);
    return n;
  });
  types.setTypeParser(pg.types.builtins.NUMERIC, (text: string) => text);
  return types;
}

/**
 * A connection pool on `url` (postgres://user:password@host:port/database): a statement timeout so
 * nothing waits forever, an idle-in-transaction timeout so a stuck process cannot hold the writers'
 * lock for long, and a connect timeout so an unreachable server is an error, not a hang.
 */
export function openPostgres(url: string, options: PostgresPoolOptions = {}): PostgresConnection {
  const statementTimeout = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? DEFAULT_MAX,
    types: typeParsers(),
    application_name: 'ballast',
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    ...(statementTimeout > 0 ? { statement_timeout: statementTimeout } : {}),
    idle_in_transaction_session_timeout: 60_000,
  });
  // An idle connection that dies (the server restarted) is dropped from the pool; the next query
  // reports the outage. Without a listener the error would end the process.
  pool.on('error', () => undefined);
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  return { db, close: () => db.destroy() };
}
