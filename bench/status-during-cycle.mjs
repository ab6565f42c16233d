// p99 latency of GET /v1/trading/worker/status while 10 000-position cycles run, arranged as in
// `ballast serve`: the API on the main thread, the cycles on a trading thread with its own connection,
// the load from a separate process.
import { execFile } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { buildBenchApp } from './bench-app.mjs';
import { buildCycleFixture } from './cycle-fixture.mjs';

const SECONDS = 6;
const RATE = 200;

function startCycles(file, now) {
  const thread = new Worker(new URL('cycle-thread.mjs', import.meta.url), { workerData: { file, now } });
  const ready = new Promise((resolve) => thread.once('message', resolve));
  const done = new Promise((resolve) => thread.on('message', (m) => m.kind === 'done' && resolve(m)));
  return { ready, done, stop: () => thread.postMessage('stop'), end: () => thread.terminate() };
}

function loadStatus(url, authorization) {
  return new Promise((resolve, reject) => {
    const script = new URL('load-status.mjs', import.meta.url).pathname;
    const env = { ...process.env, BENCH_AUTHORIZATION: authorization };
    execFile(process.execPath, [script, url, String(SECONDS), String(RATE)], { env }, (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout)),
    );
  });
}

export async function benchStatusDuringCycle() {
  const f = await buildCycleFixture({ positions: 10_000, seed: 5 });
  const { app, authorization } = await buildBenchApp(f);
  await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const cycles = startCycles(f.file, f.clock.now());
    await cycles.ready;
    const latency = await loadStatus(
      `http://127.0.0.1:${app.server.address().port}/v1/trading/worker/status`,
      authorization,
    );
    cycles.stop();
    const ran = await cycles.done;
    await cycles.end();
    return {
      status_p99_ms_during_cycle: latency.p99,
      status_p50_ms_during_cycle: latency.p50,
      status_max_ms_during_cycle: latency.max,
      status_requests: latency.requests,
      status_errors: latency.errors + latency.non2xx,
      status_load: `${RATE} req/s from 8 keep-alive connections for ${SECONDS} s`,
      status_cycles_during_load: ran.cycles,
      status_cycle_busy_share: Number((ran.busyMs / (SECONDS * 1000)).toFixed(2)),
    };
  } finally {
    await app.close();
    await f.close();
  }
}
