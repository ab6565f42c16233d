import type { Portfolio } from '@ballast/contracts';
import { Empty } from '../../../components/states';
import { formatCount, formatMoney, formatPct, formatSignedMoney } from '../../../lib/format';
import { Link } from '../../../lib/router';
import { PortfolioStateBadge } from './portfolio-state-badge';

export function PortfolioList({ portfolios }: { portfolios: readonly Portfolio[] }) {
  if (portfolios.length === 0)
    return <Empty>No portfolios yet. Create one below, then add positions to it.</Empty>;
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Portfolio</th>
            <th scope="col">State</th>
            <th scope="col">Auto trading</th>
            <th scope="col" className="num">
              Positions
            </th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col" className="num">
              Cash
            </th>
            <th scope="col" className="num">
              In stock
            </th>
            <th scope="col" className="num">
              P&amp;L
            </th>
          </tr>
        </thead>
        <tbody>
          {portfolios.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <Link to={`/portfolios/${p.id}`}>{p.name}</Link>
                {p.is_demo && <span className="badge demo">demo</span>}
              </th>
              <td>
                <PortfolioStateBadge state={p.state} />
              </td>
              <td>{p.auto_trading_enabled ? 'on' : 'off'}</td>
              <td className="num">{formatCount(p.summary.positions)}</td>
              <td className="num">{formatMoney(p.summary.value, p.base_currency)}</td>
              <td className="num">{formatMoney(p.summary.cash, p.base_currency)}</td>
              <td className="num">{formatPct(p.summary.allocation_pct)}</td>
              <td className={`num ${p.summary.pnl?.startsWith('-') ? 'negative' : 'positive'}`}>
                {formatSignedMoney(p.summary.pnl, p.base_currency)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
