import { describe, expect, it } from 'vitest';
import { combinationCount, expandRange, parseValues } from './grid-values';
import { checkGrid, gridRefusal } from './optimization-draft';

describe('the values an optimization tries', () => {
  it('reads a typed list, each value once', () => {
    expect(parseValues('1, 2, 3')).toEqual({ values: [1, 2, 3] });
    expect(parseValues('1 2;2.5,,3')).toEqual({ values: [1, 2, 2.5, 3] });
    expect(parseValues('  ')).toEqual({ values: [] });
    expect(parseValues('1, two')).toEqual({ error: '“two” is not a number' });
  });

  it('expands a range without binary-floating-point noise', () => {
    expect(expandRange(0.1, 0.5, 0.1)).toEqual({ values: [0.1, 0.2, 0.3, 0.4, 0.5] });
    expect(expandRange(2, 6, 2)).toEqual({ values: [2, 4, 6] });
    expect(expandRange(2, 7, 2)).toEqual({ values: [2, 4, 6] });
    expect(expandRange(1, 500, 1)).toEqual({ error: '500 values; at most 200' });
    expect(expandRange(3, 1, 1).error).toBeDefined();
    expect(expandRange(1, 3, 0).error).toBeDefined();
  });

  it('counts the combinations as the product of the lists', () => {
    expect(combinationCount({})).toBe(1);
    expect(combinationCount({ a: [1, 2, 3], b: [1, 2] })).toBe(6);
  });

  it('refuses more than 20 000 combinations, and values that are not numbers', () => {
    const list = Array.from({ length: 30 }, (_, i) => i + 1).join(', ');
    const big = checkGrid({
      'trigger.up_pct': list,
      'trigger.down_pct': list,
      'sizing.rebalance_ratio': list,
    });
    expect(big.combinations).toBe(27_000);
    expect(gridRefusal(big)).toMatch(/27,000 combinations; the engine runs at most 20,000/);
    const ok = checkGrid({ 'trigger.up_pct': list, 'trigger.down_pct': list });
    expect(ok.combinations).toBe(900);
    expect(gridRefusal(ok)).toBeNull();
    const bad = checkGrid({ 'trigger.up_pct': '1, x' });
    expect(bad.errors).toEqual({ 'grid.trigger.up_pct': '“x” is not a number' });
    expect(gridRefusal(bad)).not.toBeNull();
  });
});
