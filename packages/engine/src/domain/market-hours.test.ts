import { describe, expect, it } from 'vitest';
import type { Instant } from './ids.js';
import {
  isMarketHoursMode,
  isMarketOpen,
  MARKET_HOURS_MODES,
  type MarketHoursMode,
  newYorkDate,
  newYorkOffset,
  nextMarketOpen,
  nextTradingDayStart,
  nyseDay,
  tradingDayOf,
} from './market-hours.js';

/** An instant from an ISO text with an explicit offset, so every test states the UTC instant it means. */
function at(text: string): Instant {
  const instant = Date.parse(text);
  if (Number.isNaN(instant)) throw new Error(`bad test instant ${text}`);
  return instant;
}

function iso(instant: Instant): string {
  return new Date(instant).toISOString();
}

/** Every date of a year as YYYY-MM-DD. */
function datesOf(year: number): string[] {
  const dates: string[] = [];
  for (let day = Date.UTC(year, 0, 1); day < Date.UTC(year + 1, 0, 1); day += 86_400_000) {
    dates.push(iso(day).slice(0, 10));
  }
  return dates;
}

/** The weekday closures of a year, as 'date name'. */
function holidaysOf(year: number): string[] {
  return datesOf(year)
    .map(nyseDay)
    .filter((day) => day.holiday !== null)
    .map((day) => `${day.date} ${day.holiday}`);
}

function halfDaysOf(year: number): string[] {
  return datesOf(year)
    .map(nyseDay)
    .filter((day) => day.earlyClose)
    .map((day) => day.date);
}

describe('the regular session on an ordinary Tuesday', () => {
  it('in winter (EST, UTC−5) opens at 09:30 and closes at 16:00 New York time', () => {
    expect(isMarketOpen('regular', at('2026-01-06T09:29:59-05:00'))).toBe(false);
    expect(isMarketOpen('regular', at('2026-01-06T09:30:00-05:00'))).toBe(true);
    expect(isMarketOpen('regular', at('2026-01-06T15:59:59-05:00'))).toBe(true);
    expect(isMarketOpen('regular', at('2026-01-06T15:59:59.999-05:00'))).toBe(true);
    expect(isMarketOpen('regular', at('2026-01-06T16:00:00-05:00'))).toBe(false);
  });

  it('in summer (EDT, UTC−4) opens an hour earlier in UTC', () => {
    expect(isMarketOpen('regular', at('2026-07-07T09:29:59-04:00'))).toBe(false);
    expect(isMarketOpen('regular', at('2026-07-07T09:30:00-04:00'))).toBe(true);
    expect(isMarketOpen('regular', at('2026-07-07T15:59:59-04:00'))).toBe(true);
    expect(isMarketOpen('regular', at('2026-07-07T16:00:00-04:00'))).toBe(false);
    // 13:30 UTC is 09:30 in summer but only 08:30 in winter.
    expect(isMarketOpen('regular', at('2026-07-07T13:30:00Z'))).toBe(true);
    expect(isMarketOpen('regular', at('2026-01-06T13:30:00Z'))).toBe(false);
    // 20:30 UTC is 15:30 in winter but 16:30 in summer.
    expect(isMarketOpen('regular', at('2026-01-06T20:30:00Z'))).toBe(true);
    expect(isMarketOpen('regular', at('2026-07-07T20:30:00Z'))).toBe(false);
  });
});

describe('daylight saving time comes from the time-zone database', () => {
  it('springs forward at 02:00 EST on 2026-03-08 and the market opens Monday at 13:30 UTC', () => {
    expect(newYorkOffset(at('2026-03-08T06:59:59.999Z'))).toBe(-5 * 3_600_000);
    expect(newYorkOffset(at('2026-03-08T07:00:00Z'))).toBe(-4 * 3_600_000);
    expect(isMarketOpen('regular', at('2026-03-06T14:30:00Z'))).toBe(true); // Friday 09:30 EST
    expect(isMarketOpen('regular', at('2026-03-08T15:00:00Z'))).toBe(false); // the Sunday itself
    expect(nextMarketOpen('regular', at('2026-03-07T12:00:00Z'))).toBe(at('2026-03-09T13:30:00Z'));
    expect(isMarketOpen('regular', at('2026-03-09T13:29:59Z'))).toBe(false);
    expect(isMarketOpen('regular', at('2026-03-09T13:30:00Z'))).toBe(true);
  });

  it('falls back at 02:00 EDT on 2026-11-01 and the market opens Monday at 14:30 UTC', () => {
    expect(newYorkOffset(at('2026-11-01T05:59:59.999Z'))).toBe(-4 * 3_600_000);
    expect(newYorkOffset(at('2026-11-01T06:00:00Z'))).toBe(-5 * 3_600_000);
    expect(isMarketOpen('regular', at('2026-10-30T13:30:00Z'))).toBe(true); // Friday 09:30 EDT
    expect(nextMarketOpen('regular', at('2026-10-31T12:00:00Z'))).toBe(at('2026-11-02T14:30:00Z'));
    expect(isMarketOpen('regular', at('2026-11-02T13:30:00Z'))).toBe(false);
    expect(isMarketOpen('regular', at('2026-11-02T14:30:00Z'))).toBe(true);
  });
});

