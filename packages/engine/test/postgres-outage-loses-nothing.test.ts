/**
 * Issue 5, item 5: the database goes away while the engine trades — here a TCP proxy between the real
 * `ballast serve` and PostgreSQL cuts every connection and refuses new ones, as a stopped server or a
 * broken network would — and comes back. Meanwhile readyz and the worker status say so; afterwards
 * trading resumes by itself, nothing is lost and the chain verifies.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CycleSummary, WorkerStatus } from '@ballast/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable } from '../src/test-support/dialects.js';
import {
  createTestDatabase,
  TEST_POSTGRES_URL,
  type TestDatabase,
} from '../src/test-support/postgres-test-database.js';
import {
  client,
  engineSettings,
  ensureBuilt,
  killHard,
  running,
  startBallast,
  stop,
  waitFor,
  writeSeesawCsv,
} from './support/engine-process.js';

const available = await postgresAvailable();
let dir = '';
let database: TestDatabase | null = null;

beforeAll(async () => {
  ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'ballast-outage-'));
}, 180_000);
afterEach(async () => {
  await Promise.all(running.splice(0).map(killHard));
});
afterAll(async () => {
  await database?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A TCP proxy to PostgreSQL that can be cut (every connection dropped, new ones refused) and mended. */
async function cuttableProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let cut = false;
  const server: Server = createServer((inbound) => {
    if (cut) return inbound.destroy();
    const outbound = connect(target.port, target.host);
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    cut() {
      cut = true;
      for (const s of sockets) s.destroy();
    },
    mend() {
      cut = false;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.skipIf(!available)('a PostgreSQL outage', () => {
  it('is reported while it lasts, loses nothing, and trading resumes by itself afterwards', async () => {
    database = await createTestDatabase();
    const server = new URL(TEST_POSTGRES_URL);
    const proxy = await cuttableProxy({ host: server.hostname, port: Number(server.port || 5432) });
    const url = new URL(database.url);
    url.port = String(proxy.port);
    const csv = await writeSeesawCsv(dir, 10_000);
    const engine = await startBallast('serve', { ...engineSettings(dir, csv), DATABASE_URL: url.toString() });
    const api = client(engine);
    const portfolio = (await api.post('/v1/portfolios', { name: 'Outage', market_hours: 'always' })) as {
      id: string;
    };
    for (let i = 0; i < 5; i++)
      await api.post(`/v1/portfolios/${portfolio.id}/positions`, {
        symbol: `SEE-${i}`,
        shares: '50',
        cash: '5000',
        anchor: '100',
        params: { guardrails: { max_orders_per_day: 100_000 } },
      });
    const cycles = () => api.all(CycleSummary, '/v1/trading/cycles?source=worker');
    await waitFor(
      'two worker cycles with fills',
      async () => ((await cycles()).filter((c) => c.counts.fills > 0).length >= 2 ? true : undefined),
      20_000,
      engine,
    );
    const auth = await api.auth(); // confirmed while the database answers

    proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // a couple of cycles fail
    const ready = await fetch(`${engine.url}/v1/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { checks: { database: string } }).checks.database).toMatch(
      /^unavailable: /,
    );
    const during = await fetch(`${engine.url}/v1/trading/worker/status`, { headers: auth });
    expect(during.status).toBe(200);
    const status = WorkerStatus.parse(await during.json());
    expect(status.database.ok).toBe(false);
    expect(status.running).toBe(true);
    const change = await fetch(`${engine.url}/v1/trading/worker`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: false }),
    });
    expect(change.status).toBe(503);
    expect(((await change.json()) as { error: { code: string } }).error.code).toBe('DATABASE_UNAVAILABLE');

    proxy.mend();
    const mendedAt = new Date().toISOString();
    await waitFor(
      'a worker cycle with fills after the database came back',
      async () =>
        (await cycles()).some(
          (c) => c.started_at > mendedAt && c.status === 'completed' && c.counts.fills > 0,
        )
          ? true
          : undefined,
      30_000,
      engine,
    );
    expect(await fetch(`${engine.url}/v1/readyz`).then((r) => r.status)).toBe(200);
    expect(WorkerStatus.parse(await api.get('/v1/trading/worker/status')).database).toEqual({
      ok: true,
      error: null,
    });
    // Nothing is left hanging: no cycle still "running", no order left open, one gap-free verified chain.
    const all = await api.all(CycleSummary, '/v1/trading/cycles');
    expect(all.filter((c) => c.status === 'running' && c.started_at < mendedAt)).toEqual([]);
    expect(await api.get('/v1/orders?status=new')).toMatchObject({ items: [] });
    expect(await api.get('/v1/audit/verify')).toMatchObject({ ok: true, first_bad_seq: null });
    expect(await stop(engine)).toEqual({ code: 0, signal: null });
    await proxy.close();
  }, 120_000);
});
