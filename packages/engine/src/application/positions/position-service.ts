import type {
  CashMovementBody,
  CreatePositionBody,
  PricePoint,
  StrategyParamsPatch,
  UpdatePositionBody,
} from '@ballast/contracts';
import { applyCashMovement } from '../../domain/cash-movement.js';
import { Decimal, isDecimalText, parseDecimal } from '../../domain/decimal.js';
import type { PortfolioId, PositionId } from '../../domain/ids.js';
import { DEFAULT_PARAMS, type StrategyParams } from '../../domain/strategy-params.js';
import { paramsToWire } from '../../domain/strategy-params-codec.js';
import { applyParamsPatch } from '../../domain/strategy-params-validation.js';
import { AppError, notFound } from '../app-error.js';
import { changeEvent, type Requester } from '../audit-draft.js';
import { type PositionValuation, valuePosition } from '../portfolios/valuation.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { MarketData } from '../ports/market-data.js';
import type { Page, PageRequest } from '../ports/page.js';
import type { Repositories, Store } from '../ports/store.js';
import type { PositionRecord, SymbolQuoteRecord } from '../records.js';

export interface PositionView {
  readonly position: PositionRecord;
  readonly valuation: PositionValuation;
  readonly marketHours: string;
}

/** Reads a money or quantity input; refuses negatives and junk with the field's name. */
export function decimalField(
  field: string,
  value: number | string,
  options: { positive?: boolean } = {},
): Decimal {
  const parsed =
    typeof value === 'number'
      ? Number.isFinite(value)
        ? new Decimal(value)
        : null
      : isDecimalText(value)
        ? parseDecimal(value)
        : null;
  if (!parsed)
    throw new AppError('VALIDATION_FAILED', `${field} must be a decimal number`, [
      { field, message: 'must be a decimal number' },
    ]);
  if (parsed.isNegative() || (options.positive && parsed.isZero())) {
    const message = options.positive ? 'must be greater than 0' : 'must not be negative';
    throw new AppError('VALIDATION_FAILED', `${field} ${message}`, [{ field, message }]);
  }
  return parsed;
}

