import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { EventFilter } from '../../features/audit/api/audit-api';
import { EventFilters } from '../../features/audit/components/event-filters';
import { EventList } from '../../features/audit/components/event-list';
import { ExportLinks } from '../../features/audit/components/export-links';
import { VerifyPanel } from '../../features/audit/components/verify-panel';
import { portfoliosQuery } from '../../features/portfolios/api/portfolios-api';
import { positionsQuery } from '../../features/positions/api/positions-api';
import { withQuery } from '../../lib/api-client';
import { isEventSource, isEventType, readFilter } from '../../lib/query-filter';
import { useRouter } from '../../lib/router';
import { PageTitle } from './page-title';

const KEYS = ['source', 'type', 'portfolio_id', 'position_id', 'cycle_id', 'since', 'until'] as const;

function filterOf(query: URLSearchParams): EventFilter {
  const raw = readFilter(query, KEYS);
  return {
    ...raw,
    source: isEventSource(raw.source) ? raw.source : undefined,
    type: isEventType(raw.type) ? raw.type : undefined,
  };
}

export function AuditPage() {
  const { location, navigate } = useRouter();
  const search = location.query.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the query string is the filter's identity
  const filter = useMemo(() => filterOf(location.query), [search]);
  const portfolios = useQuery(portfoliosQuery);
  const positions = useQuery(positionsQuery());
  const portfolioChoices = (portfolios.data ?? []).map((p) => ({ value: p.id, label: p.name }));
  const names = new Map(portfolioChoices.map((p) => [p.value, p.label]));
  const positionChoices = (positions.data ?? [])
    .filter((p) => !filter.portfolio_id || p.portfolio_id === filter.portfolio_id)
    .map((p) => ({ value: p.id, label: `${p.symbol} (${names.get(p.portfolio_id) ?? 'portfolio'})` }));
  return (
    <>
      <PageTitle title="Audit trail" />
      <section className="card">
        <p className="lead">
          Every decision and change, who asked for it, and why — hash-chained, append-only, kept for good.
        </p>
        <VerifyPanel />
      </section>
      <section className="card">
        <EventFilters
          filter={filter}
          onChange={(f) => navigate(withQuery('/audit', { ...f }))}
          portfolios={portfolioChoices}
          positions={positionChoices}
        />
        <div className="list-tools">
          <ExportLinks filter={filter} />
        </div>
        <EventList key={search} filter={filter} />
      </section>
    </>
  );
}
