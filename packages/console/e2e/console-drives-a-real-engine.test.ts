/**
 * The console in a real browser (Debian's Chromium) against a real `ballast serve` process on a
 * temporary SQLite file, with a replayed price path that swings 5 % every bar, so every cycle trades.
 *
 * The story: the worker trades while no browser is open; the console opened later shows those cycles
 * as "Auto (worker)"; Run now adds a "Manual (console)" cycle with its events; a bad parameter shows
 * the engine's own error and changes nothing; halting a portfolio stops its orders. Each main page is
 * saved as a screenshot under artifacts/screenshots.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditEvent, CycleSummary, Order, Portfolio, Position, Trade } from '@ballast/contracts';
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
  waitFor,
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

const qty = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

let dir = '';
let engine: EngineProcess;
let api: ReturnType<typeof client>;
let browser: Browser | null = null;
let page: Page;
let pageProblems: string[] = [];
let portfolio: Portfolio;
let position: Position;

const unexpected = () => unexpectedOf(pageProblems);

const workerCycles = async () =>
  (await api.all(CycleSummary, '/v1/trading/cycles?source=worker')).filter((c) => c.status !== 'running');
const ordersOf = (portfolioId: string) => api.all(Order, `/v1/orders?portfolio_id=${portfolioId}`);

/** Waits until the worker has finished the cycle it was in when it was disabled. */
async function settled(): Promise<void> {
  let last = -1;
  await waitFor(
    'the worker to finish its last cycle',
    async () => {
      const count = (await api.all(CycleSummary, '/v1/trading/cycles')).length;
      const stable = count === last;
      last = count;
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      return stable ? true : undefined;
    },
    20_000,
    engine,
  );
}

const confirm = (name: string) => confirmIn(page, name);

/** The notice an action left, found by its title. */
function notice(title: string | RegExp) {
  return page.locator('.notice').filter({ hasText: title });
}

