import type { Clock } from '../../application/ports/clock.js';
import type { Repositories, Store } from '../../application/ports/store.js';
import type { StoredEvent } from '../../application/records.js';
import { type BulkWriter, portableBulkWriter } from './bulk-writer.js';
import type { DbExecutor } from './db-executor.js';
import { KyselyApiTokenRepository } from './kysely-api-token-repository.js';
import { KyselyAuditLog } from './kysely-audit-log.js';
import { KyselyCashMovementRepository } from './kysely-cash-movement-repository.js';
import { KyselyCycleRepository } from './kysely-cycle-repository.js';
import { KyselyLabJobRepository } from './kysely-lab-job-repository.js';
import { KyselyOrderRepository } from './kysely-order-repository.js';
import { KyselyPortfolioRepository } from './kysely-portfolio-repository.js';
import { KyselyPositionRepository } from './kysely-position-repository.js';
import { KyselyQuoteRepository } from './kysely-quote-repository.js';
import { KyselyScheduleRepository } from './kysely-schedule-repository.js';
import { KyselySessionRepository } from './kysely-session-repository.js';
import { KyselyTradeRepository } from './kysely-trade-repository.js';
import { KyselyUserRepository } from './kysely-user-repository.js';
import { KyselyWorkerStateRepository } from './kysely-worker-state-repository.js';

/**
 * How a dialect runs one write transaction: the writers' lock is taken before anything is read
 * (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock), so writers run one at a time.
 */
export type WriteTransactionRunner = <T>(fn: (trx: DbExecutor) => Promise<T>) => Promise<T>;

export function repositoriesOn(
  db: DbExecutor,
  clock: Clock,
  onAppended: ((events: StoredEvent[]) => void) | null,
  bulk: BulkWriter = portableBulkWriter,
): Repositories {
  return {
    portfolios: new KyselyPortfolioRepository(db),
    positions: new KyselyPositionRepository(db, bulk),
    orders: new KyselyOrderRepository(db, bulk),
    trades: new KyselyTradeRepository(db, bulk),
    cashMovements: new KyselyCashMovementRepository(db),
    audit: new KyselyAuditLog(db, clock, onAppended, bulk),
    cycles: new KyselyCycleRepository(db),
    worker: new KyselyWorkerStateRepository(db),
    quotes: new KyselyQuoteRepository(db),
    users: new KyselyUserRepository(db),
    tokens: new KyselyApiTokenRepository(db),
    sessions: new KyselySessionRepository(db),
    schedule: new KyselyScheduleRepository(db, bulk),
    labJobs: new KyselyLabJobRepository(db),
  };
}

/**
 * The one Store implementation, for every dialect. Events appended inside a transaction are
 * announced to listeners only after it commits, so nobody ever sees an event that was rolled back.
 */
export class KyselyStore implements Store {
  private readonly listeners = new Set<(events: readonly StoredEvent[]) => void>();
  private readonly base: Repositories;

  constructor(
    readonly dialect: string,
    private readonly db: DbExecutor,
    private readonly clock: Clock,
    private readonly runWrite: WriteTransactionRunner,
    private readonly closeDb: () => Promise<void>,
    private readonly bulk: BulkWriter = portableBulkWriter,
  ) {
    // Outside a transaction the audit log refuses to append (null: nobody to announce to). The
    // dialect's writer comes along for the one write that runs on its own: taking a slot's batch.
    this.base = repositoriesOn(db, clock, null, bulk);
  }

  get portfolios() {
    return this.base.portfolios;
  }
  get positions() {
    return this.base.positions;
  }
  get orders() {
    return this.base.orders;
  }
  get trades() {
    return this.base.trades;
  }
  get cashMovements() {
    return this.base.cashMovements;
  }
  get audit() {
    return this.base.audit;
  }
  get cycles() {
    return this.base.cycles;
  }
  get worker() {
    return this.base.worker;
  }
  get quotes() {
    return this.base.quotes;
  }
  get users() {
    return this.base.users;
  }
  get tokens() {
    return this.base.tokens;
  }
  get sessions() {
    return this.base.sessions;
  }
  get schedule() {
    return this.base.schedule;
  }
  get labJobs() {
    return this.base.labJobs;
  }

  async transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    const appended: StoredEvent[] = [];
    const result = await this.runWrite((trx) =>
      fn(
        repositoriesOn(
          trx,
          this.clock,
          (events) => {
            for (const e of events) appended.push(e);
          },
          this.bulk,
        ),
      ),
    );
    if (appended.length > 0) this.announce(appended);
    return result;
  }

  onEventsCommitted(listener: (events: readonly StoredEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private announce(events: readonly StoredEvent[]): void {
    for (const listener of this.listeners) {
      try {
        listener(events);
      } catch {
        // A broken listener (a closed stream) must never undo or block a committed write.
      }
    }
  }

  /**
   * The database itself, for an adapter that keeps a record of its own beside the engine's (the paper
   * broker). Application code never gets it: it sees only the Store port.
   */
  get executor(): DbExecutor {
    return this.db;
  }

  async ping(): Promise<void> {
    await this.db.selectFrom('worker_settings').select('id').limit(1).execute();
  }

  async close(): Promise<void> {
    await this.closeDb();
  }
}
