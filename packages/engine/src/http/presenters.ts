import type { AuditEvent, Order, Portfolio, Position, Trade } from '@ballast/contracts';
import type { PortfolioView } from '../application/portfolios/portfolio-service.js';
import type { PositionView } from '../application/positions/position-service.js';
import type { OrderRecord, StoredEvent, TradeRecord } from '../application/records.js';
import { paramsToWire } from '../domain/strategy-params-codec.js';

const iso = (at: number): string => new Date(at).toISOString();

export function presentPortfolio({ portfolio: p, summary }: PortfolioView): Portfolio {
  return {
    id: p.id,
    name: p.name,
    base_currency: p.baseCurrency,
    state: p.state,
    auto_trading_enabled: p.autoTradingEnabled,
    market_hours: p.marketHours,
    is_demo: p.isDemo,
    created_at: iso(p.createdAt),
    updated_at: iso(p.updatedAt),
    summary,
  };
}

export function presentPosition({ position: p, valuation: v, marketHours }: PositionView): Position {
  return {
    id: p.id,
    portfolio_id: p.portfolioId,
    symbol: p.symbol,
    shares: p.shares.toFixed(),
    cash: p.cash.toFixed(),
    anchor: p.anchor?.toFixed() ?? null,
    auto_trading_enabled: p.autoTradingEnabled,
    params: paramsToWire(p.params),
    market_hours: marketHours as Position['market_hours'],
    invested: p.invested.toFixed(),
    last_price: v.price?.toFixed() ?? null,
    last_price_at: v.priceAt === null ? null : iso(v.priceAt),
    value: v.value?.toFixed(2) ?? null,
    pnl: v.value?.sub(p.invested).toFixed(2) ?? null,
    allocation_pct: v.allocationPct,
    triggers: v.triggers && {
      sell_at: v.triggers.sellAt.toDecimalPlaces(6).toFixed(),
      buy_at: v.triggers.buyAt.toDecimalPlaces(6).toFixed(),
      sell_distance_pct: v.triggers.sellDistancePct,
      buy_distance_pct: v.triggers.buyDistancePct,
    },
    orders_today: p.ordersToday,
    created_at: iso(p.createdAt),
    updated_at: iso(p.updatedAt),
  };
}

export function presentOrder(o: OrderRecord): Order {
  return {
    id: o.id,
    client_order_id: o.clientOrderId,
    portfolio_id: o.portfolioId,
    position_id: o.positionId,
    cycle_id: o.cycleId,
    symbol: o.symbol,
    side: o.side,
    qty: o.qty.toFixed(),
    price: o.price.toFixed(),
    est_fee: o.estFee.toFixed(),
    status: o.status,
    reason: o.reason,
    source: o.source,
    created_at: iso(o.createdAt),
    updated_at: iso(o.updatedAt),
  };
}

export function presentTrade(t: TradeRecord): Trade {
  return {
    id: t.id,
    order_id: t.orderId,
    portfolio_id: t.portfolioId,
    position_id: t.positionId,
    symbol: t.symbol,
    side: t.side,
    qty: t.qty.toFixed(),
    price: t.price.toFixed(),
    fee: t.fee.toFixed(),
    executed_at: iso(t.executedAt),
  };
}

export function presentEvent(e: StoredEvent): AuditEvent {
  return {
    id: e.id,
    seq: e.seq,
    type: e.type,
    occurred_at: iso(e.occurredAt),
    recorded_at: iso(e.recordedAt),
    source: e.source,
    actor: e.actor,
    cycle_id: e.cycleId,
    parent_id: e.parentId,
    portfolio_id: e.portfolioId,
    position_id: e.positionId,
    symbol: e.symbol,
    payload: e.payload as Record<string, unknown>,
    prev_hash: e.prevHash,
    hash: e.hash,
  };
}
