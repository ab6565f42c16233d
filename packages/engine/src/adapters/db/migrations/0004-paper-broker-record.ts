import type { Kysely } from 'kysely';
import type { SqlDialectName } from '../sql-dialect-name.js';

/**
 * The paper broker's own durable record, kept the way a real broker keeps one on its side: one row per
 * client order id it answered — a fill, or the cancellation of an id it never received. The key is the
 * client order id, so a second answer for the same id can never be written (docs/decisions/0013).
 * Columns a cancellation does not know (what was to be bought) are empty for it.
 */
export async function up(db: Kysely<unknown>, _dialect: SqlDialectName): Promise<void> {
  await db.schema
    .createTable('paper_orders')
    .addColumn('client_order_id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('symbol', 'text')
    .addColumn('side', 'text')
    .addColumn('qty', 'text')
    .addColumn('price', 'text')
    .addColumn('fee', 'text')
    .addColumn('executed_at', 'text')
    .addColumn('reason', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
}
