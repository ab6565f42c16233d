/**
 * Real `ballast` processes for end-to-end tests: start one with its own environment, read its JSON log,
 * talk to its API with fetch, stop it with SIGTERM (or SIGKILL when a test fails).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuditEvent, listOf } from '@ballast/contracts';
import type { z } from 'zod';

export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const BALLAST = join(ROOT, 'packages/engine/bin/ballast.js');
const BUILT_ENTRY = join(ROOT, 'packages/engine/dist/cli/main.js');
/** Every variable the engine's config reads: the developer's own shell must not leak into the test. */
const CONFIG_KEYS = [
  'TRADING_WORKER_ENABLED',
  'TRADING_WORKER_INTERVAL_SECONDS',
  'DATABASE_URL',
  'HOST',
  'PORT',
  'MARKET_DATA',
  'MARKET_DATA_SEED',
  'BROKER',
  'PAPER_SLIPPAGE_BPS',
  'PAPER_LATENCY_MS',
  'LOG_LEVEL',
  'LOG_FORMAT',
  'BALLAST_DEMO',
  'BALLAST_ALLOW_INSECURE_BIND',
  'CYCLE_BATCH_SIZE',
  'BALLAST_ADMIN_PASSWORD',
  'TLS_CERT_FILE',
  'TLS_KEY_FILE',
  'CORS_ORIGINS',
  'SESSION_HOURS',
  'LOGIN_MAX_FAILURES',
  'LOGIN_LOCKOUT_MINUTES',
  'LOGIN_ATTEMPTS_PER_MINUTE',
];
/** The first admin's password in every engine a test starts (each test's database is new). */
export const ADMIN_PASSWORD = 'test-admin-password-0123';
export const STARTUP_MS = 20_000;
export const FIRST_TRADE_MS = 20_000;
export const STOP_MS = 15_000;
/** The worker heartbeat period of the engine (HEARTBEAT_MS in trading-worker.ts). */
export const HEARTBEAT_MS = 5_000;

export type LogLine = Record<string, unknown> & { msg?: string };

/** One running `ballast` process: its parsed JSON log, raw output and how it ended. */
export interface EngineProcess {
  readonly child: ChildProcess;
  readonly logs: LogLine[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  url: string;
  instanceId: string;
  output(): string;
}

/** Every process started by this test file, so a failing test never leaves one behind. */
export const running: EngineProcess[] = [];

/** The end-to-end tests run the built engine; build it once if a fresh checkout has no dist yet. */
export function ensureBuilt(): void {
  if (!existsSync(BUILT_ENTRY)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
}

/** A price path that swings 5 % every bar (105, 100, 105, …): each bar fires a trigger against the last fill. */
export async function writeSeesawCsv(into: string, bars: number): Promise<string> {
  const start = Date.UTC(2024, 0, 2, 14, 30) / 1000;
  const rows = Array.from({ length: bars }, (_, i) => `${start + i * 60},${i % 2 === 0 ? '105' : '100'}`);
  const file = join(into, 'seesaw.csv');
  await writeFile(file, `timestamp,close\n${rows.join('\n')}\n`);
  return file;
}

/** A fresh engine on `dir`: its own SQLite file, any free port, JSON logs, a 1-second worker, the replay. */
export function engineSettings(dir: string, csv: string) {
  return {
    DATABASE_URL: `sqlite:${join(dir, 'ballast.db')}`,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
    TRADING_WORKER_INTERVAL_SECONDS: '1',
    BALLAST_DEMO: 'false',
    MARKET_DATA: `replay:${csv}`,
    BALLAST_ADMIN_PASSWORD: ADMIN_PASSWORD,
  };
}

/** The test's own configuration on top of an environment cleared of every engine variable. */
export function engineEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of CONFIG_KEYS) delete env[key];
  return { ...env, ...vars };
}

