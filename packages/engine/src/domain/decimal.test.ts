import { describe, expect, it } from 'vitest';
import { Decimal, parseDecimal, roundFee, roundQty, roundQtyWithin } from './decimal.js';

describe('decimal', () => {
  it('rounds quantities and fees to the nearest, half up', () => {
    expect(roundQty(new Decimal('5.2344549')).toFixed()).toBe('5.234455');
    expect(roundQty(new Decimal('5.2344544')).toFixed()).toBe('5.234454');
    expect(roundQty(new Decimal('-5.2344549')).toFixed()).toBe('-5.234455');
    expect(roundFee(new Decimal('0.0507745')).toFixed()).toBe('0.050775');
  });
  it('rounds down instead when the nearest quantity would exceed a limit', () => {
    expect(roundQtyWithin(new Decimal('5.2344549'), new Decimal('5.2344549')).toFixed()).toBe('5.234454');
    expect(roundQtyWithin(new Decimal('5.2344549'), new Decimal('6')).toFixed()).toBe('5.234455');
  });
  it('refuses text that is not a plain decimal', () => {
    expect(() => parseDecimal('1e3')).toThrow();
    expect(() => parseDecimal('NaN')).toThrow();
    expect(parseDecimal('-0.25').toFixed()).toBe('-0.25');
  });
});
