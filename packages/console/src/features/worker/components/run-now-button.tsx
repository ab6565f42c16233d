import { useEngineAction } from '../../../lib/actions';
import { formatCount, plural } from '../../../lib/format';
import { runCycle } from '../api/worker-api';

/**
 * Asks the engine for a manual cycle (source `api/manual`): over every tradable position, or over
 * one position whatever its auto-trading switch. The engine runs it; the console only asks.
 */
export function RunNowButton({
  positionId,
  symbol,
  label,
}: {
  positionId?: string;
  symbol?: string;
  label: string;
}) {
  const run = useEngineAction();
  return (
    <button
      type="button"
      className="button primary"
      onClick={() =>
        run({
          confirm: {
            title: positionId ? `Run a cycle for ${symbol ?? 'this position'} now?` : 'Run a cycle now?',
            body: positionId
              ? 'The engine evaluates this position at the current price and may place an order, even if its auto trading is off (not if its portfolio is halted).'
              : 'The engine evaluates every position that trades automatically, at current prices, and may place orders.',
            confirmLabel: 'Run now',
          },
          perform: () => runCycle(positionId),
          done: (r) =>
            `Manual cycle ${r.status}: ${formatCount(r.counts.evaluated)} evaluated, ${plural(r.counts.orders, 'order')}, ${formatCount(r.counts.fills)} filled, ${formatCount(r.counts.skips)} blocked`,
          cycleOf: (r) => r.id,
        })
      }
    >
      {label}
    </button>
  );
}
