import type { Selectable } from 'kysely';
import type { Page, PageRequest } from '../../application/ports/page.js';
import type { TradeRepository } from '../../application/ports/store.js';
import type { TradeRecord } from '../../application/records.js';
import type { OrderId, PortfolioId, PositionId, TradeId } from '../../domain/ids.js';
import type { Side } from '../../domain/position-state.js';
import { type BulkWriter, portableBulkWriter } from './bulk-writer.js';
import { pageById } from './cursor.js';
import type { TradesTable } from './database-schema.js';
import type { DbExecutor } from './db-executor.js';
import { dec, instant, iso, text } from './row-codecs.js';

function tradeFromRow(r: Selectable<TradesTable>): TradeRecord {
  return {
    id: r.id as TradeId,
    orderId: r.order_id as OrderId,
    portfolioId: r.portfolio_id as PortfolioId,
    positionId: r.position_id as PositionId,
    symbol: r.symbol,
    side: r.side as Side,
    qty: dec(r.qty),
    price: dec(r.price),
    fee: dec(r.fee),
    executedAt: instant(r.executed_at),
  };
}

function rowOf(t: TradeRecord): Selectable<TradesTable> {
  return {
    id: t.id,
    order_id: t.orderId,
    portfolio_id: t.portfolioId,
    position_id: t.positionId,
    symbol: t.symbol,
    side: t.side,
    qty: text(t.qty),
    price: text(t.price),
    fee: text(t.fee),
    executed_at: iso(t.executedAt),
  };
}

export class KyselyTradeRepository implements TradeRepository {
  constructor(
    private readonly db: DbExecutor,
    private readonly bulk: BulkWriter = portableBulkWriter,
  ) {}

  async insertMany(trades: readonly TradeRecord[]): Promise<void> {
    await this.bulk.insertTrades(this.db, trades.map(rowOf));
  }

  async list(
    filter: { portfolioId?: string | undefined; positionId?: string | undefined },
    page: PageRequest,
  ): Promise<Page<TradeRecord>> {
    let q = this.db.selectFrom('trades').selectAll();
    if (filter.portfolioId) q = q.where('portfolio_id', '=', filter.portfolioId);
    if (filter.positionId) q = q.where('position_id', '=', filter.positionId);
    return pageById(q, page, tradeFromRow);
  }

  async listByPosition(id: PositionId): Promise<TradeRecord[]> {
    const rows = await this.db
      .selectFrom('trades')
      .selectAll()
      .where('position_id', '=', id)
      .orderBy('id')
      .execute();
    return rows.map(tradeFromRow);
  }
}
