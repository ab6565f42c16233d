import type { FastifyReply } from 'fastify';
import type { EventFilter, Store } from '../../application/ports/store.js';
import { presentEvent } from '../presenters.js';

const PAGE = 1_000;
const CSV_COLUMNS = [
  'seq',
  'id',
  'type',
  'occurred_at',
  'recorded_at',
  'source',
  'actor',
  'cycle_id',
  'parent_id',
  'portfolio_id',
  'position_id',
  'symbol',
  'payload',
  'prev_hash',
  'hash',
] as const;

function csvCell(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Streams every matching event, oldest first, page by page: memory stays flat however long the trail. */
export async function streamEventExport(
  store: Store,
  reply: FastifyReply,
  filter: EventFilter,
  format: 'csv' | 'ndjson',
): Promise<void> {
  reply.hijack();
  const type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson';
  reply.raw.writeHead(200, {
    'content-type': type,
    'content-disposition': `attachment; filename="ballast-events.${format === 'csv' ? 'csv' : 'ndjson'}"`,
  });
  if (format === 'csv') reply.raw.write(`${CSV_COLUMNS.join(',')}\n`);
  let cursor: string | undefined;
  do {
    const page = await store.audit.list({ ...filter, order: 'asc' }, { limit: PAGE, cursor });
    const lines = page.items.map((e) => {
      const wire = presentEvent(e);
      return format === 'csv' ? CSV_COLUMNS.map((c) => csvCell(wire[c])).join(',') : JSON.stringify(wire);
    });
    if (lines.length > 0 && !reply.raw.write(`${lines.join('\n')}\n`))
      await new Promise((resolve) => reply.raw.once('drain', resolve));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  reply.raw.end();
}
