import type { Selectable } from 'kysely';
import type { EventsTable, OrdersTable, PositionsTable, TradesTable } from './database-schema.js';
import type { DbExecutor } from './db-executor.js';
import { type Due, takeDueSerialised } from './kysely-schedule-repository.js';

export type EventRow = Selectable<EventsTable>;
export type OrderRow = Selectable<OrdersTable>;
export type TradeRow = Selectable<TradesTable>;
/** The columns of a position a cycle changes; `id` names the row. */
export type PositionChange = Pick<
  Selectable<PositionsTable>,
  | 'id'
  | 'shares'
  | 'cash'
  | 'anchor'
  | 'invested'
  | 'auto_trading_enabled'
  | 'params'
  | 'orders_day'
  | 'orders_today'
  | 'version'
  | 'updated_at'
>;
export type OrderStatusChange = Pick<OrderRow, 'id' | 'status' | 'reason' | 'updated_at'>;

/**
 * The columns a dialect's own writer binds, in one order for every writer: statements are built from
 * these lists and `cellsOf` lays a row out in the same order.
 */
export const EVENT_COLUMNS = [
  'seq',
  'id',
  'type',
  'occurred_at',
  'recorded_at',
  'source',
  'actor',
  'cycle_id',
  'parent_id',
  'portfolio_id',
  'position_id',
  'symbol',
  'payload',
  'prev_hash',
  'hash',
] as const satisfies readonly (keyof EventRow)[];
export const ORDER_COLUMNS = [
  'id',
  'client_order_id',
  'portfolio_id',
  'position_id',
  'cycle_id',
  'symbol',
  'side',
  'qty',
  'price',
  'est_fee',
  'commission_rate',
  'status',
  'reason',
  'source',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof OrderRow)[];
export const TRADE_COLUMNS = [
  'id',
  'order_id',
  'portfolio_id',
  'position_id',
  'symbol',
  'side',
  'qty',
  'price',
  'fee',
  'executed_at',
] as const satisfies readonly (keyof TradeRow)[];
/** What a cycle changes in a position, `id` first. */
export const POSITION_CHANGE_COLUMNS = [
  'id',
  'shares',
  'cash',
  'anchor',
  'invested',
  'auto_trading_enabled',
  'params',
  'orders_day',
  'orders_today',
  'version',
  'updated_at',
] as const satisfies readonly (keyof PositionChange)[];
export const ORDER_STATUS_COLUMNS = [
  'id',
  'status',
  'reason',
  'updated_at',
] as const satisfies readonly (keyof OrderStatusChange)[];

/** A row's values in the order of `columns`. */
export function cellsOf<T>(columns: readonly (keyof T)[]): (row: T) => unknown[] {
  return (row) => columns.map((c) => row[c]);
}

/**
 * The many-row writes of a trading cycle, always inside the caller's transaction. The portable writer
 * builds multi-row statements with Kysely; a dialect may bring a faster one (SQLite: prepared
 * statements run row by row, which costs a few microseconds where building a 500-row statement costs
 * far more than SQLite's own work).
 */
export interface BulkWriter {
  appendEvents(db: DbExecutor, rows: readonly EventRow[]): Promise<void>;
  insertOrders(db: DbExecutor, rows: readonly OrderRow[]): Promise<void>;
  updateOrderStatuses(db: DbExecutor, rows: readonly OrderStatusChange[]): Promise<void>;
  insertTrades(db: DbExecutor, rows: readonly TradeRow[]): Promise<void>;
  updatePositions(db: DbExecutor, rows: readonly PositionChange[]): Promise<void>;
  /** Takes the claims that are free or expired (or already this owner's); returns the ids taken. */
  claimPositions(
    db: DbExecutor,
    ids: readonly string[],
    owner: string,
    until: string,
    now: string,
  ): Promise<string[]>;
  releasePositions(db: DbExecutor, ids: readonly string[], owner: string): Promise<void>;
  /** Takes up to `limit` positions due in `slot`, atomically, inside a transaction or not (decision 0014). */
  takeDue(db: DbExecutor, slot: number, limit: number): Promise<Due[]>;
}

/** Rows per statement: at most 16 columns × 500 rows, well inside every dialect's bound-value limit. */
const CHUNK = 500;

async function inChunks<T>(rows: readonly T[], write: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

export const portableBulkWriter: BulkWriter = {
  appendEvents: (db, rows) => inChunks(rows, (part) => db.insertInto('events').values(part).execute()),
  insertOrders: (db, rows) => inChunks(rows, (part) => db.insertInto('orders').values(part).execute()),
  insertTrades: (db, rows) => inChunks(rows, (part) => db.insertInto('trades').values(part).execute()),
  async updateOrderStatuses(db, rows) {
    for (const r of rows) {
      await db
        .updateTable('orders')
        .set({ status: r.status, reason: r.reason, updated_at: r.updated_at })
        .where('id', '=', r.id)
        .execute();
    }
  },
  async updatePositions(db, rows) {
    for (const { id, ...changes } of rows)
      await db.updateTable('positions').set(changes).where('id', '=', id).execute();
  },
  async claimPositions(db, ids, owner, until, now) {
    const taken: string[] = [];
    await inChunks(ids, async (part) => {
      const rows = await db
        .insertInto('position_claims')
        .values(part.map((id) => ({ position_id: id, owner, until })))
        .onConflict((oc) =>
          oc
            .column('position_id')
            .doUpdateSet((eb) => ({ owner: eb.ref('excluded.owner'), until: eb.ref('excluded.until') }))
            .where((eb) =>
              eb.or([eb('position_claims.until', '<', now), eb('position_claims.owner', '=', owner)]),
            ),
        )
        .returning('position_id')
        .execute();
      for (const r of rows) taken.push(r.position_id);
    });
    return taken;
  },
  releasePositions: (db, ids, owner) =>
    inChunks(ids, (part) =>
      db.deleteFrom('position_claims').where('position_id', 'in', part).where('owner', '=', owner).execute(),
    ),
  // Only where one writing statement runs at a time; PostgreSQL brings its own (row locks).
  takeDue: takeDueSerialised,
};
