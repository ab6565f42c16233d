/** Columns padded to their widest cell, two spaces apart, the header first (for people; scripts use --json). */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** An instant of the wire shape, to the second (`2025-01-02T14:30:00Z`), or `none` when unset. */
export function formatInstant(iso: string | null, none = '-'): string {
  return iso === null ? none : iso.replace(/\.\d{3}Z$/, 'Z');
}
