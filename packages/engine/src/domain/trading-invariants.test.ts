import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeParams, OPEN_MARKET } from '../test-support/position-factory.js';
import { checkFill } from './apply-fill.js';
import { applyCashMovement } from './cash-movement.js';
import { Decimal, ZERO } from './decimal.js';
import { evaluatePosition } from './evaluate-position.js';
import { allocationAt, bandOf, type PositionState } from './position-state.js';
import type { StrategyParams } from './strategy-params.js';

const decimalText = (min: number, max: number, places: number) =>
  fc
    .integer({ min: Math.round(min * 10 ** places), max: Math.round(max * 10 ** places) })
    .map((n) => new Decimal(n).div(10 ** places));

const paramsArb: fc.Arbitrary<StrategyParams> = fc
  .record({
    up: fc.integer({ min: 5, max: 200 }),
    down: fc.integer({ min: 5, max: 200 }),
    ratio: fc.integer({ min: 1, max: 500 }),
    min: fc.integer({ min: 0, max: 60 }),
    width: fc.integer({ min: 5, max: 40 }),
    maxTrade: fc.integer({ min: 1, max: 100 }),
    minNotional: fc.integer({ min: 0, max: 300 }),
    commission: fc.integer({ min: 0, max: 100 }),
  })
  .map((r) =>
    makeParams({
      trigger: { up_pct: r.up / 10, down_pct: r.down / 10 },
      sizing: { rebalance_ratio: r.ratio / 100 },
      guardrails: {
        min_stock_pct: r.min,
        max_stock_pct: Math.min(100, r.min + r.width),
        max_trade_pct: r.maxTrade,
        max_orders_per_day: 1000,
      },
      order: { min_notional: r.minNotional, commission_rate: r.commission / 10_000 },
      anchor: { reset_pct: 60 },
    }),
  );

const stateArb: fc.Arbitrary<PositionState> = fc.record({
  shares: decimalText(0, 2000, 6),
  cash: decimalText(0, 200_000, 2),
  anchor: decimalText(1, 1000, 2),
});

type Step = { kind: 'move'; pct: number } | { kind: 'deposit' | 'withdrawal'; amount: Decimal };
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.integer({ min: -1500, max: 1500 }).map((bp) => ({ kind: 'move' as const, pct: bp / 100 })),
  },
  {
    weight: 1,
    arbitrary: decimalText(0.01, 5000, 2).map((amount) => ({ kind: 'deposit' as const, amount })),
  },
  {
    weight: 1,
    arbitrary: decimalText(0.01, 5000, 2).map((amount) => ({ kind: 'withdrawal' as const, amount })),
  },
);

interface Ledger {
  initialCash: Decimal;
  deposits: Decimal;
  withdrawals: Decimal;
  buys: Decimal;
  sells: Decimal;
  fees: Decimal;
}

const seen = { fills: 0, overrules: 0, breaches: 0 };

/** Plays a random path through the rules, checking the per-fill invariants on the way. */
function play(start: PositionState, params: StrategyParams, steps: Step[]) {
  const band = bandOf(params.guardrails.minStockPct, params.guardrails.maxStockPct);
  const ledger: Ledger = {
    initialCash: start.cash,
    deposits: ZERO,
    withdrawals: ZERO,
    buys: ZERO,
    sells: ZERO,
    fees: ZERO,
  };
  let state = start;
  let price = start.anchor!;
  for (const step of steps) {
    if (step.kind !== 'move') {
      const moved = applyCashMovement(state, step.kind, step.amount);
      if (moved.ok) {
        state = moved.state;
        if (step.kind === 'deposit') ledger.deposits = ledger.deposits.add(step.amount);
        else ledger.withdrawals = ledger.withdrawals.add(step.amount);
      }
      continue;
    }
    price = Decimal.max('0.01', price.mul(1 + step.pct / 100).toDecimalPlaces(2));
    const e = evaluatePosition({
      state,
      params,
      price: { ok: true, price, ageMs: 0, maxAgeMs: 1 },
      context: OPEN_MARKET,
    });
    if (e.kind === 'anchor_reset') state = { ...state, anchor: e.newAnchor };
    if (e.kind === 'skip' && e.guardrail.reasons.some((r) => r.code === 'GUARDRAIL_BAND_BREACH'))
      seen.breaches++;
    if (e.kind !== 'order') continue;
    seen.fills++;
    if (e.guardrail.proposal.origin === 'band_overrule') seen.overrules++;
    const { side, qty, fee } = e.guardrail.order;
    checkBandOverrule(e, band, state, price);
    const fill = checkFill(state, { side, qty, price, fee }, band);
    expect(fill.ok, 'an allowed order must fill').toBe(true);
    if (!fill.ok) return { state, ledger };
    checkFillInvariants(state, fill.state, price, band);
    if (side === 'buy') ledger.buys = ledger.buys.add(qty.mul(price));
    else ledger.sells = ledger.sells.add(qty.mul(price));
    ledger.fees = ledger.fees.add(fee);
    state = fill.state;
  }
  return { state, ledger };
}

