import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal.js';
import { buyAndHold } from './buy-and-hold.js';

const d = (v: string | number) => new Decimal(v);

describe('buy-and-hold from the same starting value', () => {
  it('keeps the shares and puts the cash into stock at the first close, paying the commission rate', () => {
    // 50 shares + 5 000 cash at 100: 5 000 / (100 · 1.0001) = 49.995000499… → 49.995000 shares, fee 0.49995.
    const hold = buyAndHold(d(50), d(5000), d(100), d('0.0001'));
    expect([hold.bought, hold.fee, hold.shares, hold.cash].map((x) => x.toFixed())).toEqual([
      '49.995',
      '0.49995',
      '99.995',
      '0.00005',
    ]);
    // Worth the same as the start, less the fee: 99.995 · 100 + 0.00005 = 10 000 − 0.49995.
    expect(hold.shares.mul(100).add(hold.cash).toFixed()).toBe('9999.50005');
  });

  it('buys nothing without cash, and charges no fee', () => {
    const hold = buyAndHold(d(80), d(0), d('97.5'), d('0.0001'));
    expect([hold.bought, hold.fee, hold.shares, hold.cash].map((x) => x.toFixed())).toEqual([
      '0',
      '0',
      '80',
      '0',
    ]);
  });

  it('never spends more than the cash, and leaves only the rounding of the quantity and the fee', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_00 }),
        fc.integer({ min: 1, max: 10_000_000_0 }),
        fc.constantFrom('0', '0.0001', '0.001', '0.0025', '0.5'),
        (cents, priceTicks, rate) => {
          const [cash, price] = [d(cents).div(100), d(priceTicks).div(10_000)];
          const hold = buyAndHold(d(1), cash, price, d(rate));
          expect(hold.cash.isNegative()).toBe(false);
          expect(hold.fee.eq(hold.bought.mul(price).mul(rate).toDecimalPlaces(6))).toBe(true);
          expect(hold.bought.mul(price).add(hold.fee).add(hold.cash).eq(cash)).toBe(true);
          // What is left is only rounding: a few millionths of a share with its commission, and the fee's.
          const share = price.mul(d(1).add(rate));
          expect(hold.cash.lessThan(share.mul('0.000003').add('0.000001'))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