export function validatedParams(
  base: StrategyParams,
  patch: StrategyParamsPatch | undefined,
): StrategyParams {
  const result = applyParamsPatch(base, patch ?? {});
  if (!result.ok)
    throw new AppError(
      'VALIDATION_FAILED',
      `invalid strategy parameters: ${result.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
      result.errors,
    );
  return result.params;
}

/** Positions: each one symbol with its own cash, its parameters, its anchor. Every change is audited. */
export class PositionService {
  constructor(
    private readonly store: Store,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly marketData: MarketData,
  ) {}

  async create(portfolioId: PortfolioId, input: CreatePositionBody, by: Requester): Promise<PositionView> {
    const params = validatedParams(DEFAULT_PARAMS, input.params);
    const shares = decimalField('shares', input.shares);
    const cash = decimalField('cash', input.cash);
    if (!(await this.store.portfolios.get(portfolioId))) throw notFound('portfolio', portfolioId);
    const anchor =
      input.anchor === undefined
        ? await this.currentPrice(input.symbol)
        : decimalField('anchor', input.anchor, { positive: true });
    const now = this.clock.now();
    const position: PositionRecord = {
      id: this.ids.next() as PositionId,
      portfolioId,
      symbol: input.symbol,
      shares,
      cash,
      anchor,
      invested: shares.mul(anchor).add(cash),
      autoTradingEnabled: input.auto_trading_enabled,
      params,
      ordersDay: null,
      ordersToday: 0,
      version: 0,
      createdAt: now,
      updatedAt: now,
    };
    const recorded = await this.store.transaction(async (tx) => {
      if (!(await tx.portfolios.get(portfolioId))) throw notFound('portfolio', portfolioId);
      await tx.positions.insert(position);
      return tx.audit.append([
        this.event(by, 'PositionCreated', position, {
          shares: shares.toFixed(),
          cash: cash.toFixed(),
          anchor: anchor.toFixed(),
          auto_trading_enabled: position.autoTradingEnabled,
          params: paramsToWire(params),
        }),
      ]);
    });
    by.onRecorded?.(recorded);
    return this.view(position);
  }

  async update(id: PositionId, patch: UpdatePositionBody, by: Requester): Promise<PositionView> {
    const updated = await this.change(
      id,
      (before) => {
        const params = patch.params ? validatedParams(before.params, patch.params) : before.params;
        const after = {
          ...before,
          params,
          autoTradingEnabled: patch.auto_trading_enabled ?? before.autoTradingEnabled,
        };
        const payload = {
          auto_trading_enabled: { before: before.autoTradingEnabled, after: after.autoTradingEnabled },
          params: { before: paramsToWire(before.params), after: paramsToWire(params) },
        };
        return { after, type: 'PositionUpdatedByUser', payload };
      },
      by,
    );
    return this.view(updated);
  }

  async moveCash(id: PositionId, body: CashMovementBody, by: Requester): Promise<PositionView> {
    const amount = decimalField('amount', body.amount, { positive: true });
    const updated = await this.change(
      id,
      (before) => {
        const moved = applyCashMovement(before, body.kind, amount);
        if (!moved.ok)
          throw new AppError(moved.code, moved.message, [{ field: 'amount', message: moved.message }]);
        const invested = body.kind === 'deposit' ? before.invested.add(amount) : before.invested.sub(amount);
        const payload = {
          kind: body.kind,
          amount: amount.toFixed(),
          note: body.note ?? null,
          cash: { before: before.cash.toFixed(), after: moved.state.cash.toFixed() },
        };
        return {
          after: { ...before, cash: moved.state.cash, invested },
          type: 'CashMoved',
          payload,
          cash: { kind: body.kind, amount, note: body.note ?? null },
        };
      },
      by,
    );
    return this.view(updated);
  }

  async setAnchor(id: PositionId, anchor: Decimal | null | 'current', by: Requester): Promise<PositionView> {
    const position = await this.store.positions.get(id);
    if (!position) throw notFound('position', id);
    const value = anchor === 'current' ? await this.currentPrice(position.symbol) : anchor;
    const updated = await this.change(
      id,
      (before) => ({
        after: { ...before, anchor: value },
        type: 'AnchorSet',
        payload: {
          anchor: { before: before.anchor?.toFixed() ?? null, after: value?.toFixed() ?? null },
          from_current_price: anchor === 'current',
        },
      }),
      by,
    );
    return this.view(updated);
  }

  async delete(id: PositionId, by: Requester): Promise<void> {
    const recorded = await this.store.transaction(async (tx) => {
      const before = await tx.positions.get(id);
      if (!before) throw notFound('position', id);
      await tx.positions.softDelete(id, this.clock.now());
      return tx.audit.append([
        this.event(by, 'PositionDeleted', before, {
          shares: before.shares.toFixed(),
          cash: before.cash.toFixed(),
        }),
      ]);
    });
    by.onRecorded?.(recorded);
  }

  async get(id: PositionId): Promise<PositionView> {
    const position = await this.store.positions.get(id);
    if (!position) throw notFound('position', id);
    return this.view(position);
  }

  /**
   * The `limit` most recent prices the engine evaluated for a position, oldest first: its PriceEvents
   * that carried a quote. Failed quotes do not count against the limit, so older pages are read until
   * there are enough.
   */
  async priceHistory(id: PositionId, limit: number): Promise<PricePoint[]> {
    if (!(await this.store.positions.get(id))) throw notFound('position', id);
    const newestFirst: PricePoint[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.audit.list({ position_id: id, type: 'PriceEvent' }, { limit, cursor });
      for (const { payload } of page.items) {
        if (payload.ok !== true || typeof payload.price !== 'string' || typeof payload.quoted_at !== 'string')
          continue;
        newestFirst.push({
          at: payload.quoted_at,
          price: payload.price,
          anchor: typeof payload.anchor === 'string' ? payload.anchor : null,
        });
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor && newestFirst.length < limit);
    return newestFirst.slice(0, limit).reverse();
  }

  async list(
    filter: { portfolioId?: PortfolioId | undefined },
    page: PageRequest,
  ): Promise<Page<PositionView>> {
    const result = await this.store.positions.list(filter, page);
    const quotes = await this.store.quotes.getMany([...new Set(result.items.map((p) => p.symbol))]);
    const portfolios = new Map<string, string>();
    for (const id of new Set(result.items.map((p) => p.portfolioId)))
      portfolios.set(id, (await this.store.portfolios.get(id))?.marketHours ?? 'regular');
    return {
      items: result.items.map((p) => this.present(p, quotes.get(p.symbol), portfolios.get(p.portfolioId)!)),
      nextCursor: result.nextCursor,
    };
  }

  /** Read-modify-write of one position in one transaction, with its audit event. */
  private async change(
    id: PositionId,
    apply: (before: PositionRecord) => {
      after: PositionRecord;
      type: 'PositionUpdatedByUser' | 'CashMoved' | 'AnchorSet';
      payload: Record<string, unknown>;
      cash?: { kind: 'deposit' | 'withdrawal'; amount: Decimal; note: string | null };
    },
    by: Requester,
  ): Promise<PositionRecord> {
    const { position, recorded } = await this.store.transaction(async (tx) => {
      const before = await tx.positions.get(id);
      if (!before) throw notFound('position', id);
      const { after, type, payload, cash } = apply(before);
      const saved: PositionRecord = { ...after, updatedAt: this.clock.now() };
      if (!(await tx.positions.update(saved)))
        throw new AppError('POSITION_CONFLICT', 'the position changed meanwhile; try again');
      if (cash) await this.recordCash(tx, id, cash, by);
      const events = await tx.audit.append([this.event(by, type, saved, payload)]);
      return { position: { ...saved, version: saved.version + 1 }, recorded: events };
    });
    by.onRecorded?.(recorded);
    return position;
  }

  private async recordCash(
    tx: Repositories,
    positionId: PositionId,
    cash: { kind: 'deposit' | 'withdrawal'; amount: Decimal; note: string | null },
    by: Requester,
  ) {
    await tx.cashMovements.insert({
      id: this.ids.next(),
      positionId,
      kind: cash.kind,
      amount: cash.amount,
      note: cash.note,
      actor: by.actor,
      createdAt: this.clock.now(),
    });
  }

  private event(
    by: Requester,
    type: Parameters<typeof changeEvent>[3],
    p: PositionRecord,
    payload: Record<string, unknown>,
  ) {
    return changeEvent(
      this.ids,
      this.clock,
      by,
      type,
      { portfolioId: p.portfolioId, positionId: p.id, symbol: p.symbol },
      payload,
    );
  }

  /** The current price of a symbol, for a default anchor; refuses clearly if the market has none. */
  private async currentPrice(symbol: string): Promise<Decimal> {
    const [quote] = await this.marketData.peekQuotes([symbol]);
    if (!quote?.ok) {
      const why = quote && !quote.ok ? quote.error : 'no quote';
      throw new AppError(
        'ANCHOR_REQUIRED',
        `there is no current price for ${symbol} (${why}); give an anchor`,
        [{ field: 'anchor', message: 'required: no current price for the symbol' }],
      );
    }
    return quote.price;
  }

  private async view(position: PositionRecord): Promise<PositionView> {
    const quotes = await this.store.quotes.getMany([position.symbol]);
    const portfolio = await this.store.portfolios.get(position.portfolioId);
    return this.present(position, quotes.get(position.symbol), portfolio?.marketHours ?? 'regular');
  }

  private present(
    position: PositionRecord,
    quote: SymbolQuoteRecord | undefined,
    portfolioHours: string,
  ): PositionView {
    return {
      position,
      valuation: valuePosition(position, quote),
      marketHours: position.params.marketHours ?? portfolioHours,
    };
  }
}