describe('weekends', () => {
  it('are closed for regular and extended hours but not for always', () => {
    for (const instant of [at('2026-01-10T11:00:00-05:00'), at('2026-01-11T11:00:00-05:00')]) {
      expect(isMarketOpen('regular', instant)).toBe(false);
      expect(isMarketOpen('extended', instant)).toBe(false);
      expect(isMarketOpen('always', instant)).toBe(true);
    }
    expect(nyseDay('2026-01-10')).toEqual({
      date: '2026-01-10',
      isTradingDay: false,
      holiday: null,
      earlyClose: false,
    });
  });
});

describe('NYSE holidays', () => {
  it('in 2026 are exactly the ten published closures, Independence Day observed on Friday July 3', () => {
    expect(holidaysOf(2026)).toEqual([
      "2026-01-01 New Year's Day",
      '2026-01-19 Martin Luther King Jr. Day',
      "2026-02-16 Washington's Birthday",
      '2026-04-03 Good Friday',
      '2026-05-25 Memorial Day',
      '2026-06-19 Juneteenth',
      '2026-07-03 Independence Day',
      '2026-09-07 Labor Day',
      '2026-11-26 Thanksgiving Day',
      '2026-12-25 Christmas Day',
    ]);
  });

  it('close the market all day, even for extended hours', () => {
    for (const date of ['2026-01-01', '2026-01-19', '2026-02-16', '2026-04-03', '2026-05-25']) {
      expect(isMarketOpen('regular', at(`${date}T16:00:00Z`)), date).toBe(false);
      expect(isMarketOpen('extended', at(`${date}T16:00:00Z`)), date).toBe(false);
    }
    for (const date of ['2026-06-19', '2026-07-03', '2026-09-07', '2026-11-26', '2026-12-25']) {
      expect(isMarketOpen('regular', at(`${date}T16:00:00Z`)), date).toBe(false);
      expect(nyseDay(date).isTradingDay, date).toBe(false);
    }
    expect(isMarketOpen('regular', at('2026-01-02T16:00:00Z'))).toBe(true); // the day after New Year
  });

  it('in 2027 move Juneteenth and Christmas (Saturdays) to Friday and Independence Day (Sunday) to Monday', () => {
    expect(holidaysOf(2027)).toEqual([
      "2027-01-01 New Year's Day",
      '2027-01-18 Martin Luther King Jr. Day',
      "2027-02-15 Washington's Birthday",
      '2027-03-26 Good Friday',
      '2027-05-31 Memorial Day',
      '2027-06-18 Juneteenth',
      '2027-07-05 Independence Day',
      '2027-09-06 Labor Day',
      '2027-11-25 Thanksgiving Day',
      '2027-12-24 Christmas Day',
    ]);
  });

  it('do not close Friday 2027-12-31 for New Year 2028, which falls on a Saturday', () => {
    expect(nyseDay('2027-12-31')).toEqual({
      date: '2027-12-31',
      isTradingDay: true,
      holiday: null,
      earlyClose: false,
    });
    expect(isMarketOpen('regular', at('2027-12-31T15:59:59-05:00'))).toBe(true);
    expect(nyseDay('2028-01-03')).toMatchObject({ isTradingDay: true, holiday: null }); // nor the Monday after
    expect(nyseDay('2021-12-31').isTradingDay).toBe(true); // New Year 2022 was a Saturday too
  });

  it('move New Year on a Sunday to the Monday', () => {
    expect(nyseDay('2023-01-02').holiday).toBe("New Year's Day");
    expect(nyseDay('2017-01-02').holiday).toBe("New Year's Day");
  });

  it('put Good Friday two days before the Gregorian Easter Sunday', () => {
    for (const date of ['1991-03-29', '2000-04-21', '2019-04-19', '2024-03-29', '2025-04-18', '2026-04-03']) {
      expect(nyseDay(date).holiday, date).toBe('Good Friday');
    }
    expect(nyseDay('2024-03-28').isTradingDay).toBe(true);
    expect(nyseDay('2024-04-01').isTradingDay).toBe(true); // Easter Monday is not a NYSE holiday
  });

  it('include Juneteenth from 2022 but not in 2021', () => {
    expect(nyseDay('2021-06-18')).toMatchObject({ isTradingDay: true, holiday: null }); // would be the observed Friday
    expect(nyseDay('2022-06-20')).toMatchObject({ isTradingDay: false, holiday: 'Juneteenth' }); // June 19 was a Sunday
    expect(nyseDay('2023-06-19').holiday).toBe('Juneteenth');
  });

  it('include Martin Luther King Jr. Day only from 1998', () => {
    expect(nyseDay('1997-01-20').isTradingDay).toBe(true);
    expect(nyseDay('1998-01-19').holiday).toBe('Martin Luther King Jr. Day');
  });

  it('close 1991-07-04, where the historical bars begin', () => {
    expect(nyseDay('1991-07-04')).toMatchObject({ isTradingDay: false, holiday: 'Independence Day' });
    expect(isMarketOpen('regular', at('1991-07-04T11:00:00-04:00'))).toBe(false);
    expect(isMarketOpen('regular', at('1991-07-05T11:00:00-04:00'))).toBe(true);
  });

  it('include the unscheduled closures: 9/11, days of mourning and Hurricane Sandy', () => {
    for (const date of ['2001-09-11', '2001-09-12', '2001-09-13', '2001-09-14']) {
      expect(nyseDay(date).holiday, date).toBe('September 11 attacks');
    }
    for (const date of ['2004-06-11', '2007-01-02', '2012-10-29', '2012-10-30', '2018-12-05', '2025-01-09']) {
      expect(nyseDay(date).isTradingDay, date).toBe(false);
      expect(nyseDay(date).holiday, date).not.toBeNull();
    }
    expect(nyseDay('2012-10-31').isTradingDay).toBe(true);
    expect(nextMarketOpen('regular', at('2001-09-10T16:00:00-04:00'))).toBe(at('2001-09-17T09:30:00-04:00'));
  });
});

