import type { SeriesPoint, SimulatedTrade, SimulationResult } from '@ballast/contracts';
import { formatPrice, formatQty } from '../../../lib/format';

/**
 * What the simulation charts draw, prepared as plain data (no chart library here, so it is tested
 * on its own): one value per second (the chart's resolution) and the markers of the fills.
 */
export interface LinePoint {
  readonly time: number;
  readonly value: number;
}

export interface ChartLines {
  readonly close: LinePoint[];
  readonly anchor: LinePoint[];
  readonly sellAt: LinePoint[];
  readonly buyAt: LinePoint[];
  readonly equity: LinePoint[];
  readonly buyAndHold: LinePoint[];
  readonly allocation: LinePoint[];
}

export const toSeconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/** One value per second, the last seen in that second; points without a value are left out. */
function line(series: readonly SeriesPoint[], value: (p: SeriesPoint) => number | null): LinePoint[] {
  const out: LinePoint[] = [];
  for (const p of series) {
    const v = value(p);
    if (v === null || !Number.isFinite(v)) continue;
    const point = { time: toSeconds(p.at), value: v };
    if (out.length > 0 && out[out.length - 1]!.time === point.time) out[out.length - 1] = point;
    else out.push(point);
  }
  return out;
}

/** The two trigger levels around an anchor: a sell `up_pct` above it, a buy `down_pct` below. */
export function triggerLevels(anchor: number, triggers: SimulationResult['triggers']) {
  return { sellAt: anchor * (1 + triggers.up_pct / 100), buyAt: anchor * (1 - triggers.down_pct / 100) };
}

/** Every line of the charts. The trigger levels follow the anchor, which moves with each fill. */
export function chartLines(result: Pick<SimulationResult, 'series' | 'triggers'>): ChartLines {
  const { series, triggers } = result;
  const level = (pick: 'sellAt' | 'buyAt') => (p: SeriesPoint) =>
    p.anchor === null ? null : triggerLevels(p.anchor, triggers)[pick];
  return {
    close: line(series, (p) => p.close),
    anchor: line(series, (p) => p.anchor),
    sellAt: line(series, level('sellAt')),
    buyAt: line(series, level('buyAt')),
    equity: line(series, (p) => p.equity),
    buyAndHold: line(series, (p) => p.buy_and_hold),
    allocation: line(series, (p) => p.allocation_pct),
  };
}

export interface FillMarker {
  readonly time: number;
  readonly side: 'buy' | 'sell';
  /** How many fills of this side the point stands for (the series is downsampled). */
  readonly fills: number;
  readonly text: string;
}

/** Beyond this many markers their labels overlap; the arrows alone stay readable. */
const LABELLED_MARKERS = 12;

/** The index of the last time at or before `at`, or -1 (times ascending). */
function lastAtOrBefore(times: readonly number[], at: number): number {
  let [lo, hi] = [0, times.length - 1];
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= at) [found, lo] = [mid, mid + 1];
    else hi = mid - 1;
  }
  return found;
}

/**
 * A marker for every fill, on the series point it falls in (the last at or before it); fills of one
 * side on one point share a marker that counts them, so thousands of trades stay drawable.
 */
export function fillMarkers(times: readonly number[], trades: readonly SimulatedTrade[]): FillMarker[] {
  const groups = new Map<string, { time: number; side: 'buy' | 'sell'; trades: SimulatedTrade[] }>();
  for (const t of trades) {
    const i = lastAtOrBefore(times, toSeconds(t.at));
    if (i < 0) continue;
    const key = `${times[i]}:${t.side}`;
    const group = groups.get(key) ?? { time: times[i]!, side: t.side, trades: [] };
    group.trades.push(t);
    groups.set(key, group);
  }
  const markers = [...groups.values()]
    .sort((a, b) => a.time - b.time || a.side.localeCompare(b.side))
    .map((g) => ({ time: g.time, side: g.side, fills: g.trades.length, text: markerText(g.side, g.trades) }));
  return markers.length > LABELLED_MARKERS ? markers.map((m) => ({ ...m, text: '' })) : markers;
}

function markerText(side: 'buy' | 'sell', trades: readonly SimulatedTrade[]): string {
  const word = side === 'buy' ? 'BUY' : 'SELL';
  return trades.length === 1
    ? `${word} ${formatQty(trades[0]!.qty)} @ ${formatPrice(trades[0]!.price)}`
    : `${trades.length} × ${word}`;
}
