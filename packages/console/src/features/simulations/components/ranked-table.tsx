import type { Optimization, OptimizationRow, RankMetric } from '@ballast/contracts';
import { useMemo, useState } from 'react';
import { Pager, pageSlice } from '../../../components/pager';
import { formatCount } from '../../../lib/format';
import { IfCan } from '../../../lib/session';
import { paramLabel } from '../../../lib/strategy-params';
import { formatMetric, METRIC_LABEL } from './metric-format';
import { OpenAsSimulationButton } from './open-as-simulation-button';
import { BY_RANK, nextSort, rowParams, type Sort, type SortKey, sortRows } from './ranking';

const METRICS: readonly RankMetric[] = [
  'return_pct',
  'annualized_return_pct',
  'sharpe',
  'max_drawdown_pct',
  'annualized_volatility_pct',
  'fees',
  'trades',
];
const PAGE_SIZE = 50;

function SortHeader({
  label,
  sortKey,
  sort,
  onSort,
}: {
  label: string;
  sortKey: SortKey;
  sort: Sort;
  onSort: (s: Sort) => void;
}) {
  const active = sort.key === sortKey;
  return (
    <th
      scope="col"
      className="num"
      aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}
    >
      <button type="button" className="sort-button" onClick={() => onSort(nextSort(sort, sortKey))}>
        {label}
        <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
      </button>
    </th>
  );
}

/** One combination: its rank, its grid values and its figures, or why it was not run. */
function RankedRow({
  optimization,
  row,
  params,
}: {
  optimization: Optimization;
  row: OptimizationRow;
  params: readonly string[];
}) {
  return (
    <tr className={row.error ? 'row-error' : undefined} data-rank={row.rank}>
      <th scope="row" className="num">
        {formatCount(row.rank)}
      </th>
      {params.map((p) => (
        <td key={p} className="num">
          {row.params[p] ?? '—'}
        </td>
      ))}
      {row.error ? (
        <td colSpan={METRICS.length} className="warn">
          Not run: {row.error}
        </td>
      ) : (
        METRICS.map((m) => (
          <td key={m} className="num">
            {formatMetric(row.metrics, m)}
          </td>
        ))
      )}
      <IfCan need="operator">
        <td>{!row.error && <OpenAsSimulationButton optimization={optimization} row={row} />}</td>
      </IfCan>
    </tr>
  );
}

/** Every combination, ranked by the engine and sortable here by any metric; combinations not run marked. */
export function RankedTable({ optimization }: { optimization: Optimization }) {
  const [sort, setSort] = useState<Sort>(BY_RANK);
  const [wanted, setPage] = useState(0);
  const params = useMemo(() => rowParams(optimization.rows), [optimization.rows]);
  const sorted = useMemo(() => sortRows(optimization.rows, sort), [optimization.rows, sort]);
  const { rows, pages, page } = pageSlice(sorted, wanted, PAGE_SIZE);
  const onSort = (next: Sort) => {
    setSort(next);
    setPage(0);
  };
  const pager = (
    <Pager
      page={page}
      pages={pages}
      total={sorted.length}
      size={PAGE_SIZE}
      onPage={setPage}
      what="Combinations"
    />
  );
  return (
    <>
      {pager}
      <div className="table-wrap">
        <table className="table ranked" aria-label="Ranked combinations">
          <thead>
            <tr>
              <SortHeader label="Rank" sortKey="rank" sort={sort} onSort={onSort} />
              {params.map((p) => (
                <th key={p} scope="col" className="num">
                  {paramLabel(p)}
                </th>
              ))}
              {METRICS.map((m) => (
                <SortHeader key={m} label={METRIC_LABEL[m]} sortKey={m} sort={sort} onSort={onSort} />
              ))}
              <IfCan need="operator">
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </IfCan>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <RankedRow key={row.rank} optimization={optimization} row={row} params={params} />
            ))}
          </tbody>
        </table>
      </div>
      {pager}
    </>
  );
}
