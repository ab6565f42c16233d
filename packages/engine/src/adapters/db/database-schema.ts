import type { Generated } from 'kysely';

/**
 * Column types as the repositories see them, identical on every dialect: decimals are exact decimal
 * strings, instants are ISO 8601 UTC strings, booleans are 0/1 integers, JSON is text. Keeping the
 * representation the same everywhere is what lets one repository implementation serve SQLite and
 * PostgreSQL (see docs/decisions/0003-portable-column-types.md).
 */
export interface DatabaseSchema {
  portfolios: PortfoliosTable;
  positions: PositionsTable;
  position_claims: PositionClaimsTable;
  orders: OrdersTable;
  trades: TradesTable;
  cash_movements: CashMovementsTable;
  events: EventsTable;
  cycles: CyclesTable;
  worker_settings: WorkerSettingsTable;
  worker_instances: WorkerInstancesTable;
  symbol_quotes: SymbolQuotesTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  paper_orders: PaperOrdersTable;
  lab_jobs: LabJobsTable;
}

export interface PortfoliosTable {
  id: string;
  name: string;
  base_currency: string;
  state: string;
  auto_trading_enabled: number;
  market_hours: string;
  is_demo: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface PositionsTable {
  id: string;
  portfolio_id: string;
  symbol: string;
  shares: string;
  cash: string;
  anchor: string | null;
  invested: string;
  auto_trading_enabled: number;
  params: string;
  orders_day: string | null;
  orders_today: number;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface PositionClaimsTable {
  position_id: string;
  owner: string;
  until: string;
}

export interface OrdersTable {
  id: string;
  client_order_id: string;
  portfolio_id: string;
  position_id: string;
  cycle_id: string;
  symbol: string;
  side: string;
  qty: string;
  price: string;
  est_fee: string;
  commission_rate: string;
  status: string;
  reason: string | null;
  source: string;
  created_at: string;
  updated_at: string;
}

export interface TradesTable {
  id: string;
  order_id: string;
  portfolio_id: string;
  position_id: string;
  symbol: string;
  side: string;
  qty: string;
  price: string;
  fee: string;
  executed_at: string;
}

export interface CashMovementsTable {
  id: string;
  position_id: string;
  kind: string;
  amount: string;
  note: string | null;
  actor: string;
  created_at: string;
}

export interface EventsTable {
  seq: number;
  id: string;
  type: string;
  occurred_at: string;
  recorded_at: string;
  source: string;
  actor: string;
  cycle_id: string | null;
  parent_id: string | null;
  portfolio_id: string | null;
  position_id: string | null;
  symbol: string | null;
  payload: string;
  prev_hash: string;
  hash: string;
}

export interface CyclesTable {
  id: string;
  source: string;
  actor: string;
  instance_id: string | null;
  status: string;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  positions: number;
  counts: string;
  error: string | null;
}

export interface WorkerSettingsTable {
  id: Generated<number>;
  enabled: number;
  interval_seconds: number;
  updated_at: string;
  updated_by: string;
}

export interface WorkerInstancesTable {
  instance_id: string;
  host: string;
  pid: number;
  started_at: string;
  heartbeat_at: string;
  stopped_at: string | null;
  last_cycle_id: string | null;
  next_cycle_at: string | null;
  enabled: number;
  interval_seconds: number;
}

export interface SymbolQuotesTable {
  symbol: string;
  price: string;
  quoted_at: string;
  provider: string;
}

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  role: string;
  disabled: number;
  failed_logins: number;
  locked_until: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  role: string;
  token_hash: string;
  created_by: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  kind: string;
  csrf_token: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

/** The paper broker's own record (not the engine's): one row per client order id it answered. */
export interface PaperOrdersTable {
  client_order_id: string;
  status: string;
  symbol: string | null;
  side: string | null;
  qty: string | null;
  price: string | null;
  fee: string | null;
  executed_at: string | null;
  reason: string | null;
  recorded_at: string;
}

/** The simulation lab's jobs; `result` holds the whole result (a few MB of trades at most) as JSON text. */
export interface LabJobsTable {
  id: string;
  kind: string;
  name: string | null;
  status: string;
  done: number;
  total: number;
  requested_by: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  heartbeat_at: string;
  runner_host: string;
  runner_pid: number;
  error: string | null;
  from_position: string | null;
  bars: string | null;
  request: string;
  outcome: string | null;
  result: string | null;
  /** An uploaded CSV, kept for runs over the same bars (`{"kind": "job"}`); never read by lists. */
  bars_text: string | null;
  started_event_id: string | null;
}
