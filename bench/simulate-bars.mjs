// The simulation core over 1 000 000 one-minute bars of one position, and the loop ceiling over the same bars.
const dist = new URL('../packages/engine/dist/', import.meta.url);
const { simulateBars } = await import(new URL('domain/simulation/simulate-bars.js', dist).href);
const { DEFAULT_PARAMS } = await import(new URL('domain/strategy-params.js', dist).href);
const { Decimal } = await import(new URL('domain/decimal.js', dist).href);

import { seededUniform } from './seeded-random.mjs';

const BARS = 1_000_000;
/** Timed rounds of each loop, interleaved; the median is reported (one run is at the mercy of the JIT and the machine). */
const ROUNDS = 7;

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

/**
 * The ceiling of any loop over these bars: only the trigger comparison, in floats — each close against
 * the current anchor's trigger levels, the anchor moving to every price that crosses one. No decimals,
 * no band, no orders. Returns the number of crossings so the loop cannot be optimised away.
 */
function loopCeiling(bars, params) {
  const { closes, length } = bars;
  const up = 1 + params.trigger.upPct.toNumber() / 100;
  const down = 1 - params.trigger.downPct.toNumber() / 100;
  let sellAt = closes[0] * up;
  let buyAt = closes[0] * down;
  let crossings = 0;
  for (let i = 1; i < length; i++) {
    const p = closes[i];
    if (p >= sellAt || p <= buyAt) {
      sellAt = p * up;
      buyAt = p * down;
      crossings++;
    }
  }
  return crossings;
}

function timed(run) {
  const started = performance.now();
  const result = run();
  return { ms: performance.now() - started, result };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

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
  const warmUp = makeBars(50_000, 5);
  simulateBars({ ...input, bars: warmUp });
  loopCeiling(warmUp, DEFAULT_PARAMS);
  const simulateMs = [];
  const ceilingMs = [];
  let result;
  let crossings = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const simulation = timed(() => simulateBars(input));
    simulateMs.push(simulation.ms);
    result = simulation.result;
    const ceiling = timed(() => loopCeiling(bars, DEFAULT_PARAMS));
    ceilingMs.push(ceiling.ms);
    crossings = ceiling.result;
  }
  const perSecond = (ms) => Math.round(BARS / (ms / 1000));
  const simulateRate = perSecond(median(simulateMs));
  const ceilingRate = perSecond(median(ceilingMs));
  return {
    simulate_bars_per_s: simulateRate,
    simulate_ms: Math.round(median(simulateMs)),
    simulate_ms_range: `${Math.round(Math.min(...simulateMs))}–${Math.round(Math.max(...simulateMs))}`,
    simulate_trades: result.trades.length,
    simulate_evaluations: result.evaluations,
    simulate_loop_ceiling_bars_per_s: ceilingRate,
    simulate_loop_ceiling_ms: Number(median(ceilingMs).toFixed(2)),
    simulate_loop_ceiling_crossings: crossings,
    simulate_share_of_ceiling: Number((simulateRate / ceilingRate).toFixed(3)),
  };
}
