import type { Simulation } from '@ballast/contracts';
import { downloadText } from '../../../lib/download';
import { exportName, tradesCsv } from './export-data';

/** Downloads of what the console already fetched: the trades as CSV, the whole result as JSON. */
export function ExportButtons({ simulation }: { simulation: Simulation }) {
  const label = simulation.name ?? simulation.id;
  const trades = simulation.result?.trades ?? [];
  return (
    <span className="export">
      Export:{' '}
      <button
        type="button"
        className="button small"
        onClick={() => downloadText(exportName('simulation', label, 'csv'), 'text/csv', tradesCsv(trades))}
      >
        Trades (CSV)
      </button>{' '}
      <button
        type="button"
        className="button small"
        onClick={() =>
          downloadText(
            exportName('simulation', label, 'json'),
            'application/json',
            `${JSON.stringify(simulation, null, 2)}\n`,
          )
        }
      >
        Result (JSON)
      </button>
    </span>
  );
}
