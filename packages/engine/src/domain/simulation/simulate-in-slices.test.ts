import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seededUniform } from '../../adapters/compute/seeded-uniform.js';
import { parseBarCsv } from '../../adapters/market-data/bar-csv.js';
import { DATA_SAMPLES_DIR } from '../../adapters/market-data/sample-bar-files.js';
import { Decimal } from '../decimal.js';
import type { MarketHoursMode } from '../market-hours.js';
import { DEFAULT_PARAMS, type StrategyParams } from '../strategy-params.js';
import { applyParamsPatch } from '../strategy-params-validation.js';
import { type SimulationInput, type SimulationResult, simulateBars } from './simulate-bars.js';
import { simulateInSlices } from './simulate-in-slices.js';
import { syntheticBars } from './synthetic-bars.js';

const DAX = parseBarCsv(readFileSync(new URL('eustock-dax.csv', DATA_SAMPLES_DIR), 'utf8'));

function params(patch: Record<string, unknown>): StrategyParams {
  const p = applyParamsPatch(DEFAULT_PARAMS, patch);
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  return p.params;
}

const plain = (r: SimulationResult) => ({
  trades: r.trades.map((t) => [
    t.index,
    t.time,
    t.side,
    t.qty.toFixed(),
    t.price.toFixed(),
    t.cashAfter.toFixed(),
    t.reason,
  ]),
  final: [r.final.shares.toFixed(), r.final.cash.toFixed(), r.final.anchor?.toFixed()],
  anchorResets: r.anchorResets,
});

function bothWays(input: SimulationInput, sliceBars: number) {
  const whole = simulateBars(input);
  let calls = 0;
  const sliced = simulateInSlices(input, { sliceBars, onSlice: () => ++calls > 0 });
  return { whole, sliced: sliced!, calls };
}

describe('a simulation played in slices', () => {
  const cases: [string, MarketHoursMode, Record<string, unknown>][] = [
    ['around the clock, the defaults', 'always', {}],
    ['the NYSE session, one order a day', 'regular', { guardrails: { max_orders_per_day: 1 } }],
    [
      'tight triggers, small resets',
      'always',
      { trigger: { up_pct: 1, down_pct: 1 }, anchor: { reset_pct: 4 } },
    ],
  ];
  for (const [what, marketHours, patch] of cases)
    it(`trades exactly as one call over all the DAX bars: ${what}`, () => {
      const input = {
        bars: DAX,
        shares: new Decimal(50),
        cash: new Decimal(5000),
        anchor: null,
        params: params(patch),
        marketHours,
      };
      for (const size of [1, 7, 100, 1_000]) {
        const { whole, sliced, calls } = bothWays(input, size);
        expect(whole.trades.length).toBeGreaterThan(10);
        expect(plain(sliced)).toEqual(plain(whole));
        expect(calls).toBeGreaterThanOrEqual(Math.min(DAX.length / Math.max(size, 1) - 1, 1));
      }
    });

  it('starts each slice on a new trading day, so the day’s order limit carries over (one-minute bars)', () => {
    const bars = syntheticBars(
      {
        bars: 20_000,
        intervalMinutes: 1,
        startPrice: '100',
        driftPctPerYear: 0,
        volatilityPctPerYear: 80,
        start: Date.UTC(2024, 0, 1),
      },
      seededUniform(5),
    );
    if (!bars.ok) throw new Error(bars.message);
    const input = {
      bars: bars.bars,
      shares: new Decimal(50),
      cash: new Decimal(5000),
      anchor: null,
      params: params({ trigger: { up_pct: 0.5, down_pct: 0.5 }, guardrails: { max_orders_per_day: 2 } }),
      marketHours: 'always' as const,
    };
    const { whole, sliced } = bothWays(input, 500);
    expect(whole.trades.length).toBeGreaterThan(20);
    expect(plain(sliced)).toEqual(plain(whole));
  });

  it('stops between two slices when asked, and says so with null', () => {
    const input = {
      bars: DAX,
      shares: new Decimal(50),
      cash: new Decimal(5000),
      anchor: null,
      params: DEFAULT_PARAMS,
      marketHours: 'always' as const,
    };
    const seen: number[] = [];
    const stopped = simulateInSlices(input, { sliceBars: 100, onSlice: (done) => seen.push(done) < 3 });
    expect(stopped).toBeNull();
    expect(seen).toEqual([100, 200, 300]);
  });
});
