import type { Selectable } from 'kysely';
import type { PaperOrder, PaperOrderBook } from '../broker/paper-order-book.js';
import type { PaperOrdersTable } from './database-schema.js';
import type { DbExecutor } from './db-executor.js';
import { dec, instant, iso, text } from './row-codecs.js';

type Row = Selectable<PaperOrdersTable>;

function rowOf(o: PaperOrder): Row {
  const common = { client_order_id: o.clientOrderId, status: o.status, recorded_at: iso(o.recordedAt) };
  if (o.status === 'cancelled')
    return {
      ...common,
      symbol: null,
      side: null,
      qty: null,
      price: null,
      fee: null,
      executed_at: null,
      reason: o.reason,
    };
  return {
    ...common,
    symbol: o.symbol,
    side: o.side,
    qty: text(o.qty),
    price: text(o.price),
    fee: text(o.fee),
    executed_at: iso(o.executedAt),
    reason: null,
  };
}

function orderOf(r: Row): PaperOrder {
  const recordedAt = instant(r.recorded_at);
  if (r.status === 'cancelled')
    return { clientOrderId: r.client_order_id, status: 'cancelled', reason: r.reason ?? '', recordedAt };
  if (r.status !== 'filled' || !r.symbol || !r.qty || !r.price || !r.fee || !r.executed_at)
    throw new Error(`the paper broker's record of ${r.client_order_id} is damaged (status ${r.status})`);
  return {
    clientOrderId: r.client_order_id,
    status: 'filled',
    symbol: r.symbol,
    side: r.side === 'sell' ? 'sell' : 'buy',
    qty: dec(r.qty),
    price: dec(r.price),
    fee: dec(r.fee),
    executedAt: instant(r.executed_at),
    recordedAt,
  };
}

/** Rows per statement: 10 columns × 500 rows stays far inside every dialect's bound-value limit. */
const CHUNK = 500;

interface Waiting {
  readonly order: PaperOrder;
  resolve(kept: PaperOrder): void;
  reject(error: unknown): void;
}

/**
 * The paper broker's record in the engine's database, on every dialect, written in transactions of its
 * own, outside the engine's. `keepFirst` is `INSERT … ON CONFLICT DO NOTHING` on the primary key: of two
 * answers for one client order id exactly one is kept, and both callers read that one back. Calls made
 * together (a cycle sends a batch's orders at once) share one transaction — one commit, one fsync —
 * the way a database commits concurrent writers as a group; each resolves only after it committed.
 */
export class KyselyPaperOrderBook implements PaperOrderBook {
  private waiting: Waiting[] = [];

  constructor(private readonly db: DbExecutor) {}

  keepFirst(order: PaperOrder): Promise<PaperOrder> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ order, resolve, reject });
      if (this.waiting.length === 1) queueMicrotask(() => void this.flush());
    });
  }

  async get(clientOrderId: string): Promise<PaperOrder | null> {
    const row = await this.db
      .selectFrom('paper_orders')
      .selectAll()
      .where('client_order_id', '=', clientOrderId)
      .executeTakeFirst();
    return row ? orderOf(row) : null;
  }

  private async flush(): Promise<void> {
    const group = this.waiting;
    this.waiting = [];
    try {
      const kept = await this.db.transaction().execute((trx) =>
        keepAll(
          trx,
          group.map((w) => w.order),
        ),
      );
      for (const w of group) w.resolve(kept.get(w.order.clientOrderId)!);
    } catch (error) {
      for (const w of group) w.reject(error);
    }
  }
}

/** Inserts the orders whose ids are new (the first of each id wins) and reads back the ones kept before. */
async function keepAll(db: DbExecutor, orders: readonly PaperOrder[]): Promise<Map<string, PaperOrder>> {
  const kept = new Map<string, PaperOrder>();
  for (const o of orders) if (!kept.has(o.clientOrderId)) kept.set(o.clientOrderId, o);
  const fresh = [...kept.values()];
  const taken = new Set<string>();
  for (let i = 0; i < fresh.length; i += CHUNK) {
    const rows = await db
      .insertInto('paper_orders')
      .values(fresh.slice(i, i + CHUNK).map(rowOf))
      .onConflict((oc) => oc.column('client_order_id').doNothing())
      .returning('client_order_id')
      .execute();
    for (const r of rows) taken.add(r.client_order_id);
  }
  const earlier = fresh.filter((o) => !taken.has(o.clientOrderId)).map((o) => o.clientOrderId);
  for (let i = 0; i < earlier.length; i += CHUNK) {
    const rows = await db
      .selectFrom('paper_orders')
      .selectAll()
      .where('client_order_id', 'in', earlier.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) kept.set(r.client_order_id, orderOf(r));
  }
  return kept;
}
