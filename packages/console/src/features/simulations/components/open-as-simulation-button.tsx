import type { Optimization, OptimizationRow } from '@ballast/contracts';
import { useEngineAction } from '../../../lib/actions';
import { useRouter } from '../../../lib/router';
import { paramLabel } from '../../../lib/strategy-params';
import { startSimulation } from '../api/simulations-api';
import { simulationRequestFor } from './open-as-simulation';

/** Runs one combination of an optimization as a simulation of its own (charts, trades) and opens it. */
export function OpenAsSimulationButton({
  optimization,
  row,
}: {
  optimization: Optimization;
  row: OptimizationRow;
}) {
  const run = useEngineAction();
  const { navigate } = useRouter();
  const values = Object.entries(row.params).map(([path, v]) => `${paramLabel(path)} ${v}`);
  const name = `${optimization.name ?? `Optimization …${optimization.id.slice(-8)}`} · rank ${row.rank}`;
  return (
    <button
      type="button"
      className="button small"
      onClick={async () => {
        const done = await run({
          confirm: {
            title: `Run rank ${row.rank} as a simulation?`,
            body: `The optimization’s own bars and start, with ${values.join(', ') || 'its base parameters'}.`,
            confirmLabel: 'Run simulation',
          },
          perform: () => startSimulation(simulationRequestFor(optimization, row, name)),
          done: `Started the simulation ${name}`,
        });
        if (done) navigate(`/simulations/${encodeURIComponent(done.data.id)}`);
      }}
    >
      Open as simulation
    </button>
  );
}
