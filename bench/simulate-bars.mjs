// The simulation core over 1 000 000 one-minute bars of one position.
const dist = new URL('../packages/engine/dist/', import.meta.url);
const { simulateBars } = await import(new URL('domain/simulation/simulate-bars.js', dist).href);
const { DEFAULT_PARAMS } = await import(new URL('domain/strategy-params.js', dist).href);
const { Decimal } = await import(new URL('domain/decimal.js', dist).href);

import { seededUniform } from './seeded-random.mjs';

const BARS = 1_000_000;

/** A seeded random walk of one-minute closes, 0.08 % per bar (about 30 % a year, like a volatile stock). */
function makeBars(n, seed = 11) {
  const uniform = seededUniform(seed);
  const times = new Float64Array(n);
  const closes = new Float64Array(n);
  const closeText = new Array(n);
  let logPrice = Math.log(100);
  const start = Date.UTC(2020, 0, 1);
  for (let i = 0; i < n; i++) {
    const g = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    logPrice += 0.0008 * g;
    const text = Math.exp(logPrice).toFixed(2);
    times[i] = start + i * 60_000;
    closes[i] = Number(text);
    closeText[i] = text;
  }
  return { length: n, times, closes, closeText };
}

export async function benchSimulate() {
  const bars = makeBars(BARS);
  const input = {
    bars,
    shares: new Decimal(50),
    cash: new Decimal(5000),
    anchor: null,
    params: DEFAULT_PARAMS,
    marketHours: 'always',
  };
  simulateBars({ ...input, bars: makeBars(50_000, 5) });
  const started = performance.now();
  const result = simulateBars(input);
  const ms = performance.now() - started;
  return {
    simulate_bars_per_s: Math.round(BARS / (ms / 1000)),
    simulate_ms: Math.round(ms),
    simulate_trades: result.trades.length,
    simulate_evaluations: result.evaluations,
  };
}
