import type { Order } from '@ballast/contracts';
import { SourceBadge } from '../../../components/source-badge';
import { Empty } from '../../../components/states';
import { Time } from '../../../components/time';
import { formatFee, formatPrice, formatQty, shortId } from '../../../lib/format';
import { Link } from '../../../lib/router';

export function OrdersTable({
  orders,
  showSymbol = true,
}: {
  orders: readonly Order[];
  showSymbol?: boolean;
}) {
  if (orders.length === 0)
    return <Empty>No orders match. Orders appear when a trigger fires and the guardrails allow it.</Empty>;
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Created</th>
            {showSymbol && <th scope="col">Symbol</th>}
            <th scope="col">Side</th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col" className="num">
              Price
            </th>
            <th scope="col" className="num">
              Est. fee
            </th>
            <th scope="col">Status</th>
            <th scope="col">Source</th>
            <th scope="col">Cycle</th>
            <th scope="col">Client order id</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.id} data-order-id={o.id}>
              <td>
                <Time iso={o.created_at} compact />
              </td>
              {showSymbol && (
                <td>
                  <Link to={`/positions/${o.position_id}`}>{o.symbol}</Link>
                </td>
              )}
              <td className={`side-${o.side}`}>{o.side.toUpperCase()}</td>
              <td className="num">{formatQty(o.qty)}</td>
              <td className="num">{formatPrice(o.price)}</td>
              <td className="num">{formatFee(o.est_fee)}</td>
              <td>
                <span className={`status status-${o.status}`}>{o.status}</span>
                {o.reason && <small className="muted"> {o.reason}</small>}
              </td>
              <td>
                <SourceBadge source={o.source} />
              </td>
              <td>
                <Link to={`/cycles/${o.cycle_id}?position=${o.position_id}`}>{shortId(o.cycle_id)}</Link>
              </td>
              <td className="mono small">{o.client_order_id}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
