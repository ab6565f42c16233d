import type { Instant } from '../ids.js';
import { YEAR_MS } from './metrics.js';
import type { SimulationBars } from './simulate-bars.js';

export interface SyntheticBarsSpec {
  readonly bars: number;
  readonly intervalMinutes: number;
  /** The first close, a plain positive decimal (`100`, `12.5`). */
  readonly startPrice: string;
  /** μ of dS/S = μ dt + σ dW, in percent per year: the expected price grows by e^μ a year. */
  readonly driftPctPerYear: number;
  /** σ, in percent per year. */
  readonly volatilityPctPerYear: number;
  readonly start: Instant;
}

export type SyntheticBars =
  | { readonly ok: true; readonly bars: SimulationBars }
  | { readonly ok: false; readonly message: string };

/** Prices are written with 8 significant digits; outside this range they could not be written well. */
const LOWEST = 1e-6;
const HIGHEST = 1e15;

/**
 * A geometric Brownian motion sampled every `intervalMinutes` around the clock, exactly (no
 * discretisation error): S(t + Δt) = S(t) · exp((μ − σ²/2)·Δt + σ·√Δt·Z), Δt in years of 365.25 days, Z
 * standard normal by Box–Muller from `uniform` — the caller's seeded source of numbers in [0, 1), so the
 * same seed always gives the same bars. Each close is rounded to 8 significant digits and its text is
 * that decimal exactly, so the scan and the exact decisions see the same price. (The path itself goes on
 * from the unrounded price: the rounding never accumulates.)
 */
export function syntheticBars(spec: SyntheticBarsSpec, uniform: () => number): SyntheticBars {
  const n = spec.bars;
  const stepMs = spec.intervalMinutes * 60_000;
  const dt = stepMs / YEAR_MS;
  const mu = spec.driftPctPerYear / 100;
  const sigma = spec.volatilityPctPerYear / 100;
  const driftPerStep = (mu - (sigma * sigma) / 2) * dt;
  const shockPerStep = sigma * Math.sqrt(dt);
  const times = new Float64Array(n);
  const closes = new Float64Array(n);
  const closeText: string[] = new Array(n);
  let price = Number(spec.startPrice);
  const normal = normalsFrom(uniform);
  for (let i = 0; i < n; i++) {
    if (i > 0) price *= Math.exp(driftPerStep + shockPerStep * normal());
    if (!(price >= LOWEST && price < HIGHEST))
      return {
        ok: false,
        message: `the synthetic price leaves the range ${LOWEST}–${HIGHEST} at bar ${i + 1}: choose a smaller drift or volatility, or fewer bars`,
      };
    times[i] = spec.start + i * stepMs;
    if (i === 0) {
      closes[0] = Number(spec.startPrice);
      closeText[0] = spec.startPrice;
    } else {
      closes[i] = roundedPrice(price);
      closeText[i] = String(closes[i]);
    }
  }
  return { ok: true, bars: { length: n, times, closes, closeText } };
}

const POW10 = Array.from({ length: 15 }, (_, k) => 10 ** k);

/**
 * The price rounded to 8 significant digits (at least 2 decimals), as the double nearest that decimal:
 * an integer over a power of ten is correctly rounded, so `String` of it writes exactly that decimal
 * (a decimal of at most 15 digits is the shortest text of its double), and never with an exponent in
 * this range.
 */
function roundedPrice(price: number): number {
  const scale = POW10[Math.min(14, Math.max(2, 7 - Math.floor(Math.log10(price))))]!;
  return Math.round(price * scale) / scale;
}

/** Standard normal numbers, two per pair of uniforms (Box–Muller). */
function normalsFrom(uniform: () => number): () => number {
  let spare = Number.NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const z = spare;
      spare = Number.NaN;
      return z;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}
