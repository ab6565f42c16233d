import { formatCount } from '../lib/format';

/** Which slice of a long list the console shows: `from`–`to` of `total`. */
export function pageSlice<T>(
  items: readonly T[],
  page: number,
  size: number,
): { rows: T[]; pages: number; page: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const at = Math.min(Math.max(0, page), pages - 1);
  return { rows: items.slice(at * size, at * size + size), pages, page: at };
}

/** Previous and next through a list the console already holds, for lists of thousands of rows. */
export function Pager({
  page,
  pages,
  total,
  size,
  onPage,
  what,
}: {
  page: number;
  pages: number;
  total: number;
  size: number;
  onPage: (page: number) => void;
  what: string;
}) {
  if (pages <= 1) return null;
  const from = page * size + 1;
  const to = Math.min(total, from + size - 1);
  return (
    <nav className="pager" aria-label={`Pages of ${what}`}>
      <button type="button" className="button small" disabled={page === 0} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <span aria-live="polite">
        {what} {formatCount(from)}–{formatCount(to)} of {formatCount(total)}
      </span>
      <button
        type="button"
        className="button small"
        disabled={page >= pages - 1}
        onClick={() => onPage(page + 1)}
      >
        Next
      </button>
    </nav>
  );
}
