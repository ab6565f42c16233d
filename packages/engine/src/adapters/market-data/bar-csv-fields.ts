/**
 * Field readers for bar CSV files. Each reads the field `text[start, end)` in place, so the common
 * forms cost no allocation; anything unusual (whitespace, quotes, other timestamp forms) takes a
 * slower path on the trimmed field text.
 *
 * Timestamps accepted:
 * - ISO 8601 with a zone: `1991-07-01T16:00:00Z`, `1991-07-01T18:00+02:00`; seconds and a fraction
 *   are optional (digits below the millisecond are truncated); a space may stand for the `T`. A
 *   date-time without a zone is refused: read as local time it would be a different instant on
 *   every machine.
 * - A plain date `YYYY-MM-DD`: 00:00 UTC of that day.
 * - An unsigned integer of epoch seconds or milliseconds: below 100 000 000 000 it is seconds (1e11 s
 *   is the year 5138), from there on milliseconds (1e11 ms is 1973-03-03). So milliseconds before
 *   March 1973 cannot be written this way; use ISO 8601 for those.
 */
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?))?$/;
const SECONDS_BELOW = 1e11;
const MAX_EPOCH_DIGITS = 15;
const MS_PER_DAY = 86_400_000;
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** Records the bounds of up to `bounds.length / 2` fields of `text[start, stop)`; returns the field count. */
export function splitFields(text: string, start: number, stop: number, bounds: Int32Array): number {
  let count = 0;
  for (let from = start; ; count++) {
    const comma = text.indexOf(',', from);
    const end = comma < 0 || comma > stop ? stop : comma;
    if (count * 2 < bounds.length) {
      bounds[count * 2] = from;
      bounds[count * 2 + 1] = end;
    }
    if (end === stop) return count + 1;
    from = end + 1;
  }
}

export function isBlank(text: string, start: number, stop: number): boolean {
  for (let i = start; i < stop; i++) if (text.charCodeAt(i) > 32) return false;
  return true;
}

/** The field as text: trimmed, and without surrounding double quotes. */
export function fieldText(text: string, start: number, end: number): string {
  const raw = text.slice(start, end).trim();
  return raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1).trim() : raw;
}

/** Milliseconds since the epoch, or NaN when the field is none of the accepted forms. */
export function timestampAt(text: string, start: number, end: number): number {
  const fast = plainTimestampAt(text, start, end);
  return Number.isNaN(fast) ? parseTimestamp(fieldText(text, start, end)) : fast;
}

/** The value of a plain positive decimal (`12`, `0.5`; not `.5`, `5.`, `1e3`, `-1`, `0`), else NaN. */
export function positiveDecimalAt(text: string, start: number, end: number): number {
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let dot = -1;
  let nonZero = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (dot >= 0) scale++;
      if (c !== 48) nonZero = true;
    } else if (c === 46 && dot < 0 && i > start) {
      dot = i;
    } else {
      return Number.NaN;
    }
  }
  if (!nonZero || dot === end - 1) return Number.NaN;
  // Both operands are exact below 2^53, and division rounds correctly: the same double as Number(text).
  return digits <= 15 ? mantissa / POW10[scale]! : Number(text.slice(start, end));
}

/** The common forms read in place: `YYYY-MM-DDTHH:MM:SSZ`, `YYYY-MM-DD` and epoch digits. */
function plainTimestampAt(text: string, start: number, end: number): number {
  const length = end - start;
  if (length === 20 && text.charCodeAt(start + 10) === 84 && text.charCodeAt(start + 19) === 90) {
    return dateAt(text, start) * MS_PER_DAY + clockTimeAt(text, start + 11);
  }
  if (length === 10 && text.charCodeAt(start + 4) === 45) return dateAt(text, start) * MS_PER_DAY;
  if (length > 0 && length <= MAX_EPOCH_DIGITS) return epochAt(text, start, end);
  return Number.NaN;
}

/** Milliseconds into the day of the `HH:MM:SS` at `start`, or NaN. */
function clockTimeAt(text: string, start: number): number {
  if (text.charCodeAt(start + 2) !== 58 || text.charCodeAt(start + 5) !== 58) return Number.NaN;
  const h = digitsAt(text, start, 2);
  const mi = digitsAt(text, start + 3, 2);
  const s = digitsAt(text, start + 6, 2);
  return h <= 23 && mi <= 59 && s <= 59 ? ((h * 60 + mi) * 60 + s) * 1000 : Number.NaN;
}

function epochAt(text: string, start: number, end: number): number {
  const value = digitsAt(text, start, end - start);
  return value < SECONDS_BELOW ? value * 1000 : value;
}

/** Days since 1970-01-01 of the `YYYY-MM-DD` at `start`, or NaN. */
function dateAt(text: string, start: number): number {
  if (text.charCodeAt(start + 4) !== 45 || text.charCodeAt(start + 7) !== 45) return Number.NaN;
  const y = digitsAt(text, start, 4);
  const m = digitsAt(text, start + 5, 2);
  const d = digitsAt(text, start + 8, 2);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m) ? daysFromCivil(y, m, d) : Number.NaN;
}

/** The unsigned integer written by `count` digits at `start`, or NaN. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    value = value * 10 + c;
  }
  return value;
}

/** Every accepted form, from the trimmed field text. */
export function parseTimestamp(text: string): number {
  if (/^\d+$/.test(text)) return text.length <= MAX_EPOCH_DIGITS ? epochAt(text, 0, text.length) : Number.NaN;
  const match = ISO_INSTANT.exec(text);
  if (match === null) return Number.NaN;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone = 'Z'] = match;
  const days = dateAt(`${year}-${month}-${day}`, 0);
  const [h, mi, s] = [Number(hour), Number(minute), Number(second)];
  const offset = zoneOffsetMinutes(zone);
  if (Number.isNaN(days) || Number.isNaN(offset) || h > 23 || mi > 59 || s > 59) return Number.NaN;
  const ms = Number(fraction.slice(0, 3).padEnd(3, '0'));
  return days * MS_PER_DAY + ((h * 60 + mi - offset) * 60 + s) * 1000 + ms;
}

function zoneOffsetMinutes(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  return hours > 23 || minutes > 59 ? Number.NaN : sign * (hours * 60 + minutes);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (the "days from civil" algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
