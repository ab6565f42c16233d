import { type MarketHoursMode, tradingDayOf } from '../market-hours.js';
import {
  type SimulatedTrade,
  type SimulationBars,
  type SimulationInput,
  type SimulationResult,
  simulateBars,
} from './simulate-bars.js';

/**
 * `simulateBars` over the bars in slices of about `sliceBars`, so a long run can report progress and be
 * stopped between two slices (`onSlice` returns false: the run stops and this returns null).
 *
 * A slice always begins on the first bar of a trading day, and the next slice starts from the state
 * the last one ended in. What `simulateBars` keeps besides that state is the day's order count, which
 * starts over on a new trading day anyway, and the zone of bars it may skip, which only saves work (a
 * skipped bar provably changes nothing: docs/decisions/0008-simulation-core.md). So the trades and the
 * final state are those of one call over all the bars; the evaluation and skip counts may be a little
 * higher, as a fresh slice looks again at bars the zones would have passed over.
 */
export function simulateInSlices(
  input: SimulationInput,
  options: { readonly sliceBars: number; readonly onSlice: (barsDone: number) => boolean },
): SimulationResult | null {
  const { bars } = input;
  const trades: SimulatedTrade[] = [];
  let state = { shares: input.shares, cash: input.cash, anchor: input.anchor };
  let [evaluations, skips, anchorResets] = [0, 0, 0];
  for (let from = 0; from < bars.length; ) {
    const to = sliceEnd(bars, from + Math.max(1, options.sliceBars), input.marketHours);
    const part = simulateBars({ ...input, ...state, bars: sliceOf(bars, from, to) });
    for (const t of part.trades) trades.push({ ...t, index: t.index + from });
    state = part.final;
    evaluations += part.evaluations;
    skips += part.skips;
    anchorResets += part.anchorResets;
    from = to;
    if (!options.onSlice(to))
      return to === bars.length ? { trades, final: state, evaluations, skips, anchorResets } : null;
  }
  return { trades, final: state, evaluations, skips, anchorResets };
}

/** The first bar at or after `at` that opens a new trading day (the end of the bars if none does). */
function sliceEnd(bars: SimulationBars, at: number, mode: MarketHoursMode): number {
  if (at >= bars.length) return bars.length;
  let previous = tradingDayOf(mode, bars.times[at - 1]!);
  for (let i = at; i < bars.length; i++) {
    const day = tradingDayOf(mode, bars.times[i]!);
    if (day !== previous) return i;
    previous = day;
  }
  return bars.length;
}

function sliceOf(bars: SimulationBars, from: number, to: number): SimulationBars {
  if (from === 0 && to === bars.length) return bars;
  return {
    length: to - from,
    times: bars.times.subarray(from, to),
    closes: bars.closes.subarray(from, to),
    closeText: bars.closeText.slice(from, to),
  };
}
