import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createEngine } from '../src/container.js';
import { SILENT_LOGGER } from '../src/test-support/engine-harness.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function start(env: Record<string, string>) {
  const config = loadConfig({ DATABASE_URL: `sqlite:${join(dir, 'ballast.db')}`, ...env });
  return createEngine(config, SILENT_LOGGER, { withWorker: false });
}

describe('the first start of a new database', () => {
  it('creates a clearly labelled demo portfolio of simulated symbols that trade around the clock, once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ballast-demo-'));
    const first = await start({});
    expect(first.demoCreated).toBe(true);
    const [demo] = (await first.portfolios.list({ limit: 10 })).items;
    expect(demo!.portfolio).toMatchObject({
      isDemo: true,
      marketHours: 'always',
      state: 'active',
      autoTradingEnabled: true,
    });
    expect(demo!.portfolio.name).toMatch(/demo/i);
    const positions = (await first.positions.list({ portfolioId: demo!.portfolio.id }, { limit: 10 })).items;
    expect(positions.map((p) => p.position.symbol).sort()).toEqual(['SIM-ALPHA', 'SIM-BETA', 'SIM-GAMMA']);
    for (const p of positions) expect(p.position.anchor).not.toBeNull();
    const created = await first.store.audit.list({ type: 'PortfolioCreated' }, { limit: 5 });
    expect(created.items[0]).toMatchObject({ source: 'system' });
    await first.portfolios.delete(demo!.portfolio.id, { source: 'api/manual', actor: 'test' });
    await first.close();

    const again = await start({});
    expect(again.demoCreated).toBe(false);
    expect((await again.portfolios.list({ limit: 10 })).items).toHaveLength(0);
    await again.close();
  });

  it('creates nothing when BALLAST_DEMO=false', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ballast-demo-'));
    const engine = await start({ BALLAST_DEMO: 'false' });
    expect(engine.demoCreated).toBe(false);
    expect((await engine.portfolios.list({ limit: 10 })).items).toHaveLength(0);
    await engine.close();
  });
});
