/**
 * Users and API tokens managed at the command line (`ballast user …`, `ballast token …`) on a real
 * SQLite file, proven against a real `ballast serve` on the same database: the passwords and tokens
 * the CLI sets are the ones the API accepts, with the roles given, and the audit trail names the CLI.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ApiToken, AuditEvent, listOf, User } from '@ballast/contracts';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BALLAST,
  type EngineProcess,
  engineEnv,
  engineSettings,
  ensureBuilt,
  killHard,
  ROOT,
  running,
  startBallast,
  writeSeesawCsv,
} from './support/engine-process.js';

const PASSWORD = 'alice-first-password';
const NEW_PASSWORD = 'alice-second-password';
const CLI_ACTOR = `cli:${userInfo().username}`;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

let dir = '';

/** The built `ballast` command on this test's database, with `stdin` written to it (and closed). */
function ballast(args: string[], stdin = ''): Promise<Run> {
  const env = engineEnv({ DATABASE_URL: `sqlite:${join(dir, 'ballast.db')}` });
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BALLAST, ...args],
      { cwd: ROOT, env },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin!.on('error', () => undefined); // a command that refuses its arguments never reads stdin
    child.stdin!.end(stdin);
  });
}

async function serve(): Promise<EngineProcess> {
  const settings = engineSettings(dir, await writeSeesawCsv(dir, 100));
  return startBallast('serve', { ...settings, LOGIN_MAX_FAILURES: '2', LOGIN_ATTEMPTS_PER_MINUTE: '100' });
}

/** `POST /v1/auth/login` as a script does it: the status, and the bearer token when it worked. */
async function login(engine: EngineProcess, username: string, password: string) {
  const response = await fetch(`${engine.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json()) as { token?: string };
  return { status: response.status, token: body.token ?? '' };
}

function call(engine: EngineProcess, token: string, method: string, path: string) {
  return fetch(`${engine.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
}

async function events(engine: EngineProcess, token: string, type: string) {
  const response = await call(engine, token, 'GET', `/v1/events?type=${type}`);
  expect(response.status).toBe(200);
  return listOf(AuditEvent).parse(await response.json()).items;
}

beforeAll(() => {
  ensureBuilt();
}, 180_000);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ballast-cli-access-'));
});

afterEach(async () => {
  await Promise.all(running.splice(0).map(killHard));
  await rm(dir, { recursive: true, force: true });
});

