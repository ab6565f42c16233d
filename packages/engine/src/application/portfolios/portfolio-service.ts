import type {
  CreatePortfolioBody,
  PortfolioSummary,
  PortfolioTotals,
  UpdatePortfolioBody,
} from '@ballast/contracts';
import type { PortfolioId } from '../../domain/ids.js';
import { notFound } from '../app-error.js';
import { changeEvent, type Requester } from '../audit-draft.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { Page, PageRequest } from '../ports/page.js';
import type { Store } from '../ports/store.js';
import type { PortfolioRecord } from '../records.js';
import { summarise } from './valuation.js';

export interface PortfolioView {
  readonly portfolio: PortfolioRecord;
  readonly summary: PortfolioSummary;
}

/** Create, read, change and delete portfolios; every change is an audit event in the same transaction. */
export class PortfolioService {
  constructor(
    private readonly store: Store,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async create(
    input: CreatePortfolioBody,
    by: Requester,
    options: { isDemo?: boolean } = {},
  ): Promise<PortfolioView> {
    const now = this.clock.now();
    const portfolio: PortfolioRecord = {
      id: this.ids.next() as PortfolioId,
      name: input.name,
      baseCurrency: input.base_currency,
      state: input.state,
      autoTradingEnabled: input.auto_trading_enabled,
      marketHours: input.market_hours,
      isDemo: options.isDemo ?? false,
      createdAt: now,
      updatedAt: now,
    };
    const recorded = await this.store.transaction(async (tx) => {
      await tx.portfolios.insert(portfolio);
      return tx.audit.append([
        changeEvent(
          this.ids,
          this.clock,
          by,
          'PortfolioCreated',
          { portfolioId: portfolio.id },
          wireOf(portfolio),
        ),
      ]);
    });
    by.onRecorded?.(recorded);
    return { portfolio, summary: summarise([], new Map()) };
  }

  async update(id: PortfolioId, patch: UpdatePortfolioBody, by: Requester): Promise<PortfolioView> {
    const recorded = await this.store.transaction(async (tx) => {
      const before = await tx.portfolios.get(id);
      if (!before) throw notFound('portfolio', id);
      const after: PortfolioRecord = {
        ...before,
        name: patch.name ?? before.name,
        state: patch.state ?? before.state,
        autoTradingEnabled: patch.auto_trading_enabled ?? before.autoTradingEnabled,
        marketHours: patch.market_hours ?? before.marketHours,
        updatedAt: this.clock.now(),
      };
      await tx.portfolios.update(after);
      return tx.audit.append([
        changeEvent(
          this.ids,
          this.clock,
          by,
          'PortfolioUpdated',
          { portfolioId: id },
          changesOf(before, after),
        ),
      ]);
    });
    by.onRecorded?.(recorded);
    return this.get(id);
  }

  /** Deleting keeps every order, trade and event: the portfolio and its positions are only marked deleted. */
  async delete(id: PortfolioId, by: Requester): Promise<void> {
    const recorded = await this.store.transaction(async (tx) => {
      const before = await tx.portfolios.get(id);
      if (!before) throw notFound('portfolio', id);
      const now = this.clock.now();
      await tx.portfolios.softDelete(id, now);
      await tx.positions.softDeleteByPortfolio(id, now);
      return tx.audit.append([
        changeEvent(this.ids, this.clock, by, 'PortfolioDeleted', { portfolioId: id }, { name: before.name }),
      ]);
    });
    by.onRecorded?.(recorded);
  }

  async get(id: PortfolioId): Promise<PortfolioView> {
    const portfolio = await this.store.portfolios.get(id);
    if (!portfolio) throw notFound('portfolio', id);
    const [view] = await this.withSummaries([portfolio]);
    return view!;
  }

  async list(page: PageRequest): Promise<Page<PortfolioView>> {
    const result = await this.store.portfolios.list(page);
    return { items: await this.withSummaries(result.items), nextCursor: result.nextCursor };
  }

  /** Every portfolio added up per base currency. */
  async totals(): Promise<PortfolioTotals> {
    const byCurrency = new Map<string, PortfolioRecord[]>();
    for (let cursor: string | undefined; ; ) {
      const page = await this.store.portfolios.list({ limit: 500, cursor });
      for (const p of page.items)
        byCurrency.set(p.baseCurrency, [...(byCurrency.get(p.baseCurrency) ?? []), p]);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const all = [...byCurrency.values()].flat();
    const positions = await this.store.positions.listByPortfolios(all.map((p) => p.id));
    const quotes = await this.store.quotes.getMany([...new Set(positions.map((p) => p.symbol))]);
    return {
      currencies: [...byCurrency].map(([currency, portfolios]) => {
        const ids = new Set<string>(portfolios.map((p) => p.id));
        const summary = summarise(
          positions.filter((p) => ids.has(p.portfolioId)),
          quotes,
        );
        return { currency, portfolios: portfolios.length, ...summary };
      }),
    };
  }

  private async withSummaries(portfolios: PortfolioRecord[]): Promise<PortfolioView[]> {
    const positions = await this.store.positions.listByPortfolios(portfolios.map((p) => p.id));
    const quotes = await this.store.quotes.getMany([...new Set(positions.map((p) => p.symbol))]);
    return portfolios.map((portfolio) => ({
      portfolio,
      summary: summarise(
        positions.filter((p) => p.portfolioId === portfolio.id),
        quotes,
      ),
    }));
  }
}

function wireOf(p: PortfolioRecord): Record<string, unknown> {
  return {
    name: p.name,
    base_currency: p.baseCurrency,
    state: p.state,
    auto_trading_enabled: p.autoTradingEnabled,
    market_hours: p.marketHours,
    is_demo: p.isDemo,
  };
}

/** Only what changed, as before → after. */
export function changesOf(before: PortfolioRecord, after: PortfolioRecord): Record<string, unknown> {
  const b = wireOf(before);
  const a = wireOf(after);
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(a)) if (a[key] !== b[key]) changes[key] = { before: b[key], after: a[key] };
  return { changes };
}
