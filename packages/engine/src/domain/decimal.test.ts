import { describe, expect, it } from 'vitest';
import { Decimal, parseDecimal, roundFee, roundQty } from './decimal.js';

describe('decimal', () => {
  it('rounds quantities toward zero and fees half up', () => {
    expect(roundQty(new Decimal('5.2344559')).toFixed()).toBe('5.234455');
    expect(roundQty(new Decimal('-5.2344559')).toFixed()).toBe('-5.234455');
    expect(roundFee(new Decimal('0.0507745')).toFixed()).toBe('0.050775');
  });
  it('refuses text that is not a plain decimal', () => {
    expect(() => parseDecimal('1e3')).toThrow();
    expect(() => parseDecimal('NaN')).toThrow();
    expect(parseDecimal('-0.25').toFixed()).toBe('-0.25');
  });
});