beforeAll(async () => {
  if (missing) return;
  ensureBuilt();
  requireBuiltConsole();
  dir = await mkdtemp(join(tmpdir(), 'ballast-console-'));
  const csv = await writeSeesawCsv(dir, 5_000);
  engine = await startBallast('serve', { ...engineSettings(dir, csv), TRADING_WORKER_ENABLED: 'true' });
  api = client(engine);
  portfolio = Portfolio.parse(
    await api.post('/v1/portfolios', { name: 'Seesaw fund', market_hours: 'always' }),
  );
  position = Position.parse(
    await api.post(`/v1/portfolios/${portfolio.id}/positions`, {
      symbol: 'SEESAW',
      shares: '50',
      cash: '5000',
      anchor: '100',
      params: { guardrails: { max_orders_per_day: 100_000 } },
    }),
  );
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

describe.skipIf(missing !== null)('the console in a real browser, against a real engine', () => {
  it('shows the cycles the worker ran while no browser was open, marked Auto (worker)', async () => {
    // No browser exists yet: the engine trades on its own timer.
    expect(browser).toBeNull();
    await waitFor(
      'three worker cycles with fills',
      async () => ((await workerCycles()).filter((c) => c.counts.fills > 0).length >= 3 ? true : undefined),
      30_000,
      engine,
    );
    // Freeze the state (as an operator's script would) so the page can be compared with the API exactly.
    await api.put('/v1/trading/worker', { enabled: false });
    await settled();
    const cycles = await api.all(CycleSummary, '/v1/trading/cycles');
    expect(cycles.every((c) => c.source === 'worker')).toBe(true);

    browser = await launchBrowser();
    ({ page, problems: pageProblems } = await openPage(browser));
    await page.goto(`${engine.url}/`);
    await logIn(page, 'admin', ADMIN_PASSWORD);
    const rows = page.locator('table.cycles tbody tr');
    await expect.poll(() => rows.count()).toBe(Math.min(12, cycles.length));
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-cycle-id')))).toEqual(
      cycles.slice(0, 12).map((c) => c.id),
    );
    for (const text of await rows.locator('.badge').allTextContents()) expect(text).toBe('Auto (worker)');
    await expect.poll(() => page.getByText('worker disabled').count()).toBeGreaterThan(0);

    // Every cycle the worker ran is listed, newest first.
    await page.getByRole('link', { name: 'All cycles' }).click();
    await expect.poll(() => page.locator('table.cycles tbody tr').count()).toBe(Math.min(50, cycles.length));
    const listed = await page
      .locator('table.cycles tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-cycle-id')));
    expect(listed).toEqual(cycles.slice(0, 50).map((c) => c.id));
    await screenshot(page, 'cycles');
    expect(unexpected()).toEqual([]);
  });

  it('shows the current position, the orders and the trades it never saw happen', async () => {
    const now = Position.parse(await api.get(`/v1/positions/${position.id}`));
    expect(now.shares).not.toBe(position.shares);
    await page.goto(`${engine.url}/portfolios/${portfolio.id}`);
    const row = page.locator(`tr[data-position-id="${position.id}"]`);
    await expect.poll(() => row.locator('td').first().textContent()).toBe(qty.format(now.shares as never));
    await screenshot(page, 'portfolio');

    const orders = await ordersOf(portfolio.id);
    const trades = await api.all(Trade, `/v1/trades?portfolio_id=${portfolio.id}`);
    expect(orders.length).toBeGreaterThanOrEqual(3);
    await page.getByRole('link', { name: 'Orders & trades' }).click();
    const orderRows = page.locator('tr[data-order-id]');
    await expect.poll(() => orderRows.count()).toBe(Math.min(50, orders.length));
    expect(await orderRows.first().getAttribute('data-order-id')).toBe(orders[0]!.id);
    expect(await orderRows.first().locator('.badge').textContent()).toBe('Auto (worker)');
    await screenshot(page, 'orders');
    await page
      .getByRole('navigation', { name: 'Orders or trades' })
      .getByRole('link', { name: 'Trades' })
      .click();
    const tradeRows = page.locator('tr[data-trade-id]');
    await expect.poll(() => tradeRows.count()).toBe(Math.min(50, trades.length));
    expect(await tradeRows.first().getAttribute('data-trade-id')).toBe(trades[0]!.id);
    await screenshot(page, 'trades');
    expect(unexpected()).toEqual([]);
  });

  it('Run now, from the keyboard, adds a cycle marked Manual (console) with its chain of events', async () => {
    await page.goto(`${engine.url}/`);
    const runNow = page.getByRole('button', { name: 'Run now', exact: true });
    await runNow.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('Run a cycle now?');
    // The dialog takes the focus: Enter confirms, nothing needs a mouse.
    await page.keyboard.press('Enter');
    const done = notice(/Manual cycle completed: 1 evaluated, 1 order, 1 filled/);
    await done.waitFor();

    const [manual] = await api.all(CycleSummary, '/v1/trading/cycles?source=api/manual');
    expect(manual).toMatchObject({ source: 'api/manual', status: 'completed' });
    const top = page.locator('table.cycles tbody tr').first();
    await expect.poll(() => top.getAttribute('data-cycle-id')).toBe(manual!.id);
    expect(await top.locator('.badge').textContent()).toBe('Manual (console)');
    await screenshot(page, 'dashboard-after-run-now');

    await done.getByRole('link', { name: 'See the cycle and every event it recorded' }).click();
    const chain = page.locator(`li.chain[data-position-id="${position.id}"] [data-event-type]`);
    const expected = [
      'PriceEvent',
      'TriggerEvaluated',
      'GuardrailEvaluated',
      'OrderCreated',
      'ExecutionRecorded',
      'PositionUpdated',
    ];
    await expect
      .poll(() => chain.evaluateAll((li) => li.map((e) => e.getAttribute('data-event-type'))))
      .toEqual(expected);
    const events = await api.all(AuditEvent, `/v1/events?cycle_id=${manual!.id}`);
    expect(new Set(events.map((e) => e.source))).toEqual(new Set(['api/manual']));
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(expected));
    await screenshot(page, 'cycle');
    expect(unexpected()).toEqual([]);
  });

  it('a bad parameter value shows the engine’s error next to the field and changes nothing', async () => {
    const before = Position.parse(await api.get(`/v1/positions/${position.id}`));
    const [newest] = await api.events({ limit: '1' });
    await page.goto(`${engine.url}/positions/${position.id}`);
    await page.locator('.chart canvas').first().waitFor();
    await screenshot(page, 'position');

    const field = page.getByLabel('Sell trigger');
    await field.fill('-3');
    await page.getByRole('button', { name: 'Save parameters' }).click();
    await confirm('Save parameters');
    const error = page.locator('.field.has-error').filter({ has: field });
    await expect
      .poll(() => error.locator('.field-error').textContent())
      .toBe('must be greater than 0 and at most 100');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.inputValue()).toBe('-3');
    await screenshot(page, 'position-parameter-refused');

    const after = Position.parse(await api.get(`/v1/positions/${position.id}`));
    expect(after.params).toEqual(before.params);
    expect(after.updated_at).toBe(before.updated_at);
    expect(await api.events({ type: 'PositionUpdatedByUser' })).toEqual([]);
    expect((await api.events({ limit: '1' }))[0]!.seq).toBe(newest!.seq);
    expect(unexpected()).toEqual([]);
  });

  it('the worker switch asks first, then shows the audit event of the change', async () => {
    await page.goto(`${engine.url}/`);
    await page.getByRole('switch', { name: /Scheduled trading off/ }).click();
    await confirm('Enable');
    const done = notice('Worker enabled');
    await expect
      .poll(() => done.locator('.recorded-event').textContent())
      .toMatch(/^Audit #\d+ WorkerSettingsChanged by admin: trading off → on$/);
    const [changed] = await api.events({ type: 'WorkerSettingsChanged' });
    expect(changed!.payload).toMatchObject({ enabled: { before: false, after: true } });
    expect(await done.locator('.recorded-event').textContent()).toContain(`#${changed!.seq}`);
    // Pushed by the engine: a scheduled cycle completes and the open page lists it above the manual one.
    const top = page.locator('table.cycles tbody tr').first();
    await expect.poll(() => top.getAttribute('data-source'), { timeout: 10_000 }).toBe('worker');
    expect(await top.locator('.badge').textContent()).toBe('Auto (worker)');
    await page.getByRole('button', { name: 'Dismiss' }).first().click();
    await screenshot(page, 'dashboard');
    expect(unexpected()).toEqual([]);
  });

  it('halting a portfolio stops its orders: the worker places none, a manual run is refused', async () => {
    await page.goto(`${engine.url}/portfolios/${portfolio.id}`);
    await page.getByRole('button', { name: 'Halt', exact: true }).click();
    await confirm('Halt trading');
    const done = notice('“Seesaw fund” is now halted');
    await expect
      .poll(() => done.locator('.recorded-event').textContent())
      .toMatch(/PortfolioUpdated by admin: state active → halted$/);
    const haltedAt = new Date().toISOString();
    const ordersAtHalt = (await ordersOf(portfolio.id)).length;

    await waitFor(
      'three worker cycles after the halt',
      async () =>
        (await workerCycles()).filter((c) => c.started_at > haltedAt).length >= 3 ? true : undefined,
      20_000,
      engine,
    );
    expect((await ordersOf(portfolio.id)).length).toBe(ordersAtHalt);

    await page.goto(`${engine.url}/positions/${position.id}`);
    await page.getByRole('button', { name: 'Run now for SEESAW' }).click();
    await confirm('Run now');
    const refused = notice(/refused/);
    await expect.poll(() => refused.textContent()).toContain('the portfolio is halted (kill switch)');
    await refused.getByRole('link', { name: 'See the cycle and every event it recorded' }).click();
    await expect
      .poll(() => page.locator('li.chain').first().textContent())
      .toContain('the portfolio is halted');
    await screenshot(page, 'cycle-blocked-by-halt');
    expect((await ordersOf(portfolio.id)).length).toBe(ordersAtHalt);
    expect(unexpected()).toEqual([]);
  });

  it('the audit trail filters, verifies its chain, and is readable on a phone', async () => {
    await page.goto(`${engine.url}/audit?source=api/manual`);
    await expect.poll(() => page.locator('.verify').textContent()).toMatch(/Chain verified: [\d,]+ events/);
    const rows = page.locator('table.events tbody tr[data-seq]');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const sources = await rows.locator('.badge').allTextContents();
    expect(new Set(sources)).toEqual(new Set(['Manual (console)']));
    const manual = await api.all(AuditEvent, '/v1/events?source=api/manual');
    expect(await rows.count()).toBe(Math.min(100, manual.length));
    const csv = page.getByRole('link', { name: 'CSV' });
    expect(await csv.getAttribute('href')).toBe('/v1/events/export?source=api%2Fmanual&format=csv');
    await screenshot(page, 'audit');

    const phone = await openPage(browser!, { width: 390, height: 844 });
    await phone.page.goto(`${engine.url}/`);
    await logIn(phone.page, 'admin', ADMIN_PASSWORD);
    await phone.page.locator('table.cycles tbody tr').first().waitFor();
    const overflow = await phone.page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow as number).toBeLessThanOrEqual(0);
    await screenshot(phone.page, 'dashboard-phone');
    expect(unexpectedOf(phone.problems)).toEqual([]);
    await phone.close();
    expect(unexpected()).toEqual([]);
  });

  it('an admin adds a viewer, who sees everything and can change nothing', async () => {
    await page.goto(`${engine.url}/access`);
    await page.getByText('Add a user').click();
    const form = page.getByRole('form', { name: 'New user' });
    await form.getByLabel('Username').fill('vera');
    await form.getByLabel('Password').fill('short');
    await form.getByRole('button', { name: 'Add user' }).click();
    await confirm('Add user');
    await expect
      .poll(() => form.locator('.field-error').first().textContent())
      .toBe('must be at least 12 characters');
    await form.getByLabel('Password').fill('vera-reads-only-2026');
    await form.getByRole('button', { name: 'Add user' }).click();
    await confirm('Add user');
    await expect
      .poll(() => notice('Added vera (viewer)').locator('.recorded-event').textContent())
      .toMatch(/UserCreated by admin/);
    await screenshot(page, 'access');
    await page.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
    await page.getByText('You are logged out.').waitFor();
    await screenshot(page, 'login');

    await page.goto(`${engine.url}/`);
    await logIn(page, 'vera', 'vera-reads-only-2026');
    await page.locator('table.cycles tbody tr').first().waitFor();
    expect(await page.getByRole('button', { name: 'Run now', exact: true }).count()).toBe(0);
    expect(await page.getByRole('switch').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Access' }).count()).toBe(0);
    await page.goto(`${engine.url}/positions/${position.id}`);
    await page.getByRole('heading', { name: 'Strategy parameters' }).waitFor();
    expect(await page.getByRole('button', { name: 'Save parameters' }).count()).toBe(0);
    expect(await page.getByLabel('Sell trigger').getAttribute('readonly')).not.toBeNull();
    // Hidden is not the protection: the engine refuses the viewer anyway.
    const login = await fetch(`${engine.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'vera', password: 'vera-reads-only-2026' }),
    });
    const { token } = (await login.json()) as { token: string };
    const refused = await fetch(`${engine.url}/v1/trading/cycle`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('AUTH_FORBIDDEN');
    expect(unexpected()).toEqual([]);
  });
});
