import type { AuditVerifyResult, EventListQuery, EventSource, OrderStatus } from '@ballast/contracts';
import type { CycleId, Instant, OrderId, PortfolioId, PositionId } from '../../domain/ids.js';
import type {
  ApiTokenRecord,
  CashMovementRecord,
  CycleRecord,
  EventDraft,
  LabJobEnd,
  LabJobKind,
  LabJobRecord,
  OrderRecord,
  PortfolioRecord,
  PositionRecord,
  SessionRecord,
  StoredEvent,
  SymbolQuoteRecord,
  TradeRecord,
  UserRecord,
  WorkerInstanceRecord,
  WorkerSettings,
} from '../records.js';
import type { Page, PageRequest } from './page.js';

export interface PortfolioRepository {
  insert(p: PortfolioRecord): Promise<void>;
  update(p: PortfolioRecord): Promise<void>;
  softDelete(id: PortfolioId, at: Instant): Promise<void>;
  get(id: PortfolioId): Promise<PortfolioRecord | null>;
  /** The portfolios that exist among `ids` (deleted ones are missing). */
  getMany(ids: readonly PortfolioId[]): Promise<Map<PortfolioId, PortfolioRecord>>;
  list(page: PageRequest): Promise<Page<PortfolioRecord>>;
  count(): Promise<number>;
}

/** The position fields a cycle needs, joined with its portfolio, read fresh under the cycle's claim. */
export interface PositionForTrading {
  readonly position: PositionRecord;
  readonly portfolio: PortfolioRecord;
  readonly hasOpenOrder: boolean;
}

export interface PositionRepository {
  insert(p: PositionRecord): Promise<void>;
  /** Writes the new state if `version` is still the stored one; returns false when someone else changed it. */
  update(p: PositionRecord): Promise<boolean>;
  /**
   * Writes many positions at once (a cycle's batch). Only for records read inside the same write
   * transaction: the caller holds the write lock, so nothing can have changed them meanwhile.
   */
  saveMany(positions: readonly PositionRecord[]): Promise<void>;
  softDelete(id: PositionId, at: Instant): Promise<void>;
  softDeleteByPortfolio(id: PortfolioId, at: Instant): Promise<void>;
  get(id: PositionId): Promise<PositionRecord | null>;
  getMany(ids: readonly PositionId[]): Promise<PositionRecord[]>;
  /** The stored `version` of each position (deleted ones are missing): a cheap "changed since?" check. */
  versions(ids: readonly PositionId[]): Promise<Map<PositionId, number>>;
  list(filter: { portfolioId?: PortfolioId | undefined }, page: PageRequest): Promise<Page<PositionRecord>>;
  listByPortfolios(ids: readonly PortfolioId[]): Promise<PositionRecord[]>;
  /** Positions a scheduled cycle trades: auto-trading on for both, portfolio active, anchor set, not deleted. */
  listActiveForTrading(): Promise<{ id: PositionId; symbol: string }[]>;
  /** The positions among `ids` that have an order still open at the broker. */
  withOpenOrders(ids: readonly PositionId[]): Promise<Set<PositionId>>;
  /** Takes a lease on positions for one evaluation; returns the ids it got (others are held elsewhere). */
  claim(ids: readonly PositionId[], owner: string, until: Instant, now: Instant): Promise<PositionId[]>;
  release(ids: readonly PositionId[], owner: string): Promise<void>;
  /**
   * Drops every claim whose owner starts with `ownerPrefix` (see `claimOwner`): all of an engine
   * instance's (`instance/`), or one cycle's (`instance/cycle`); returns how many.
   */
  releaseClaimsHeldBy(ownerPrefix: string): Promise<number>;
}

export interface OrderRepository {
  insertMany(orders: readonly OrderRecord[]): Promise<void>;
  /** Stores the new state of orders already inserted (status, reason, updated_at). */
  saveMany(orders: readonly OrderRecord[]): Promise<void>;
  get(id: OrderId): Promise<OrderRecord | null>;
  list(
    filter: {
      portfolioId?: string | undefined;
      positionId?: string | undefined;
      status?: OrderStatus | undefined;
    },
    page: PageRequest,
  ): Promise<Page<OrderRecord>>;
  listOpen(): Promise<OrderRecord[]>;
}

export interface TradeRepository {
  insertMany(trades: readonly TradeRecord[]): Promise<void>;
  list(
    filter: { portfolioId?: string | undefined; positionId?: string | undefined },
    page: PageRequest,
  ): Promise<Page<TradeRecord>>;
  listByPosition(id: PositionId): Promise<TradeRecord[]>;
}

export interface CashMovementRepository {
  insert(m: CashMovementRecord): Promise<void>;
  listByPosition(id: PositionId): Promise<CashMovementRecord[]>;
}

export type EventFilter = Omit<EventListQuery, 'order'> & {
  readonly order?: 'asc' | 'desc' | undefined;
  readonly afterSeq?: number | undefined;
};

export interface AuditLog {
  /** Gives each draft the next gap-free `seq` and chains its hash to the previous event. */
  append(drafts: readonly EventDraft[]): Promise<StoredEvent[]>;
  list(filter: EventFilter, page: PageRequest): Promise<Page<StoredEvent>>;
  listByCycle(id: CycleId): Promise<StoredEvent[]>;
  get(seq: number): Promise<StoredEvent | null>;
  lastSeq(): Promise<number>;
  verify(onProgress?: (checked: number) => void): Promise<AuditVerifyResult>;
}

