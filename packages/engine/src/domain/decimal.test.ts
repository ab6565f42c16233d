import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approxNumber, Decimal, parseDecimal, roundFee, roundQty } from './decimal.js';

describe('decimal', () => {
  it('rounds quantities and fees to the nearest, half up', () => {
    expect(roundQty(new Decimal('5.2344549')).toFixed()).toBe('5.234455');
    expect(roundQty(new Decimal('5.2344544')).toFixed()).toBe('5.234454');
    expect(roundQty(new Decimal('-5.2344549')).toFixed()).toBe('-5.234455');
    expect(roundFee(new Decimal('0.0507745')).toFixed()).toBe('0.050775');
  });
  it('refuses text that is not a plain decimal', () => {
    expect(() => parseDecimal('1e3')).toThrow();
    expect(() => parseDecimal('NaN')).toThrow();
    expect(parseDecimal('-0.25').toFixed()).toBe('-0.25');
  });
  it('reads a decimal as a float within a few parts in 10^15, for the fast paths', () => {
    for (const text of [
      '0',
      '1',
      '-1',
      '97',
      '0.0001',
      '123456789.123456789',
      '-0.000000123',
      '1e+25',
      '5.234455',
      '99999999.9999999',
    ]) {
      const exact = Number(text);
      expect(Math.abs(approxNumber(new Decimal(text)) - exact)).toBeLessThanOrEqual(Math.abs(exact) * 2e-15);
    }
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.integer({ min: 0, max: 20 }),
        (units, places) => {
          const d = new Decimal(units.toString()).div(new Decimal(10).pow(places));
          const exact = d.toNumber();
          expect(Math.abs(approxNumber(d) - exact)).toBeLessThanOrEqual(Math.abs(exact) * 2e-15);
        },
      ),
    );
  });
});
