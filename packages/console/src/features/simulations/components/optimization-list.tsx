import { useInfiniteQuery } from '@tanstack/react-query';
import { Empty, PagedQueryView } from '../../../components/states';
import { useCan } from '../../../lib/session';
import { useNow } from '../../../lib/use-now';
import { optimizationsQuery } from '../api/optimizations-api';
import { OptimizationsTable } from './optimizations-table';

/** Every stored optimization, newest first, a page at a time; running ones update as they go. */
export function OptimizationList() {
  const query = useInfiniteQuery(optimizationsQuery());
  const canRun = useCan('operator');
  const now = useNow(5_000);
  return (
    <PagedQueryView query={query} what="optimizations" more="Load older optimizations">
      {(items) =>
        items.length === 0 ? (
          <Empty>
            No optimizations yet
            {canRun ? ' — start one with the form above.' : '. An operator can start one.'}
          </Empty>
        ) : (
          <OptimizationsTable optimizations={items} now={now} />
        )
      }
    </PagedQueryView>
  );
}
