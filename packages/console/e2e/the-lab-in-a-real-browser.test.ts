/**
 * The lab (simulations and optimizations) in a real browser (Debian's Chromium) against a real
 * `ballast serve` process on a temporary SQLite file, the worker off.
 *
 * The story: a person runs the DAX sample from the form and reads the same figures the engine
 * stored, exports the trades and the result, and nothing live is traded; a bad parameter or a bad CSV
 * line shows the engine's error next to its field and stores nothing; five million synthetic bars show
 * the progress bar moving and are cancelled from the page; a 3 × 3 grid is ranked, drawn as a heatmap,
 * and one of its rows is run again as a simulation; a live position's parameters are simulated over
 * the prices the engine evaluated for it, in one click. Each page is saved under artifacts/screenshots.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AuditEvent,
  Optimization,
  Order,
  Portfolio,
  Position,
  PriceHistory,
  Simulation,
  SimulationSummary,
  Trade,
} from '@ballast/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  client,
  type EngineProcess,
  engineSettings,
  ensureBuilt,
  killHard,
  running,
  startBallast,
  stop,
  writeSeesawCsv,
} from '../../engine/test/support/engine-process.js';
import {
  browserMissing,
  confirmIn,
  launchBrowser,
  logIn,
  openPage,
  requireBuiltConsole,
  screenshot,
  unexpectedOf,
} from './support/browser.js';

const missing = browserMissing();
if (missing) console.warn(`skipping the browser tests: ${missing}`);

/** The figures as the console writes them for an en-US browser (lib/format.ts). */
const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const signedPct = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  signDisplay: 'exceptZero',
});
const pct = (value: number) => `${signedPct.format(value)} %`;
/** Live cycles run before the lab is opened: prices for the position, and orders the lab must not add to. */
const LIVE_CYCLES = 8;

let dir = '';
let engine: EngineProcess;
let api: ReturnType<typeof client>;
let browser: Browser | null = null;
let page: Page;
let pageProblems: string[] = [];
let position: Position;

const unexpected = () => unexpectedOf(pageProblems);

const simulations = () => api.all(SimulationSummary, '/v1/simulations');
const labEvents = () => api.events({ source: 'simulation', limit: '500' });
/** What live trading holds: the lab must never add to it. */
const live = async () => ({
  orders: (await api.all(Order, '/v1/orders')).map((o) => o.id),
  trades: (await api.all(Trade, '/v1/trades')).map((t) => t.id),
  position: Position.parse(await api.get(`/v1/positions/${position.id}`)),
});

const confirm = (name: string) => confirmIn(page, name);

/**
 * Confirms the dialog that starts a lab job and waits for the job's page; its id. The URL is read
 * before the click: the engine can answer, and the console navigate, before the click returns.
 */
async function confirmAndOpen(kind: 'simulations' | 'optimizations', label: string): Promise<string> {
  const leaving = page.url();
  await confirm(label);
  const pattern = new RegExp(`/${kind}/([^/?#]+)$`);
  await page.waitForURL((url) => url.href !== leaving && pattern.test(url.pathname));
  return decodeURIComponent(pattern.exec(new URL(page.url()).pathname)![1]!);
}

/** Reads a job from the API until it has finished. */
async function finished(path: string) {
  await expect
    .poll(async () => ((await api.get(path)) as { status: string }).status, { timeout: 30_000 })
    .toMatch(/^(completed|failed|cancelled)$/);
  return api.get(path);
}

/** The cell of the Strategy column of the metrics table for one metric, as the page shows it. */
function metricCell(label: string) {
  return page
    .getByRole('table', { name: 'Metrics against buy and hold' })
    .locator('tbody tr', { has: page.locator('th', { hasText: new RegExp(`^${label}$`) }) })
    .locator('td');
}

/** The engine's message under a field of a form, found by the field's label. */
function fieldError(form: ReturnType<Page['getByRole']>, label: string) {
  return form
    .locator('.field.has-error', { has: page.getByLabel(label, { exact: true }) })
    .locator('.field-error');
}

