import type { Position } from '@ballast/contracts';
import { Time } from '../../../components/time';
import { formatMoney, formatPct, formatPrice, formatQty, formatSignedMoney } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { BandBar } from './band-bar';

/** Where a position stands: holdings, value, allocation against the band, anchor and distance to each trigger. */
export function PositionState({ position: p, currency }: { position: Position; currency: string }) {
  // Read here, not by the page: the tick re-renders only these figures, not the chart beside them.
  const now = useNow();
  const g = p.params.guardrails;
  const t = p.triggers;
  return (
    <dl className="stat-grid" aria-label="Position state">
      <div className="stat">
        <dt>Shares</dt>
        <dd>{formatQty(p.shares)}</dd>
      </div>
      <div className="stat">
        <dt>Cash</dt>
        <dd>{formatMoney(p.cash, currency)}</dd>
      </div>
      <div className="stat">
        <dt>Value</dt>
        <dd>{formatMoney(p.value, currency)}</dd>
      </div>
      <div className="stat">
        <dt>P&amp;L</dt>
        <dd className={p.pnl?.startsWith('-') ? 'negative' : 'positive'}>
          {formatSignedMoney(p.pnl, currency)}
        </dd>
      </div>
      <div className="stat wide">
        <dt>In stock</dt>
        <dd>
          {formatPct(p.allocation_pct)}{' '}
          <span className="muted">
            (band {g.min_stock_pct}–{g.max_stock_pct} %)
          </span>
          <BandBar allocation={p.allocation_pct} min={g.min_stock_pct} max={g.max_stock_pct} />
        </dd>
      </div>
      <div className="stat">
        <dt>Last price</dt>
        <dd>
          {formatPrice(p.last_price)}
          {p.last_price_at && (
            <small className="muted">
              {' '}
              <Time iso={p.last_price_at} relative now={now} />
            </small>
          )}
        </dd>
      </div>
      <div className="stat">
        <dt>Anchor</dt>
        <dd>
          {p.anchor === null ? (
            <span className="warn">none: no trading until set</span>
          ) : (
            formatPrice(p.anchor)
          )}
        </dd>
      </div>
      <div className="stat">
        <dt>Sell trigger</dt>
        <dd>
          {t ? formatPrice(t.sell_at) : '—'}
          {t && <small className="muted"> ({formatPct(t.sell_distance_pct, { signed: true })} away)</small>}
        </dd>
      </div>
      <div className="stat">
        <dt>Buy trigger</dt>
        <dd>
          {t ? formatPrice(t.buy_at) : '—'}
          {t && <small className="muted"> ({formatPct(t.buy_distance_pct, { signed: true })} away)</small>}
        </dd>
      </div>
      <div className="stat muted-stat">
        <dt>Orders today</dt>
        <dd>
          {p.orders_today} of {g.max_orders_per_day}
        </dd>
      </div>
      <div className="stat muted-stat">
        <dt>Market hours</dt>
        <dd>{p.market_hours}</dd>
      </div>
      <div className="stat muted-stat">
        <dt>Invested</dt>
        <dd>{formatMoney(p.invested, currency)}</dd>
      </div>
    </dl>
  );
}
