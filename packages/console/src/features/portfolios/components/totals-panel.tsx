import { useQuery } from '@tanstack/react-query';
import { Empty, QueryView } from '../../../components/states';
import { formatCount, formatMoney, formatPct, formatSignedMoney } from '../../../lib/format';
import { totalsQuery } from '../api/portfolios-api';

/** Value, cash and P&L of everything, per base currency (amounts in different currencies are never added). */
export function TotalsPanel() {
  const query = useQuery(totalsQuery);
  return (
    <section className="card" aria-labelledby="totals-title">
      <h2 id="totals-title">Totals</h2>
      <QueryView query={query} what="the totals">
        {(totals) =>
          totals.currencies.length === 0 ? (
            <Empty>No portfolios yet.</Empty>
          ) : (
            <div className="totals">
              {totals.currencies.map((t) => (
                <dl key={t.currency} className="stat-grid" aria-label={`Totals in ${t.currency}`}>
                  <div className="stat">
                    <dt>Value</dt>
                    <dd>
                      {t.value === null ? (
                        <span title="not every position has a price yet">—</span>
                      ) : (
                        formatMoney(t.value, t.currency)
                      )}
                    </dd>
                  </div>
                  <div className="stat">
                    <dt>Cash</dt>
                    <dd>{formatMoney(t.cash, t.currency)}</dd>
                  </div>
                  <div className="stat">
                    <dt>P&amp;L</dt>
                    <dd className={t.pnl?.startsWith('-') ? 'negative' : 'positive'}>
                      {formatSignedMoney(t.pnl, t.currency)}
                    </dd>
                  </div>
                  <div className="stat">
                    <dt>In stock</dt>
                    <dd>{formatPct(t.allocation_pct)}</dd>
                  </div>
                  <div className="stat muted-stat">
                    <dt>Invested</dt>
                    <dd>{formatMoney(t.invested, t.currency)}</dd>
                  </div>
                  <div className="stat muted-stat">
                    <dt>Portfolios · positions</dt>
                    <dd>
                      {formatCount(t.portfolios)} · {formatCount(t.positions)}
                    </dd>
                  </div>
                </dl>
              ))}
            </div>
          )
        }
      </QueryView>
    </section>
  );
}
