import type { Instant } from './ids.js';
import {
  CLOSED,
  civilFromDays,
  DAY_MS,
  type DayKind,
  dateOfDays,
  dayKind,
  daysFromCivil,
  HALF_DAY,
} from './nyse-calendar.js';

export { type NyseDay, nyseDay } from './nyse-calendar.js';

/**
 * When a position may trade. `regular`: the NYSE session, 09:30–16:00 New York time (13:00 on half
 * days). `extended`: 04:00–20:00 on NYSE trading days (04:00–17:00 on half days). `always`: 24×7.
 * Every session is a half-open interval [open, close).
 */
export type MarketHoursMode = 'regular' | 'extended' | 'always';
export const MARKET_HOURS_MODES: readonly MarketHoursMode[] = Object.freeze([
  'regular',
  'extended',
  'always',
]);

export function isMarketHoursMode(value: unknown): value is MarketHoursMode {
  return typeof value === 'string' && (MARKET_HOURS_MODES as readonly string[]).includes(value);
}

const HOUR_MS = 3_600_000;
/** Session bounds as milliseconds after New York midnight: [open, close on a full day, close on a half day]. */
const REGULAR = [9.5 * HOUR_MS, 16 * HOUR_MS, 13 * HOUR_MS] as const;
const EXTENDED = [4 * HOUR_MS, 20 * HOUR_MS, 17 * HOUR_MS] as const;
/** No closure lasts this long: 9/11 closed the exchange for four weekdays plus a weekend. */
const MAX_SEARCH_DAYS = 20;
/** How far apart the time-zone database is sampled when looking for a year's DST transitions. */
const PROBE_DAYS = 30;

// ---- New York's UTC offset --------------------------------------------------------------------
// Intl.DateTimeFormat#formatToParts costs microseconds, so it is only used to find, once per UTC
// year, the spans of constant offset (the DST transitions come from the time-zone database).

interface OffsetSpan {
  readonly start: Instant;
  readonly end: Instant;
  /** New York local time minus UTC, in milliseconds (e.g. −5 h in winter). */
  readonly offset: number;
}

let newYorkFormat: Intl.DateTimeFormat | undefined;
const spansByYear = new Map<number, readonly OffsetSpan[]>();
let recentSpan: OffsetSpan = { start: 0, end: 0, offset: 0 };

function formatter(): Intl.DateTimeFormat {
  newYorkFormat ??= new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/New_York',
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return newYorkFormat;
}

/** The offset straight from the time-zone database (slow). */
function offsetFromIntl(at: Instant): number {
  const fields: Record<string, number> = {};
  for (const part of formatter().formatToParts(at)) fields[part.type] = Number(part.value);
  const { year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0 } = fields;
  const local = daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000;
  return local - Math.floor(at / 1000) * 1000;
}

/**
 * The first whole second in (from, to] whose offset differs from the offset at `from`, both whole
 * seconds, with exactly one change between them. Time-zone transitions fall on whole seconds.
 */
function findTransition(from: Instant, to: Instant): Instant {
  const before = offsetFromIntl(from);
  let low = from;
  let high = to;
  while (high - low > 1000) {
    const middle = low + Math.floor((high - low) / 2000) * 1000;
    if (offsetFromIntl(middle) === before) low = middle;
    else high = middle;
  }
  return high;
}

/**
 * Spans of constant offset covering one UTC year, found by probes every PROBE_DAYS refined by
 * bisection. (Two changes that cancel out between probes would be missed; New York's are months apart.)
 */
function offsetSpansOf(year: number): OffsetSpan[] {
  const yearStart = daysFromCivil(year, 1, 1) * DAY_MS;
  const yearEnd = daysFromCivil(year + 1, 1, 1) * DAY_MS;
  const spans: OffsetSpan[] = [];
  let spanStart = yearStart;
  let offset = offsetFromIntl(yearStart);
  let probe = yearStart;
  const lastSecond = yearEnd - 1000;
  while (probe < lastSecond) {
    const next = Math.min(probe + PROBE_DAYS * DAY_MS, lastSecond);
    if (offsetFromIntl(next) === offset) {
      probe = next;
      continue;
    }
    const change = findTransition(probe, next);
    spans.push({ start: spanStart, end: change, offset });
    spanStart = change;
    offset = offsetFromIntl(change);
    probe = change;
  }
  spans.push({ start: spanStart, end: yearEnd, offset });
  return spans;
}

