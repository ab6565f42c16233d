import type BetterSqlite3 from 'better-sqlite3';
import {
  type BulkWriter,
  cellsOf,
  EVENT_COLUMNS,
  ORDER_COLUMNS,
  POSITION_CHANGE_COLUMNS,
  TRADE_COLUMNS,
} from '../bulk-writer.js';
import { takeDueSerialised } from '../kysely-schedule-repository.js';

/** `INSERT INTO table (a, b, …) VALUES (?, ?, …)` for the columns given. */
const insertInto = (table: string, columns: readonly string[]) =>
  `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;

const eventCells = cellsOf(EVENT_COLUMNS);
const orderCells = cellsOf(ORDER_COLUMNS);
const tradeCells = cellsOf(TRADE_COLUMNS);
const [, ...CHANGED] = POSITION_CHANGE_COLUMNS;
/** The changed columns first, then the id the statement's WHERE names. */
const positionCells = cellsOf([...CHANGED, 'id'] as const);

/**
 * The SQLite bulk writer: one prepared statement per kind of row, run row by row inside the caller's
 * transaction on the same connection (better-sqlite3 is synchronous, so nothing interleaves).
 */
export function sqliteBulkWriter(raw: BetterSqlite3.Database): BulkWriter {
  const event = raw.prepare(insertInto('events', EVENT_COLUMNS));
  const order = raw.prepare(insertInto('orders', ORDER_COLUMNS));
  const orderStatus = raw.prepare('UPDATE orders SET status = ?, reason = ?, updated_at = ? WHERE id = ?');
  const trade = raw.prepare(insertInto('trades', TRADE_COLUMNS));
  const position = raw.prepare(
    `UPDATE positions SET ${CHANGED.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`,
  );
  const claim = raw.prepare(
    'INSERT INTO position_claims (position_id, owner, until) VALUES (?, ?, ?) ON CONFLICT (position_id) DO UPDATE SET owner = excluded.owner, until = excluded.until WHERE position_claims.until < ? OR position_claims.owner = ? RETURNING position_id',
  );
  const release = raw.prepare('DELETE FROM position_claims WHERE position_id = ? AND owner = ?');
  return {
    async claimPositions(_db, ids, owner, until, now) {
      const taken: string[] = [];
      for (const id of ids) if (claim.get(id, owner, until, now, owner) !== undefined) taken.push(id);
      return taken;
    },
    async releasePositions(_db, ids, owner) {
      for (const id of ids) release.run(id, owner);
    },
    async appendEvents(_db, rows) {
      for (const r of rows) event.run(eventCells(r));
    },
    async insertOrders(_db, rows) {
      for (const o of rows) order.run(orderCells(o));
    },
    async updateOrderStatuses(_db, rows) {
      for (const o of rows) orderStatus.run(o.status, o.reason, o.updated_at, o.id);
    },
    async insertTrades(_db, rows) {
      for (const t of rows) trade.run(tradeCells(t));
    },
    async updatePositions(_db, rows) {
      for (const p of rows) position.run(positionCells(p));
    },
    takeDue: takeDueSerialised,
  };
}
