import { useInfiniteQuery } from '@tanstack/react-query';
import { LoadMore } from '../../../components/load-more';
import { Empty, ErrorState, Loading } from '../../../components/states';
import { useCan } from '../../../lib/session';
import { useNow } from '../../../lib/use-now';
import { simulationsQuery } from '../api/simulations-api';
import { SimulationsTable } from './simulations-table';

/** Every stored simulation, newest first, a page at a time; running ones update as they go. */
export function SimulationList() {
  const query = useInfiniteQuery(simulationsQuery());
  const canRun = useCan('operator');
  const now = useNow(5_000);
  if (query.isPending) return <Loading what="simulations" />;
  if (query.isError)
    return <ErrorState what="simulations" error={query.error} retry={() => void query.refetch()} />;
  const items = query.data.pages.flatMap((p) => p.items);
  if (items.length === 0)
    return (
      <Empty>
        No simulations yet{canRun ? ' — start one with the form above.' : '. An operator can start one.'}
      </Empty>
    );
  return (
    <>
      <SimulationsTable simulations={items} now={now} />
      <LoadMore query={query} label="Load older simulations" />
    </>
  );
}
