import { EventSource } from '@ballast/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { FilterSelect } from '../../components/filter-select';
import { LoadMore } from '../../components/load-more';
import { ErrorState, Loading } from '../../components/states';
import { cyclesPageQuery } from '../../features/cycles/api/cycles-api';
import { CyclesTable } from '../../features/cycles/components/cycles-table';
import { sourceLabel } from '../../lib/event-text';
import { filterPath, isEventSource } from '../../lib/query-filter';
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
            onChange={(v) => navigate(filterPath('/cycles', { source: v }), { replace: true })}
            choices={EventSource.options.map((s) => ({ value: s, label: sourceLabel(s) }))}
          />
        </form>
        {query.isPending ? (
          <Loading what="cycles" />
        ) : query.isError ? (
          <ErrorState what="cycles" error={query.error} retry={() => void query.refetch()} />
        ) : (
          <>
            <CyclesTable cycles={query.data.pages.flatMap((p) => p.items)} now={now} />
            <LoadMore query={query} label="Load older cycles" />
          </>
        )}
      </section>
    </>
  );
}