async function downloaded(button: string): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  return readFile((await (await download).path())!, 'utf8');
}

/** The two audit events of a lab job, and that they are the lab's, by this actor, chained. */
async function auditOf(kind: 'simulation' | 'optimization', id: string, status: string) {
  const events = (await labEvents()).filter((e) => e.payload[`${kind}_id`] === id);
  const name = kind === 'simulation' ? 'Simulation' : 'Optimization';
  const started = events.find((e) => e.type === `${name}Started`) as AuditEvent;
  const completed = events.find((e) => e.type === `${name}Completed`) as AuditEvent;
  expect(events).toHaveLength(2);
  for (const e of events) expect(e).toMatchObject({ source: 'simulation', actor: 'admin' });
  expect(completed).toMatchObject({ parent_id: started.id, payload: { status } });
  return { started, completed };
}

beforeAll(async () => {
  if (missing) return;
  ensureBuilt();
  requireBuiltConsole();
  dir = await mkdtemp(join(tmpdir(), 'ballast-lab-'));
  const csv = await writeSeesawCsv(dir, 1_000);
  engine = await startBallast('serve', { ...engineSettings(dir, csv), TRADING_WORKER_ENABLED: 'false' });
  api = client(engine);
  const portfolio = Portfolio.parse(
    await api.post('/v1/portfolios', { name: 'Seesaw fund', market_hours: 'always' }),
  );
  position = Position.parse(
    await api.post(`/v1/portfolios/${portfolio.id}/positions`, {
      symbol: 'SEESAW',
      shares: '50',
      cash: '5000',
      anchor: '100',
      params: { trigger: { up_pct: 4, down_pct: 4 }, guardrails: { max_orders_per_day: 100_000 } },
    }),
  );
  // Manual cycles over the replay: the position's evaluated prices (PriceEvents) and live orders.
  for (let i = 0; i < LIVE_CYCLES; i++) await api.post('/v1/trading/cycle');

  browser = await launchBrowser();
  ({ page, problems: pageProblems } = await openPage(browser));
  await page.goto(`${engine.url}/`);
  await logIn(page, 'admin', ADMIN_PASSWORD);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (engine && engine.child.exitCode === null) {
    const exit = await stop(engine).catch(() => null);
    if (!exit) await killHard(engine);
  }
  await Promise.all(running.splice(0).map(killHard));
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(missing !== null)('the lab in a real browser, against a real engine', () => {
  it('runs the DAX sample from the form: charts, the engine’s figures, every trade, exports, nothing live', async () => {
    const before = await live();
    expect(before.orders.length).toBeGreaterThan(0);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lab' }).click();
    const form = page.getByRole('form', { name: 'New simulation' });
    await form.getByRole('radio', { name: 'A sample of real closes' }).check();
    await form.getByLabel('Sample', { exact: true }).selectOption('eustock-dax');
    await form.getByLabel('Name', { exact: true }).fill('DAX from the form');
    await form.getByLabel('Shares', { exact: true }).fill('50');
    await form.getByLabel('Cash', { exact: true }).fill('5000');
    await form.getByLabel('Sell trigger', { exact: true }).fill('3');
    await form.getByLabel('Buy trigger', { exact: true }).fill('3');
    await screenshot(page, 'simulation-form');
    await form.getByRole('button', { name: 'Run simulation' }).click();
    await expect.poll(() => page.getByRole('dialog').textContent()).toContain('the sample eustock-dax');
    const id = await confirmAndOpen('simulations', 'Run simulation');

    // The page follows the job to its result (1,860 bars: done before a progress bar would show).
    await page.getByRole('heading', { name: 'Metrics', exact: true }).waitFor();
    expect(await page.getByRole('region', { name: 'Status' }).locator('.status').textContent()).toBe(
      'completed',
    );
    const sim = Simulation.parse(await finished(`/v1/simulations/${id}`));
    expect(sim).toMatchObject({ status: 'completed', name: 'DAX from the form', requested_by: 'admin' });
    expect(sim.request).toMatchObject({
      bars: { kind: 'sample', name: 'eustock-dax' },
      shares: '50',
      cash: '5000',
      params: { trigger: { up_pct: 3, down_pct: 3 } },
    });
    const result = sim.result!;
    expect(result.trades.length).toBeGreaterThan(1);

    // lightweight-charts draws on canvases: price with anchor, triggers and fills; equity against buy and hold.
    const charts = page.getByRole('img', { name: /^Simulation charts/ });
    await expect.poll(() => charts.locator('canvas').count()).toBeGreaterThan(2);
    expect(await charts.getAttribute('aria-label')).toContain(`${count.format(result.trades.length)} fills`);
    const { width, height } = (await charts.locator('canvas').first().boundingBox())!;
    expect(width * height).toBeGreaterThan(10_000);

    // The Metrics table shows the engine's figures, strategy and buy and hold.
    expect(await metricCell('Trades').allTextContents()).toEqual([
      count.format(result.metrics.trades),
      count.format(result.buy_and_hold.trades),
    ]);
    expect(await metricCell('Return').allTextContents()).toEqual([
      pct(result.metrics.return_pct),
      pct(result.buy_and_hold.return_pct),
    ]);
    expect(result.metrics.trades).toBe(result.trades.length);

    // The Trades table lists the fills with their reasons, a hundred at a time.
    const trades = page.getByRole('table', { name: 'Trades', exact: true }).locator('tbody tr');
    const shown = result.trades.slice(0, 100);
    await expect.poll(() => trades.count()).toBe(shown.length);
    expect(await trades.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-bar'))))).toEqual(
      shown.map((t) => t.index),
    );
    expect(await trades.locator('td.describe').allTextContents()).toEqual(shown.map((t) => t.reason));
    for (const t of shown) expect(t.reason).not.toBe('');
    await screenshot(page, 'simulation');

    // Exports: every trade as a CSV row, and the whole result as JSON, as the engine gave them.
    const csv = (await downloaded('Trades (CSV)')).trim().split('\n');
    expect(csv[0]).toBe('index,at,side,qty,price,fee,cash_after,shares_after,reason');
    expect(csv.length - 1).toBe(result.trades.length);
    expect(csv[1]).toMatch(new RegExp(`^${result.trades[0]!.index},${result.trades[0]!.at},`));
    expect(Simulation.parse(JSON.parse(await downloaded('Result (JSON)')))).toEqual(sim);

    // Audited as the lab's, by the person who ran it; nothing traded live.
    await auditOf('simulation', id, 'completed');
    expect(await live()).toEqual(before);

    await page.getByRole('link', { name: 'Simulations', exact: true }).first().click();
    const row = page.locator(`tr[data-simulation-id="${id}"]`);
    await expect.poll(() => row.locator('td').nth(4).textContent()).toBe(pct(result.metrics.return_pct));
    expect(unexpected()).toEqual([]);
  });

  it('a bad parameter or a bad CSV line shows the engine’s error next to the field and stores nothing', async () => {
    const stored = (await simulations()).map((s) => s.id);
    const audited = (await labEvents()).length;
    await page.goto(`${engine.url}/simulations`);
    const form = page.getByRole('form', { name: 'New simulation' });

    const up = form.getByLabel('Sell trigger', { exact: true });
    await up.fill('0');
    await form.getByRole('button', { name: 'Run simulation' }).click();
    await confirm('Run simulation');
    await expect
      .poll(() => fieldError(form, 'Sell trigger').textContent())
      .toBe('must be greater than 0 and at most 100');
    expect(await up.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'simulation-refused');

    await form.getByRole('button', { name: 'Reset the form' }).click();
    expect(await up.inputValue()).toBe('');
    await form.getByRole('radio', { name: 'A CSV file' }).check();
    const file = form.getByLabel('CSV file', { exact: true });
    const lines = ['timestamp,close', '2026-01-05T15:00:00Z,100', '2026-01-06T15:00:00Z,abc'];
    await file.setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\n')),
    });
    await expect.poll(() => form.getByText('bad.csv: 3 lines read').count()).toBe(1);
    await form.getByRole('button', { name: 'Run simulation' }).click();
    await expect.poll(() => page.getByRole('dialog').textContent()).toContain('the file bad.csv');
    await confirm('Run simulation');
    await expect
      .poll(() => fieldError(form, 'CSV file').textContent())
      .toBe('bars.csv: line 3: close "abc" is not a positive decimal');
    await screenshot(page, 'simulation-csv-refused');

    expect(new URL(page.url()).pathname).toBe('/simulations');
    expect((await simulations()).map((s) => s.id)).toEqual(stored);
    expect((await labEvents()).length).toBe(audited);
    expect(unexpected()).toEqual([]);
  });

  it('five million bars show the progress bar moving, and Cancel stops the run', async () => {
    await page.goto(`${engine.url}/simulations`);
    const form = page.getByRole('form', { name: 'New simulation' });
    await form.getByRole('radio', { name: 'Synthetic (seeded)' }).check();
    await form.getByLabel('Name', { exact: true }).fill('five million bars');
    await form.getByLabel('Seed', { exact: true }).fill('11');
    await form.getByLabel('Number of bars', { exact: true }).fill('5000000');
    await form.getByLabel('Bar interval', { exact: true }).fill('1');
    await form.getByLabel('Volatility', { exact: true }).fill('60');
    await form.getByLabel('Cash', { exact: true }).fill('100000');
    // Tight triggers and no daily cap: hundreds of thousands of fills, half a minute of work if let run.
    await form.getByLabel('Sell trigger', { exact: true }).fill('0.1');
    await form.getByLabel('Buy trigger', { exact: true }).fill('0.1');
    await form.getByLabel('Orders per day', { exact: true }).fill('1000');
    await form.getByRole('button', { name: 'Run simulation' }).click();
    await expect.poll(() => page.getByRole('dialog').textContent()).toContain('5,000,000 synthetic bars');
    const id = await confirmAndOpen('simulations', 'Run simulation');

    const bar = page.getByRole('progressbar', { name: 'Simulation progress' });
    const now = async () => Number(await bar.getAttribute('aria-valuenow', { timeout: 1_000 }));
    await expect.poll(now, { timeout: 15_000, interval: 100 }).toBeGreaterThan(0);
    const first = await now();
    await expect.poll(now, { interval: 100 }).toBeGreaterThan(first);
    await screenshot(page, 'simulation-running');

    await page.getByRole('button', { name: 'Cancel simulation' }).click();
    await confirm('Yes, cancel the simulation');
    const status = page.getByRole('region', { name: 'Status' });
    await expect
      .poll(() => status.getByRole('status').textContent())
      .toMatch(/^Cancelled .*It stopped before it had a result\.$/);
    expect(await bar.count()).toBe(0);
    const sim = Simulation.parse(await api.get(`/v1/simulations/${id}`));
    expect(sim).toMatchObject({ status: 'cancelled', result: null });
    expect(sim.progress).toBeGreaterThan(0);
    expect(sim.progress).toBeLessThan(1);
    const { completed } = await auditOf('simulation', id, 'cancelled');
    expect(completed.payload).toMatchObject({ cancelled_by: 'admin' });
    await screenshot(page, 'simulation-cancelled');
    expect(unexpected()).toEqual([]);
  });

  it('ranks a 3 × 3 grid as the engine does, draws its heatmap, and opens a row as a simulation', async () => {
    const before = await live();
    await page.goto(`${engine.url}/simulations`);
    await page.getByRole('navigation', { name: 'Lab' }).getByRole('link', { name: 'Optimizations' }).click();
    const form = page.getByRole('form', { name: 'New optimization' });
    await form.getByLabel('Name', { exact: true }).fill('triggers');
    // Three million one-minute bars and no daily cap on orders: each combination takes a moment.
    await form.getByLabel('Seed', { exact: true }).fill('7');
    await form.getByLabel('Number of bars', { exact: true }).fill('3000000');
    await form.getByLabel('Bar interval', { exact: true }).fill('1');
    await form.getByLabel('Shares', { exact: true }).fill('50');
    await form.getByLabel('Cash', { exact: true }).fill('5000');
    await form.getByLabel('Orders per day', { exact: true }).fill('1000');
    await form.getByLabel('Sell trigger: values to try').fill('1, 2, 3');
    await form.getByLabel('Buy trigger: range from').fill('1');
    await form.getByLabel('Buy trigger: range to').fill('3');
    await form.getByLabel('Buy trigger: range step').fill('1');
    await form.getByRole('button', { name: 'Fill Buy trigger from the range' }).click();
    expect(await form.getByLabel('Buy trigger: values to try').inputValue()).toBe('1, 2, 3');
    await expect.poll(() => form.getByRole('status').textContent()).toBe('9 combinations');
    await form.getByLabel('Rank by').selectOption('return_pct');
    await screenshot(page, 'optimization-form');
    await form.getByRole('button', { name: 'Run optimization' }).click();
    await expect.poll(() => page.getByRole('dialog').textContent()).toContain('Run 9 combinations?');
    const id = await confirmAndOpen('optimizations', 'Run optimization');

    // The combinations done, out of 9, while it runs.
    const bar = page.getByRole('progressbar', { name: 'Optimization progress' });
    await expect
      .poll(() => bar.getAttribute('aria-valuetext', { timeout: 1_000 }))
      .toMatch(/^[0-8] of 9 combinations$/);
    await screenshot(page, 'optimization-running');
    await page.getByRole('heading', { name: 'Ranked combinations' }).waitFor({ timeout: 30_000 });
    const opt = Optimization.parse(await finished(`/v1/optimizations/${id}`));
    expect(opt).toMatchObject({ status: 'completed', combinations: 9, done: 9, rank_by: 'return_pct' });
    expect(opt.request).toMatchObject({
      grid: { 'trigger.up_pct': [1, 2, 3], 'trigger.down_pct': [1, 2, 3] },
      params: { guardrails: { max_orders_per_day: 1000 } },
    });
    const returns = opt.rows.map((r) => r.metrics.return_pct);
    expect(returns).toEqual([...returns].sort((a, b) => b - a));
    expect(new Set(returns).size).toBeGreaterThan(1);
    expect(await bar.count()).toBe(0);

    // The ranked table is in the engine's order, with each row's values and figures.
    const table = page.getByRole('table', { name: 'Ranked combinations' });
    const rows = table.locator('tbody tr[data-rank]');
    await expect.poll(() => rows.count()).toBe(9);
    const onPage = await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].slice(0, 4).map((c) => c.textContent)),
    );
    expect(onPage).toEqual(
      opt.rows.map((r) => [
        String(r.rank),
        String(r.params['trigger.up_pct']),
        String(r.params['trigger.down_pct']),
        pct(r.metrics.return_pct),
      ]),
    );

    // One heatmap cell per combination, each naming its figure.
    const heatmap = page.getByRole('table', { name: 'Heatmap' });
    const cells = heatmap.locator('td.heat-cell');
    await expect.poll(() => cells.count()).toBe(9);
    expect(await heatmap.locator('tbody tr').count()).toBe(3);
    const labels = await cells.evaluateAll((tds) => tds.map((td) => td.getAttribute('aria-label')));
    for (const r of opt.rows)
      expect(labels).toContain(
        `Sell trigger ${r.params['trigger.up_pct']}, Buy trigger ${r.params['trigger.down_pct']}: Return ${pct(r.metrics.return_pct)} (rank ${r.rank})`,
      );
    await screenshot(page, 'optimization');

    // The second best, run again as a simulation of its own: the same bars, that row's parameters.
    const second = opt.rows[1]!;
    await table.locator('tr[data-rank="2"]').getByRole('button', { name: 'Open as simulation' }).click();
    const simId = await confirmAndOpen('simulations', 'Run simulation');
    await page.getByRole('heading', { name: 'Metrics', exact: true }).waitFor({ timeout: 30_000 });
    const sim = Simulation.parse(await finished(`/v1/simulations/${simId}`));
    expect(sim.status).toBe('completed');
    expect(sim.name).toBe('triggers · rank 2');
    // The optimization's own bars, read again by the engine.
    expect(sim.bars).toMatchObject({ count: opt.bars!.count, first_at: opt.bars!.first_at });
    expect(sim.request).toMatchObject({
      bars: { kind: 'job', id: opt.id },
      params: {
        trigger: { up_pct: second.params['trigger.up_pct'], down_pct: second.params['trigger.down_pct'] },
      },
    });
    expect(sim.result!.metrics).toEqual(second.metrics);
    expect(await metricCell('Return').first().textContent()).toBe(pct(second.metrics.return_pct));
    await screenshot(page, 'simulation-from-optimization');

    await page.goto(`${engine.url}/optimizations`);
    await page.locator('table').getByRole('link', { name: 'triggers' }).waitFor();
    await screenshot(page, 'optimizations');
    await auditOf('optimization', id, 'completed');
    expect(await live()).toEqual(before);
    expect(unexpected()).toEqual([]);
  });

  it('from a position, one click simulates its current parameters over the prices it was evaluated at', async () => {
    const now = Position.parse(await api.get(`/v1/positions/${position.id}`));
    const prices = PriceHistory.parse(await api.get(`/v1/positions/${position.id}/prices?limit=5000`));
    expect(prices.items).toHaveLength(LIVE_CYCLES);
    await page.goto(`${engine.url}/positions/${position.id}`);
    await page.getByRole('button', { name: 'Simulate its parameters' }).click();
    await expect.poll(() => page.getByRole('dialog').textContent()).toContain('SEESAW');
    const id = await confirmAndOpen('simulations', 'Run simulation');

    await page.getByRole('heading', { name: 'Metrics', exact: true }).waitFor({ timeout: 30_000 });
    const sim = Simulation.parse(await finished(`/v1/simulations/${id}`));
    expect(sim).toMatchObject({
      status: 'completed',
      from_position: position.id,
      bars: { count: LIVE_CYCLES },
      request: {
        from_position: position.id,
        bars: { kind: 'position', position_id: position.id },
        shares: now.shares,
        cash: now.cash,
        params: { trigger: { up_pct: 4, down_pct: 4 } },
      },
    });
    expect(sim.request.params).toEqual(now.params);
    const result = sim.result!;
    // The replay swings 5 % a bar, past the 4 % triggers: the simulation trades too.
    expect(result.trades.length).toBeGreaterThan(0);
    await page
      .getByRole('img', { name: /^Simulation charts/ })
      .locator('canvas')
      .first()
      .waitFor();
    expect(await metricCell('Trades').first().textContent()).toBe(count.format(result.metrics.trades));
    const trades = page.getByRole('table', { name: 'Trades', exact: true }).locator('tbody tr');
    expect(await trades.count()).toBe(result.trades.length);
    expect(await page.getByRole('link', { name: 'open the position' }).getAttribute('href')).toBe(
      `/positions/${position.id}`,
    );
    const { started } = await auditOf('simulation', id, 'completed');
    expect(started).toMatchObject({ position_id: position.id, symbol: 'SEESAW' });
    await screenshot(page, 'simulation-from-position');
    expect(unexpected()).toEqual([]);
  });
});
