import type { PricePoint, Trade, TriggerLevels } from '@ballast/contracts';
import {
  createChart,
  createSeriesMarkers,
  type IChartApi,
  LineSeries,
  LineStyle,
  LineType,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef } from 'react';
import { formatLocalTime, formatPrice, formatQty } from '../../../lib/format';

export interface PriceChartProps {
  readonly symbol: string;
  readonly points: readonly PricePoint[];
  readonly trades: readonly Trade[];
  readonly anchor: string | null;
  readonly triggers: TriggerLevels | null;
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000) as UTCTimestamp;

/** One value per second (the chart's resolution), the last one seen in that second. */
function perSecond(points: readonly PricePoint[], value: (p: PricePoint) => string | null) {
  const out: { time: UTCTimestamp; value: number }[] = [];
  for (const p of points) {
    const v = value(p);
    if (v === null) continue;
    const time = seconds(p.at);
    const entry = { time, value: Number(v) };
    if (out.length > 0 && out[out.length - 1]!.time === time) out[out.length - 1] = entry;
    else out.push(entry);
  }
  return out;
}

/** Beyond this many fills on screen their labels overlap; the arrows alone stay readable. */
const LABELLED_FILLS = 12;

/** A marker for each fill, placed on the price point it was decided on (the last one at or before it). */
function fillMarkers(times: readonly UTCTimestamp[], trades: readonly Trade[]): SeriesMarker<Time>[] {
  const markers: SeriesMarker<Time>[] = [];
  for (const t of [...trades].sort((a, b) => a.executed_at.localeCompare(b.executed_at))) {
    const at = seconds(t.executed_at);
    let i = times.length - 1;
    while (i > 0 && times[i]! > at) i--;
    if (times.length === 0 || times[i]! > at) continue;
    const buy = t.side === 'buy';
    markers.push({
      time: times[i]!,
      position: buy ? 'belowBar' : 'aboveBar',
      shape: buy ? 'arrowUp' : 'arrowDown',
      color: buy ? '#1a7f37' : '#c2410c',
      text: `${buy ? 'BUY' : 'SELL'} ${formatQty(t.qty)} @ ${formatPrice(t.price)}`,
    });
  }
  if (markers.length > LABELLED_FILLS) for (const m of markers) m.text = '';
  return markers;
}

function css(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/** The prices the engine evaluated, the anchor it measured them against, the two trigger levels and every fill. */
export function PriceChart({ symbol, points, trades, anchor, triggers }: PriceChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chartRef = useRef<IChartApi | null>(null);

  useEffect(() => {
    if (!container.current) return;
    const text = css('--text', '#1f2933');
    const grid = css('--border', '#e4e7eb');
    const chart = createChart(container.current, {
      autoSize: true,
      layout: { background: { color: 'transparent' }, textColor: text, attributionLogo: false },
      grid: { vertLines: { color: grid }, horzLines: { color: grid } },
      timeScale: { timeVisible: true, secondsVisible: true },
      localization: {
        timeFormatter: (time: Time) => formatLocalTime(new Date(Number(time) * 1000).toISOString()),
        priceFormatter: (price: number) => formatPrice(price.toFixed(4)),
      },
    });
    chartRef.current = chart;
    return () => {
      chart.remove();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    const price = chart.addSeries(LineSeries, {
      color: css('--accent', '#235b8c'),
      lineWidth: 2,
      title: symbol,
    });
    const prices = perSecond(points, (p) => p.price);
    price.setData(prices);
    const anchorSeries = chart.addSeries(LineSeries, {
      color: css('--muted', '#7b8794'),
      lineWidth: 1,
      lineType: LineType.WithSteps,
      lineStyle: LineStyle.Dotted,
      priceLineVisible: false,
      lastValueVisible: false,
      title: 'anchor then',
    });
    anchorSeries.setData(perSecond(points, (p) => p.anchor));
    if (anchor)
      price.createPriceLine({
        price: Number(anchor),
        color: css('--muted', '#7b8794'),
        lineStyle: LineStyle.Solid,
        lineWidth: 1,
        title: 'anchor',
        axisLabelVisible: true,
      });
    if (triggers) {
      price.createPriceLine({
        price: Number(triggers.sell_at),
        color: '#c2410c',
        lineStyle: LineStyle.Dashed,
        lineWidth: 1,
        title: 'sell trigger',
        axisLabelVisible: true,
      });
      price.createPriceLine({
        price: Number(triggers.buy_at),
        color: '#1a7f37',
        lineStyle: LineStyle.Dashed,
        lineWidth: 1,
        title: 'buy trigger',
        axisLabelVisible: true,
      });
    }
    createSeriesMarkers(
      price,
      fillMarkers(
        prices.map((p) => p.time),
        trades,
      ),
    );
    chart.timeScale().fitContent();
    return () => {
      // On unmount the chart itself is removed first, with its series.
      if (chartRef.current !== chart) return;
      chart.removeSeries(price);
      chart.removeSeries(anchorSeries);
    };
  }, [symbol, points, trades, anchor, triggers]);

  return (
    <div
      ref={container}
      className="chart"
      role="img"
      aria-label={`Price chart of ${symbol}: ${points.length} evaluated prices, ${trades.length} fills, anchor ${formatPrice(anchor)}`}
    />
  );
}
