import { sql } from 'kysely';
import type { ScheduleRepository } from '../../application/ports/store.js';
import type { PositionId } from '../../domain/ids.js';
import { type BulkWriter, portableBulkWriter } from './bulk-writer.js';
import type { DbExecutor } from './db-executor.js';

/** Positions that trade automatically (the same rule as `listActiveForTrading`); aliases `p` and `f`. */
export const TRADES_AUTOMATICALLY = sql`p.deleted_at is null and f.deleted_at is null and p.auto_trading_enabled = 1
  and f.auto_trading_enabled = 1 and f.state = 'active' and p.anchor is not null`;

export type Due = { id: PositionId; symbol: string };

/**
 * Taking positions for a slot: one statement moves a batch of positions to the slot, so whoever runs
 * it first takes them and the others find them taken. It is atomic on its own, inside a write
 * transaction or not (decision 0014), and its SQL is the dialect's (the bulk writer's `takeDue`):
 * SQLite runs one writing statement at a time; on PostgreSQL the batch is locked `FOR UPDATE SKIP
 * LOCKED`, so an engine taking at the same moment passes over the rows another is moving, and a row
 * moved by a commit it had not seen yet is read again (READ COMMITTED) and found taken.
 *
 * Batches are read in the order of the `(slot, position_id)` index: the positions taken this slot
 * have left the range `slot < S`, so each batch starts where the due positions are instead of walking
 * past every position taken before it (which made the batches of a slot quadratic).
 */
export class KyselyScheduleRepository implements ScheduleRepository {
  constructor(
    private readonly db: DbExecutor,
    private readonly bulk: BulkWriter = portableBulkWriter,
  ) {}

  async addMissing(): Promise<number> {
    const result = await sql`insert into position_slots (position_id, slot)
      select p.id, -1 from positions p
      left join position_slots s on s.position_id = p.id
      where s.position_id is null and p.deleted_at is null
      on conflict (position_id) do nothing`.execute(this.db);
    return Number(result.numAffectedRows ?? 0);
  }

  async takeDue(slot: number, limit: number): Promise<Due[]> {
    const taken = await this.bulk.takeDue(this.db, slot, limit);
    return taken.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

/**
 * The take where one writing statement runs at a time (SQLite): the UPDATE alone is the protocol. Its
 * RETURNING cannot read the joined symbols, so they are read after it.
 */
export async function takeDueSerialised(db: DbExecutor, slot: number, limit: number): Promise<Due[]> {
  const taken = await sql<{ position_id: string }>`update position_slots set slot = ${slot}
    where position_id in (
      select s.position_id from position_slots s
      join positions p on p.id = s.position_id
      join portfolios f on f.id = p.portfolio_id
      where s.slot < ${slot} and ${TRADES_AUTOMATICALLY}
      order by s.slot, s.position_id
      limit ${limit}
    )
    returning position_id`.execute(db);
  const ids = taken.rows.map((r) => r.position_id);
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('positions').select(['id', 'symbol']).where('id', 'in', ids).execute();
  return rows.map((r) => ({ id: r.id as PositionId, symbol: r.symbol }));
}
