import {
  type ApiTokenRecord,
  type CashMovementRecord,
  type CycleRecord,
  EMPTY_COUNTS,
  type EventDraft,
  type LabJobRecord,
  type OrderRecord,
  type PortfolioRecord,
  type PositionRecord,
  type SessionRecord,
  type TradeRecord,
  type UserRecord,
  type WorkerInstanceRecord,
} from '../application/records.js';
import { Decimal } from '../domain/decimal.js';
import type { CycleId, EventId, Instant, OrderId, PortfolioId, PositionId, TradeId } from '../domain/ids.js';
import { DEFAULT_PARAMS } from '../domain/strategy-params.js';

/** The instant every record is made at unless a test says otherwise: Tuesday 6 January 2026, 15:00 UTC. */
export const T0: Instant = Date.UTC(2026, 0, 6, 15, 0, 0);
export const MINUTE = 60_000;

let counter = 0;
/**
 * Deterministic ids that sort in creation order, as the engine's UUIDv7 ids do: `portfolio-0001`,
 * `position-0002`, … (one counter for all kinds, so ids of one kind also sort by creation).
 */
export function nextId<T extends string = string>(kind: string): T {
  counter += 1;
  return `${kind}-${String(counter).padStart(4, '0')}` as T;
}

const dec = (v: string | number) => new Decimal(v);

export function makePortfolio(over: Partial<PortfolioRecord> = {}): PortfolioRecord {
  return {
    id: nextId<PortfolioId>('portfolio'),
    name: 'Main',
    baseCurrency: 'USD',
    state: 'active',
    autoTradingEnabled: true,
    marketHours: 'always',
    isDemo: false,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

export function makePosition(portfolio: PortfolioRecord, over: Partial<PositionRecord> = {}): PositionRecord {
  return {
    id: nextId<PositionId>('position'),
    portfolioId: portfolio.id,
    symbol: 'ACME',
    shares: dec('50'),
    cash: dec('5000'),
    anchor: dec('100'),
    invested: dec('10000'),
    autoTradingEnabled: true,
    params: DEFAULT_PARAMS,
    ordersDay: null,
    ordersToday: 0,
    version: 0,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

export function makeOrder(position: PositionRecord, over: Partial<OrderRecord> = {}): OrderRecord {
  const id = over.id ?? nextId<OrderId>('order');
  return {
    id,
    clientOrderId: `bl-${id}`,
    portfolioId: position.portfolioId,
    positionId: position.id,
    cycleId: 'cycle-for-orders' as CycleId,
    symbol: position.symbol,
    side: 'buy',
    qty: dec('5.234455'),
    price: dec('97'),
    estFee: dec('0.050774'),
    commissionRate: dec('0.0001'),
    status: 'new',
    reason: null,
    source: 'worker',
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

export function makeTrade(order: OrderRecord, over: Partial<TradeRecord> = {}): TradeRecord {
  return {
    id: nextId<TradeId>('trade'),
    orderId: order.id,
    portfolioId: order.portfolioId,
    positionId: order.positionId,
    symbol: order.symbol,
    side: order.side,
    qty: order.qty,
    price: order.price,
    fee: order.estFee,
    executedAt: T0,
    ...over,
  };
}

export function makeCashMovement(
  position: PositionRecord,
  over: Partial<CashMovementRecord> = {},
): CashMovementRecord {
  return {
    id: nextId('cash'),
    positionId: position.id,
    kind: 'deposit',
    amount: dec('250.50'),
    note: null,
    actor: 'token:ops',
    createdAt: T0,
    ...over,
  };
}

export function makeCycle(over: Partial<CycleRecord> = {}): CycleRecord {
  return {
    id: nextId<CycleId>('cycle'),
    source: 'worker',
    actor: 'worker-1',
    instanceId: 'host-1-abc',
    status: 'running',
    startedAt: T0,
    finishedAt: null,
    durationMs: null,
    positions: 3,
    counts: EMPTY_COUNTS,
    error: null,
    ...over,
  };
}

export function makeEventDraft(over: Partial<EventDraft> = {}): EventDraft {
  return {
    id: nextId<EventId>('event'),
    type: 'PriceEvent',
    occurredAt: T0,
    source: 'worker',
    actor: 'worker-1',
    cycleId: null,
    parentId: null,
    portfolioId: null,
    positionId: null,
    symbol: 'ACME',
    payload: { ok: true, price: '97' },
    ...over,
  };
}

export function makeWorkerInstance(over: Partial<WorkerInstanceRecord> = {}): WorkerInstanceRecord {
  return {
    instanceId: nextId('instance'),
    host: 'host-1',
    pid: 4242,
    startedAt: T0,
    heartbeatAt: T0,
    stoppedAt: null,
    lastCycleId: null,
    nextCycleAt: T0 + MINUTE,
    enabled: true,
    intervalSeconds: 60,
    ...over,
  };
}

export function makeUser(over: Partial<UserRecord> = {}): UserRecord {
  const id = over.id ?? nextId('user');
  return {
    id,
    username: id,
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
    role: 'operator',
    disabled: false,
    failedLogins: 0,
    lockedUntil: null,
    lastLoginAt: null,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

export function makeToken(over: Partial<ApiTokenRecord> = {}): ApiTokenRecord {
  const id = over.id ?? nextId('token');
  return {
    id,
    name: id,
    role: 'viewer',
    tokenHash: `sha256-of-${id}`,
    createdBy: 'admin',
    createdAt: T0,
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
    ...over,
  };
}

export function makeSession(user: UserRecord, over: Partial<SessionRecord> = {}): SessionRecord {
  return {
    tokenHash: nextId('session-hash'),
    userId: user.id,
    kind: 'session',
    csrfToken: 'csrf-secret',
    createdAt: T0,
    expiresAt: T0 + 12 * 60 * MINUTE,
    revokedAt: null,
    ...over,
  };
}

/** A record as plain data, decimals as their exact text: compares values, not representations. */
export function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

export function makeLabJob(over: Partial<LabJobRecord> = {}): LabJobRecord {
  return {
    id: nextId('job'),
    kind: 'simulation',
    name: 'DAX, defaults',
    status: 'queued',
    done: 0,
    total: 1_860,
    requestedBy: 'token:ops',
    createdAt: T0,
    startedAt: null,
    finishedAt: null,
    heartbeatAt: T0,
    runner: { host: 'engine-host', pid: 4242 },
    error: null,
    fromPosition: null,
    bars: {
      source: 'sample eustock-dax',
      count: 1_860,
      first_at: '1991-07-01T16:00:00.000Z',
      last_at: '1998-08-21T16:00:00.000Z',
    },
    request: { shares: '50', cash: '5000', params: { trigger: { up_pct: 3 } } },
    outcome: null,
    startedEventId: null,
    ...over,
  };
}
