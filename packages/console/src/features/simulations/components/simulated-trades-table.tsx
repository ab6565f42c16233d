import type { SimulatedTrade } from '@ballast/contracts';
import { useState } from 'react';
import { Pager, pageSlice } from '../../../components/pager';
import { Empty } from '../../../components/states';
import { formatAmount, formatPrice, formatQty } from '../../../lib/format';
import { BarTime } from './bar-time';

const PAGE_SIZE = 100;

/** Every fill of a simulation with its reason, a hundred at a time (a run can have thousands). */
export function SimulatedTradesTable({ trades }: { trades: readonly SimulatedTrade[] }) {
  const [wanted, setPage] = useState(0);
  if (trades.length === 0) return <Empty>No trades: the price never crossed a trigger or the band.</Empty>;
  const { rows, pages, page } = pageSlice(trades, wanted, PAGE_SIZE);
  const pager = (
    <Pager page={page} pages={pages} total={trades.length} size={PAGE_SIZE} onPage={setPage} what="Trades" />
  );
  return (
    <>
      {pager}
      <div className="table-wrap">
        <table className="table" aria-label="Trades">
          <thead>
            <tr>
              <th scope="col">Time</th>
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
              <th scope="col" className="num">
                Cash after
              </th>
              <th scope="col" className="num">
                Shares after
              </th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => (
              // Each fill changes the holdings, so the bar with the holdings after it names it.
              <tr key={`${t.index}-${t.side}-${t.cash_after}-${t.shares_after}`} data-bar={t.index}>
                <td>
                  <BarTime iso={t.at} />
                </td>
                <td className={`side-${t.side}`}>{t.side.toUpperCase()}</td>
                <td className="num">{formatQty(t.qty)}</td>
                <td className="num">{formatPrice(t.price)}</td>
                <td className="num">{formatAmount(t.fee, { fine: true })}</td>
                <td className="num">{formatAmount(t.cash_after)}</td>
                <td className="num">{formatQty(t.shares_after)}</td>
                <td className="describe">{t.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pager}
    </>
  );
}
