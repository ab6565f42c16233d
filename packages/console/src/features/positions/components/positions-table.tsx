import type { Position } from '@ballast/contracts';
import { Empty } from '../../../components/states';
import { formatMoney, formatPct, formatPrice, formatQty } from '../../../lib/format';
import { Link } from '../../../lib/router';
import { BandBar } from './band-bar';

/** A trigger's price, and how far the last price is from it once there is one. */
function TriggerCell({
  level,
  distance,
}: {
  level: string | undefined;
  distance: number | null | undefined;
}) {
  if (!level) return <span className="muted">—</span>;
  return (
    <>
      {formatPrice(level)}
      {distance != null && <small className="muted"> ({formatPct(distance, { signed: true })})</small>}
    </>
  );
}

export function PositionsTable({
  positions,
  currency,
}: {
  positions: readonly Position[];
  currency: string;
}) {
  if (positions.length === 0) return <Empty>No positions in this portfolio yet. Add one below.</Empty>;
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Symbol</th>
            <th scope="col" className="num">
              Shares
            </th>
            <th scope="col" className="num">
              Cash
            </th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col">In stock vs band</th>
            <th scope="col" className="num">
              Last price
            </th>
            <th scope="col" className="num">
              Anchor
            </th>
            <th scope="col" className="num">
              Sell trigger
            </th>
            <th scope="col" className="num">
              Buy trigger
            </th>
            <th scope="col">Auto</th>
          </tr>
        </thead>
        <tbody>
          {positions.map((p) => (
            <tr key={p.id} data-position-id={p.id}>
              <th scope="row">
                <Link to={`/positions/${p.id}`}>{p.symbol}</Link>
              </th>
              <td className="num">{formatQty(p.shares)}</td>
              <td className="num">{formatMoney(p.cash, currency)}</td>
              <td className="num">{formatMoney(p.value, currency)}</td>
              <td>
                <span className="band-cell">
                  {formatPct(p.allocation_pct)}
                  <BandBar
                    allocation={p.allocation_pct}
                    min={p.params.guardrails.min_stock_pct}
                    max={p.params.guardrails.max_stock_pct}
                  />
                </span>
              </td>
              <td className="num">{formatPrice(p.last_price)}</td>
              <td className="num">
                {p.anchor === null ? <span className="warn">none</span> : formatPrice(p.anchor)}
              </td>
              <td className="num">
                <TriggerCell level={p.triggers?.sell_at} distance={p.triggers?.sell_distance_pct} />
              </td>
              <td className="num">
                <TriggerCell level={p.triggers?.buy_at} distance={p.triggers?.buy_distance_pct} />
              </td>
              <td>{p.auto_trading_enabled ? 'on' : 'off'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
