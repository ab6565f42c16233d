import { describe, expect, it } from 'vitest';
import { freshPrice, makeParams, makeState, OPEN_MARKET } from '../test-support/position-factory.js';
import { checkFill } from './apply-fill.js';
import type { Decimal } from './decimal.js';
import { type Evaluation, evaluatePosition } from './evaluate-position.js';
import { bandOf, type PositionState } from './position-state.js';

const params = makeParams();
const band = bandOf(params.guardrails.minStockPct, params.guardrails.maxStockPct);

/** Plays prices one after another through the rules, filling every allowed order at the evaluated price. */
function play(start: PositionState, prices: number[]) {
  let state = start;
  const steps: { evaluation: Evaluation; state: PositionState }[] = [];
  for (const p of prices) {
    const evaluation = evaluatePosition({ state, params, price: freshPrice(p), context: OPEN_MARKET });
    if (evaluation.kind === 'order') {
      const { side, qty, price, fee } = evaluation.guardrail.order;
      const fill = checkFill(state, { side, qty, price, fee }, band);
      if (!fill.ok) throw new Error(fill.reason);
      state = fill.state;
    }
    steps.push({ evaluation, state });
  }
  return steps;
}

function fillOf(step: { evaluation: Evaluation; state: PositionState }) {
  if (step.evaluation.kind !== 'order') throw new Error(`expected an order, got ${step.evaluation.kind}`);
  const o = step.evaluation.guardrail.order;
  const money = (d: Decimal) => d.toFixed(4);
  return {
    side: o.side,
    qty: o.qty.toFixed(6),
    price: o.price.toFixed(),
    fee: o.fee.toFixed(6),
    cash: money(step.state.cash),
    shares: step.state.shares.toFixed(6),
    anchor: step.state.anchor?.toFixed(),
  };
}

describe('DESIGN §3.3 worked examples (50 shares + 5 000 cash, anchor 100, default parameters)', () => {
  it('A: 98 does nothing (−2 %), then 97 buys 5.234455', () => {
    const [at98, at97] = play(makeState(), [98, 97]);
    expect(at98!.evaluation.kind).toBe('hold');
    expect(at98!.state.anchor?.toFixed()).toBe('100');
    expect(fillOf(at97!)).toEqual({
      side: 'buy',
      qty: '5.234455',
      price: '97',
      fee: '0.050774',
      cash: '4492.2071',
      shares: '55.234455',
      anchor: '97',
    });
  });

  it('B: 102 does nothing, then 103 sells 4.783770', () => {
    const [at102, at103] = play(makeState(), [102, 103]);
    expect(at102!.evaluation.kind).toBe('hold');
    expect(fillOf(at103!)).toEqual({
      side: 'sell',
      qty: '4.783770',
      price: '103',
      fee: '0.049273',
      cash: '5492.6790',
      shares: '45.216230',
      anchor: '103',
    });
  });

  it('C: 97.5 is only −2.5 %, so nothing happens', () => {
    const [step] = play(makeState(), [97.5]);
    expect(step!.evaluation.kind).toBe('hold');
    expect(step!.evaluation.trigger.fired).toBe(false);
  });

  it('E: 90 buys 19.547716', () => {
    const [step] = play(makeState(), [90]);
    expect(fillOf(step!)).toEqual({
      side: 'buy',
      qty: '19.547716',
      price: '90',
      fee: '0.175929',
      cash: '3240.5296',
      shares: '69.547716',
      anchor: '90',
    });
  });

  it('F: at 80 the raw 46.875 shares are capped to 22.5 by max_trade_pct', () => {
    const [step] = play(makeState(), [80]);
    const e = step!.evaluation;
    if (e.kind !== 'order') throw new Error(e.kind);
    expect(e.guardrail.proposal.rawQty!.toFixed(3)).toBe('46.876');
    expect(e.guardrail.proposal.cap!.toFixed()).toBe('22.5');
    expect(fillOf(step!)).toEqual({
      side: 'buy',
      qty: '22.500000',
      price: '80',
      fee: '0.180000',
      cash: '3199.8200',
      shares: '72.500000',
      anchor: '80',
    });
  });

  it('J: a 50.77 buy on a small position is below min_notional, so it is skipped and the anchor stays', () => {
    const [step] = play(makeState({ shares: 5, cash: 500 }), [97]);
    const e = step!.evaluation;
    if (e.kind !== 'skip') throw new Error(e.kind);
    expect(e.guardrail.order.qty.toFixed()).toBe('0.523445');
    expect(e.guardrail.order.notional.toFixed(2)).toBe('50.77');
    expect(e.guardrail.reasons.map((r) => r.code)).toEqual(['GUARDRAIL_MIN_NOTIONAL']);
    expect(step!.state.anchor?.toFixed()).toBe('100');
  });

  it('K: 90 % in stock at the anchor price is restored to the band by selling 15 shares', () => {
    const [step] = play(makeState({ shares: 90, cash: 1000 }), [100]);
    const e = step!.evaluation;
    if (e.kind !== 'order') throw new Error(e.kind);
    expect(e.trigger.fired).toBe(false);
    expect(e.guardrail.proposal.origin).toBe('band_restore');
    expect(fillOf(step!)).toEqual({
      side: 'sell',
      qty: '15.000000',
      price: '100',
      fee: '0.150000',
      cash: '2499.8500',
      shares: '75.000000',
      anchor: '100',
    });
  });
});
