import { execFile } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresAvailable } from '../src/test-support/dialects.js';
import {
  createTestDatabase,
  TEST_POSTGRES_URL,
  type TestDatabase,
} from '../src/test-support/postgres-test-database.js';
import { BALLAST, ensureBuilt, ROOT } from './support/engine-process.js';

const available = await postgresAvailable();

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function ballast(databaseUrl: string, ...args: string[]): Promise<Run> {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl };
  return new Promise((resolve) => {
    execFile(process.execPath, [BALLAST, ...args], { cwd: ROOT, env }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The database's URL with a password in it (trust authentication ignores it; the logs must not show it). */
function withPassword(url: string): string {
  const u = new URL(url);
  u.password = 'not-a-secret';
  return u.toString();
}

let database: TestDatabase | null = null;
afterEach(async () => {
  await database?.drop();
  database = null;
});

describe.skipIf(!available)('ballast migrate on PostgreSQL', () => {
  it('creates the schema in an empty database, once, and names the database without its password', async () => {
    ensureBuilt();
    database = await createTestDatabase();
    const url = withPassword(database.url);
    const first = await ballast(url, 'migrate');
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain(`applied `);
    expect(first.stdout).toContain('0001-initial-schema, 0002-append-only-events, 0003-access');
    expect(first.stdout).toContain(`postgres://postgres:***@`);
    expect(first.stdout).not.toContain('not-a-secret');
    const again = await ballast(url, 'migrate');
    expect(again).toMatchObject({
      code: 0,
      stdout: `postgres://postgres:***@${new URL(url).host}/${database.name} is up to date\n`,
    });
    expect(await ballast(url, 'audit', 'verify')).toMatchObject({ code: 0 });
  });

  it('says the database must exist when it does not', async () => {
    ensureBuilt();
    const missing = new URL(withPassword(TEST_POSTGRES_URL));
    missing.pathname = '/ballast_no_such_database';
    const run = await ballast(missing.toString(), 'migrate');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('database "ballast_no_such_database" does not exist');
    expect(run.stderr).toContain('Ballast creates the schema, not the database');
    expect(run.stderr).not.toContain('not-a-secret');
  });
});
