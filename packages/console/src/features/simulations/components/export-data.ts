import type { SimulatedTrade } from '@ballast/contracts';

const COLUMNS = [
  'index',
  'at',
  'side',
  'qty',
  'price',
  'fee',
  'cash_after',
  'shares_after',
  'reason',
] as const;

/** A CSV cell: quoted when it holds a comma, a quote or a line break (RFC 4180). */
function cell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The trades of a simulation as CSV, exact decimals as the engine sent them. */
export function tradesCsv(trades: readonly SimulatedTrade[]): string {
  const rows = trades.map((t) => COLUMNS.map((c) => cell(t[c])).join(','));
  return `${[COLUMNS.join(','), ...rows].join('\n')}\n`;
}

/** A file name from a simulation's name or id: `ballast-simulation-dax-2y.csv`. */
export function exportName(kind: string, label: string, extension: string): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `ballast-${kind}-${slug || 'export'}.${extension}`;
}
