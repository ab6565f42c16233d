// p99 latency of GET /v1/trading/worker/status while 10 000-position cycles run in the same process,
// exactly as in `ballast serve`; the load comes from a separate process.
import { execFile } from 'node:child_process';
import { buildCycleFixture } from './cycle-fixture.mjs';

const dist = new URL('../packages/engine/dist/', import.meta.url);
const { buildApp } = await import(new URL('http/build-app.js', dist).href);
const { WorkerControl } = await import(new URL('application/trading/worker-control.js', dist).href);
const { PortfolioService } = await import(new URL('application/portfolios/portfolio-service.js', dist).href);
const { PositionService } = await import(new URL('application/positions/position-service.js', dist).href);

const SECONDS = 6;
const RATE = 200;

export async function benchStatusDuringCycle() {
  const f = await buildCycleFixture({ positions: 10_000, seed: 5 });
  const workerControl = new WorkerControl(
    f.store,
    f.ids,
    f.clock,
    { enabled: true, intervalSeconds: 60 },
    null,
  );
  const app = await buildApp({
    store: f.store,
    clock: f.clock,
    orchestrator: f.orchestrator,
    workerControl,
    portfolios: new PortfolioService(f.store, f.ids, f.clock),
    positions: new PositionService(f.store, f.ids, f.clock, null),
    version: 'bench',
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${app.server.address().port}/v1/trading/worker/status`;
  try {
    const load = new Promise((resolve, reject) => {
      execFile(
        process.execPath,
        [new URL('load-status.mjs', import.meta.url).pathname, url, String(SECONDS), String(RATE)],
        (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout))),
      );
    });
    let cycles = 0;
    let busyMs = 0;
    const until = performance.now() + SECONDS * 1000;
    while (performance.now() < until) {
      const started = performance.now();
      await f.orchestrator.runCycle({ source: 'worker', actor: 'bench' });
      busyMs += performance.now() - started;
      cycles += 1;
      f.clock.advance(60_000);
    }
    const latency = await load;
    return {
      status_p99_ms_during_cycle: latency.p99,
      status_p50_ms_during_cycle: latency.p50,
      status_max_ms_during_cycle: latency.max,
      status_requests: latency.requests,
      status_errors: latency.errors + latency.non2xx,
      status_load: `${RATE} req/s from 8 connections for ${SECONDS} s`,
      status_cycles_during_load: cycles,
      status_cycle_busy_share: Number((busyMs / (SECONDS * 1000)).toFixed(2)),
    };
  } finally {
    await app.close();
    await f.close();
  }
}
