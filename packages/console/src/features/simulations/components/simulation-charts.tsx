import type { SimulationResult } from '@ballast/contracts';
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
import { useEffect, useMemo, useRef } from 'react';
import { formatDateTime, formatPct, plural } from '../../../lib/format';
import { type ChartLines, chartLines, type FillMarker, fillMarkers, type LinePoint } from './chart-data';

const css = (name: string, fallback: string): string =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

const data = (points: readonly LinePoint[]) =>
  points.map((p) => ({ time: p.time as UTCTimestamp, value: p.value }));

function markersOf(fills: readonly FillMarker[]): SeriesMarker<Time>[] {
  return fills.map((m) => ({
    time: m.time as UTCTimestamp,
    position: m.side === 'buy' ? 'belowBar' : 'aboveBar',
    shape: m.side === 'buy' ? 'arrowUp' : 'arrowDown',
    color: m.side === 'buy' ? '#1a7f37' : '#c2410c',
    text: m.text,
  }));
}

function makeChart(container: HTMLElement): IChartApi {
  const grid = css('--border', '#e4e7eb');
  return createChart(container, {
    autoSize: true,
    layout: {
      background: { color: 'transparent' },
      textColor: css('--text', '#1f2933'),
      attributionLogo: false,
    },
    grid: { vertLines: { color: grid }, horzLines: { color: grid } },
    timeScale: { timeVisible: true },
    localization: {
      timeFormatter: (time: Time) => formatDateTime(new Date(Number(time) * 1000).toISOString()),
    },
  });
}

/** Pane 0: the close, the anchor (a step line), both trigger levels around it, and the fills. */
function drawPrice(chart: IChartApi, lines: ChartLines, fills: readonly FillMarker[]) {
  const close = chart.addSeries(LineSeries, {
    color: css('--accent', '#235b8c'),
    lineWidth: 2,
    title: 'close',
  });
  close.setData(data(lines.close));
  const step = {
    lineType: LineType.WithSteps,
    priceLineVisible: false,
    lastValueVisible: false,
    lineWidth: 1 as const,
  };
  chart
    .addSeries(LineSeries, { ...step, color: css('--muted', '#7b8794'), title: 'anchor' })
    .setData(data(lines.anchor));
  const dashed = { ...step, lineStyle: LineStyle.Dashed };
  chart
    .addSeries(LineSeries, { ...dashed, color: '#c2410c', title: 'sell trigger' })
    .setData(data(lines.sellAt));
  chart
    .addSeries(LineSeries, { ...dashed, color: '#1a7f37', title: 'buy trigger' })
    .setData(data(lines.buyAt));
  createSeriesMarkers(close, markersOf(fills));
}

/** Pane 1: equity against buy-and-hold; pane 2: the stock allocation against the band. */
function drawEquityAndAllocation(chart: IChartApi, lines: ChartLines, band: SimulationResult['band']) {
  chart
    .addSeries(LineSeries, { color: css('--accent', '#235b8c'), lineWidth: 2, title: 'equity' }, 1)
    .setData(data(lines.equity));
  chart
    .addSeries(LineSeries, { color: css('--muted', '#7b8794'), lineWidth: 1, title: 'buy and hold' }, 1)
    .setData(data(lines.buyAndHold));
  const allocation = chart.addSeries(
    LineSeries,
    {
      color: '#7c3aed',
      lineWidth: 1,
      title: 'in stock',
      priceFormat: { type: 'custom', formatter: (v: number) => formatPct(v) },
    },
    2,
  );
  allocation.setData(data(lines.allocation));
  for (const [price, title] of [
    [band.min_pct, 'band min'],
    [band.max_pct, 'band max'],
  ] as const)
    allocation.createPriceLine({ price, color: '#b45309', lineStyle: LineStyle.Dashed, lineWidth: 1, title });
}

/** The charts of a finished simulation, in one time scale: price with its levels and fills, equity, allocation. */
export default function SimulationCharts({ result }: { result: SimulationResult }) {
  const container = useRef<HTMLDivElement>(null);
  const lines = useMemo(() => chartLines(result), [result]);
  const fills = useMemo(
    () =>
      fillMarkers(
        lines.close.map((p) => p.time),
        result.trades,
      ),
    [lines, result.trades],
  );
  useEffect(() => {
    if (!container.current) return;
    const chart = makeChart(container.current);
    drawPrice(chart, lines, fills);
    drawEquityAndAllocation(chart, lines, result.band);
    const panes = chart.panes();
    for (const [i, factor] of [0.55, 0.28, 0.17].entries()) panes[i]?.setStretchFactor(factor);
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [lines, fills, result.band]);
  return (
    <div
      ref={container}
      className="chart chart-tall"
      role="img"
      aria-label={`Simulation charts: price with the anchor, the trigger levels and ${plural(result.trades.length, 'fill')}; equity against buy and hold; the allocation against the band ${result.band.min_pct}–${result.band.max_pct} %`}
    />
  );
}
