import { describe, expect, it } from 'vitest';
import { pathFigures, YEAR_MS } from './metrics.js';

const DAY = 86_400_000;

describe('the figures of a value path, by hand', () => {
  // 100 → 110 → 104.5 → 114.95 a week apart: returns +10 %, −5 %, +10 %.
  const values = [100, 110, 104.5, 114.95];
  const span = 21 * DAY;
  const figures = pathFigures(values, span);
  const returns = [0.1, -0.05, 0.1];
  const mean = 0.05;
  const sd = Math.sqrt(((0.1 - mean) ** 2 + (-0.05 - mean) ** 2 + (0.1 - mean) ** 2) / 2); // √0.0075
  const perYear = 3 / (span / YEAR_MS); // three returns in 21 calendar days: 52.18 a year

  it('return, volatility, Sharpe (risk-free 0) and max drawdown are the textbook ones', () => {
    expect(returns.reduce((a, b) => a + b) / 3).toBeCloseTo(mean, 12);
    expect(figures.returnPct).toBeCloseTo(14.95, 10);
    expect(figures.annualizedVolatilityPct).toBeCloseTo(Math.sqrt(0.0075) * Math.sqrt(perYear) * 100, 10);
    expect(figures.annualizedVolatilityPct).toBeCloseTo(62.5571, 3);
    expect(figures.sharpe).toBeCloseTo((mean / sd) * Math.sqrt(perYear), 10);
    expect(figures.sharpe).toBeCloseTo(4.1705, 3);
    expect(figures.maxDrawdownPct).toBeCloseTo(5, 10); // 110 down to 104.5
    expect(figures.annualizedReturnPct).toBeCloseTo((1.1495 ** (365.25 / 21) - 1) * 100, 8);
  });

  it('annualizes by calendar time: a year of weekday closes counts about 261 periods, not 365', () => {
    const times: number[] = [];
    for (let t = Date.UTC(2025, 0, 6); t < Date.UTC(2026, 0, 6); t += DAY) {
      const weekday = new Date(t).getUTCDay();
      if (weekday !== 0 && weekday !== 6) times.push(t);
    }
    const path = times.map((_, i) => 100 * (i % 2 === 0 ? 1 : 1.01)); // +1 %, −0.99 %, …
    const r = path.slice(1).map((v, i) => v / path[i]! - 1);
    const m = r.reduce((a, b) => a + b) / r.length;
    const s = Math.sqrt(r.reduce((a, x) => a + (x - m) ** 2, 0) / (r.length - 1));
    const f = pathFigures(path, times.at(-1)! - times[0]!);
    const impliedPerYear = (f.annualizedVolatilityPct! / 100 / s) ** 2;
    expect(times).toHaveLength(261);
    expect(impliedPerYear).toBeCloseTo(260 / ((times.at(-1)! - times[0]!) / YEAR_MS), 6);
    expect(impliedPerYear).toBeGreaterThan(255);
    expect(impliedPerYear).toBeLessThan(265);
  });

  it('says nothing it cannot know: one value, one return, or no volatility', () => {
    expect(pathFigures([100], 0)).toEqual({
      returnPct: 0,
      annualizedReturnPct: null,
      annualizedVolatilityPct: null,
      sharpe: null,
      maxDrawdownPct: 0,
    });
    const one = pathFigures([100, 90], DAY);
    expect(one).toMatchObject({ annualizedVolatilityPct: null, sharpe: null });
    expect([one.returnPct, one.maxDrawdownPct]).toEqual([expect.closeTo(-10, 12), expect.closeTo(10, 12)]);
    expect(pathFigures([100, 100, 100], 2 * DAY)).toMatchObject({
      annualizedVolatilityPct: 0,
      sharpe: null,
      maxDrawdownPct: 0,
    });
  });

  it('does not annualize bars that span less than a day: minutes of prices say nothing of a year', () => {
    const path = [100, 105, 99.75, 104.7375];
    const minutes = pathFigures(path, 3 * 60_000);
    expect(minutes).toEqual({
      returnPct: expect.closeTo(4.7375, 10),
      annualizedReturnPct: null,
      annualizedVolatilityPct: null,
      sharpe: null,
      maxDrawdownPct: expect.closeTo(5, 10),
    });
    const day = pathFigures(path, DAY);
    expect(day.annualizedVolatilityPct).toBeGreaterThan(0);
    expect(day.sharpe).not.toBeNull();
  });

  it('refuses a value that is not positive: a position is never worth nothing or less', () => {
    expect(() => pathFigures([100, 0], DAY)).toThrow(/positive/);
    expect(() => pathFigures([100, Number.NaN], DAY)).toThrow(/positive/);
  });
});
