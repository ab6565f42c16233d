import { EventSource } from '@ballast/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { FilterSelect } from '../../components/filter-select';
import { PagedQueryView } from '../../components/states';
import { cyclesPageQuery } from '../../features/cycles/api/cycles-api';
import { CyclesTable } from '../../features/cycles/components/cycles-table';
import { withQuery } from '../../lib/api-client';
import { sourceLabel } from '../../lib/event-text';
import { isEventSource } from '../../lib/query-filter';
import { useRouter } from '../../lib/router';
import { useNow } from '../../lib/use-now';
import { PageTitle } from './page-title';

export function CyclesPage() {
  const { location, navigate } = useRouter();
  const raw = location.query.get('source') ?? undefined;
  const source = isEventSource(raw) ? raw : undefined;
  const query = useInfiniteQuery(cyclesPageQuery(source));
  const now = useNow();
  return (
    <>
      <PageTitle title="Cycles" />
      <section className="card">
        <form className="filters" aria-label="Filter cycles" onSubmit={(e) => e.preventDefault()}>
          <FilterSelect
            label="Source"
            value={source}
            onChange={(v) => navigate(withQuery('/cycles', { source: v }), { replace: true })}
            choices={EventSource.options.map((s) => ({ value: s, label: sourceLabel(s) }))}
          />
        </form>
        <PagedQueryView query={query} what="cycles" more="Load older cycles">
          {(cycles) => <CyclesTable cycles={cycles} now={now} />}
        </PagedQueryView>
      </section>
    </>
  );
}
