/**
 * The NYSE trading calendar as pure civil-date arithmetic: which New York calendar dates are trading
 * days, which are holidays, and which close early. Dates are counted as whole days since 1970-01-01
 * ("day numbers"); no time zone is involved here, that is market-hours.ts's business.
 *
 * The rules are those of the modern NYSE calendar (Monday holidays since 1971, MLK Day since 1998,
 * Juneteenth since 2022); earlier dates follow the same rules, which is not exactly what the exchange did.
 */

export const DAY_MS = 86_400_000;

/** What a calendar date is to the exchange. */
export type DayKind = typeof CLOSED | typeof FULL_DAY | typeof HALF_DAY;
export const CLOSED = 0;
export const FULL_DAY = 1;
export const HALF_DAY = 2;

export interface NyseDay {
  /** YYYY-MM-DD, a New York calendar date. */
  readonly date: string;
  readonly isTradingDay: boolean;
  /** The holiday or special closure that closes a weekday, e.g. 'Good Friday'; null on weekends and trading days. */
  readonly holiday: string | null;
  /** True on half days, when the regular session ends at 13:00 New York time. */
  readonly earlyClose: boolean;
}

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const SUNDAY = 0;
const MONDAY = 1;
const THURSDAY = 4;
const SATURDAY = 6;

/**
 * Unscheduled full-day closures of the exchange (national days of mourning, 9/11, Hurricane Sandy).
 * Nixon's funeral (1994) is listed too because historical bars go back to 1991.
 */
const SPECIAL_CLOSURES: ReadonlyArray<readonly [date: string, reason: string]> = [
  ['1994-04-27', 'National Day of Mourning for President Nixon'],
  ['2001-09-11', 'September 11 attacks'],
  ['2001-09-12', 'September 11 attacks'],
  ['2001-09-13', 'September 11 attacks'],
  ['2001-09-14', 'September 11 attacks'],
  ['2004-06-11', 'National Day of Mourning for President Reagan'],
  ['2007-01-02', 'National Day of Mourning for President Ford'],
  ['2012-10-29', 'Hurricane Sandy'],
  ['2012-10-30', 'Hurricane Sandy'],
  ['2018-12-05', 'National Day of Mourning for President George H. W. Bush'],
  ['2025-01-09', 'National Day of Mourning for President Carter'],
];

