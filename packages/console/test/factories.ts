import {
  AuditEvent,
  CycleSummary,
  Optimization,
  OptimizationRow,
  Portfolio,
  Position,
  SampleBars,
  Simulation,
  SimulationMetrics,
  type SimulationResult,
  WorkerStatus,
} from '@ballast/contracts';

/** Test data built through the shared schemas, so a factory can never drift from what the engine sends. */
const AT = '2026-12-01T09:00:00.000Z';

export const DEFAULT_PARAMS = {
  trigger: { up_pct: 3, down_pct: 3 },
  sizing: { rebalance_ratio: 1.6667 },
  guardrails: { min_stock_pct: 25, max_stock_pct: 75, max_trade_pct: 20, max_orders_per_day: 5 },
  order: { min_notional: 100, min_qty: 0.001, commission_rate: 0.0001 },
  anchor: { reset_pct: 50 },
  market_hours: null,
};

export function makePortfolio(over: Partial<Portfolio> = {}): Portfolio {
  return Portfolio.parse({
    id: 'pf-1',
    name: 'Main',
    base_currency: 'USD',
    state: 'active',
    auto_trading_enabled: true,
    market_hours: 'always',
    is_demo: false,
    created_at: AT,
    updated_at: AT,
    summary: {
      positions: 1,
      value: '10000.00',
      cash: '5000.00',
      stock_value: '5000.00',
      allocation_pct: 50,
      invested: '10000.00',
      pnl: '0.00',
    },
    ...over,
  });
}

export function makePosition(over: Partial<Position> = {}): Position {
  return Position.parse({
    id: 'pos-1',
    portfolio_id: 'pf-1',
    symbol: 'ACME',
    shares: '50',
    cash: '5000',
    anchor: '100',
    auto_trading_enabled: true,
    params: DEFAULT_PARAMS,
    market_hours: 'always',
    invested: '10000',
    last_price: '98',
    last_price_at: AT,
    value: '9900.00',
    pnl: '-100.00',
    allocation_pct: 49.49,
    triggers: { sell_at: '103', buy_at: '97', sell_distance_pct: 5.1, buy_distance_pct: -1.02 },
    orders_today: 0,
    created_at: AT,
    updated_at: AT,
    ...over,
  });
}

export function makeCycle(over: Partial<CycleSummary> = {}): CycleSummary {
  return CycleSummary.parse({
    id: 'cycle-1',
    source: 'worker',
    actor: 'host-1-abc',
    instance_id: 'host-1-abc',
    status: 'completed',
    started_at: AT,
    finished_at: AT,
    duration_ms: 12,
    positions: 1,
    counts: {
      evaluated: 1,
      orders: 0,
      fills: 0,
      rejections: 0,
      skips: 0,
      holds: 1,
      anchor_resets: 0,
      no_price: 0,
      errors: 0,
    },
    error: null,
    ...over,
  });
}

export function makeWorkerStatus(over: Partial<WorkerStatus> = {}): WorkerStatus {
  return WorkerStatus.parse({
    running: true,
    enabled: true,
    interval_seconds: 60,
    last_cycle: makeCycle(),
    next_cycle_at: AT,
    instance_id: 'host-1-abc',
    heartbeat_at: new Date().toISOString(),
    heartbeat_stale_after_seconds: 15,
    settings_updated_at: null,
    settings_updated_by: null,
    instances: [],
    database: { ok: true, error: null },
    ...over,
  });
}

let seq = 0;
export function makeEvent(over: Partial<AuditEvent> & Pick<AuditEvent, 'type'>): AuditEvent {
  seq += 1;
  return AuditEvent.parse({
    id: `ev-${seq}`,
    seq,
    occurred_at: AT,
    recorded_at: AT,
    source: 'worker',
    actor: 'host-1-abc',
    cycle_id: 'cycle-1',
    parent_id: null,
    portfolio_id: 'pf-1',
    position_id: 'pos-1',
    symbol: 'ACME',
    payload: {},
    prev_hash: '0'.repeat(64),
    hash: '1'.repeat(64),
    ...over,
  });
}

export function makeMetrics(over: Partial<SimulationMetrics> = {}): SimulationMetrics {
  return SimulationMetrics.parse({
    start_value: '10000.00',
    end_value: '11250.00',
    return_pct: 12.5,
    annualized_return_pct: 6.1,
    annualized_volatility_pct: 14.2,
    sharpe: 0.43,
    max_drawdown_pct: 18.4,
    fees: '12.345678',
    trades: 57,
    ...over,
  });
}

