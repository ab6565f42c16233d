import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, OPERATOR, startHarness } from '../src/test-support/engine-harness.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = 'packages/engine/bin/ballast.js';
const WORKER = { source: 'worker' as const, actor: 'w-test' };

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `ballast` command from the repository root against the harness's database file. */
function ballast(database: string, ...args: string[]): Promise<Run> {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: `sqlite:${database}` };
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

let h: Harness;
let database: string;

beforeAll(() => {
  if (!existsSync(join(ROOT, 'packages/engine/dist/cli/main.js')))
    throw new Error('the CLI is not built: run `npm run build` before these tests');
});

/** A real trail on a real SQLite file: three worker cycles that buy, then a manual one. */
beforeEach(async () => {
  h = await startHarness();
  database = join(h.dir, 'ballast.db');
  const { position } = await h.addPosition({ symbol: 'ACME' });
  for (const price of [97, 94, 91]) {
    h.market.set('ACME', price);
    await h.orchestrator.runCycle(WORKER);
  }
  h.market.set('ACME', 88);
  await h.orchestrator.runCycleForPosition(position.id, OPERATOR);
});
afterEach(async () => {
  await h.close();
});

describe('ballast audit verify', () => {
  it('says the chain is OK with the number of events checked, exit 0', async () => {
    const count = await h.store.audit.lastSeq();
    expect(count).toBeGreaterThan(30);
    const run = await ballast(database, 'audit', 'verify');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`audit chain OK: ${count} events`);
  });

  it('finds an edited payload, exit 1 naming the first bad seq', async () => {
    const [target] = (await h.store.audit.list({ type: 'OrderCreated', order: 'asc' }, { limit: 1 })).items;
    const raw = new BetterSqlite3(database);
    try {
      // The database refuses UPDATE on events; a tamperer with file access drops the guard first.
      expect(() =>
        raw.prepare('UPDATE events SET actor = ? WHERE seq = ?').run('mallory', target!.seq),
      ).toThrow(/append-only/);
      raw.exec('DROP TRIGGER events_append_only_update');
      const forged = JSON.stringify({ ...(target!.payload as object), qty: '500' });
      raw.prepare('UPDATE events SET payload = ? WHERE seq = ?').run(forged, target!.seq);
    } finally {
      raw.close();
    }

    const run = await ballast(database, 'audit', 'verify');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`audit chain BROKEN at seq ${target!.seq}`);
    expect(run.stdout).toContain(`(${target!.seq - 1} events before it are intact)`);
  });
});

describe('ballast audit tail', () => {
  it('prints the last 5 worker events, oldest first, one line each with seq and type', async () => {
    const run = await ballast(database, 'audit', 'tail', '--limit', '5', '--source', 'worker');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);

    const latest = await h.store.audit.list({ source: 'worker' }, { limit: 5 });
    const expected = latest.items.reverse();
    // The manual cycle came last; the filter leaves it out.
    expect(expected[4]!.seq).toBeLessThan(await h.store.audit.lastSeq());
    const printed = lines.map((line) => {
      const [seq, time, source, actor, type] = line.trim().split(/\s+/);
      return { seq: Number(seq), time, source, actor, type };
    });
    expect(printed).toEqual(
      expected.map((e) => ({
        seq: e.seq,
        time: new Date(e.occurredAt).toISOString(),
        source: 'worker',
        actor: 'w-test',
        type: e.type,
      })),
    );
    expect(printed.at(-1)!.type).toBe('CycleCompleted');
  });

  it('refuses an unknown source with exit code 2', async () => {
    const run = await ballast(database, 'audit', 'tail', '--source', 'nobody');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--source must be one of/);
  });
});
