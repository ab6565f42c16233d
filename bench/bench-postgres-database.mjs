// A throwaway PostgreSQL database for one benchmark: created fresh from template0 and dropped afterwards,
// also when the benchmark fails or is interrupted. The server is BALLAST_BENCH_POSTGRES_URL (default: the
// local one, trust authentication as `postgres`), reached through its maintenance database.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const SERVER_URL = process.env.BALLAST_BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

async function onServer(statement) {
  const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Null when the server answers, else why not. */
export async function probeBenchPostgres() {
  try {
    await onServer('select 1');
    return null;
  } catch (error) {
    const where = new URL(SERVER_URL);
    return `PostgreSQL at ${where.host} unreachable: ${error.message || error.constructor.name}`;
  }
}

/** Runs `fn(url)` on a new database `ballast_bench_<random>` and drops it, whatever `fn` does. */
export async function withBenchDatabase(fn) {
  const name = `ballast_bench_${randomBytes(6).toString('hex')}`;
  // FORCE ends the connections a failed benchmark left open (a worker thread that died mid-cycle).
  const drop = () => onServer(`drop database if exists ${name} with (force)`);
  const interrupted = (signal) => {
    drop().finally(() => process.kill(process.pid, signal));
  };
  await onServer(`create database ${name} template template0`);
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await drop();
  }
}
