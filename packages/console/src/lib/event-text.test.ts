import { describe, expect, it } from 'vitest';
import { describeEvent, sourceLabel } from './event-text';

describe('audit events in words', () => {
  it('says why a trigger fired and what the guardrails decided', () => {
    expect(
      describeEvent({ type: 'TriggerEvaluated', payload: { reason: 'buy trigger: -3.00% ≤ −3%' } }),
    ).toBe('buy trigger: -3.00% ≤ −3%');
    const blocked = describeEvent({
      type: 'GuardrailEvaluated',
      payload: {
        proposal: { side: 'buy', qty: '0.523445', note: 'sized by the rebalance formula' },
        price: '97',
        band: { min_pct: '25', max_pct: '75', before_pct: '49.2386', after_pct: '49.7432' },
        allowed: false,
        reasons: [{ code: 'GUARDRAIL_MIN_NOTIONAL', message: 'order value 50.77 is below min_notional 100' }],
      },
    });
    expect(blocked).toBe(
      'blocked: BUY 0.523445 @ 97.00 (sized by the rebalance formula); allocation 49.24 % → 49.74 %, band 25–75 %. order value 50.77 is below min_notional 100',
    );
  });

  it('lists only what a person changed', () => {
    const params = { trigger: { up_pct: 3, down_pct: 3 }, order: { min_notional: 100 } };
    expect(
      describeEvent({
        type: 'PositionUpdatedByUser',
        payload: {
          auto_trading_enabled: { before: true, after: true },
          params: { before: params, after: { ...params, trigger: { up_pct: 4, down_pct: 3 } } },
        },
      }),
    ).toBe('trigger.up_pct 3 → 4');
    expect(
      describeEvent({
        type: 'PortfolioUpdated',
        payload: { changes: { state: { before: 'active', after: 'halted' } } },
      }),
    ).toBe('state active → halted');
    expect(
      describeEvent({
        type: 'WorkerSettingsChanged',
        payload: { enabled: { before: true, after: false }, interval_seconds: { before: 60, after: 60 } },
      }),
    ).toBe('trading on → off');
  });

  it('describes fills and position changes with the ledger figures', () => {
    expect(
      describeEvent({
        type: 'ExecutionRecorded',
        payload: { status: 'filled', side: 'buy', qty: '5.234455', price: '97', fee: '0.050774' },
      }),
    ).toBe('filled: BUY 5.234455 @ 97.00, fee $0.050774');
    expect(
      describeEvent({
        type: 'PositionUpdated',
        payload: {
          shares: { before: '50', after: '55.234455' },
          cash: { before: '5000', after: '4492.2071' },
          anchor: { before: '100', after: '97' },
        },
      }),
    ).toBe('shares 50 → 55.234455, cash $5,000.00 → $4,492.21, anchor 100.00 → 97.00');
  });

  it('says how reconciliation settled an order a crash or a broker failure left open', () => {
    const reason =
      'the order never reached the broker (the engine stopped, or the broker failed, before it arrived); it was cancelled there so it cannot fill late at a stale price';
    expect(
      describeEvent({
        type: 'OrderReconciled',
        payload: { broker_status: 'unknown', cancelled_at_broker: true, reason, trigger: 'cycle' },
      }),
    ).toBe(`reconciled with the broker before a cycle: ${reason}`);
    expect(
      describeEvent({
        type: 'ExecutionRecorded',
        payload: { status: 'cancelled', side: 'buy', qty: '5.234455', reason, reconciled: true },
      }),
    ).toBe(`cancelled: BUY 5.234455. ${reason} (learnt from the broker by reconciliation)`);
    expect(
      describeEvent({
        type: 'OrderReconciled',
        payload: {
          broker_status: 'filled',
          reason: 'the broker filled the order but the engine had not recorded the fill: it is recorded now',
          trigger: 'start-up',
        },
      }),
    ).toBe(
      'reconciled with the broker at start-up: the broker filled the order but the engine had not recorded the fill: it is recorded now',
    );
  });

  it('says who got in, who was refused, and what changed in access', () => {
    expect(
      describeEvent({
        type: 'LoginFailed',
        payload: {
          username: 'olivia',
          kind: 'session',
          ip: '10.0.0.7',
          reason: 'wrong password',
          locked_until: '2026-12-01T09:15:00.000Z',
        },
      }),
    ).toBe(
      'login as olivia refused: wrong password (from 10.0.0.7); account locked until 2026-12-01T09:15:00.000Z',
    );
    expect(
      describeEvent({
        type: 'UserUpdated',
        payload: {
          username: 'vera',
          role: { before: 'viewer', after: 'operator' },
          disabled: { before: false, after: false },
          password_changed: false,
          sessions_ended: true,
        },
      }),
    ).toBe('vera: role viewer → operator, sessions ended');
    expect(
      describeEvent({ type: 'TokenCreated', payload: { name: 'backup', role: 'viewer', expires_at: null } }),
    ).toBe('created the API token backup (viewer)');
  });

  it('tells what a simulation or an optimization was run on and how it ended', () => {
    const bars = {
      source: 'eustock-dax',
      count: 1860,
      first_at: '1991-07-01T16:00:00Z',
      last_at: '1998-08-24T16:00:00Z',
    };
    const metrics = { return_pct: 4.2, sharpe: 0.61, max_drawdown_pct: 12, trades: 37 };
    const hold = { return_pct: 150.5, sharpe: 0.9, max_drawdown_pct: 30.25, trades: 1 };
    expect(
      describeEvent({
        type: 'SimulationStarted',
        payload: { name: 'DAX', bars, shares: '10', cash: '20000', from_position: null },
      }),
    ).toBe(
      'started the simulation “DAX” over 1,860 bars of eustock-dax (1991-07-01 – 1998-08-24), from 10 shares and 20,000.00 cash',
    );
    expect(
      describeEvent({
        type: 'SimulationCompleted',
        payload: { name: null, status: 'completed', error: null, metrics, buy_and_hold: hold },
      }),
    ).toBe(
      'simulation completed: return +4.20 %, Sharpe 0.61, max drawdown 12.00 %, 37 trades; buy-and-hold return +150.50 %, Sharpe 0.90, max drawdown 30.25 %, 1 trade',
    );
    expect(
      describeEvent({
        type: 'SimulationCompleted',
        payload: { name: 'long', status: 'cancelled', error: null, cancelled_by: 'admin' },
      }),
    ).toBe('simulation “long” cancelled by admin');
    expect(
      describeEvent({
        type: 'OptimizationStarted',
        payload: {
          name: null,
          bars,
          grid: { 'trigger.up_pct': [1, 2], 'trigger.down_pct': [1, 2] },
          rank_by: 'sharpe',
          combinations: 4,
        },
      }),
    ).toBe(
      'started the optimization of 4 combinations over trigger.up_pct × trigger.down_pct, ranked by sharpe, on 1,860 bars of eustock-dax (1991-07-01 – 1998-08-24)',
    );
    expect(
      describeEvent({
        type: 'OptimizationCompleted',
        payload: {
          name: null,
          status: 'completed',
          error: null,
          best: { params: { 'trigger.up_pct': 2, 'trigger.down_pct': 1 }, metrics },
          buy_and_hold: hold,
          combinations: 4,
          not_run: 1,
        },
      }),
    ).toBe(
      'optimization completed: 4 combinations (1 not valid, not run); best trigger.up_pct 2, trigger.down_pct 1: return +4.20 %, Sharpe 0.61, max drawdown 12.00 %, 37 trades; buy-and-hold return +150.50 %, Sharpe 0.90, max drawdown 30.25 %, 1 trade',
    );
  });

  it('labels who started it: scheduled cycles Auto, API requests Manual', () => {
    expect(sourceLabel('worker')).toBe('Auto (worker)');
    expect(sourceLabel('continuous_trading')).toBe('Auto (worker)');
    expect(sourceLabel('api/manual')).toBe('Manual (console)');
  });
});