describe('half days', () => {
  it('in 2026 are the day after Thanksgiving and Christmas Eve; July 2 is a full day because July 3 is the holiday', () => {
    expect(halfDaysOf(2026)).toEqual(['2026-11-27', '2026-12-24']);
    expect(nyseDay('2026-07-02')).toMatchObject({ isTradingDay: true, earlyClose: false });
    expect(isMarketOpen('regular', at('2026-07-02T15:30:00-04:00'))).toBe(true);
  });

  it('include July 3 and Christmas Eve when they fall Monday to Thursday', () => {
    expect(halfDaysOf(2025)).toEqual(['2025-07-03', '2025-11-28', '2025-12-24']);
    expect(halfDaysOf(2027)).toEqual(['2027-11-26']); // July 3 is a Saturday, December 24 the Christmas holiday
  });

  it('end the regular session at 13:00 New York time', () => {
    expect(isMarketOpen('regular', at('2026-11-27T09:30:00-05:00'))).toBe(true);
    expect(isMarketOpen('regular', at('2026-11-27T12:59:00-05:00'))).toBe(true);
    expect(isMarketOpen('regular', at('2026-11-27T12:59:59.999-05:00'))).toBe(true);
    expect(isMarketOpen('regular', at('2026-11-27T13:00:00-05:00'))).toBe(false);
    expect(nextMarketOpen('regular', at('2026-11-27T13:00:00-05:00'))).toBe(at('2026-11-30T09:30:00-05:00'));
  });

  it('end the extended after-hours session at 17:00 instead of 20:00', () => {
    expect(isMarketOpen('extended', at('2026-12-24T13:30:00-05:00'))).toBe(true);
    expect(isMarketOpen('extended', at('2026-12-24T16:59:00-05:00'))).toBe(true);
    expect(isMarketOpen('extended', at('2026-12-24T17:00:00-05:00'))).toBe(false);
    expect(nextMarketOpen('extended', at('2026-12-24T17:00:00-05:00'))).toBe(at('2026-12-28T04:00:00-05:00'));
  });
});

