import type { Trade } from '@ballast/contracts';
import { Empty } from '../../../components/states';
import { Time } from '../../../components/time';
import { formatFee, formatPrice, formatQty } from '../../../lib/format';
import { Link } from '../../../lib/router';

export function TradesTable({
  trades,
  showSymbol = true,
}: {
  trades: readonly Trade[];
  showSymbol?: boolean;
}) {
  if (trades.length === 0) return <Empty>No trades match. A trade is an order the broker filled.</Empty>;
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Executed</th>
            {showSymbol && <th scope="col">Symbol</th>}
            <th scope="col">Side</th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col" className="num">
              Price
            </th>
            <th scope="col" className="num">
              Fee
            </th>
          </tr>
        </thead>
        <tbody>
          {trades.map((t) => (
            <tr key={t.id} data-trade-id={t.id}>
              <td>
                <Time iso={t.executed_at} compact />
              </td>
              {showSymbol && (
                <td>
                  <Link to={`/positions/${t.position_id}`}>{t.symbol}</Link>
                </td>
              )}
              <td className={`side-${t.side}`}>{t.side.toUpperCase()}</td>
              <td className="num">{formatQty(t.qty)}</td>
              <td className="num">{formatPrice(t.price)}</td>
              <td className="num">{formatFee(t.fee)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