function outside(alloc: Decimal, band: ReturnType<typeof bandOf>): Decimal {
  return alloc.lessThan(band.min)
    ? band.min.sub(alloc)
    : alloc.greaterThan(band.max)
      ? alloc.sub(band.max)
      : ZERO;
}

function checkFillInvariants(
  before: PositionState,
  after: PositionState,
  price: Decimal,
  band: ReturnType<typeof bandOf>,
) {
  expect(after.cash.isNegative()).toBe(false);
  expect(after.shares.isNegative()).toBe(false);
  const d0 = outside(allocationAt(before.shares, before.cash, price), band);
  const d1 = outside(allocationAt(after.shares, after.cash, price), band);
  if (d0.isZero()) expect(d1.lessThanOrEqualTo('0.005')).toBe(true);
  else expect(d1.lessThanOrEqualTo(d0)).toBe(true);
}

/** The band may turn a trigger around only when the position sits outside the band on the other side. */
function checkBandOverrule(
  e: Extract<ReturnType<typeof evaluatePosition>, { kind: 'order' }>,
  band: ReturnType<typeof bandOf>,
  state: PositionState,
  price: Decimal,
) {
  const { trigger, guardrail } = e;
  if (!trigger.fired || trigger.direction === guardrail.order.side) return;
  const alloc = allocationAt(state.shares, state.cash, price);
  expect(guardrail.proposal.origin).toBe('band_overrule');
  if (trigger.direction === 'sell') expect(alloc.lessThan(band.min)).toBe(true);
  else expect(alloc.greaterThan(band.max)).toBe(true);
}

describe('trading invariants over random price paths, deposits and withdrawals', () => {
  it('keeps cash and shares non-negative, respects the band, and balances the ledger to the cent', () => {
    fc.assert(
      fc.property(
        stateArb,
        paramsArb,
        fc.array(stepArb, { minLength: 1, maxLength: 60 }),
        (start, params, steps) => {
          const { state, ledger } = play(start, params, steps);
          const expectedCash = ledger.initialCash
            .add(ledger.deposits)
            .sub(ledger.withdrawals)
            .sub(ledger.buys)
            .add(ledger.sells)
            .sub(ledger.fees);
          expect(state.cash.toFixed(2)).toBe(expectedCash.toFixed(2));
          expect(state.cash.equals(expectedCash)).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
    // The property is only worth something if the paths really trade, and the band really intervenes.
    expect(seen.fills).toBeGreaterThan(800);
    expect(seen.overrules).toBeGreaterThan(20);
  });

  it('never lets the band turn an order around while the position is inside the band', () => {
    fc.assert(
      fc.property(stateArb, paramsArb, decimalText(0.5, 2000, 2), (state, params, price) => {
        const e = evaluatePosition({
          state,
          params,
          price: { ok: true, price, ageMs: 0, maxAgeMs: 1 },
          context: OPEN_MARKET,
        });
        if (e.kind !== 'order' && e.kind !== 'skip') return;
        const band = bandOf(params.guardrails.minStockPct, params.guardrails.maxStockPct);
        const alloc = allocationAt(state.shares, state.cash, price);
        const inside = alloc.greaterThanOrEqualTo(band.min) && alloc.lessThanOrEqualTo(band.max);
        if (inside && e.trigger.fired) expect(e.guardrail.order.side).toBe(e.trigger.direction);
        if (!e.trigger.fired) expect(inside).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