export function makeSimulationResult(over: Partial<SimulationResult> = {}): SimulationResult {
  return Simulation.shape.result.unwrap().parse({
    metrics: makeMetrics(),
    buy_and_hold: makeMetrics({
      end_value: '10800.00',
      return_pct: 8,
      annualized_return_pct: 3.9,
      annualized_volatility_pct: 21.7,
      sharpe: 0.18,
      max_drawdown_pct: 33.1,
      fees: '0',
      trades: 1,
    }),
    trades: [
      {
        index: 3,
        at: '2024-01-01T01:30:00.000Z',
        side: 'buy',
        qty: '12.5',
        price: '96.1',
        fee: '0.120125',
        cash_after: '8798.63',
        shares_after: '62.5',
        reason: 'buy trigger: 96.1 is 3.9 % below the anchor 100',
      },
    ],
    series: [
      {
        at: '2024-01-01T00:00:00.000Z',
        close: 100,
        anchor: null,
        equity: 10000,
        buy_and_hold: 10000,
        allocation_pct: 50,
      },
      {
        at: '2024-01-01T01:30:00.000Z',
        close: 96.1,
        anchor: 96.1,
        equity: 9805,
        buy_and_hold: 9610,
        allocation_pct: 61,
      },
    ],
    band: { min_pct: 25, max_pct: 75 },
    triggers: { up_pct: 3, down_pct: 3 },
    evaluations: 10000,
    skips: 9400,
    anchor_resets: 0,
    ...over,
  });
}

/** A simulation; `status` decides what else it has (running: progress, no result; completed: a result). */
export function makeSimulation(over: Partial<Simulation> = {}): Simulation {
  const status = over.status ?? 'completed';
  const done = status === 'completed';
  return Simulation.parse({
    id: 'sim-1',
    name: 'Synthetic drift 5 %',
    status,
    progress: done ? 1 : 0.4,
    requested_by: 'alice',
    created_at: AT,
    started_at: AT,
    finished_at: done ? AT : null,
    error: null,
    bars: {
      source: 'synthetic, seed 42',
      count: 10000,
      first_at: '2024-01-01T00:00:00.000Z',
      last_at: '2024-07-27T07:30:00.000Z',
    },
    from_position: null,
    metrics: done ? makeMetrics() : null,
    buy_and_hold: done ? makeSimulationResult().buy_and_hold : null,
    request: {
      bars: { kind: 'synthetic', seed: 42, bars: 10000, interval_minutes: 30 },
      params: DEFAULT_PARAMS,
    },
    result: done ? makeSimulationResult() : null,
    ...over,
  });
}

export function makeOptimizationRow(
  params: Record<string, number>,
  metrics: Partial<SimulationMetrics> = {},
  over: Partial<OptimizationRow> = {},
): OptimizationRow {
  return OptimizationRow.parse({ rank: 1, params, metrics: makeMetrics(metrics), error: null, ...over });
}

export function makeOptimization(over: Partial<Optimization> = {}): Optimization {
  const status = over.status ?? 'completed';
  const rows = over.rows ?? [];
  return Optimization.parse({
    id: 'opt-1',
    name: 'Triggers',
    status,
    progress: status === 'completed' ? 1 : 0.25,
    combinations: rows.length || 4,
    done: status === 'completed' ? rows.length : 1,
    rank_by: 'sharpe',
    requested_by: 'alice',
    created_at: AT,
    started_at: AT,
    finished_at: status === 'completed' ? AT : null,
    error: null,
    bars: {
      source: 'sample DAX',
      count: 1860,
      first_at: '1991-07-01T16:00:00.000Z',
      last_at: '1998-08-28T16:00:00.000Z',
    },
    best: rows[0] ?? null,
    request: {
      bars: { kind: 'sample', name: 'DAX' },
      shares: '0',
      cash: '10000',
      params: DEFAULT_PARAMS,
      grid: { 'trigger.up_pct': [2, 3], 'trigger.down_pct': [2, 3] },
      rank_by: 'sharpe',
    },
    rows,
    buy_and_hold: makeMetrics({ return_pct: 8, sharpe: 0.18, max_drawdown_pct: 33.1 }),
    ...over,
  });
}

export function makeSample(over: Partial<SampleBars> = {}): SampleBars {
  return SampleBars.parse({
    name: 'DAX',
    description: 'DAX daily closes, 1991–1998',
    bars: 1860,
    first_at: '1991-07-01T16:00:00.000Z',
    last_at: '1998-08-28T16:00:00.000Z',
    ...over,
  });
}
