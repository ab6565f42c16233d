import { useInfiniteQuery } from '@tanstack/react-query';
import { LoadMore } from '../../../components/load-more';
import { Empty, ErrorState, Loading } from '../../../components/states';
import { useCan } from '../../../lib/session';
import { useNow } from '../../../lib/use-now';
import { optimizationsQuery } from '../api/optimizations-api';
import { OptimizationsTable } from './optimizations-table';

/** Every stored optimization, newest first, a page at a time; running ones update as they go. */
export function OptimizationList() {
  const query = useInfiniteQuery(optimizationsQuery());
  const canRun = useCan('operator');
  const now = useNow(5_000);
  if (query.isPending) return <Loading what="optimizations" />;
  if (query.isError)
    return <ErrorState what="optimizations" error={query.error} retry={() => void query.refetch()} />;
  const items = query.data.pages.flatMap((p) => p.items);
  if (items.length === 0)
    return (
      <Empty>
        No optimizations yet{canRun ? ' — start one with the form above.' : '. An operator can start one.'}
      </Empty>
    );
  return (
    <>
      <OptimizationsTable optimizations={items} now={now} />
      <LoadMore query={query} label="Load older optimizations" />
    </>
  );
}
