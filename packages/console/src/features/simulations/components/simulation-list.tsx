import { useInfiniteQuery } from '@tanstack/react-query';
import { Empty, PagedQueryView } from '../../../components/states';
import { useCan } from '../../../lib/session';
import { useNow } from '../../../lib/use-now';
import { simulationsQuery } from '../api/simulations-api';
import { SimulationsTable } from './simulations-table';

/** Every stored simulation, newest first, a page at a time; running ones update as they go. */
export function SimulationList() {
  const query = useInfiniteQuery(simulationsQuery());
  const canRun = useCan('operator');
  const now = useNow(5_000);
  return (
    <PagedQueryView query={query} what="simulations" more="Load older simulations">
      {(items) =>
        items.length === 0 ? (
          <Empty>
            No simulations yet{canRun ? ' — start one with the form above.' : '. An operator can start one.'}
          </Empty>
        ) : (
          <SimulationsTable simulations={items} now={now} />
        )
      }
    </PagedQueryView>
  );
}
