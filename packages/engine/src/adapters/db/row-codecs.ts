import { Decimal, parseDecimal } from '../../domain/decimal.js';
import type { Instant } from '../../domain/ids.js';

let lastInstant = Number.NaN;
let lastIso = '';
/** ISO 8601 text of an instant; a cycle formats the same instant thousands of times, so the last one is kept. */
export function iso(at: Instant): string {
  if (at !== lastInstant) {
    lastIso = new Date(at).toISOString();
    lastInstant = at;
  }
  return lastIso;
}
export const isoOrNull = (at: Instant | null): string | null => (at === null ? null : iso(at));

export function instant(text: string): Instant {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`stored instant is not ISO 8601: ${text}`);
  return ms;
}

export const instantOrNull = (text: string | null): Instant | null => (text === null ? null : instant(text));
export const bool = (n: number): boolean => n !== 0;
export const flag = (b: boolean): number => (b ? 1 : 0);
export const dec = (text: string): Decimal => parseDecimal(text);
export const decOrNull = (text: string | null): Decimal | null => (text === null ? null : parseDecimal(text));
export const text = (d: Decimal): string => d.toFixed();
export const textOrNull = (d: Decimal | null): string | null => (d === null ? null : d.toFixed());

export { Decimal };
