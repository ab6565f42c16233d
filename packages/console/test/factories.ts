import { AuditEvent, CycleSummary, Portfolio, Position, WorkerStatus } from '@ballast/contracts';

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