function lookUpOffset(at: Instant): number {
  if (!Number.isFinite(at)) throw new RangeError(`not an instant: ${at}`);
  const year = civilFromDays(Math.floor(at / DAY_MS)).year;
  let spans = spansByYear.get(year);
  if (spans === undefined) {
    spans = offsetSpansOf(year);
    spansByYear.set(year, spans);
  }
  recentSpan = spans.find((span) => at >= span.start && at < span.end)!;
  return recentSpan.offset;
}

/** New York local time minus UTC at an instant, in milliseconds. */
export function newYorkOffset(at: Instant): number {
  return at >= recentSpan.start && at < recentSpan.end ? recentSpan.offset : lookUpOffset(at);
}

/** The instant of a New York wall-clock time (ms since the epoch as if New York were UTC); not for the skipped or repeated hour. */
function fromNewYorkLocal(local: number): Instant {
  let at = local - newYorkOffset(local);
  at = local - newYorkOffset(at);
  return local - newYorkOffset(at);
}

// ---- Dates --------------------------------------------------------------------------------------

function newYorkDays(at: Instant): number {
  return Math.floor((at + newYorkOffset(at)) / DAY_MS);
}

/** The New York calendar date (YYYY-MM-DD) of an instant. */
export function newYorkDate(at: Instant): string {
  return dateOfDays(newYorkDays(at));
}

/** The date a position trades on: the New York date for regular/extended, the UTC date for always. */
export function tradingDayOf(mode: MarketHoursMode, at: Instant): string {
  if (mode === 'always') {
    if (!Number.isFinite(at)) throw new RangeError(`not an instant: ${at}`);
    return dateOfDays(Math.floor(at / DAY_MS));
  }
  return newYorkDate(at);
}

/**
 * The first instant after `at` whose trading day differs from that of `at` (the next midnight of the
 * trading-day clock: UTC for always, New York otherwise, daylight saving included).
 */
export function nextTradingDayStart(mode: MarketHoursMode, at: Instant): Instant {
  if (mode === 'always') return (Math.floor(at / DAY_MS) + 1) * DAY_MS;
  const nextLocalMidnight = (newYorkDays(at) + 1) * DAY_MS;
  return fromNewYorkLocal(nextLocalMidnight);
}

// ---- Sessions -----------------------------------------------------------------------------------

function boundsOf(mode: MarketHoursMode): typeof REGULAR | typeof EXTENDED {
  if (mode === 'regular') return REGULAR;
  if (mode === 'extended') return EXTENDED;
  throw new Error(`not a market-hours mode: ${JSON.stringify(mode)}`);
}

function closeOf(bounds: typeof REGULAR | typeof EXTENDED, kind: DayKind): number {
  return kind === HALF_DAY ? bounds[2] : bounds[1];
}

/** Whether a position with these market hours may trade at an instant. */
export function isMarketOpen(mode: MarketHoursMode, at: Instant): boolean {
  if (mode === 'always') return true;
  const bounds = boundsOf(mode);
  const local = at + newYorkOffset(at);
  const days = Math.floor(local / DAY_MS);
  const kind = dayKind(days);
  if (kind === CLOSED) return false;
  const sinceMidnight = local - days * DAY_MS;
  return sinceMidnight >= bounds[0] && sinceMidnight < closeOf(bounds, kind);
}

/** The first instant at or after `at` when the market is open (`at` itself when it is open now). */
export function nextMarketOpen(mode: MarketHoursMode, at: Instant): Instant {
  if (isMarketOpen(mode, at)) return at;
  const bounds = boundsOf(mode);
  const firstDay = newYorkDays(at);
  for (let days = firstDay; days <= firstDay + MAX_SEARCH_DAYS; days++) {
    const kind = dayKind(days);
    if (kind === CLOSED) continue;
    const open = fromNewYorkLocal(days * DAY_MS + bounds[0]);
    const close = fromNewYorkLocal(days * DAY_MS + closeOf(bounds, kind));
    if (at < close) return Math.max(at, open);
  }
  throw new Error(`no ${mode} session within ${MAX_SEARCH_DAYS} days of ${newYorkDate(at)}`);
}
