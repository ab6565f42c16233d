import type { Decimal } from '../../domain/decimal.js';
import type { GuardrailResult } from '../../domain/evaluate-position.js';
import type { PositionState } from '../../domain/position-state.js';
import type { StrategyParams } from '../../domain/strategy-params.js';
import type { TriggerResult } from '../../domain/trigger.js';
import type { QuoteResult } from '../ports/market-data.js';

/** Payloads of the per-position events of DESIGN §5.2, with decimals as strings and percentages as percent. */
const str = (d: Decimal | null | undefined): string | null => (d == null ? null : d.toFixed());
const pct = (fraction: number): string => (fraction * 100).toFixed(4);

export function pricePayload(
  quote: QuoteResult | undefined,
  symbol: string,
  anchor: Decimal | null,
): Record<string, unknown> {
  if (!quote)
    return {
      symbol,
      ok: false,
      price: null,
      quoted_at: null,
      provider: null,
      anchor: str(anchor),
      error: 'no quote returned for the symbol',
    };
  if (!quote.ok)
    return {
      symbol,
      ok: false,
      price: null,
      quoted_at: null,
      provider: quote.provider,
      anchor: str(anchor),
      error: quote.error,
    };
  return {
    symbol,
    ok: true,
    price: quote.price.toFixed(),
    quoted_at: new Date(quote.quotedAt).toISOString(),
    provider: quote.provider,
    anchor: str(anchor),
    ...(quote.barTime === undefined ? {} : { bar_time: new Date(quote.barTime).toISOString() }),
  };
}

export function triggerPayload(t: TriggerResult): Record<string, unknown> {
  return {
    outcome: t.outcome,
    anchor: str(t.anchor),
    price: str(t.price),
    change_pct: str(t.changePct),
    up_pct: t.upPct.toFixed(),
    down_pct: t.downPct.toFixed(),
    fired: t.fired,
    direction: t.direction,
    reason: t.reason,
  };
}

export function guardrailPayload(
  g: GuardrailResult,
  params: StrategyParams,
  context: { ordersToday: number; marketOpen: boolean },
): Record<string, unknown> {
  const p = g.proposal;
  return {
    proposal: {
      origin: p.origin,
      side: g.order.side,
      qty: g.order.qty.toFixed(),
      raw_qty: str(p.rawQty?.toDecimalPlaces(6)),
      capped_qty: str(p.cappedQty?.toDecimalPlaces(6)),
      cap: str(p.cap?.toDecimalPlaces(6)),
      note: p.note,
    },
    price: g.order.price.toFixed(),
    notional: g.order.notional.toFixed(),
    est_fee: g.order.fee.toFixed(),
    band: {
      min_pct: params.guardrails.minStockPct.toFixed(),
      max_pct: params.guardrails.maxStockPct.toFixed(),
      before_pct: pct(p.allocBefore),
      after_pct: pct(g.allocAfter),
    },
    max_trade_pct: params.guardrails.maxTradePct.toFixed(),
    orders_today: context.ordersToday,
    max_orders_per_day: params.guardrails.maxOrdersPerDay,
    market_open: context.marketOpen,
    allowed: g.allowed,
    reasons: g.reasons.map((r) => ({ code: r.code, message: r.message })),
  };
}

export function positionChangePayload(
  cause: string,
  before: PositionState,
  after: PositionState,
): Record<string, unknown> {
  return {
    cause,
    shares: { before: before.shares.toFixed(), after: after.shares.toFixed() },
    cash: { before: before.cash.toFixed(), after: after.cash.toFixed() },
    anchor: { before: str(before.anchor), after: str(after.anchor) },
  };
}