/** Day number (days since 1970-01-01) of a proleptic Gregorian date; works for any year. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The inverse of daysFromCivil. */
export function civilFromDays(days: number): CivilDate {
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  // Remove the leap days so far in the era; then every year has 365 days.
  const leaps = Math.floor(dayOfEra / 1460) - Math.floor(dayOfEra / 36_524) + Math.floor(dayOfEra / 146_096);
  const yearOfEra = Math.floor((dayOfEra - leaps) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: era * 400 + yearOfEra + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

/** YYYY-MM-DD of a day number. */
export function formatDays(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a YYYY-MM-DD date; throws on anything that is not a real calendar date. */
export function parseDays(date: string): number {
  const match = DATE_TEXT.exec(date);
  if (match === null) throw new Error(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const days = daysFromCivil(year, month, day);
  const back = civilFromDays(days);
  if (month < 1 || month > 12 || back.month !== month || back.day !== day) {
    throw new Error(`not a calendar date: ${JSON.stringify(date)}`);
  }
  return days;
}

/** Day number of the nth (1-based) given weekday of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  const first = daysFromCivil(year, month, 1);
  return first + ((weekday - weekdayOf(first) + 7) % 7) + 7 * (n - 1);
}

/** Day number of the last given weekday of a month. */
function lastWeekday(year: number, month: number, weekday: number): number {
  const last = month === 12 ? daysFromCivil(year + 1, 1, 1) - 1 : daysFromCivil(year, month + 1, 1) - 1;
  return last - ((weekdayOf(last) - weekday + 7) % 7);
}

/** Easter Sunday by the anonymous Gregorian computus (Meeus/Jones/Butcher). */
export function easterSunday(year: number): number {
  const a = year % 19;
  const century = Math.floor(year / 100);
  const c = year % 100;
  const f = Math.floor((century + 8) / 25);
  const g = Math.floor((century - f + 1) / 3);
  const h = (19 * a + century - Math.floor(century / 4) - g + 15) % 30;
  const l = (32 + 2 * (century % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const monthDay = h + l - 7 * m + 114;
  return daysFromCivil(year, Math.floor(monthDay / 31), (monthDay % 31) + 1);
}

/** A fixed-date holiday on a Saturday is observed the Friday before, on a Sunday the Monday after. */
function observed(days: number): number {
  const weekday = weekdayOf(days);
  if (weekday === SATURDAY) return days - 1;
  if (weekday === SUNDAY) return days + 1;
  return days;
}

/** The weekday holidays of a year, by day number. */
function holidaysOf(year: number): Map<number, string> {
  const holidays = new Map<number, string>();
  const newYear = daysFromCivil(year, 1, 1);
  // New Year's Day on a Saturday is not observed: the Friday before belongs to the previous year.
  if (weekdayOf(newYear) !== SATURDAY) holidays.set(observed(newYear), "New Year's Day");
  if (year >= 1998) holidays.set(nthWeekday(year, 1, MONDAY, 3), 'Martin Luther King Jr. Day');
  holidays.set(nthWeekday(year, 2, MONDAY, 3), "Washington's Birthday");
  holidays.set(easterSunday(year) - 2, 'Good Friday');
  holidays.set(lastWeekday(year, 5, MONDAY), 'Memorial Day');
  if (year >= 2022) holidays.set(observed(daysFromCivil(year, 6, 19)), 'Juneteenth');
  holidays.set(observed(daysFromCivil(year, 7, 4)), 'Independence Day');
  holidays.set(nthWeekday(year, 9, MONDAY, 1), 'Labor Day');
  holidays.set(nthWeekday(year, 11, THURSDAY, 4), 'Thanksgiving Day');
  holidays.set(observed(daysFromCivil(year, 12, 25)), 'Christmas Day');
  for (const [date, reason] of SPECIAL_CLOSURES) {
    if (date.startsWith(`${year}-`)) holidays.set(parseDays(date), reason);
  }
  return holidays;
}

/** July 3, the day after Thanksgiving and December 24 close at 13:00 when they are trading days (Mon–Thu for the fixed dates). */
function halfDaysOf(year: number): number[] {
  const candidates = [daysFromCivil(year, 7, 3), daysFromCivil(year, 12, 24)].filter((days) => {
    const weekday = weekdayOf(days);
    return weekday >= MONDAY && weekday <= THURSDAY;
  });
  return [...candidates, nthWeekday(year, 11, THURSDAY, 4) + 1];
}

interface YearCalendar {
  readonly firstDay: number;
  readonly endDay: number;
  readonly kinds: Uint8Array;
  readonly holidays: ReadonlyMap<number, string>;
  /** YYYY-MM-DD texts, filled in as they are asked for. */
  readonly dates: Array<string | undefined>;
}

const calendars = new Map<number, YearCalendar>();

function buildYear(year: number): YearCalendar {
  const firstDay = daysFromCivil(year, 1, 1);
  const endDay = daysFromCivil(year + 1, 1, 1);
  const kinds = new Uint8Array(endDay - firstDay);
  for (let days = firstDay; days < endDay; days++) {
    const weekday = weekdayOf(days);
    kinds[days - firstDay] = weekday === SATURDAY || weekday === SUNDAY ? CLOSED : FULL_DAY;
  }
  const holidays = holidaysOf(year);
  for (const days of holidays.keys()) {
    if (days < firstDay || days >= endDay) throw new Error(`holiday ${formatDays(days)} is not in ${year}`);
    kinds[days - firstDay] = CLOSED;
  }
  for (const days of halfDaysOf(year)) {
    if (kinds[days - firstDay] === FULL_DAY) kinds[days - firstDay] = HALF_DAY;
  }
  return { firstDay, endDay, kinds, holidays, dates: new Array<string | undefined>(endDay - firstDay) };
}

function yearCalendar(year: number): YearCalendar {
  let calendar = calendars.get(year);
  if (calendar === undefined) {
    calendar = buildYear(year);
    calendars.set(year, calendar);
  }
  return calendar;
}

let recent: YearCalendar = {
  firstDay: 0,
  endDay: 0,
  kinds: new Uint8Array(0),
  holidays: new Map(),
  dates: [],
};

function calendarOfDay(days: number): YearCalendar {
  if (days >= recent.firstDay && days < recent.endDay) return recent;
  if (!Number.isSafeInteger(days)) throw new RangeError(`not a day number: ${days}`);
  recent = yearCalendar(civilFromDays(days).year);
  return recent;
}

/** Whether a day (by day number) is closed, a full trading day or a half day. Fast: one table look-up. */
export function dayKind(days: number): DayKind {
  const calendar = calendarOfDay(days);
  return calendar.kinds[days - calendar.firstDay] as DayKind;
}

/** YYYY-MM-DD of a day number, memoised: hot paths format the same few dates over and over. */
export function dateOfDays(days: number): string {
  const calendar = calendarOfDay(days);
  const index = days - calendar.firstDay;
  const known = calendar.dates[index];
  if (known !== undefined) return known;
  const text = formatDays(days);
  calendar.dates[index] = text;
  return text;
}

/** Calendar facts for a New York calendar date (YYYY-MM-DD). */
export function nyseDay(date: string): NyseDay {
  const days = parseDays(date);
  const kind = dayKind(days);
  const holiday = calendarOfDay(days).holidays.get(days) ?? null;
  return { date, isTradingDay: kind !== CLOSED, holiday, earlyClose: kind === HALF_DAY };
}
