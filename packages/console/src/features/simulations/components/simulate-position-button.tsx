import { useEngineAction } from '../../../lib/actions';
import { useRouter } from '../../../lib/router';
import { startSimulation } from '../api/simulations-api';

/**
 * Runs a position's current parameters, shares, cash and market hours over the prices the engine
 * evaluated for it (item 5), and opens the result.
 */
export function SimulatePositionButton({ positionId, symbol }: { positionId: string; symbol: string }) {
  const run = useEngineAction();
  const { navigate } = useRouter();
  return (
    <button
      type="button"
      className="button"
      onClick={async () => {
        const done = await run({
          confirm: {
            title: `Simulate the parameters of ${symbol}?`,
            body: 'The engine plays its current parameters, shares and cash over the prices it evaluated for this position (the last 5 000 at most). Nothing is traded.',
            confirmLabel: 'Run simulation',
          },
          perform: () => startSimulation({ from_position: positionId }),
          done: `Started a simulation of ${symbol}`,
        });
        if (done) navigate(`/simulations/${encodeURIComponent(done.data.id)}`);
      }}
    >
      Simulate its parameters
    </button>
  );
}
