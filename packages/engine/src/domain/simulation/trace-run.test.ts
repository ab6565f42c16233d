import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal.js';
import { DEFAULT_PARAMS } from '../strategy-params.js';
import { buyAndHold } from './buy-and-hold.js';
import { type SimulationBars, simulateBars } from './simulate-bars.js';
import { traceRun } from './trace-run.js';

const DAY = 86_400_000;

function barsOf(closes: string[]): SimulationBars {
  return {
    length: closes.length,
    times: Float64Array.from(closes, (_, i) => Date.UTC(2026, 0, 5) + i * DAY),
    closes: Float64Array.from(closes, Number),
    closeText: closes,
  };
}

describe('replaying a run bar by bar', () => {
  it('follows the anchor through fills and resets, and values the position at every close', () => {
    // 100 seeds the anchor; 97 buys (−3 %); 160 is +65 % from 97, past reset_pct 50: the anchor resets, no trade.
    const bars = barsOf(['100', '97', '160', '161']);
    const input = {
      bars,
      shares: new Decimal(50),
      cash: new Decimal(5000),
      anchor: null,
      params: DEFAULT_PARAMS,
      marketHours: 'always' as const,
    };
    const result = simulateBars(input);
    expect(result.anchorResets).toBe(1);
    const hold = buyAndHold(input.shares, input.cash, new Decimal(100), DEFAULT_PARAMS.order.commissionRate);
    const trace = traceRun(input, result, hold, { points: true });
    expect(trace.points.map((p) => p.anchor)).toEqual([100, 97, 160, result.final.anchor!.toNumber()]);
    const buy = result.trades[0]!;
    expect(buy).toMatchObject({ index: 1, side: 'buy' });
    expect(trace.trades[0]).toEqual({
      anchorBefore: new Decimal(100),
      allocationBefore: (50 * 97) / (50 * 97 + 5000),
    });
    const after = (close: number) => buy.sharesAfter.toNumber() * close + buy.cashAfter.toNumber();
    expect(trace.points.map((p) => p.equity)).toEqual([
      10_000,
      after(97),
      after(160),
      expect.closeTo(after(161), 6),
    ]);
    expect(trace.points[0]!.allocation).toBe(0.5);
    expect(trace.points[0]!.buyAndHold).toBe(10_000);
    expect(trace.points[3]!.buyAndHold).toBeCloseTo(hold.shares.toNumber() * 161 + hold.cash.toNumber(), 9);
  });

  it('refuses a run that does not match the bars: a replay that finds another anchor is a bug', () => {
    const bars = barsOf(['100', '97']);
    const input = {
      bars,
      shares: new Decimal(50),
      cash: new Decimal(5000),
      anchor: null,
      params: DEFAULT_PARAMS,
      marketHours: 'always' as const,
    };
    const result = simulateBars(input);
    const hold = buyAndHold(input.shares, input.cash, new Decimal(100), DEFAULT_PARAMS.order.commissionRate);
    const tampered = { ...result, final: { ...result.final, anchor: new Decimal(99) } };
    expect(() => traceRun(input, tampered, hold, { points: true })).toThrow(
      /replaying the run found anchor 97/,
    );
  });
});
