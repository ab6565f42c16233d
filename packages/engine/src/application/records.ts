import type {
  BarsSummary,
  CycleCounts,
  EventSource,
  EventType,
  JobStatus,
  OrderStatus,
  PortfolioState,
  Role,
} from '@ballast/contracts';
import type { Decimal } from '../domain/decimal.js';
import type { CycleId, EventId, Instant, OrderId, PortfolioId, PositionId, TradeId } from '../domain/ids.js';
import type { Side } from '../domain/position-state.js';
import type { MarketHoursSetting, StrategyParams } from '../domain/strategy-params.js';

export interface PortfolioRecord {
  readonly id: PortfolioId;
  readonly name: string;
  readonly baseCurrency: string;
  readonly state: PortfolioState;
  readonly autoTradingEnabled: boolean;
  readonly marketHours: MarketHoursSetting;
  readonly isDemo: boolean;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
}

export interface PositionRecord {
  readonly id: PositionId;
  readonly portfolioId: PortfolioId;
  readonly symbol: string;
  readonly shares: Decimal;
  readonly cash: Decimal;
  readonly anchor: Decimal | null;
  readonly invested: Decimal;
  readonly autoTradingEnabled: boolean;
  readonly params: StrategyParams;
  readonly ordersDay: string | null;
  readonly ordersToday: number;
  readonly version: number;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
}

export interface OrderRecord {
  readonly id: OrderId;
  readonly clientOrderId: string;
  readonly portfolioId: PortfolioId;
  readonly positionId: PositionId;
  readonly cycleId: CycleId;
  readonly symbol: string;
  readonly side: Side;
  readonly qty: Decimal;
  readonly price: Decimal;
  readonly estFee: Decimal;
  readonly commissionRate: Decimal;
  readonly status: OrderStatus;
  readonly reason: string | null;
  readonly source: EventSource;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
}

export interface TradeRecord {
  readonly id: TradeId;
  readonly orderId: OrderId;
  readonly portfolioId: PortfolioId;
  readonly positionId: PositionId;
  readonly symbol: string;
  readonly side: Side;
  readonly qty: Decimal;
  readonly price: Decimal;
  readonly fee: Decimal;
  readonly executedAt: Instant;
}

export interface CashMovementRecord {
  readonly id: string;
  readonly positionId: PositionId;
  readonly kind: 'deposit' | 'withdrawal';
  readonly amount: Decimal;
  readonly note: string | null;
  readonly actor: string;
  readonly createdAt: Instant;
}

export type CycleStatus = 'running' | 'completed' | 'interrupted' | 'failed';

export interface CycleRecord {
  readonly id: CycleId;
  readonly source: EventSource;
  readonly actor: string;
  readonly instanceId: string | null;
  readonly status: CycleStatus;
  readonly startedAt: Instant;
  readonly finishedAt: Instant | null;
  readonly durationMs: number | null;
  readonly positions: number;
  readonly counts: CycleCounts;
  readonly error: string | null;
}

/** An audit event before the log gives it its place (`seq`) and its hash. */
export interface EventDraft {
  readonly id: EventId;
  readonly type: EventType;
  readonly occurredAt: Instant;
  readonly source: EventSource;
  readonly actor: string;
  readonly cycleId: CycleId | null;
  readonly parentId: EventId | null;
  readonly portfolioId: PortfolioId | null;
  readonly positionId: PositionId | null;
  readonly symbol: string | null;
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface StoredEvent extends EventDraft {
  readonly seq: number;
  readonly recordedAt: Instant;
  readonly prevHash: string;
  readonly hash: string;
}

export interface WorkerSettings {
  readonly enabled: boolean;
  readonly intervalSeconds: number;
  readonly updatedAt: Instant;
  readonly updatedBy: string;
}

export interface WorkerInstanceRecord {
  readonly instanceId: string;
  readonly host: string;
  readonly pid: number;
  readonly startedAt: Instant;
  readonly heartbeatAt: Instant;
  readonly stoppedAt: Instant | null;
  readonly lastCycleId: CycleId | null;
  readonly nextCycleAt: Instant | null;
  /** The settings this instance was working with at its last heartbeat. */
  readonly enabled: boolean;
  readonly intervalSeconds: number;
}

export interface SymbolQuoteRecord {
  readonly symbol: string;
  readonly price: Decimal;
  readonly quotedAt: Instant;
  readonly provider: string;
}

export const EMPTY_COUNTS: CycleCounts = {
  evaluated: 0,
  orders: 0,
  fills: 0,
  rejections: 0,
  skips: 0,
  holds: 0,
  anchor_resets: 0,
  no_price: 0,
  errors: 0,
};

export interface UserRecord {
  readonly id: string;
  readonly username: string;
  readonly passwordHash: string;
  readonly role: Role;
  readonly disabled: boolean;
  /** Consecutive failed logins since the last success. */
  readonly failedLogins: number;
  readonly lockedUntil: Instant | null;
  readonly lastLoginAt: Instant | null;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
}

export interface ApiTokenRecord {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  /** sha256 of the token: the token itself is shown once and never stored. */
  readonly tokenHash: string;
  readonly createdBy: string;
  readonly createdAt: Instant;
  readonly expiresAt: Instant | null;
  readonly revokedAt: Instant | null;
  readonly lastUsedAt: Instant | null;
}

/** A console session (cookie, with a CSRF token) or a login bearer token; stored by the hash of its secret. */
export interface SessionRecord {
  readonly tokenHash: string;
  readonly userId: string;
  readonly kind: 'session' | 'bearer';
  readonly csrfToken: string | null;
  readonly createdAt: Instant;
  readonly expiresAt: Instant;
  readonly revokedAt: Instant | null;
}

/** A job of the simulation lab (DESIGN §9): one simulation, or one optimization over a grid. */
export type LabJobKind = 'simulation' | 'optimization';

export interface LabJobRecord {
  readonly id: string;
  readonly kind: LabJobKind;
  readonly name: string | null;
  readonly status: JobStatus;
  /** Bars played (a simulation) or combinations run (an optimization), of `total`. */
  readonly done: number;
  readonly total: number;
  readonly requestedBy: string;
  readonly createdAt: Instant;
  readonly startedAt: Instant | null;
  readonly finishedAt: Instant | null;
  /** Last sign of life of the engine running it; a job whose engine is gone is failed at the next start. */
  readonly heartbeatAt: Instant;
  readonly runner: { readonly host: string; readonly pid: number };
  readonly error: string | null;
  readonly fromPosition: PositionId | null;
  readonly bars: BarsSummary | null;
  /** The request as run (effective parameters, no CSV text). */
  readonly request: Readonly<Record<string, unknown>>;
  /** The headline once finished: metrics and buy-and-hold, or the best row and buy-and-hold. */
  readonly outcome: Readonly<Record<string, unknown>> | null;
  /** The SimulationStarted / OptimizationStarted event, the parent of the one that closes the job. */
  readonly startedEventId: EventId | null;
}

/** How a job ends: its final status, and what it produced (the result as JSON text) or why it did not. */
export interface LabJobEnd {
  readonly status: 'completed' | 'failed' | 'cancelled';
  readonly finishedAt: Instant;
  readonly error: string | null;
  readonly outcome: Readonly<Record<string, unknown>> | null;
  readonly resultJson: string | null;
  /** The progress it ended at, when that is news (a completed job did all of it). */
  readonly done?: number;
}
