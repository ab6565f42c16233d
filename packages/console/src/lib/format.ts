/**
 * One way to write each kind of figure everywhere in the console. Money and quantities arrive as
 * exact decimal strings and are formatted from the string (Intl rounds decimal strings exactly), so
 * no binary floating point touches a ledger figure on its way to the screen.
 */

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(undefined, options);
    cache.set(key, format);
  }
  return format;
}

type Decimalish = string | null | undefined;

/** Intl formats a decimal string exactly; its TypeScript signature only admits numbers. */
const exact = (format: Intl.NumberFormat, value: string): string => format.format(value as unknown as number);

const DASH = '—';

/** `1234.5`, `USD` → `$1,234.50` (two decimals, half away from zero). */
export function formatMoney(value: Decimalish, currency = 'USD'): string {
  if (value == null) return DASH;
  return exact(numberFormat(`money:${currency}`, { style: 'currency', currency }), value);
}

/** A fee: cents are too coarse for the commissions of small orders, so up to six decimals. */
export function formatFee(value: Decimalish, currency = 'USD'): string {
  if (value == null) return DASH;
  return exact(
    numberFormat(`fee:${currency}`, {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: 6,
    }),
    value,
  );
}

/** A signed amount, as P&L: `+$12.30`, `−$4.00`. */
export function formatSignedMoney(value: Decimalish, currency = 'USD'): string {
  if (value == null) return DASH;
  return exact(
    numberFormat(`signed:${currency}`, { style: 'currency', currency, signDisplay: 'exceptZero' }),
    value,
  );
}

/** Shares and other quantities: up to six decimals, no trailing zeros. */
export function formatQty(value: Decimalish): string {
  if (value == null) return DASH;
  return exact(numberFormat('qty', { maximumFractionDigits: 6 }), value);
}

/** Prices: at least two decimals, up to four. */
export function formatPrice(value: Decimalish): string {
  if (value == null) return DASH;
  return exact(numberFormat('price', { minimumFractionDigits: 2, maximumFractionDigits: 4 }), value);
}

/** A percentage given in percent (3 means 3 %). */
export function formatPct(value: number | string | null | undefined, options: { signed?: boolean } = {}) {
  if (value == null || value === '') return DASH;
  const format = numberFormat(options.signed ? 'pct:signed' : 'pct', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    signDisplay: options.signed ? 'exceptZero' : 'auto',
  });
  return `${typeof value === 'string' ? exact(format, value) : format.format(value)} %`;
}

/** A ratio such as a Sharpe ratio: two decimals, or a dash when there is none. */
export function formatRatio(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return numberFormat('ratio', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/**
 * An amount whose currency is not known (a simulation's bars carry none): two decimals, no symbol.
 * `fine` keeps up to six decimals, for fees.
 */
export function formatAmount(value: Decimalish, options: { fine?: boolean } = {}): string {
  if (value == null) return DASH;
  const key = options.fine ? 'amount:fine' : 'amount';
  return exact(
    numberFormat(key, { minimumFractionDigits: 2, maximumFractionDigits: options.fine ? 6 : 2 }),
    value,
  );
}

export function formatCount(value: number): string {
  return numberFormat('count', { maximumFractionDigits: 0 }).format(value);
}

const local = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
});

/** An instant in the viewer's time zone, e.g. `1 Dec 2026, 07:04:05 CET`. */
export function formatLocalTime(iso: string): string {
  return local.format(new Date(iso));
}

const dateAndTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** A bar's instant, from any year (simulated bars are history): `1 Jul 1991, 18:00`. */
export function formatDateTime(iso: string): string {
  return dateAndTime.format(new Date(iso));
}

const timeOfDay = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const shortDate = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** For tables: `08:03:17` today (in the viewer's zone), `Nov 30, 08:03` before. */
export function formatShortTime(iso: string, now: number): string {
  const at = new Date(iso);
  return at.toDateString() === new Date(now).toDateString() ? timeOfDay.format(at) : shortDate.format(at);
}

/** `1 order`, `3 orders`. */
export function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** The same instant in UTC, for the hover text: `2026-12-01 06:04:05 UTC`. */
export function formatUtcTime(iso: string): string {
  return `${new Date(iso)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '')} UTC`;
}

/** How long ago (or how soon), rounded for people: `12 s ago`, `in 3 min`. */
export function formatRelative(iso: string, now: number): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const size = Math.abs(seconds);
  const text =
    size < 60
      ? `${size} s`
      : size < 3600
        ? `${Math.round(size / 60)} min`
        : size < 86_400
          ? `${Math.round(size / 3600)} h`
          : `${Math.round(size / 86_400)} d`;
  if (size === 0) return 'now';
  return seconds < 0 ? `${text} ago` : `in ${text}`;
}

/** Milliseconds as people read durations: `850 ms`, `2.4 s`, `3 min 5 s`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null) return DASH;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/**
 * The last characters of an id, enough to tell ids apart on screen (the ids are UUIDv7, whose first
 * characters are a timestamp shared by ids made in the same instant).
 */
export function shortId(id: string | null | undefined): string {
  if (!id) return DASH;
  return id.length > 10 ? `…${id.slice(-8)}` : id;
}
