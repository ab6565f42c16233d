import type { CashMovementRepository } from '../../application/ports/store.js';
import type { CashMovementRecord } from '../../application/records.js';
import type { PositionId } from '../../domain/ids.js';
import type { DbExecutor } from './db-executor.js';
import { dec, instant, iso, text } from './row-codecs.js';

export class KyselyCashMovementRepository implements CashMovementRepository {
  constructor(private readonly db: DbExecutor) {}

  async insert(m: CashMovementRecord): Promise<void> {
    await this.db
      .insertInto('cash_movements')
      .values({
        id: m.id,
        position_id: m.positionId,
        kind: m.kind,
        amount: text(m.amount),
        note: m.note,
        actor: m.actor,
        created_at: iso(m.createdAt),
      })
      .execute();
  }

  async listByPosition(id: PositionId): Promise<CashMovementRecord[]> {
    const rows = await this.db
      .selectFrom('cash_movements')
      .selectAll()
      .where('position_id', '=', id)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      positionId: r.position_id as PositionId,
      kind: r.kind as CashMovementRecord['kind'],
      amount: dec(r.amount),
      note: r.note,
      actor: r.actor,
      createdAt: instant(r.created_at),
    }));
  }
}
