import type BetterSqlite3 from 'better-sqlite3';
import type { BulkWriter } from '../bulk-writer.js';

/**
 * The SQLite bulk writer: one prepared statement per kind of row, run row by row inside the caller's
 * transaction on the same connection (better-sqlite3 is synchronous, so nothing interleaves).
 */
export function sqliteBulkWriter(raw: BetterSqlite3.Database): BulkWriter {
  const event = raw.prepare(
    'INSERT INTO events (seq, id, type, occurred_at, recorded_at, source, actor, cycle_id, parent_id, portfolio_id, position_id, symbol, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const order = raw.prepare(
    'INSERT INTO orders (id, client_order_id, portfolio_id, position_id, cycle_id, symbol, side, qty, price, est_fee, commission_rate, status, reason, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const orderStatus = raw.prepare('UPDATE orders SET status = ?, reason = ?, updated_at = ? WHERE id = ?');
  const trade = raw.prepare(
    'INSERT INTO trades (id, order_id, portfolio_id, position_id, symbol, side, qty, price, fee, executed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const position = raw.prepare(
    'UPDATE positions SET shares = ?, cash = ?, anchor = ?, invested = ?, auto_trading_enabled = ?, params = ?, orders_day = ?, orders_today = ?, version = ?, updated_at = ? WHERE id = ?',
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
      for (const r of rows) {
        event.run(
          r.seq,
          r.id,
          r.type,
          r.occurred_at,
          r.recorded_at,
          r.source,
          r.actor,
          r.cycle_id,
          r.parent_id,
          r.portfolio_id,
          r.position_id,
          r.symbol,
          r.payload,
          r.prev_hash,
          r.hash,
        );
      }
    },
    async insertOrders(_db, rows) {
      for (const o of rows) {
        order.run(
          o.id,
          o.client_order_id,
          o.portfolio_id,
          o.position_id,
          o.cycle_id,
          o.symbol,
          o.side,
          o.qty,
          o.price,
          o.est_fee,
          o.commission_rate,
          o.status,
          o.reason,
          o.source,
          o.created_at,
          o.updated_at,
        );
      }
    },
    async updateOrderStatuses(_db, rows) {
      for (const o of rows) orderStatus.run(o.status, o.reason, o.updated_at, o.id);
    },
    async insertTrades(_db, rows) {
      for (const t of rows)
        trade.run(
          t.id,
          t.order_id,
          t.portfolio_id,
          t.position_id,
          t.symbol,
          t.side,
          t.qty,
          t.price,
          t.fee,
          t.executed_at,
        );
    },
    async updatePositions(_db, rows) {
      for (const p of rows) {
        position.run(
          p.shares,
          p.cash,
          p.anchor,
          p.invested,
          p.auto_trading_enabled,
          p.params,
          p.orders_day,
          p.orders_today,
          p.version,
          p.updated_at,
          p.id,
        );
      }
    },
  };
}
