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
