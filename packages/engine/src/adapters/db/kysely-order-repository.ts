import type { EventSource, OrderStatus } from '@ballast/contracts';
import { type Selectable, sql } from 'kysely';
import type { Page, PageRequest } from '../../application/ports/page.js';
import type { OrderRepository } from '../../application/ports/store.js';
import type { OrderRecord } from '../../application/records.js';
import type { CycleId, OrderId, PortfolioId, PositionId } from '../../domain/ids.js';
import { OPEN_ORDER_STATUSES } from '../../domain/order-status.js';
import type { Side } from '../../domain/position-state.js';
import { type BulkWriter, portableBulkWriter } from './bulk-writer.js';
import { pageById } from './cursor.js';
import type { OrdersTable } from './database-schema.js';
import type { DbExecutor } from './db-executor.js';
import { dec, instant, iso, text } from './row-codecs.js';

function orderFromRow(r: Selectable<OrdersTable>): OrderRecord {
  return {
    id: r.id as OrderId,
    clientOrderId: r.client_order_id,
    portfolioId: r.portfolio_id as PortfolioId,
    positionId: r.position_id as PositionId,
    cycleId: r.cycle_id as CycleId,
    symbol: r.symbol,
    side: r.side as Side,
    qty: dec(r.qty),
    price: dec(r.price),
    estFee: dec(r.est_fee),
    commissionRate: dec(r.commission_rate),
    status: r.status as OrderStatus,
    reason: r.reason,
    source: r.source as EventSource,
    createdAt: instant(r.created_at),
    updatedAt: instant(r.updated_at),
  };
}

function rowOf(o: OrderRecord): Selectable<OrdersTable> {
  return {
    id: o.id,
    client_order_id: o.clientOrderId,
    portfolio_id: o.portfolioId,
    position_id: o.positionId,
    cycle_id: o.cycleId,
    symbol: o.symbol,
    side: o.side,
    qty: text(o.qty),
    price: text(o.price),
    est_fee: text(o.estFee),
    commission_rate: text(o.commissionRate),
    status: o.status,
    reason: o.reason,
    source: o.source,
    created_at: iso(o.createdAt),
    updated_at: iso(o.updatedAt),
  };
}

/**
 * The open statuses as SQL literals, not bound values: a query planner can use a partial index
 * (`orders_open … WHERE status IN ('new', 'submitted', 'partially_filled')`) only when the query's
 * condition is visibly the same, and a bound parameter could be anything.
 */
export const OPEN_STATUSES = OPEN_ORDER_STATUSES.map((status) => sql.lit(status));

export class KyselyOrderRepository implements OrderRepository {
  constructor(
    private readonly db: DbExecutor,
    private readonly bulk: BulkWriter = portableBulkWriter,
  ) {}

  async insertMany(orders: readonly OrderRecord[]): Promise<void> {
    await this.bulk.insertOrders(this.db, orders.map(rowOf));
  }

  async saveMany(orders: readonly OrderRecord[]): Promise<void> {
    await this.bulk.updateOrderStatuses(
      this.db,
      orders.map((o) => ({ id: o.id, status: o.status, reason: o.reason, updated_at: iso(o.updatedAt) })),
    );
  }

  async get(id: OrderId): Promise<OrderRecord | null> {
    const row = await this.db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? orderFromRow(row) : null;
  }

  async list(
    filter: {
      portfolioId?: string | undefined;
      positionId?: string | undefined;
      status?: OrderStatus | undefined;
    },
    page: PageRequest,
  ): Promise<Page<OrderRecord>> {
    let q = this.db.selectFrom('orders').selectAll();
    if (filter.portfolioId) q = q.where('portfolio_id', '=', filter.portfolioId);
    if (filter.positionId) q = q.where('position_id', '=', filter.positionId);
    if (filter.status) q = q.where('status', '=', filter.status);
    return pageById(q, page, orderFromRow);
  }

  /** Reads only the partial index `orders_open`: nothing open costs one index probe, however long the history. */
  async listOpen(): Promise<OrderRecord[]> {
    const rows = await this.db
      .selectFrom('orders')
      .selectAll()
      .where('status', 'in', OPEN_STATUSES)
      .execute();
    // Sorted here: an ORDER BY id would make SQLite walk the primary key (every order ever) instead.
    return rows.map(orderFromRow).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