describe('ballast user', () => {
  it('adds a user with --password-stdin; list shows it as a table and as the wire shape', async () => {
    const add = await ballast(
      ['user', 'add', 'alice', '--role', 'operator', '--password-stdin'],
      `${PASSWORD}\n`,
    );
    expect(add).toEqual({ code: 0, stdout: 'created user alice (operator)\n', stderr: '' });

    const table = await ballast(['user', 'list']);
    expect(table.code).toBe(0);
    const [header, row, ...more] = table.stdout.trimEnd().split('\n');
    expect(header!.split(/\s{2,}/)).toEqual(['username', 'role', 'disabled', 'locked until', 'last login']);
    expect(row!.split(/\s+/)).toEqual(['alice', 'operator', 'no', '-', 'never']);
    expect(more).toEqual([]);

    const json = await ballast(['user', 'list', '--json']);
    const users = User.array().parse(JSON.parse(json.stdout));
    expect(users).toEqual([
      expect.objectContaining({ username: 'alice', role: 'operator', disabled: false, locked_until: null }),
    ]);
    expect(json.stdout).not.toContain(PASSWORD);
    expect(json.stdout).not.toMatch(/argon2|password/i);
  });

  it('refuses a password shorter than 12 characters with exit 2, and creates nobody', async () => {
    const run = await ballast(['user', 'add', 'bob', '--role', 'viewer', '--password-stdin'], 'too-short\n');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the password from --password-stdin must be at least 12 characters');
    expect(run.stderr + run.stdout).not.toContain('too-short');
    expect((await ballast(['user', 'list'])).stdout).not.toContain('bob');
  });

  it('names the bad argument or flag with exit 2', async () => {
    const badName = await ballast(
      ['user', 'add', 'Bob', '--role', 'viewer', '--password-stdin'],
      `${PASSWORD}\n`,
    );
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain('NAME "Bob" must be 1–64 lower-case letters');
    const badRole = await ballast(
      ['user', 'add', 'bob', '--role', 'root', '--password-stdin'],
      `${PASSWORD}\n`,
    );
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--role must be one of viewer, operator, admin, not "root"');
    // No terminal to type at, and no --password-stdin: it says how to pass the password.
    const noInput = await ballast(['user', 'add', 'bob', '--role', 'viewer']);
    expect(noInput.code).toBe(2);
    expect(noInput.stderr).toContain('--password-stdin');
  });

  it('refuses a second user of the same name with exit 1', async () => {
    const args = ['user', 'add', 'alice', '--role', 'viewer', '--password-stdin'];
    expect((await ballast(args, `${PASSWORD}\n`)).code).toBe(0);
    const again = await ballast(args, `${NEW_PASSWORD}\n`);
    expect(again).toMatchObject({ code: 1, stdout: '' });
    expect(again.stderr).toBe('ballast: user alice already exists\n');
  });

  it('sets the password the API checks; passwd replaces it, ends sessions and lifts a lock-out', async () => {
    await ballast(['user', 'add', 'alice', '--role', 'operator', '--password-stdin'], `${PASSWORD}\n`);
    const engine = await serve();
    const first = await login(engine, 'alice', PASSWORD);
    expect(first.status).toBe(200);
    expect((await call(engine, first.token, 'GET', '/v1/trading/worker/status')).status).toBe(200);

    // Two wrong passwords lock alice out (LOGIN_MAX_FAILURES=2); even the right one is refused now.
    expect((await login(engine, 'alice', 'wrong-password-1')).status).toBe(401);
    expect((await login(engine, 'alice', 'wrong-password-2')).status).toBe(429);
    expect((await login(engine, 'alice', PASSWORD)).status).toBe(429);
    const locked = (await ballast(['user', 'list'])).stdout.split('\n')[1]!.split(/\s+/);
    expect(locked[3]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(locked[4]).toMatch(/^\d{4}-/); // the first login

    const passwd = await ballast(['user', 'passwd', 'alice', '--password-stdin'], `${NEW_PASSWORD}\n`);
    expect(passwd.code).toBe(0);
    expect(passwd.stdout).toContain('set a new password for alice');
    expect((await call(engine, first.token, 'GET', '/v1/trading/worker/status')).status).toBe(401);
    expect((await login(engine, 'alice', PASSWORD)).status).toBe(401);
    const second = await login(engine, 'alice', NEW_PASSWORD);
    expect(second.status).toBe(200);

    const changes = [
      ...(await events(engine, second.token, 'UserCreated')),
      ...(await events(engine, second.token, 'UserUpdated')),
    ];
    expect(changes.map((e) => [e.type, e.source, e.actor])).toEqual([
      ['UserCreated', 'system', CLI_ACTOR],
      ['UserUpdated', 'system', CLI_ACTOR],
    ]);
    expect(changes[1]!.payload).toMatchObject({ username: 'alice', password_changed: true });
    expect(JSON.stringify(changes)).not.toContain(NEW_PASSWORD);
  }, 60_000);

  it('disable stops the logins of a user and ends their sessions; enable lets them in again', async () => {
    await ballast(['user', 'add', 'alice', '--role', 'viewer', '--password-stdin'], `${PASSWORD}\n`);
    const engine = await serve();
    const before = await login(engine, 'alice', PASSWORD);

    expect((await ballast(['user', 'disable', 'alice'])).code).toBe(0);
    expect((await ballast(['user', 'list'])).stdout.split('\n')[1]!.split(/\s+/)[2]).toBe('yes');
    expect((await call(engine, before.token, 'GET', '/v1/trading/worker/status')).status).toBe(401);
    expect((await login(engine, 'alice', PASSWORD)).status).toBe(401);

    expect((await ballast(['user', 'enable', 'alice'])).code).toBe(0);
    expect((await login(engine, 'alice', PASSWORD)).status).toBe(200);
    expect((await ballast(['user', 'disable', 'nobody'])).stderr).toContain('user nobody does not exist');
  }, 60_000);
});

describe('ballast token', () => {
  it('prints a token once that works with its role until it is revoked, all audited as the CLI', async () => {
    const engine = await serve(); // a new database: the server creates admin, the CLI adds tokens while it runs
    const viewer = await ballast(['token', 'create', '--name', 'dashboard', '--role', 'viewer']);
    expect(viewer.code).toBe(0);
    expect(viewer.stdout).toMatch(/^blt_[A-Za-z0-9_-]{43}\n$/);
    const secret = viewer.stdout.trim();
    expect(viewer.stderr).toContain('created token dashboard (viewer, no expiry');
    expect(viewer.stderr).toContain('only time it is shown');
    expect(viewer.stderr).not.toContain(secret);

    expect((await call(engine, secret, 'GET', '/v1/trading/worker/status')).status).toBe(200);
    expect((await call(engine, secret, 'POST', '/v1/trading/cycle')).status).toBe(403);
    const operator = await ballast([
      'token',
      'create',
      '--name',
      'ci',
      '--role',
      'operator',
      '--expires-in-days',
      '7',
    ]);
    const ci = operator.stdout.trim();
    expect((await call(engine, ci, 'POST', '/v1/trading/cycle')).status).toBe(200);

    const listed = await ballast(['token', 'list', '--json']);
    const tokens = ApiToken.array().parse(JSON.parse(listed.stdout));
    // Newest first, as the API lists them.
    expect(tokens.map((t) => [t.name, t.role, t.created_by, t.expires_at === null])).toEqual([
      ['ci', 'operator', CLI_ACTOR, false],
      ['dashboard', 'viewer', CLI_ACTOR, true],
    ]);
    const days = (Date.parse(tokens[0]!.expires_at!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    expect(listed.stdout).not.toContain(secret);

    const revoke = await ballast(['token', 'revoke', 'dashboard']);
    expect(revoke.code).toBe(0);
    expect((await call(engine, secret, 'GET', '/v1/trading/worker/status')).status).toBe(401);
    const table = (await ballast(['token', 'list'])).stdout.trimEnd().split('\n');
    expect(table.slice(1).map((row) => row.split(/\s+/).slice(1, 4))).toEqual([
      ['ci', 'operator', 'active'],
      ['dashboard', 'viewer', 'revoked'],
    ]);
    expect((await ballast(['token', 'revoke', 'dashboard'])).stderr).toContain('already revoked');

    const audited = [
      ...(await events(engine, ci, 'TokenCreated')),
      ...(await events(engine, ci, 'TokenRevoked')),
    ];
    expect(audited.map((e) => [e.type, e.payload.name, e.source, e.actor])).toEqual([
      ['TokenCreated', 'ci', 'system', CLI_ACTOR],
      ['TokenCreated', 'dashboard', 'system', CLI_ACTOR],
      ['TokenRevoked', 'dashboard', 'system', CLI_ACTOR],
    ]);
  }, 60_000);

  it('names a bad --name, a missing --role and a bad --expires-in-days with exit 2', async () => {
    const badName = await ballast(['token', 'create', '--name', 'my token', '--role', 'viewer']);
    expect([badName.code, badName.stderr]).toEqual([2, expect.stringContaining('--name "my token" must be')]);
    const noRole = await ballast(['token', 'create', '--name', 'ci']);
    expect([noRole.code, noRole.stderr]).toEqual([2, expect.stringContaining('--role is required')]);
    const badDays = await ballast([
      'token',
      'create',
      '--name',
      'ci',
      '--role',
      'viewer',
      '--expires-in-days',
      '1.5',
    ]);
    expect([badDays.code, badDays.stderr]).toEqual([2, expect.stringContaining('--expires-in-days must be')]);
    expect((await ballast(['token', 'list'])).stdout).toContain('no tokens yet');
  });
});
