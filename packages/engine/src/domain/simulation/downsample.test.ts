import { describe, expect, it } from 'vitest';
import { seededUniform } from '../../adapters/compute/seeded-uniform.js';
import { sampleIndices } from './downsample.js';

describe('the bars a chart keeps', () => {
  it('keeps every bar when they fit', () => {
    expect(sampleIndices(new Float64Array(5), 5, 2_000)).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps at most 2 000 of a million, ascending, the first and last, and every bucket’s low and high', () => {
    const n = 1_000_000;
    const closes = new Float64Array(n);
    const uniform = seededUniform(3);
    for (let i = 0, p = 100; i < n; i++) closes[i] = p *= 1 + (uniform() - 0.5) / 100;
    const kept = sampleIndices(closes, n);
    expect(kept.length).toBeLessThanOrEqual(2_000);
    expect(kept.length).toBeGreaterThan(1_990);
    expect([kept[0], kept.at(-1)]).toEqual([0, n - 1]);
    expect(kept.every((k, i) => i === 0 || k > kept[i - 1]!)).toBe(true);
    let [low, high] = [1, 1];
    for (let i = 2; i < n - 1; i++) {
      if (closes[i]! < closes[low]!) low = i;
      if (closes[i]! > closes[high]!) high = i;
    }
    expect(kept).toContain(low);
    expect(kept).toContain(high);
  });
});
