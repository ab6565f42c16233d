import { type Selectable, sql } from 'kysely';
import type { Page, PageRequest } from '../../application/ports/page.js';
import type { PositionRepository } from '../../application/ports/store.js';
import type { PositionRecord } from '../../application/records.js';
import type { Instant, PortfolioId, PositionId } from '../../domain/ids.js';
import type { StrategyParams } from '../../domain/strategy-params.js';
import { paramsFromWire, paramsToWire } from '../../domain/strategy-params-codec.js';
import { type BulkWriter, portableBulkWriter } from './bulk-writer.js';
import { pageById } from './cursor.js';
import type { PositionsTable } from './database-schema.js';
import type { DbExecutor } from './db-executor.js';
import { OPEN_STATUSES } from './kysely-order-repository.js';
import { bool, dec, decOrNull, flag, instant, iso, text, textOrNull } from './row-codecs.js';

/** SQLite allows 32 766 bound values per statement; stay far below for `IN (…)` lists. */
const IN_CHUNK = 900;

/**
 * Parsed parameters by their stored text. Most positions share a handful of parameter sets, and a cycle
 * reads every position, so parsing each text once saves thousands of decimal constructions per cycle.
 * Parameters are immutable values, so sharing them is safe.
 */
const paramsCache = new Map<string, StrategyParams>();
function paramsOf(text: string): StrategyParams {
  let params = paramsCache.get(text);
  if (!params) {
    params = paramsFromWire(JSON.parse(text));
    if (paramsCache.size >= 1000) paramsCache.delete(paramsCache.keys().next().value!);
    paramsCache.set(text, params);
  }
  return params;
}

const paramsTexts = new WeakMap<StrategyParams, string>();
/** The stored text of a parameter set; shared parameter objects are serialised once. */
function paramsText(params: StrategyParams): string {
  let text = paramsTexts.get(params);
  if (text === undefined) {
    text = JSON.stringify(paramsToWire(params));
    paramsTexts.set(params, text);
  }
  return text;
}

export function positionFromRow(r: Selectable<PositionsTable>): PositionRecord {
  return {
    id: r.id as PositionId,
    portfolioId: r.portfolio_id as PortfolioId,
    symbol: r.symbol,
    shares: dec(r.shares),
    cash: dec(r.cash),
    anchor: decOrNull(r.anchor),
    invested: dec(r.invested),
    autoTradingEnabled: bool(r.auto_trading_enabled),
    params: paramsOf(r.params),
    ordersDay: r.orders_day,
    ordersToday: r.orders_today,
    version: r.version,
    createdAt: instant(r.created_at),
    updatedAt: instant(r.updated_at),
  };
}

function rowOf(p: PositionRecord) {
  return {
    id: p.id,
    portfolio_id: p.portfolioId,
    symbol: p.symbol,
    shares: text(p.shares),
    cash: text(p.cash),
    anchor: textOrNull(p.anchor),
    invested: text(p.invested),
    auto_trading_enabled: flag(p.autoTradingEnabled),
    params: paramsText(p.params),
    orders_day: p.ordersDay,
    orders_today: p.ordersToday,
    created_at: iso(p.createdAt),
    updated_at: iso(p.updatedAt),
  };
}

