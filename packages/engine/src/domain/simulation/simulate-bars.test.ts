import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeParams } from '../../test-support/position-factory.js';
import { Decimal } from '../decimal.js';
import { type SimulationBars, simulateBars } from './simulate-bars.js';

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 5, 15, 0, 0);

function barsOf(closes: number[], stepMs = 60_000): SimulationBars {
  const text = closes.map((c) => c.toFixed(2));
  return {
    length: closes.length,
    times: Float64Array.from(closes, (_, i) => START + i * stepMs),
    closes: Float64Array.from(text, Number),
    closeText: text,
  };
}

function walk(seed: number, n: number, volPct: number, driftPct = 0): number[] {
  let x = seed;
  const rnd = () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
  const out: number[] = [];
  let p = 100;
  for (let i = 0; i < n; i++) {
    p = Math.max(1, p * (1 + ((rnd() - 0.5) * 2 * volPct + driftPct) / 100));
    out.push(Number(p.toFixed(2)));
  }
  return out;
}

const shape = (r: ReturnType<typeof simulateBars>) => ({
  trades: r.trades.map((t) => [
    t.index,
    t.side,
    t.qty.toFixed(),
    t.price.toFixed(),
    t.fee.toFixed(),
    t.cashAfter.toFixed(),
    t.sharesAfter.toFixed(),
  ]),
  final: [r.final.shares.toFixed(), r.final.cash.toFixed(), r.final.anchor?.toFixed()],
});

describe('simulating bars through the live rules', () => {
  it('reproduces the worked example A on two bars', () => {
    const r = simulateBars({
      bars: barsOf([98, 97]),
      shares: new Decimal(50),
      cash: new Decimal(5000),
      anchor: new Decimal(100),
      params: makeParams(),
      marketHours: 'always',
    });
    expect(shape(r).trades).toEqual([[1, 'buy', '5.234455', '97', '0.050774', '4492.207091', '55.234455']]);
  });

  it('lets the first bar only seed the anchor when none is given', () => {
    const r = simulateBars({
      bars: barsOf([200, 194]),
      shares: new Decimal(50),
      cash: new Decimal(10_000),
      anchor: null,
      params: makeParams(),
      marketHours: 'always',
    });
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]!.index).toBe(1);
  });

  it('skips orders while the market is closed for regular hours', () => {
    const saturday = Date.UTC(2026, 0, 10, 15, 0, 0);
    const bars = { ...barsOf([97]), times: Float64Array.of(saturday) };
    const r = simulateBars({
      bars,
      shares: new Decimal(50),
      cash: new Decimal(5000),
      anchor: new Decimal(100),
      params: makeParams(),
      marketHours: 'regular',
    });
    expect(r.trades).toHaveLength(0);
    expect(r.skips).toBe(1);
  });

  it('gives exactly the same trades as evaluating every bar, for random paths and parameters', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 40 }).map((v) => v / 10),
        fc.integer({ min: -30, max: 30 }).map((v) => v / 100),
        fc.record({
          up: fc.integer({ min: 5, max: 80 }),
          min: fc.integer({ min: 0, max: 50 }),
          width: fc.integer({ min: 5, max: 50 }),
          maxTrade: fc.integer({ min: 5, max: 100 }),
          perDay: fc.integer({ min: 1, max: 6 }),
          minNotional: fc.integer({ min: 0, max: 400 }),
          commission: fc.integer({ min: 0, max: 50 }),
        }),
        fc.constantFrom<'always' | 'regular'>('always', 'regular'),
        (seed, vol, drift, p, hours) => {
          const params = makeParams({
            trigger: { up_pct: p.up / 10, down_pct: p.up / 10 },
            guardrails: {
              min_stock_pct: p.min,
              max_stock_pct: Math.min(100, p.min + p.width),
              max_trade_pct: p.maxTrade,
              max_orders_per_day: p.perDay,
            },
            order: { min_notional: p.minNotional, commission_rate: p.commission / 10_000 },
          });
          const bars = barsOf(walk(seed, 400, vol, drift), 7 * 60_000);
          const input = {
            bars,
            shares: new Decimal(40),
            cash: new Decimal(6000),
            anchor: new Decimal(100),
            params,
            marketHours: hours,
          };
          const fast = simulateBars(input);
          const every = simulateBars(input, { evaluateEveryBar: true });
          expect(shape(fast)).toEqual(shape(every));
          expect(fast.evaluations).toBeLessThanOrEqual(every.evaluations);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('counts orders per trading day', () => {
    const params = makeParams({ guardrails: { max_orders_per_day: 1 } });
    const closes = [97, 94, 91];
    const bars = { ...barsOf(closes), times: Float64Array.of(START, START + 60_000, START + DAY) };
    const r = simulateBars({
      bars,
      shares: new Decimal(50),
      cash: new Decimal(5000),
      anchor: new Decimal(100),
      params,
      marketHours: 'always',
    });
    expect(r.trades.map((t) => t.index)).toEqual([0, 2]);
  });
});