describe('extended hours', () => {
  it('run from 04:00 to 20:00 New York time on trading days', () => {
    expect(isMarketOpen('extended', at('2026-01-06T03:59:00-05:00'))).toBe(false);
    expect(isMarketOpen('extended', at('2026-01-06T03:59:59.999-05:00'))).toBe(false);
    expect(isMarketOpen('extended', at('2026-01-06T04:00:00-05:00'))).toBe(true);
    expect(isMarketOpen('extended', at('2026-01-06T08:00:00-05:00'))).toBe(true);
    expect(isMarketOpen('extended', at('2026-01-06T17:30:00-05:00'))).toBe(true);
    expect(isMarketOpen('extended', at('2026-01-06T19:59:00-05:00'))).toBe(true);
    expect(isMarketOpen('extended', at('2026-01-06T20:00:00-05:00'))).toBe(false);
    expect(isMarketOpen('extended', at('2026-07-07T04:00:00-04:00'))).toBe(true);
    expect(isMarketOpen('extended', at('2026-07-07T20:00:00-04:00'))).toBe(false);
  });
});

describe('always', () => {
  it('is open around the clock, weekends and holidays included', () => {
    expect(isMarketOpen('always', at('2026-01-11T03:00:00Z'))).toBe(true); // a Sunday
    expect(isMarketOpen('always', at('2026-12-25T12:00:00Z'))).toBe(true);
    expect(nextMarketOpen('always', at('2026-01-11T03:00:00Z'))).toBe(at('2026-01-11T03:00:00Z'));
  });
});

describe('tradingDayOf', () => {
  it('is the New York date for regular and extended hours, even after UTC midnight', () => {
    expect(tradingDayOf('regular', at('2026-03-10T03:00:00Z'))).toBe('2026-03-09');
    expect(tradingDayOf('extended', at('2026-03-10T03:00:00Z'))).toBe('2026-03-09');
    expect(tradingDayOf('regular', at('2026-01-07T04:59:59.999Z'))).toBe('2026-01-06');
    expect(tradingDayOf('regular', at('2026-01-07T05:00:00Z'))).toBe('2026-01-07');
    expect(newYorkDate(at('2026-07-08T03:59:59Z'))).toBe('2026-07-07');
    expect(newYorkDate(at('2026-07-08T04:00:00Z'))).toBe('2026-07-08');
  });

  it('is the UTC date for always', () => {
    expect(tradingDayOf('always', at('2026-03-10T03:00:00Z'))).toBe('2026-03-10');
    expect(tradingDayOf('always', at('2026-03-09T23:59:59.999Z'))).toBe('2026-03-09');
  });
});

describe('nextMarketOpen', () => {
  it('is the instant itself while the market is open', () => {
    expect(nextMarketOpen('regular', at('2026-01-06T10:00:00-05:00'))).toBe(at('2026-01-06T10:00:00-05:00'));
  });

  it('is 09:30 the same morning before the open', () => {
    expect(nextMarketOpen('regular', at('2026-01-06T08:00:00-05:00'))).toBe(at('2026-01-06T09:30:00-05:00'));
    expect(nextMarketOpen('regular', at('2026-01-06T00:00:00-05:00'))).toBe(at('2026-01-06T09:30:00-05:00'));
  });

  it('goes from a Friday evening to Monday 09:30', () => {
    expect(nextMarketOpen('regular', at('2026-01-09T18:00:00-05:00'))).toBe(at('2026-01-12T09:30:00-05:00'));
    expect(nextMarketOpen('extended', at('2026-01-09T20:00:00-05:00'))).toBe(at('2026-01-12T04:00:00-05:00'));
  });

  it('skips a holiday weekend', () => {
    // Martin Luther King Jr. Day: Friday close to Tuesday open.
    expect(nextMarketOpen('regular', at('2026-01-16T16:00:00-05:00'))).toBe(at('2026-01-20T09:30:00-05:00'));
    expect(nextMarketOpen('extended', at('2026-01-16T20:00:00-05:00'))).toBe(at('2026-01-20T04:00:00-05:00'));
    // Good Friday: Thursday close to Monday open.
    expect(nextMarketOpen('regular', at('2026-04-02T16:00:00-04:00'))).toBe(at('2026-04-06T09:30:00-04:00'));
  });

  it('stays in the after-hours session for extended hours after the regular close', () => {
    expect(nextMarketOpen('extended', at('2026-01-06T16:00:00-05:00'))).toBe(at('2026-01-06T16:00:00-05:00'));
  });
});