export async function startBallast(
  command: 'serve' | 'worker',
  vars: Record<string, string>,
): Promise<EngineProcess> {
  const child = spawn(process.execPath, [BALLAST, command], {
    cwd: ROOT,
    env: engineEnv(vars),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let stdout = '';
  let stderr = '';
  let partial = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        // not a log line; it stays in the raw output
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const proc: EngineProcess = {
    child,
    logs,
    exited,
    url: '',
    instanceId: '',
    output: () =>
      `--- ballast ${command} (pid ${child.pid}) stdout ---\n${stdout.slice(-12_000)}\n--- stderr ---\n${stderr.slice(-4_000)}`,
  };
  running.push(proc);
  const ready = await waitFor(
    'the start-up log line',
    // The start-up line names the instance and the database (a line about an engine taken over names
    // that engine's instance only).
    async () => logs.find((l) => typeof l.instance_id === 'string' && typeof l.database === 'string'),
    STARTUP_MS,
    proc,
  );
  proc.instanceId = ready.instance_id as string;
  proc.url = typeof ready.url === 'string' ? ready.url : '';
  return proc;
}

/** SIGTERM, then the exit status; SIGKILL (and a failure) if the process is still alive after STOP_MS. */
export async function stop(
  proc: EngineProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  proc.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`still running ${STOP_MS} ms after SIGTERM\n${proc.output()}`)),
      STOP_MS,
    );
  });
  try {
    return await Promise.race([proc.exited, late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function killHard(proc: EngineProcess): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  proc.child.kill('SIGKILL');
  await proc.exited;
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  watched: EngineProcess | readonly EngineProcess[],
): Promise<T> {
  const procs = Array.isArray(watched) ? watched : [watched as EngineProcess];
  const output = () => procs.map((p) => p.output()).join('\n');
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const found = await probe();
      if (found !== undefined) return found;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError === undefined ? '' : `\nlast error: ${String(lastError)}`;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}\n${output()}`);
    }
    if (procs.some((p) => p.child.exitCode !== null || p.child.signalCode !== null))
      throw new Error(`a process ended while waiting for ${what}\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A bearer token for `admin`, logged in the way a script logs in. */
export async function loginToken(proc: EngineProcess, password = ADMIN_PASSWORD): Promise<string> {
  const response = await fetch(`${proc.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  if (!response.ok) throw new Error(`login → ${response.status} ${await response.text()}\n${proc.output()}`);
  return ((await response.json()) as { token: string }).token;
}

/**
 * The public API as a script sees it: JSON over fetch as `admin` (logged in on first use), failures
 * show the body and the process output.
 */
export function client(proc: EngineProcess) {
  let token: Promise<string> | null = null;
  const auth = async () => {
    token ??= loginToken(proc);
    return { authorization: `Bearer ${await token}` };
  };
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${proc.url}${path}`, {
      method,
      headers: body === undefined ? await auth() : { ...(await auth()), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}\n${proc.output()}`);
    return text === '' ? null : JSON.parse(text);
  };
  const all = async <T extends z.ZodType>(item: T, path: string, limit = 500): Promise<z.infer<T>[]> => {
    const items: z.infer<T>[] = [];
    const joiner = path.includes('?') ? '&' : '?';
    for (let cursor: string | null = null; ; ) {
      const page = listOf(item).parse(
        await call(
          'GET',
          `${path}${joiner}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        ),
      );
      items.push(...page.items);
      cursor = page.next_cursor;
      if (cursor === null) return items;
    }
  };
  return {
    /** The headers a raw `fetch` needs to be this client. */
    auth,
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown) => call('POST', path, body),
    put: (path: string, body?: unknown) => call('PUT', path, body),
    all,
    /** One page of events, newest first. */
    events: async (query: Record<string, string>) =>
      listOf(AuditEvent).parse(await call('GET', `/v1/events?${new URLSearchParams(query)}`)).items,
    /** Every event, oldest first, read page by page (`limit` per page, then `cursor`). */
    allEvents: async (limit = 500) =>
      (await all(AuditEvent, '/v1/events', limit)).sort((a, b) => a.seq - b.seq),
  };
}
