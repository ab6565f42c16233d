// The console's audit-trail queries on a long trail: the same HTTP requests its pages make, timed
// over a real SQLite file holding more than 100 000 events (cycles of 10 000 positions), through the
// real app (`app.inject`, no network).

import { buildBenchApp } from './bench-app.mjs';
import { buildCycleFixture } from './cycle-fixture.mjs';

const MIN_EVENTS = 100_000;
const RUNS = 15;

async function timed({ app, authorization }, url) {
  const times = [];
  let body;
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const res = await app.inject({ method: 'GET', url, headers: { authorization } });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body}`);
    body = res.json();
  }
  times.sort((a, b) => a - b);
  return { median: Number(times[Math.floor(RUNS / 2)].toFixed(1)), body };
}

export async function benchAuditQueries() {
  const f = await buildCycleFixture({ positions: 10_000, seed: 11 });
  try {
    while ((await f.store.audit.lastSeq()) < MIN_EVENTS) {
      f.clock.advance(60_000);
      await f.orchestrator.runCycle({ source: 'worker', actor: 'bench' });
    }
    const app = await buildBenchApp(f);
    const events = await f.store.audit.lastSeq();
    const first = await timed(app, '/v1/events?limit=100');
    const somePosition = first.body.items.find((e) => e.position_id).position_id;
    const someCycle = first.body.items.find((e) => e.cycle_id).cycle_id;
    // Page 500 of 100-event pages: the cursor of an event 50 000 back.
    const deep = Buffer.from(String(events - 50_000), 'utf8').toString('base64url');
    const results = {
      audit_events: events,
      audit_first_page_ms: first.median,
      audit_page_50000_back_ms: (await timed(app, `/v1/events?limit=100&cursor=${deep}`)).median,
      audit_type_filter_ms: (await timed(app, '/v1/events?limit=100&type=OrderCreated')).median,
      audit_position_filter_ms: (await timed(app, `/v1/events?limit=100&position_id=${somePosition}`)).median,
      audit_cycle_page_ms: (await timed(app, `/v1/events?limit=500&order=asc&cycle_id=${someCycle}`)).median,
      // No event has this source: the filter reads the whole trail (source has no index, by design).
      audit_rare_source_filter_ms: (await timed(app, '/v1/events?limit=100&source=api/manual')).median,
    };
    const start = process.hrtime.bigint();
    const verify = await app.app.inject({
      method: 'GET',
      url: '/v1/audit/verify',
      headers: { authorization: app.authorization },
    });
    results.audit_verify_ms = Number((Number(process.hrtime.bigint() - start) / 1e6).toFixed(0));
    if (!verify.json().ok) throw new Error(`the chain did not verify: ${verify.body}`);
    await app.app.close();
    return results;
  } finally {
    await f.close();
  }
}
