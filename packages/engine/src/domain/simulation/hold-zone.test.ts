import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeParams, OPEN_MARKET } from '../../test-support/position-factory.js';
import { Decimal } from '../decimal.js';
import { evaluatePosition } from '../evaluate-position.js';
import { holdZone } from './hold-zone.js';

/** Prices with `dp` decimals just inside (lo, hi), at both ends and in between. */
function pricesInside(lo: number, hi: number, dp: number, at: number): string[] {
  const scale = 10 ** dp;
  const lowest = Math.max(Math.floor(lo * scale) + 1, 1);
  const highest = Math.ceil(hi * scale) - 1;
  const candidates = [lowest, lowest + 1, highest - 1, highest, Math.round(lowest + (highest - lowest) * at)];
  return candidates
    .map((n) => (n / scale).toFixed(dp))
    .filter((text) => Number(text) > lo && Number(text) < hi);
}

const TOO_SMALL = new Set(['GUARDRAIL_MIN_NOTIONAL', 'GUARDRAIL_MIN_QTY']);

describe('the hold zone', () => {
  it('holds only prices where the rules neither trade nor reset the anchor', () => {
    fc.assert(
      fc.property(
        fc.record({
          up: fc.integer({ min: 2, max: 120 }),
          down: fc.integer({ min: 2, max: 120 }),
          reset: fc.integer({ min: 1, max: 60 }),
          min: fc.integer({ min: 0, max: 90 }),
          width: fc.integer({ min: 1, max: 60 }),
          maxTrade: fc.integer({ min: 1, max: 100 }),
          minNotional: fc.constantFrom(0, 1, 100, 250, 2000),
          minQty: fc.constantFrom(0.000001, 0.001, 0.5, 3),
          commission: fc.integer({ min: 0, max: 200 }),
        }),
        fc.constantFrom('0', '0.001', '0.137073', '3', '40', '2500.5'),
        fc.constantFrom('0', '0.25', '150', '6000', '56087.26694507'),
        fc.integer({ min: 1, max: 200_000 }).map((v) => (v / 100).toFixed(2)),
        fc.constantFrom(2, 4, 6),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (p, shares, cash, anchor, dp, at) => {
          const params = makeParams({
            trigger: { up_pct: p.up / 10, down_pct: p.down / 10 },
            anchor: { reset_pct: Math.min(100, Math.max(p.up, p.down) / 10 + p.reset) },
            guardrails: {
              min_stock_pct: p.min,
              max_stock_pct: Math.min(100, p.min + p.width),
              max_trade_pct: p.maxTrade,
            },
            order: { min_notional: p.minNotional, min_qty: p.minQty, commission_rate: p.commission / 10_000 },
          });
          const state = { shares: new Decimal(shares), cash: new Decimal(cash), anchor: new Decimal(anchor) };
          const zone = holdZone(state, params);
          for (const text of pricesInside(zone.lo, zone.hi, dp, at)) {
            const price = { ok: true as const, price: new Decimal(text), ageMs: 0, maxAgeMs: 60_000 };
            const e = evaluatePosition({ state, params, price, context: OPEN_MARKET });
            const tooSmall = e.kind === 'skip' && e.guardrail.reasons.some((r) => TOO_SMALL.has(r.code));
            expect({ price: text, outcome: tooSmall ? 'too small' : e.kind }).toEqual({
              price: text,
              outcome: e.kind === 'hold' ? 'hold' : 'too small',
            });
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
