import { sql } from 'kysely';
import type { ScheduleRepository } from '../../application/ports/store.js';
import type { PositionId } from '../../domain/ids.js';
import type { DbExecutor } from './db-executor.js';

/** Positions that trade automatically (the same rule as `listActiveForTrading`). */
const TRADES_AUTOMATICALLY = sql`p.deleted_at is null and f.deleted_at is null and p.auto_trading_enabled = 1
  and f.auto_trading_enabled = 1 and f.state = 'active' and p.anchor is not null`;

/**
 * Taking positions for a slot. Writers are serialised on every dialect (SQLite's write lock,
 * PostgreSQL's advisory lock), so the one UPDATE that moves a position to the slot is the whole
 * protocol: whoever runs it first takes the position, the others find it already taken.
 */
export class KyselyScheduleRepository implements ScheduleRepository {
  constructor(private readonly db: DbExecutor) {}

  async addMissing(): Promise<number> {
    const result = await sql`insert into position_slots (position_id, slot)
      select p.id, -1 from positions p
      left join position_slots s on s.position_id = p.id
      where s.position_id is null and p.deleted_at is null
      on conflict (position_id) do nothing`.execute(this.db);
    return Number(result.numAffectedRows ?? 0);
  }

  async takeDue(slot: number, limit: number): Promise<{ id: PositionId; symbol: string }[]> {
    const taken = await sql<{ position_id: string }>`update position_slots set slot = ${slot}
      where position_id in (
        select s.position_id from position_slots s
        join positions p on p.id = s.position_id
        join portfolios f on f.id = p.portfolio_id
        where s.slot < ${slot} and ${TRADES_AUTOMATICALLY}
        order by s.position_id
        limit ${limit}
      )
      returning position_id`.execute(this.db);
    const ids = taken.rows.map((r) => r.position_id);
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('positions')
      .select(['id', 'symbol'])
      .where('id', 'in', ids)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: r.id as PositionId, symbol: r.symbol }));
  }
}
