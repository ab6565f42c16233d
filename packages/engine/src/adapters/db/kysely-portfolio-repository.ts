import type { Selectable } from 'kysely';
import type { Page, PageRequest } from '../../application/ports/page.js';
import type { PortfolioRepository } from '../../application/ports/store.js';
import type { PortfolioRecord } from '../../application/records.js';
import type { Instant, PortfolioId } from '../../domain/ids.js';
import type { MarketHoursSetting } from '../../domain/strategy-params.js';
import { pageById } from './cursor.js';
import type { PortfoliosTable } from './database-schema.js';
import type { DbExecutor } from './db-executor.js';
import { bool, flag, instant, iso } from './row-codecs.js';

export function portfolioFromRow(r: Selectable<PortfoliosTable>): PortfolioRecord {
  return {
    id: r.id as PortfolioId,
    name: r.name,
    baseCurrency: r.base_currency,
    state: r.state as PortfolioRecord['state'],
    autoTradingEnabled: bool(r.auto_trading_enabled),
    marketHours: r.market_hours as MarketHoursSetting,
    isDemo: bool(r.is_demo),
    createdAt: instant(r.created_at),
    updatedAt: instant(r.updated_at),
  };
}

function rowOf(p: PortfolioRecord) {
  return {
    id: p.id,
    name: p.name,
    base_currency: p.baseCurrency,
    state: p.state,
    auto_trading_enabled: flag(p.autoTradingEnabled),
    market_hours: p.marketHours,
    is_demo: flag(p.isDemo),
    created_at: iso(p.createdAt),
    updated_at: iso(p.updatedAt),
  };
}

export class KyselyPortfolioRepository implements PortfolioRepository {
  constructor(private readonly db: DbExecutor) {}

  async insert(p: PortfolioRecord): Promise<void> {
    await this.db
      .insertInto('portfolios')
      .values({ ...rowOf(p), deleted_at: null })
      .execute();
  }

  async update(p: PortfolioRecord): Promise<void> {
    const { id, created_at: _, ...changes } = rowOf(p);
    await this.db.updateTable('portfolios').set(changes).where('id', '=', id).execute();
  }

  async softDelete(id: PortfolioId, at: Instant): Promise<void> {
    await this.db
      .updateTable('portfolios')
      .set({ deleted_at: iso(at), updated_at: iso(at) })
      .where('id', '=', id)
      .execute();
  }

  async get(id: PortfolioId): Promise<PortfolioRecord | null> {
    const row = await this.db
      .selectFrom('portfolios')
      .selectAll()
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return row ? portfolioFromRow(row) : null;
  }

  async getMany(ids: readonly PortfolioId[]): Promise<Map<PortfolioId, PortfolioRecord>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('portfolios')
      .selectAll()
      .where('id', 'in', ids)
      .where('deleted_at', 'is', null)
      .execute();
    return new Map(rows.map((r) => [r.id as PortfolioId, portfolioFromRow(r)]));
  }

  async list(page: PageRequest): Promise<Page<PortfolioRecord>> {
    const q = this.db.selectFrom('portfolios').selectAll().where('deleted_at', 'is', null);
    return pageById(q, page, portfolioFromRow);
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('portfolios')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
