import { useEngineAction } from '../../../lib/actions';
import type { Sent } from '../../../lib/api-client';

/** Stops a queued or running job, after asking; the engine records who cancelled it. */
export function CancelJobButton({
  noun,
  cancel,
}: {
  noun: 'simulation' | 'optimization';
  cancel: () => Promise<Sent<unknown>>;
}) {
  const run = useEngineAction();
  return (
    <button
      type="button"
      className="button danger"
      onClick={() =>
        run({
          confirm: {
            title: `Cancel this ${noun}?`,
            body: `The engine stops it where it is. A cancelled ${noun} stays in the list, marked cancelled.`,
            confirmLabel: `Yes, cancel the ${noun}`,
            tone: 'danger',
          },
          perform: cancel,
          done: `Cancelled the ${noun}`,
        })
      }
    >
      Cancel {noun}
    </button>
  );
}
