/** Raised for a `cursor` the caller made up or corrupted; the HTTP layer answers 400 CURSOR_INVALID. */
export class CursorError extends Error {
  readonly code = 'CURSOR_INVALID';
}

/** Cursors are opaque to clients: base64url of the last item's sort key. */
export function encodeCursor(key: string | number): string {
  return Buffer.from(String(key), 'utf8').toString('base64url');
}

export function decodeTextCursor(cursor: string): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9A-Za-z-]{1,64}$/.test(key)) throw new CursorError('cursor is not one this server issued');
  return key;
}

export function decodeSeqCursor(cursor: string): number {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d{1,15}$/.test(key)) throw new CursorError('cursor is not one this server issued');
  return Number(key);
}

/** Splits a fetched page of `limit + 1` rows into the page and the cursor of the next one. */
export function pageOf<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => string | number,
): { items: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  return { items, nextCursor: encodeCursor(keyOf(items[items.length - 1]!)) };
}

/** Anything that can finish a keyset page: a filtered select whose rows have a time-ordered `id`. */
interface IdPagedQuery<R> {
  where(column: 'id', op: '<', value: string): IdPagedQuery<R>;
  orderBy(column: 'id', direction: 'desc'): IdPagedQuery<R>;
  limit(n: number): IdPagedQuery<R>;
  execute(): Promise<R[]>;
}

/**
 * Newest first by id (UUIDv7 ids sort by creation), `limit` rows after the cursor, and the cursor of
 * the next page: the paging every list of the API shares.
 */
export async function pageById<R extends { id: string }, T>(
  query: IdPagedQuery<R>,
  page: { limit: number; cursor?: string | undefined },
  map: (row: R) => T,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const q = page.cursor ? query.where('id', '<', decodeTextCursor(page.cursor)) : query;
  const rows = await q
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const { items, nextCursor } = pageOf(rows, page.limit, (r) => r.id);
  return { items: items.map(map), nextCursor };
}
