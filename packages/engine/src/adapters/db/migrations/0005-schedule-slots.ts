import type { Kysely } from 'kysely';
import type { SqlDialectName } from '../sql-dialect-name.js';

/**
 * The last scheduled slot each position was taken for (DESIGN §5.4). A worker takes a position for
 * slot S by moving it here from a smaller slot, in one statement: however many engines share the
 * database, each position is evaluated once per slot. A narrow table of its own, so taking positions
 * never locks the position rows that fills update.
 */
export async function up(db: Kysely<unknown>, dialect: SqlDialectName): Promise<void> {
  await db.schema
    .createTable('position_slots')
    .addColumn('position_id', 'text', (c) => c.primaryKey())
    .addColumn('slot', dialect === 'sqlite' ? 'integer' : 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('position_slots_slot')
    .on('position_slots')
    .columns(['slot', 'position_id'])
    .execute();
}