function chunks<T>(items: readonly T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class KyselyPositionRepository implements PositionRepository {
  constructor(
    private readonly db: DbExecutor,
    private readonly bulk: BulkWriter = portableBulkWriter,
  ) {}

  async insert(p: PositionRecord): Promise<void> {
    await this.db
      .insertInto('positions')
      .values({ ...rowOf(p), version: p.version, deleted_at: null })
      .execute();
  }

  async update(p: PositionRecord): Promise<boolean> {
    const { id, created_at: _, ...changes } = rowOf(p);
    const result = await this.db
      .updateTable('positions')
      .set({ ...changes, version: p.version + 1 })
      .where('id', '=', id)
      .where('version', '=', p.version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async saveMany(positions: readonly PositionRecord[]): Promise<void> {
    await this.bulk.updatePositions(
      this.db,
      positions.map((p) => {
        const { portfolio_id: _p, symbol: _s, created_at: _c, ...changes } = rowOf(p);
        return { ...changes, version: p.version };
      }),
    );
  }

  async softDelete(id: PositionId, at: Instant): Promise<void> {
    await this.db
      .updateTable('positions')
      .set({ deleted_at: iso(at), updated_at: iso(at) })
      .where('id', '=', id)
      .execute();
  }

  async softDeleteByPortfolio(id: PortfolioId, at: Instant): Promise<void> {
    await this.db
      .updateTable('positions')
      .set({ deleted_at: iso(at), updated_at: iso(at) })
      .where('portfolio_id', '=', id)
      .where('deleted_at', 'is', null)
      .execute();
  }

  async get(id: PositionId): Promise<PositionRecord | null> {
    const row = await this.db
      .selectFrom('positions')
      .selectAll()
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return row ? positionFromRow(row) : null;
  }

  async getMany(ids: readonly PositionId[]): Promise<PositionRecord[]> {
    const out: PositionRecord[] = [];
    for (const part of chunks(ids)) {
      const rows = await this.db
        .selectFrom('positions')
        .selectAll()
        .where('id', 'in', part)
        .where('deleted_at', 'is', null)
        .execute();
      out.push(...rows.map(positionFromRow));
    }
    return out;
  }

  async versions(ids: readonly PositionId[]): Promise<Map<PositionId, number>> {
    const out = new Map<PositionId, number>();
    for (const part of chunks(ids)) {
      const rows = await this.db
        .selectFrom('positions')
        .select(['id', 'version'])
        .where('id', 'in', part)
        .where('deleted_at', 'is', null)
        .execute();
      for (const r of rows) out.set(r.id as PositionId, r.version);
    }
    return out;
  }

  async list(
    filter: { portfolioId?: PortfolioId | undefined },
    page: PageRequest,
  ): Promise<Page<PositionRecord>> {
    let q = this.db.selectFrom('positions').selectAll().where('deleted_at', 'is', null);
    if (filter.portfolioId) q = q.where('portfolio_id', '=', filter.portfolioId);
    return pageById(q, page, positionFromRow);
  }

  async listByPortfolios(ids: readonly PortfolioId[]): Promise<PositionRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('positions')
      .selectAll()
      .where('portfolio_id', 'in', ids)
      .where('deleted_at', 'is', null)
      .execute();
    return rows.map(positionFromRow);
  }

  async listActiveForTrading(): Promise<{ id: PositionId; symbol: string }[]> {
    const rows = await this.db
      .selectFrom('positions as p')
      .innerJoin('portfolios as f', 'f.id', 'p.portfolio_id')
      .select(['p.id', 'p.symbol'])
      .where('p.deleted_at', 'is', null)
      .where('f.deleted_at', 'is', null)
      .where('p.auto_trading_enabled', '=', 1)
      .where('f.auto_trading_enabled', '=', 1)
      .where('f.state', '=', 'active')
      .where('p.anchor', 'is not', null)
      .orderBy('p.id')
      .execute();
    return rows.map((r) => ({ id: r.id as PositionId, symbol: r.symbol }));
  }

  async withOpenOrders(ids: readonly PositionId[]): Promise<Set<PositionId>> {
    const out = new Set<PositionId>();
    for (const part of chunks(ids)) {
      const rows = await this.db
        .selectFrom('orders')
        .select('position_id')
        .where('position_id', 'in', part)
        .where('status', 'in', OPEN_STATUSES)
        .execute();
      for (const r of rows) out.add(r.position_id as PositionId);
    }
    return out;
  }

  /** Inserts a claim, or takes over one whose lease ran out; the ids that come back are held. */
  async claim(
    ids: readonly PositionId[],
    owner: string,
    until: Instant,
    now: Instant,
  ): Promise<PositionId[]> {
    return (await this.bulk.claimPositions(this.db, ids, owner, iso(until), iso(now))) as PositionId[];
  }

  async release(ids: readonly PositionId[], owner: string): Promise<void> {
    await this.bulk.releasePositions(this.db, ids, owner);
  }

  async releaseClaimsHeldBy(prefix: string): Promise<number> {
    const result = await this.db
      .deleteFrom('position_claims')
      .where(sql<string>`substr(owner, 1, ${prefix.length})`, '=', prefix)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