describe('agreement with the time-zone database', () => {
  const newYorkParts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/New_York',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

  /** A slow, obviously correct reference: format the instant in New York and compare wall-clock minutes. */
  function referenceOpen(instant: Instant): { regular: boolean; extended: boolean } {
    const parts = new Map(newYorkParts.formatToParts(instant).map((p) => [p.type, p.value]));
    const day = nyseDay(`${parts.get('year')}-${parts.get('month')}-${parts.get('day')}`);
    const minutes = Number(parts.get('hour')) * 60 + Number(parts.get('minute'));
    return {
      regular: day.isTradingDay && minutes >= 9 * 60 + 30 && minutes < (day.earlyClose ? 13 : 16) * 60,
      extended: day.isTradingDay && minutes >= 4 * 60 && minutes < (day.earlyClose ? 17 : 20) * 60,
    };
  }

  it('matches a reference built directly on Intl every 17 minutes of 2026, and newYorkDate matches too', () => {
    const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' });
    const disagreements: string[] = [];
    for (
      let instant = at('2026-01-01T00:00:00Z');
      instant < at('2027-01-01T00:00:00Z');
      instant += 17 * 60_000
    ) {
      const expected = { ...referenceOpen(instant), date: dateFormat.format(instant) };
      const actual = {
        regular: isMarketOpen('regular', instant),
        extended: isMarketOpen('extended', instant),
        date: newYorkDate(instant),
      };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) disagreements.push(iso(instant));
    }
    expect(disagreements).toEqual([]);
  });

  it('gives a nextMarketOpen that is open and starts a session', () => {
    for (const mode of ['regular', 'extended'] as const) {
      for (
        let instant = at('2026-11-20T00:00:00Z');
        instant < at('2027-01-10T00:00:00Z');
        instant += 97 * 60_000
      ) {
        const next = nextMarketOpen(mode, instant);
        expect(next).toBeGreaterThanOrEqual(instant);
        expect(isMarketOpen(mode, next), iso(instant)).toBe(true);
        if (next > instant) expect(isMarketOpen(mode, next - 1), iso(instant)).toBe(false);
      }
    }
  });
});

describe('bad input', () => {
  it('is refused rather than guessed at', () => {
    expect(() => nyseDay('2026-02-30')).toThrow();
    expect(() => nyseDay('2026-1-5')).toThrow();
    expect(() => isMarketOpen('regular', Number.NaN)).toThrow();
    expect(() => isMarketOpen('sometimes' as MarketHoursMode, at('2026-01-06T10:00:00-05:00'))).toThrow();
  });

  it('recognises the three modes', () => {
    expect(MARKET_HOURS_MODES).toEqual(['regular', 'extended', 'always']);
    expect(isMarketHoursMode('extended')).toBe(true);
    expect(isMarketHoursMode('Regular')).toBe(false);
    expect(isMarketHoursMode(null)).toBe(false);
  });
});

describe('nextTradingDayStart', () => {
  it('is the next UTC midnight for always', () => {
    expect(new Date(nextTradingDayStart('always', Date.UTC(2026, 0, 5, 23, 59))).toISOString()).toBe(
      '2026-01-06T00:00:00.000Z',
    );
  });
  it('is the next New York midnight for exchange hours, in winter and in summer', () => {
    expect(new Date(nextTradingDayStart('regular', Date.UTC(2026, 0, 5, 15))).toISOString()).toBe(
      '2026-01-06T05:00:00.000Z',
    );
    expect(new Date(nextTradingDayStart('extended', Date.UTC(2026, 6, 6, 3, 59))).toISOString()).toBe(
      '2026-07-06T04:00:00.000Z',
    );
  });
  it('changes the trading day exactly there', () => {
    const at = Date.UTC(2026, 2, 7, 20);
    const next = nextTradingDayStart('regular', at);
    expect(tradingDayOf('regular', next - 1)).toBe(tradingDayOf('regular', at));
    expect(tradingDayOf('regular', next)).not.toBe(tradingDayOf('regular', at));
  });
});
