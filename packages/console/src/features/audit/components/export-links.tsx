import { type EventFilter, exportUrl } from '../api/audit-api';

/** Downloads of every matching event, oldest first, streamed by the engine however many there are. */
export function ExportLinks({ filter }: { filter: EventFilter }) {
  return (
    <span className="export">
      Export:{' '}
      <a className="button small" href={exportUrl(filter, 'csv')} download>
        CSV
      </a>{' '}
      <a className="button small" href={exportUrl(filter, 'ndjson')} download>
        NDJSON
      </a>
    </span>
  );
}
