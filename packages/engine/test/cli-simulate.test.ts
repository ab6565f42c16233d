import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../src/domain/decimal.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = 'packages/engine/bin/ballast.js';
const DAX = 'data-samples/eustock-dax.csv';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `ballast` command from the repository root, as a user would. */
function ballast(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

interface SimTrade {
  timestamp: string;
  side: 'buy' | 'sell';
  qty: string;
  price: string;
  fee: string;
  cash_after: string;
  shares_after: string;
  /** Added with the simulation lab, like the two fields below. */
  reason?: string;
}
interface SimOutput {
  trades: SimTrade[];
  final: { shares: string; cash: string; anchor: string | null };
  metrics?: Record<string, number | string | null>;
  buy_and_hold?: Record<string, number | string | null>;
}

async function simulateJson(...args: string[]): Promise<SimOutput> {
  const run = await ballast('simulate', ...args, '--json');
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as SimOutput;
}

let dir: string;
/** Writes a bar file (one day per close, from 5 January 2026) and returns its path. */
function bars(name: string, closes: string[]): string {
  const rows = closes.map((close, i) => `2026-01-${String(5 + i).padStart(2, '0')}T15:00:00Z,${close}`);
  const file = join(dir, name);
  writeFileSync(file, ['timestamp,close', ...rows].join('\n'));
  return file;
}
const day = (i: number) => `2026-01-${String(5 + i).padStart(2, '0')}T15:00:00.000Z`;

const EXAMPLE = ['--shares', '50', '--cash', '5000', '--set', 'market_hours=always'];

beforeAll(() => {
  if (!existsSync(join(ROOT, 'packages/engine/dist/cli/main.js')))
    throw new Error('the CLI is not built: run `npm run build` before these tests');
  dir = mkdtempSync(join(tmpdir(), 'ballast-cli-sim-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('ballast simulate reproduces the worked examples of DESIGN §3.3', () => {
  it('A: without --anchor the first bar (100) seeds the anchor; 98 holds; 97 buys 5.234455', async () => {
    const out = await simulateJson('--bars', bars('a.csv', ['100', '98', '97']), ...EXAMPLE);
    expect(out).toMatchObject({
      trades: [
        {
          timestamp: day(2),
          side: 'buy',
          qty: '5.234455',
          price: '97',
          fee: '0.050774',
          // 5000 − 5.234455·97 − 0.050774, exactly
          cash_after: '4492.207091',
          shares_after: '55.234455',
        },
      ],
      final: { shares: '55.234455', cash: '4492.207091', anchor: '97' },
    });
    expect(new Decimal(out.final.cash).toFixed(4)).toBe('4492.2071');
  });

  it('A: --anchor 100 with bars 98, 97 gives the same trade', async () => {
    const out = await simulateJson(
      '--bars',
      bars('a-anchor.csv', ['98', '97']),
      '--anchor',
      '100',
      ...EXAMPLE,
    );
    expect(out.trades).toMatchObject([
      {
        timestamp: day(1),
        side: 'buy',
        qty: '5.234455',
        price: '97',
        fee: '0.050774',
        cash_after: '4492.207091',
        shares_after: '55.234455',
      },
    ]);
    expect(out.final).toEqual({ shares: '55.234455', cash: '4492.207091', anchor: '97' });
  });

  it('without --anchor the first bar only seeds the anchor, even when it is 3 % below the next', async () => {
    // With --anchor 100 the first bar (97) would buy; without it, 97 is the anchor and nothing fires.
    const file = bars('seed.csv', ['97', '98']);
    const seeded = await simulateJson('--bars', file, ...EXAMPLE);
    expect(seeded).toMatchObject({ trades: [], final: { shares: '50', cash: '5000', anchor: '97' } });
    const anchored = await simulateJson('--bars', file, '--anchor', '100', ...EXAMPLE);
    expect(anchored.trades.map((t) => [t.timestamp, t.side, t.qty])).toEqual([[day(0), 'buy', '5.234455']]);
  });

  it('F: at 80 the buy is capped to 22.5 shares (20 % of 9 000)', async () => {
    const out = await simulateJson('--bars', bars('f.csv', ['80']), '--anchor', '100', ...EXAMPLE);
    expect(out).toMatchObject({
      trades: [
        {
          timestamp: day(0),
          side: 'buy',
          qty: '22.5',
          price: '80',
          fee: '0.18',
          cash_after: '3199.82',
          shares_after: '72.5',
        },
      ],
      final: { shares: '72.5', cash: '3199.82', anchor: '80' },
    });
  });

  it('F with --set guardrails.max_trade_pct=100: no longer capped at 22.5, but trimmed to the band', async () => {
    const out = await simulateJson(
      '--bars',
      bars('f100.csv', ['80']),
      '--anchor',
      '100',
      ...EXAMPLE,
      '--set',
      'guardrails.max_trade_pct=100',
    );
    // The rules by hand (§3.2 steps 6–8, 10), exact decimals:
    const [P, A, Q, C] = [new Decimal(80), new Decimal(100), new Decimal(50), new Decimal(5000)];
    const [r, fee] = [new Decimal('1.6667'), new Decimal('0.0001')]; // rebalance_ratio, commission_rate
    const V = Q.mul(P).add(C); // 9000
    const raw = A.div(P).sub(1).mul(r).mul(V.div(P)); // 46.8759375 shares
    const cap = Decimal.min(C, V).div(P); // min(5000, 1·9000)/80 = 62.5: raw is under it
    expect(raw.lessThan(cap)).toBe(true);
    const cashAfterRaw = C.sub(raw.mul(P)).sub(raw.mul(P).mul(fee));
    const valueAfterRaw = Q.add(raw).mul(P).add(cashAfterRaw);
    expect(Q.add(raw).mul(P).div(valueAfterRaw).greaterThan(0.75)).toBe(true); // 86 % > 75 %: trim
    const qty = new Decimal('0.75').mul(valueAfterRaw).div(P).sub(Q).toDecimalPlaces(6); // 34.371484
    const paid = qty.mul(P);
    const commission = paid.mul(fee).toDecimalPlaces(6); // 0.274972
    const cash = C.sub(paid).sub(commission);

    expect(out.trades).toMatchObject([
      {
        timestamp: day(0),
        side: 'buy',
        qty: qty.toFixed(),
        price: '80',
        fee: commission.toFixed(),
        cash_after: cash.toFixed(),
        shares_after: Q.add(qty).toFixed(),
      },
    ]);
    expect(out.trades[0]).toMatchObject({ qty: '34.371484', fee: '0.274972', cash_after: '2250.006308' });
    expect(new Decimal(out.trades[0]!.qty).greaterThan('22.5')).toBe(true);
  });
});

describe('ballast simulate measures the run as the API does, beside the fields it always had', () => {
  it('A: adds each trade’s reason, the metrics, and buy-and-hold from the same 10 000 (by hand)', async () => {
    const out = await simulateJson('--bars', bars('a-metrics.csv', ['100', '98', '97']), ...EXAMPLE);
    expect(out.trades.map((t) => t.reason)).toEqual(['buy trigger: price −3.00 % from the anchor 100']);
    // Values at the closes: 10 000 (50 · 100 + 5 000), 9 900, then 55.234455 · 97 + 4 492.207091 after the buy.
    const values = [10_000, 9_900, 9_849.949226];
    const returns = [values[1]! / values[0]! - 1, values[2]! / values[1]! - 1];
    const mean = (returns[0]! + returns[1]!) / 2;
    const sd = Math.abs(returns[0]! - returns[1]!) / Math.SQRT2; // the sample deviation of two returns
    const perYear = 2 / (2 / 365.25); // two returns in two calendar days
    expect(out.metrics).toMatchObject({
      start_value: '10000',
      end_value: '9849.949226',
      return_pct: -1.500508,
      max_drawdown_pct: 1.500508, // from the 10 000 peak down to the last value
      fees: '0.050774',
      trades: 1,
    });
    expect(out.metrics!.annualized_volatility_pct).toBeCloseTo(sd * Math.sqrt(perYear) * 100, 4);
    expect(out.metrics!.sharpe).toBeCloseTo((mean / sd) * Math.sqrt(perYear), 4);
    expect(out.metrics!.annualized_return_pct).toBeCloseTo(
      ((values[2]! / values[0]!) ** (365.25 / 2) - 1) * 100,
      4,
    );
    // Buy-and-hold: the 5 000 cash buys 49.995 shares at 100 (fee 0.49995), leaving 0.00005; 99.995 shares held.
    expect(out.buy_and_hold).toMatchObject({
      start_value: '10000',
      end_value: '9699.51505',
      return_pct: -3.004849,
      fees: '0.49995',
      trades: 1,
    });
  });
});

describe('ballast simulate refuses bad input with exit code 2 and says what is wrong', () => {
  it('a negative trigger names the parameter', async () => {
    const run = await ballast(
      'simulate',
      '--bars',
      bars('ok.csv', ['100', '97']),
      ...EXAMPLE,
      '--set',
      'trigger.up_pct=-1',
    );
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/trigger\.up_pct/);
  });

  it('a share count that is not a number names the flag', async () => {
    const run = await ballast(
      'simulate',
      '--bars',
      bars('ok2.csv', ['100', '97']),
      '--shares',
      'abc',
      '--cash',
      '5000',
    );
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/--shares/);
    expect(run.stderr).toContain('"abc"');
  });

  it('a CSV with a bad close names the file and the line', async () => {
    const file = join(dir, 'bad-close.csv');
    writeFileSync(file, 'timestamp,close\n2026-01-05T15:00:00Z,100\n2026-01-06T15:00:00Z,abc\n');
    const run = await ballast('simulate', '--bars', file, ...EXAMPLE);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${file}: line 3: close "abc" is not a positive decimal`);
    expect(run.code).toBe(2);
  });

  it('a CSV of several symbols is refused as the lab refuses it, not played as one price path', async () => {
    const file = join(dir, 'two-symbols.csv');
    writeFileSync(
      file,
      'timestamp,symbol,close\n2026-01-05T15:00:00Z,A,100\n2026-01-05T15:00:00Z,B,10\n2026-01-06T15:00:00Z,A,101\n',
    );
    const run = await ballast('simulate', '--bars', file, ...EXAMPLE);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain(`${file} holds several symbols (A, B); a simulation plays one`);
  });
});

describe('ballast simulate over 1 860 real DAX closes', () => {
  it('keeps the ledger exact: every trade line and the final cash add up to the cent and beyond', async () => {
    const out = await simulateJson('--bars', DAX, ...EXAMPLE);
    const closes = new Map(
      readFileSync(join(ROOT, DAX), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => {
          const [time, close] = line.split(',');
          return [new Date(time!).toISOString(), close!.trim()] as const;
        }),
    );
    expect(closes.size).toBe(1860);
    expect(out.trades.length).toBeGreaterThan(20);
    expect(new Set(out.trades.map((t) => t.side))).toEqual(new Set(['buy', 'sell']));

    let cash = new Decimal(5000);
    let shares = new Decimal(50);
    let bought = new Decimal(0);
    let sold = new Decimal(0);
    let fees = new Decimal(0);
    for (const t of out.trades) {
      const [qty, price, fee] = [new Decimal(t.qty), new Decimal(t.price), new Decimal(t.fee)];
      expect(price.eq(closes.get(t.timestamp)!)).toBe(true); // filled at that bar's close
      expect(qty.isPositive() && !qty.isZero()).toBe(true);
      expect(fee.eq(qty.mul(price).mul('0.0001').toDecimalPlaces(6))).toBe(true);
      const notional = qty.mul(price);
      if (t.side === 'buy') {
        cash = cash.sub(notional).sub(fee);
        shares = shares.add(qty);
        bought = bought.add(notional);
      } else {
        cash = cash.add(notional).sub(fee);
        shares = shares.sub(qty);
        sold = sold.add(notional);
      }
      fees = fees.add(fee);
      expect([t.timestamp, t.cash_after, t.shares_after]).toEqual([
        t.timestamp,
        cash.toFixed(),
        shares.toFixed(),
      ]);
    }
    expect(out.final.cash).toBe(new Decimal(5000).sub(bought).add(sold).sub(fees).toFixed());
    expect(out.final.cash).toBe(cash.toFixed());
    expect(out.final.shares).toBe(shares.toFixed());
    expect(out.final.anchor).toBe(out.trades.at(-1)!.price);
  });
});
