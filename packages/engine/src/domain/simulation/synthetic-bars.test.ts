import { describe, expect, it } from 'vitest';
import { seededUniform } from '../../adapters/compute/seeded-uniform.js';
import { YEAR_MS } from './metrics.js';
import { type SyntheticBarsSpec, syntheticBars } from './synthetic-bars.js';

const spec = (over: Partial<SyntheticBarsSpec> = {}): SyntheticBarsSpec => ({
  bars: 1_000,
  intervalMinutes: 60,
  startPrice: '100',
  driftPctPerYear: 0,
  volatilityPctPerYear: 30,
  start: Date.UTC(2024, 0, 1),
  ...over,
});

function generated(s: SyntheticBarsSpec, seed: number) {
  const result = syntheticBars(s, seededUniform(seed));
  if (!result.ok) throw new Error(result.message);
  return result.bars;
}

/** Mean and sample standard deviation of the log returns. */
function logReturnStats(closes: Float64Array) {
  let [n, mean, squares] = [0, 0, 0];
  for (let i = 1; i < closes.length; i++) {
    const r = Math.log(closes[i]! / closes[i - 1]!);
    n++;
    const delta = r - mean;
    mean += delta / n;
    squares += delta * (r - mean);
  }
  return { mean, sd: Math.sqrt(squares / (n - 1)) };
}

describe('synthetic bars: a seeded geometric Brownian motion', () => {
  it('gives the same bars for the same seed and other bars for another', () => {
    const a = generated(spec(), 7);
    const b = generated(spec(), 7);
    const c = generated(spec(), 8);
    expect(b.closeText).toEqual(a.closeText);
    expect([...b.times]).toEqual([...a.times]);
    expect(c.closeText).not.toEqual(a.closeText);
    expect(generated(spec(), -3).closeText).toEqual(generated(spec(), -3).closeText);
  });

  it('starts at the start price and steps by the interval; each close is its text, a plain decimal', () => {
    const bars = generated(spec({ startPrice: '12.5', intervalMinutes: 15 }), 1);
    expect(bars.length).toBe(1_000);
    expect([bars.closeText[0], bars.closes[0]]).toEqual(['12.5', 12.5]);
    for (let i = 0; i < bars.length; i++) {
      expect(bars.times[i]).toBe(Date.UTC(2024, 0, 1) + i * 15 * 60_000);
      expect(bars.closeText[i]).toMatch(/^\d+(\.\d+)?$/);
      expect(bars.closes[i]).toBe(Number(bars.closeText[i]));
    }
  });

  it('has the volatility and the drift asked for, within sampling error, over 57 years of hourly bars', () => {
    const n = 500_000;
    const [mu, sigma] = [0.15, 0.1];
    const bars = generated(
      spec({ bars: n, driftPctPerYear: mu * 100, volatilityPctPerYear: sigma * 100 }),
      42,
    );
    const dt = (60 * 60_000) / YEAR_MS;
    const { mean, sd } = logReturnStats(bars.closes);
    // σ from 500 000 returns: a relative standard error of 1/√(2n) = 0.1 %.
    expect(sd / Math.sqrt(dt)).toBeCloseTo(sigma, 2);
    expect(Math.abs(sd / Math.sqrt(dt) - sigma)).toBeLessThan(0.005 * sigma);
    // Log growth per year is μ − σ²/2 = 0.145, with a standard error of σ/√years = 0.013.
    const years = (n - 1) * dt;
    expect(Math.abs(mean / dt - (mu - sigma ** 2 / 2))).toBeLessThan((3 * sigma) / Math.sqrt(years));
  });

  it('refuses a path that leaves the range a price can be written in, naming the bar', () => {
    const result = syntheticBars(
      spec({ bars: 5_000, intervalMinutes: 1_440, driftPctPerYear: 1_000 }),
      seededUniform(1),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/leaves the range .* at bar \d+: choose a smaller drift/);
  });
});