export interface CycleRepository {
  insert(c: CycleRecord): Promise<void>;
  update(c: CycleRecord): Promise<void>;
  get(id: CycleId): Promise<CycleRecord | null>;
  list(filter: { source?: EventSource | undefined }, page: PageRequest): Promise<Page<CycleRecord>>;
  latest(source: EventSource): Promise<CycleRecord | null>;
  /** Cycles an engine instance started and never finished. */
  listRunningOf(instanceId: string): Promise<CycleRecord[]>;
}

export interface WorkerStateRepository {
  getSettings(): Promise<WorkerSettings | null>;
  saveSettings(s: WorkerSettings): Promise<void>;
  upsertInstance(i: WorkerInstanceRecord): Promise<void>;
  listInstances(): Promise<WorkerInstanceRecord[]>;
}

export interface QuoteRepository {
  upsertMany(quotes: readonly SymbolQuoteRecord[]): Promise<void>;
  getMany(symbols: readonly string[]): Promise<Map<string, SymbolQuoteRecord>>;
}

export interface UserRepository {
  insert(u: UserRecord): Promise<void>;
  update(u: UserRecord): Promise<void>;
  get(id: string): Promise<UserRecord | null>;
  getByName(username: string): Promise<UserRecord | null>;
  list(): Promise<UserRecord[]>;
  count(): Promise<number>;
}

export interface ApiTokenRepository {
  insert(t: ApiTokenRecord): Promise<void>;
  update(t: ApiTokenRecord): Promise<void>;
  get(id: string): Promise<ApiTokenRecord | null>;
  getByName(name: string): Promise<ApiTokenRecord | null>;
  getByHash(tokenHash: string): Promise<ApiTokenRecord | null>;
  list(): Promise<ApiTokenRecord[]>;
  /** Records a use: one column of one row, and only while the token is not revoked. */
  touchLastUsed(id: string, at: Instant): Promise<void>;
}

export interface SessionRepository {
  insert(s: SessionRecord): Promise<void>;
  getByHash(tokenHash: string): Promise<SessionRecord | null>;
  revoke(tokenHash: string, at: Instant): Promise<void>;
  revokeAllOf(userId: string, at: Instant): Promise<void>;
  /** Drops sessions that ended before `before` (expired or revoked): they can never be used again. */
  deleteEnded(before: Instant): Promise<number>;
}

/** Scheduled slots (DESIGN §5.4): each position is taken for a slot once, by one engine. */
export interface ScheduleRepository {
  /** Gives every position without one a slot row (new positions since the last cycle). */
  addMissing(): Promise<number>;
  /**
   * Takes up to `limit` positions that trade automatically and were not taken for `slot` yet, and
   * marks them taken. Atomic on its own, inside a write transaction or not: engines sharing the
   * database never take the same position for the same slot.
   */
  takeDue(slot: number, limit: number): Promise<{ id: PositionId; symbol: string }[]>;
}

/** The simulation lab's jobs (simulations and optimizations); a finished job never changes again. */
export interface LabJobRepository {
  /** `barsText`: an uploaded CSV, kept so that later runs can play the same bars. */
  insert(job: LabJobRecord, barsText?: string | null): Promise<void>;
  get(kind: LabJobKind, id: string): Promise<LabJobRecord | null>;
  /** A job of either kind. */
  find(id: string): Promise<LabJobRecord | null>;
  /** The CSV uploaded with a job, or null (bars from a sample, a generator or a position). */
  getBarsText(id: string): Promise<string | null>;
  /** The result of a completed job as stored (JSON text), or null. */
  getResult(kind: LabJobKind, id: string): Promise<string | null>;
  /** Newest first, without results. */
  list(kind: LabJobKind, page: PageRequest): Promise<Page<LabJobRecord>>;
  /** Moves a queued job to running; false when it is not queued any more. */
  markRunning(id: string, at: Instant): Promise<boolean>;
  /** Stores progress and a heartbeat; false when the job has finished meanwhile (cancelled, failed). */
  saveProgress(id: string, done: number, total: number, heartbeatAt: Instant): Promise<boolean>;
  /** Finishes a queued or running job; false (and nothing written) when it had finished already. */
  finish(id: string, end: LabJobEnd): Promise<boolean>;
  /** Every queued or running job, oldest first. */
  listUnfinished(): Promise<LabJobRecord[]>;
}

export interface Repositories {
  readonly portfolios: PortfolioRepository;
  readonly positions: PositionRepository;
  readonly orders: OrderRepository;
  readonly trades: TradeRepository;
  readonly cashMovements: CashMovementRepository;
  readonly audit: AuditLog;
  readonly cycles: CycleRepository;
  readonly worker: WorkerStateRepository;
  readonly quotes: QuoteRepository;
  readonly users: UserRepository;
  readonly tokens: ApiTokenRepository;
  readonly sessions: SessionRepository;
  readonly schedule: ScheduleRepository;
  readonly labJobs: LabJobRepository;
}

/** Everything persistent. Writes that belong together go through `transaction`, which serialises writers. */
export interface Store extends Repositories {
  readonly dialect: string;
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  /** Called with every batch of events after its transaction commits (live streams, tail --follow). */
  onEventsCommitted(listener: (events: readonly StoredEvent[]) => void): () => void;
  ping(): Promise<void>;
  close(): Promise<void>;
}
