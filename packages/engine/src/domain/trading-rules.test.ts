import { describe, expect, it } from 'vitest';
import { freshPrice, makeParams, makeState, OPEN_MARKET } from '../test-support/position-factory.js';
import { Decimal } from './decimal.js';
import { evaluatePosition } from './evaluate-position.js';
import type { StrategyParams } from './strategy-params.js';

const defaults = makeParams();

function evaluate(
  over: Parameters<typeof makeState>[0],
  price: number | string,
  options: { params?: StrategyParams; context?: Partial<typeof OPEN_MARKET> } = {},
) {
  return evaluatePosition({
    state: makeState(over),
    params: options.params ?? defaults,
    price: freshPrice(price),
    context: { ...OPEN_MARKET, ...options.context },
  });
}

describe('triggers fire on the exact threshold (step 4 is inclusive)', () => {
  it('sells at exactly +3 % and buys at exactly −3 %', () => {
    expect(evaluate({}, '103').trigger.direction).toBe('sell');
    expect(evaluate({}, '97').trigger.direction).toBe('buy');
  });
  it('does nothing a hair inside the thresholds', () => {
    expect(evaluate({}, '102.9999').kind).toBe('hold');
    expect(evaluate({}, '97.0001').kind).toBe('hold');
  });
  it('compares exactly even where binary floating point would not', () => {
    const params = makeParams({ trigger: { up_pct: '0.3', down_pct: '0.3' } });
    const e = evaluate({ anchor: '0.1' }, '0.1003', { params });
    expect(e.trigger.fired).toBe(true);
  });
});

describe('before the trigger', () => {
  it('does not trade without an anchor', () => {
    const e = evaluate({ anchor: null }, 90);
    expect(e.kind).toBe('no_anchor');
    expect(e.trigger.reason).toBe('no anchor');
  });
  it('refuses a stale price', () => {
    const e = evaluatePosition({
      state: makeState(),
      params: defaults,
      price: { ok: true, price: new Decimal(90), ageMs: 120_000, maxAgeMs: 60_000 },
      context: OPEN_MARKET,
    });
    expect(e.kind).toBe('no_price');
    expect(e.trigger.reason).toMatch(/stale/);
  });
  it('refuses a zero price and a failed quote', () => {
    expect(evaluate({}, 0).kind).toBe('no_price');
    const failed = evaluatePosition({
      state: makeState(),
      params: defaults,
      price: { ok: false, error: 'timeout' },
      context: OPEN_MARKET,
    });
    expect(failed.trigger.reason).toBe('price unavailable: timeout');
  });
  it('resets the anchor without trading when the price moved more than reset_pct (strictly)', () => {
    const reset = evaluate({}, 151);
    expect(reset.kind).toBe('anchor_reset');
    if (reset.kind === 'anchor_reset') expect(reset.newAnchor.toFixed()).toBe('151');
    expect(evaluate({}, 150).kind).not.toBe('anchor_reset');
    expect(evaluate({}, 49.99).kind).toBe('anchor_reset');
  });
});

describe('guardrails list every reason an order is blocked', () => {
  it('names all failing checks at once', () => {
    const e = evaluate({}, 90, {
      context: {
        marketOpen: false,
        hasOpenOrder: true,
        ordersToday: 5,
        blocked: { code: 'GUARDRAIL_PORTFOLIO_HALTED', message: 'halted' },
      },
    });
    if (e.kind !== 'skip') throw new Error(e.kind);
    expect(e.guardrail.reasons.map((r) => r.code)).toEqual([
      'GUARDRAIL_MARKET_CLOSED',
      'GUARDRAIL_OPEN_ORDER',
      'GUARDRAIL_DAILY_LIMIT',
      'GUARDRAIL_PORTFOLIO_HALTED',
    ]);
  });
  it('refuses quantities below min_qty', () => {
    const params = makeParams({ order: { min_notional: 0, min_qty: 10 } });
    const e = evaluate({}, 97, { params });
    if (e.kind !== 'skip') throw new Error(e.kind);
    expect(e.guardrail.reasons.map((r) => r.code)).toEqual(['GUARDRAIL_MIN_QTY']);
  });
  it('skips an order for nothing even when min_qty and min_notional allow anything', () => {
    // An empty position at a sell trigger: the order comes to zero shares.
    const params = makeParams({ order: { min_notional: 0, min_qty: 0 } });
    const e = evaluate({ shares: '0', cash: '0' }, 103, { params });
    if (e.kind !== 'skip') throw new Error(e.kind);
    expect(e.guardrail.reasons.map((r) => r.code)).toContain('GUARDRAIL_ZERO_QTY');
  });
  it('keeps the side of a sell trigger that comes to nothing because there are no shares', () => {
    const params = makeParams({ guardrails: { min_stock_pct: 0, max_stock_pct: 5 } });
    const e = evaluate({ shares: '0', cash: '0' }, 103, { params });
    if (e.kind !== 'skip') throw new Error(e.kind);
    expect(e.trigger.direction).toBe('sell');
    expect(e.guardrail.proposal.note).toBe('nothing to sell: no shares');
    expect(e.guardrail.order.side).toBe('sell');
    expect(e.guardrail.order.qty.isZero()).toBe(true);
  });
});

describe('the band is a risk limit and always wins (step 8)', () => {
  it('trims a sell trigger that would push the stock share under the band', () => {
    // 30 % in stock; a 5 % rise fires a sell worth more than the distance to 25 %.
    const e = evaluate({ shares: 30, cash: 7350 }, 105);
    if (e.kind !== 'order') throw new Error(e.kind);
    expect(e.guardrail.order.side).toBe('sell');
    expect(e.guardrail.proposal.note).toMatch(/trimmed to the band edge 25%/);
    expect(e.guardrail.allocAfter).toBeCloseTo(0.25, 4);
  });
  it('turns a sell trigger into a buy when the position is already under the band', () => {
    const e = evaluate({ shares: 10, cash: 9000 }, 103);
    if (e.kind !== 'order') throw new Error(e.kind);
    expect(e.trigger.direction).toBe('sell');
    expect(e.guardrail.proposal.origin).toBe('band_overrule');
    expect(e.guardrail.order.side).toBe('buy');
    expect(e.guardrail.proposal.note).toMatch(/the band overrules the sell trigger/);
    expect(e.guardrail.allocAfter).toBeCloseTo(0.25, 4);
  });
  it('turns a buy trigger into a sell when the position is already over the band', () => {
    const e = evaluate({ shares: 95, cash: 1000 }, 96);
    if (e.kind !== 'order') throw new Error(e.kind);
    expect(e.trigger.direction).toBe('buy');
    expect(e.guardrail.order.side).toBe('sell');
    expect(e.guardrail.allocAfter).toBeCloseTo(0.75, 4);
  });
  it('buys beyond max_trade_pct to bring a position far under the band back to it', () => {
    const e = evaluate({ shares: 1, cash: 9900 }, 97);
    if (e.kind !== 'order') throw new Error(e.kind);
    expect(e.guardrail.order.qty.greaterThan(e.guardrail.proposal.cap!)).toBe(true);
    expect(e.guardrail.allocAfter).toBeCloseTo(0.25, 4);
  });
});
