// The real HTTP app over a cycle fixture, with real access control and an admin API token for the
// load: what `ballast serve` builds, minus the process around it.
const dist = new URL('../packages/engine/dist/', import.meta.url);
const { buildApp } = await import(new URL('http/build-app.js', dist).href);
const { WorkerControl } = await import(new URL('application/trading/worker-control.js', dist).href);
const { PortfolioService } = await import(new URL('application/portfolios/portfolio-service.js', dist).href);
const { PositionService } = await import(new URL('application/positions/position-service.js', dist).href);
const { accessFor } = await import(new URL('container.js', dist).href);
const { DEFAULT_ACCESS_POLICY } = await import(new URL('application/access/access-policy.js', dist).href);

export async function buildBenchApp(f) {
  const access = accessFor(f.store, f.ids, f.clock, DEFAULT_ACCESS_POLICY);
  const app = await buildApp({
    store: f.store,
    clock: f.clock,
    orchestrator: f.orchestrator,
    workerControl: new WorkerControl(f.store, f.ids, f.clock, { enabled: true, intervalSeconds: 60 }, null),
    portfolios: new PortfolioService(f.store, f.ids, f.clock),
    positions: new PositionService(f.store, f.ids, f.clock, null),
    version: 'bench',
    access: { ...access, sessionHours: 12, loginAttemptsPerMinute: 10, tls: false, corsOrigins: [] },
  });
  const { secret } = await access.tokens.create(
    { name: 'bench', role: 'admin' },
    { source: 'system', actor: 'bench' },
  );
  return { app, authorization: `Bearer ${secret}` };
}
