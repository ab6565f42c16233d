import { describe, expect, it } from 'vitest';
import { makeSimulationResult } from '../../../../test/factories';
import { chartLines, fillMarkers, toSeconds, triggerLevels } from './chart-data';

const point = (at: string, close: number, anchor: number | null) => ({
  at,
  close,
  anchor,
  equity: close * 100,
  buy_and_hold: close * 100,
  allocation_pct: 50,
});

const trade = (at: string, side: 'buy' | 'sell', qty = '1') => ({
  ...makeSimulationResult().trades[0]!,
  at,
  side,
  qty,
});

describe('what the simulation charts draw', () => {
  it('draws the trigger levels around the anchor at each point, so they step with every fill', () => {
    const lines = chartLines({
      triggers: { up_pct: 5, down_pct: 4 },
      series: [
        point('2024-01-01T00:00:00Z', 100, null),
        point('2024-01-01T00:30:00Z', 96, 100),
        point('2024-01-01T01:00:00Z', 95, 95),
      ],
    });
    // The first bar only seeds the anchor: no anchor, so no levels, before it.
    expect(lines.anchor.map((p) => p.value)).toEqual([100, 95]);
    expect(lines.sellAt.map((p) => p.value)).toEqual([105, 99.75]);
    expect(lines.buyAt.map((p) => p.value)).toEqual([96, 91.2]);
    expect(lines.sellAt.map((p) => p.time)).toEqual(lines.anchor.map((p) => p.time));
    expect(lines.close).toHaveLength(3);
    const levels = triggerLevels(200, { up_pct: 10, down_pct: 10 });
    expect(levels.sellAt).toBeCloseTo(220, 9);
    expect(levels.buyAt).toBeCloseTo(180, 9);
  });

  it('keeps one value per second, the last one', () => {
    const lines = chartLines({
      triggers: { up_pct: 3, down_pct: 3 },
      series: [point('2024-01-01T00:00:00.100Z', 100, 100), point('2024-01-01T00:00:00.900Z', 101, 100)],
    });
    expect(lines.close).toEqual([{ time: toSeconds('2024-01-01T00:00:00Z'), value: 101 }]);
  });

  it('puts each fill on the point it falls in and counts fills that share one', () => {
    const times = ['2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z', '2024-01-03T00:00:00Z'].map(toSeconds);
    const markers = fillMarkers(times, [
      trade('2024-01-01T00:00:00Z', 'buy', '2'),
      // Between two points of the (downsampled) series: on the earlier one.
      trade('2024-01-02T06:00:00Z', 'sell'),
      trade('2024-01-02T12:00:00Z', 'sell'),
      trade('2024-01-04T00:00:00Z', 'buy'),
    ]);
    expect(markers.map((m) => [m.time, m.side, m.fills])).toEqual([
      [times[0], 'buy', 1],
      [times[1], 'sell', 2],
      [times[2], 'buy', 1],
    ]);
    expect(markers[0]!.text).toMatch(/^BUY 2 @ 96\.10$/);
    expect(markers[1]!.text).toBe('2 × SELL');
  });

  it('leaves the labels off when there are too many markers to read', () => {
    const times = Array.from({ length: 20 }, (_, i) => i * 60);
    const trades = times.map((t) => trade(new Date(t * 1000).toISOString(), 'buy'));
    const markers = fillMarkers(times, trades);
    expect(markers).toHaveLength(20);
    expect(markers.every((m) => m.text === '')).toBe(true);
  });
});
