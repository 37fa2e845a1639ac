import { describe, expect, it } from '@jest/globals';
import { CHINA_PUBLIC_HOLIDAYS_2025_2026 } from './china-holidays.js';
import {
  CalendarInputError,
  StatutoryCalendar,
  endOfLocalDay,
  isIsoDate,
  localDateOf,
  plusCalendarDays,
  type CalendarDay,
} from './statutory-days.js';

// Every expectation below was worked out by hand against the 2025/2026 State Council arrangements
// (2025-01-01 is a Wednesday, 2026-01-01 a Thursday); weekdays are noted for the reader.
const calendar = new StatutoryCalendar(CHINA_PUBLIC_HOLIDAYS_2025_2026);

function expectInputError(action: () => unknown): void {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(CalendarInputError);
  expect((caught as CalendarInputError).code).toBe('CALENDAR_INPUT_INVALID');
}

describe('StatutoryCalendar.isRestDay / isWorkingDay', () => {
  it.each([
    ['treats an ordinary Saturday as a rest day', '2026-03-07', true],
    ['treats an ordinary Sunday as a rest day', '2026-03-08', true],
    ['treats an ordinary Monday as a working day', '2026-03-09', false],
    ['treats a weekday public holiday as a rest day', '2026-10-01', true],
    ['treats the Monday that closes Spring Festival as a rest day', '2026-02-23', true],
    ['treats a make-up Saturday as a working day', '2026-02-14', false],
    ['treats a make-up Sunday as a working day', '2026-01-04', false],
  ])('%s (%s)', (_name, day, rest) => {
    expect(calendar.isRestDay(day)).toBe(rest);
    expect(calendar.isWorkingDay(day)).toBe(!rest);
  });

  it('rejects a malformed day instead of calling it a working day', () => {
    expectInputError(() => calendar.isWorkingDay('2026-02-30'));
  });
});

describe('StatutoryCalendar.addDays in calendarDays mode', () => {
  it.each([
    ['does not count the start day', '2026-03-02', 1, '2026-03-03'], // Mon -> Tue
    ['keeps a period that ends on an ordinary working day', '2026-03-02', 10, '2026-03-12'], // Thu
    [
      'ends a 20-day period that lands on a Saturday on the following Monday',
      '2026-03-01',
      20,
      '2026-03-23', // lands Sat 03-21
    ],
    ['moves a period ending on an ordinary Sunday to Monday', '2026-03-12', 10, '2026-03-23'],
    ['skips the whole Spring Festival holiday', '2026-02-05', 10, '2026-02-24'], // lands Sun 02-15
    ['skips the rest of Spring Festival from mid-holiday', '2026-02-13', 7, '2026-02-24'], // Fri 02-20
    ['treats a make-up Saturday as a working day', '2026-02-18', 10, '2026-02-28'],
    ['ends on the make-up Saturday before Spring Festival', '2026-02-04', 10, '2026-02-14'],
    ['moves a period ending on New Year to the make-up Sunday', '2025-12-22', 10, '2026-01-04'],
    ['keeps a period ending on a make-up Sunday', '2025-12-25', 10, '2026-01-04'],
    ['skips Qingming that runs into Monday', '2026-03-25', 10, '2026-04-07'], // lands Sat 04-04
    ['skips the Labour Day holiday', '2026-04-21', 10, '2026-05-06'], // lands Fri 05-01
    ['skips the Dragon Boat holiday', '2026-06-09', 10, '2026-06-22'], // lands Fri 06-19
    ['skips the Mid-Autumn holiday', '2026-09-17', 10, '2026-09-28'], // lands Sun 09-27
    ['skips the National Day holiday', '2026-09-21', 10, '2026-10-08'], // lands Thu 10-01
    ['skips the 2025 Spring Festival holiday', '2025-01-18', 10, '2025-02-05'], // lands Tue 01-28
    ['keeps a 2025 make-up Sunday', '2025-09-18', 10, '2025-09-28'],
    ['returns a working start day unchanged for zero days', '2026-03-02', 0, '2026-03-02'],
    ['rolls a rest start day forward for zero days', '2026-02-15', 0, '2026-02-24'],
  ])('%s', (_name, start, days, expected) => {
    expect(calendar.addDays(start, days, 'calendarDays')).toBe(expected);
  });
});

describe('StatutoryCalendar.addDays in workingDays mode', () => {
  it.each([
    ['counts working days in workingDays mode', '2026-03-02', 5, '2026-03-09'], // Mon -> next Mon
    [
      'counts the make-up Saturday and skips Spring Festival',
      '2026-02-12', // Thu: Fri 02-13 (1), Sat 02-14 (2), Tue 02-24 (3)
      3,
      '2026-02-24',
    ],
    ['counts the New Year make-up Sunday', '2025-12-31', 2, '2026-01-05'], // Sun 01-04, Mon 01-05
    ['starts counting after a rest start day', '2026-02-15', 1, '2026-02-24'],
    ['rolls a rest start day forward for zero days', '2026-10-03', 0, '2026-10-08'],
  ])('%s', (_name, start, days, expected) => {
    expect(calendar.addDays(start, days, 'workingDays')).toBe(expected);
  });
});

describe('StatutoryCalendar.subtractDays', () => {
  it.each([
    [
      'moves an information lead-time date back to the previous working day',
      '2026-03-23',
      15,
      'calendarDays',
      '2026-03-06', // lands Sun 03-08 -> Fri 03-06
    ],
    ['keeps a lead-time date that is a working day', '2026-03-20', 7, 'calendarDays', '2026-03-13'],
    [
      'moves back across Spring Festival to the make-up Saturday',
      '2026-03-02',
      10,
      'calendarDays',
      '2026-02-14', // lands Fri 02-20 (holiday)
    ],
    ['moves back across New Year into 2025', '2026-01-13', 10, 'calendarDays', '2025-12-31'],
    [
      'keeps a lead-time date on a make-up Saturday',
      '2026-10-20',
      10,
      'calendarDays',
      '2026-10-10',
    ],
    ['rolls a rest end day back for zero days', '2026-10-05', 0, 'calendarDays', '2026-09-30'],
    ['counts one working day back over a weekend', '2026-03-09', 1, 'workingDays', '2026-03-06'],
    [
      'counts working days backwards across Spring Festival',
      '2026-02-26', // Thu: Wed 02-25 (1), Tue 02-24 (2), Sat 02-14 (3)
      3,
      'workingDays',
      '2026-02-14',
    ],
  ] as const)('%s', (_name, end, days, counting, expected) => {
    expect(calendar.subtractDays(end, days, counting)).toBe(expected);
  });
});

describe('StatutoryCalendar input guards', () => {
  it.each([
    ['rejects a negative period', () => calendar.addDays('2026-03-02', -1, 'calendarDays')],
    ['rejects a fractional period', () => calendar.addDays('2026-03-02', 1.5, 'workingDays')],
    ['rejects an invalid start date', () => calendar.addDays('2026-02-30', 1, 'calendarDays')],
    ['rejects an invalid end date', () => calendar.subtractDays('2026-13-01', 1, 'calendarDays')],
    [
      'rejects an unknown counting mode',
      () => calendar.addDays('2026-03-02', 1, 'businessDays' as 'workingDays'),
    ],
    [
      'rejects a calendar entry with an invalid date',
      () => new StatutoryCalendar([{ day: '2026-02-30', kind: 'holiday', name: 'x' }]),
    ],
    [
      'rejects a calendar entry with an unknown kind',
      () => new StatutoryCalendar([{ day: '2026-03-02', kind: 'vacation', name: 'x' } as never]),
    ],
    [
      'rejects a day listed twice',
      () =>
        new StatutoryCalendar([
          { day: '2026-03-07', kind: 'holiday', name: 'a' },
          { day: '2026-03-07', kind: 'workday', name: 'b' },
        ]),
    ],
  ])('%s', (_name, action) => {
    expectInputError(action);
  });

  it('stops rolling when the calendar has no working day within a year', () => {
    const allHolidays: CalendarDay[] = [];
    for (let i = 0; i < 400; i++) {
      allHolidays.push({ day: plusCalendarDays('2027-01-01', i), kind: 'holiday', name: 'x' });
    }
    const broken = new StatutoryCalendar(allHolidays);
    expectInputError(() => broken.addDays('2026-12-31', 1, 'calendarDays'));
    expectInputError(() => broken.subtractDays('2028-02-01', 0, 'workingDays'));
  });
});

describe('isIsoDate', () => {
  it.each([
    ['accepts an ordinary date', '2026-02-28', true],
    ['accepts a leap day', '2024-02-29', true],
    ['accepts a leap day in a 400-year', '2000-02-29', true],
    ['rejects 2026-02-30', '2026-02-30', false],
    ['rejects a leap day in a common year', '2026-02-29', false],
    ['rejects a leap day in a century year', '2100-02-29', false],
    ['rejects month 13', '2026-13-01', false],
    ['rejects month 00', '2026-00-10', false],
    ['rejects day 00', '2026-01-00', false],
    ['rejects unpadded parts', '2026-2-3', false],
    ['rejects a date-time', '2026-02-03T00:00:00Z', false],
    ['rejects surrounding whitespace', ' 2026-02-03', false],
    ['rejects a compact date', '20260203', false],
    ['rejects an empty string', '', false],
  ])('%s (%s)', (_name, value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });
});

describe('plusCalendarDays', () => {
  it.each([
    ['rolls over the end of February', '2026-02-28', 1, '2026-03-01'],
    ['reaches a leap day', '2024-02-28', 1, '2024-02-29'],
    ['goes back across a year boundary', '2026-01-01', -1, '2025-12-31'],
    ['goes back into February', '2026-03-01', -1, '2026-02-28'],
    ['adds a whole common year', '2026-01-01', 365, '2027-01-01'],
    ['returns the day itself for zero', '2026-03-10', 0, '2026-03-10'],
  ])('%s', (_name, day, days, expected) => {
    expect(plusCalendarDays(day, days)).toBe(expected);
  });

  it.each([
    ['rejects a fractional day count', () => plusCalendarDays('2026-03-02', 0.5)],
    ['rejects an invalid date', () => plusCalendarDays('2026-02-30', 1)],
    ['rejects leaving year 9999', () => plusCalendarDays('9999-12-31', 1)],
  ])('%s', (_name, action) => {
    expectInputError(action);
  });
});

describe('localDateOf', () => {
  it.each([
    [
      'moves past UTC midnight into the next Beijing day',
      '2026-03-01T17:30:00Z',
      'Asia/Shanghai',
      '2026-03-02',
    ],
    [
      'stays on the same day 1 ms before Beijing midnight',
      '2026-03-01T15:59:59.999Z',
      'Asia/Shanghai',
      '2026-03-01',
    ],
    [
      'starts the Beijing day exactly at 16:00 UTC',
      '2026-03-01T16:00:00Z',
      'Asia/Shanghai',
      '2026-03-02',
    ],
    ['honours an explicit offset', '2026-03-02T00:30:00+08:00', 'Asia/Shanghai', '2026-03-02'],
    ['uses the given zone rather than Beijing', '2026-03-01T17:30:00Z', 'UTC', '2026-03-01'],
    ['goes back a day west of UTC', '2026-03-02T03:00:00Z', 'America/New_York', '2026-03-01'],
  ])('%s', (_name, instant, zone, expected) => {
    expect(localDateOf(instant, zone)).toBe(expected);
  });

  it.each([
    ['rejects an instant without an offset', '2026-03-01T17:30:00', 'Asia/Shanghai'],
    ['rejects an impossible date', '2026-02-30T00:00:00Z', 'Asia/Shanghai'],
    ['rejects hour 24', '2026-03-01T24:00:00Z', 'Asia/Shanghai'],
    ['rejects a bare date', '2026-03-01', 'Asia/Shanghai'],
    ['rejects an unknown time zone', '2026-03-01T17:30:00Z', 'Mars/Olympus'],
  ])('%s', (_name, instant, zone) => {
    expectInputError(() => localDateOf(instant, zone));
  });
});

describe('endOfLocalDay', () => {
  it.each([
    ['ends a Beijing day at 16:00 UTC', '2026-03-02', 'Asia/Shanghai', '2026-03-02T16:00:00.000Z'],
    [
      'ends the last Beijing day of the year',
      '2026-12-31',
      'Asia/Shanghai',
      '2026-12-31T16:00:00.000Z',
    ],
    ['ends a UTC day at the next UTC midnight', '2026-03-02', 'UTC', '2026-03-03T00:00:00.000Z'],
    [
      'ends a New York winter day at 05:00 UTC',
      '2026-03-07',
      'America/New_York',
      '2026-03-08T05:00:00.000Z',
    ],
    // 2026-03-08 is the US DST switch; the following midnight is already EDT (UTC-4).
    [
      'ends the New York DST-switch day at 04:00 UTC',
      '2026-03-08',
      'America/New_York',
      '2026-03-09T04:00:00.000Z',
    ],
    // Beirut jumps from 00:00 to 01:00 on 2026-03-29, so 24:00 of the 28th is 22:00 UTC.
    [
      'ends a day whose midnight is skipped by DST',
      '2026-03-28',
      'Asia/Beirut',
      '2026-03-28T22:00:00.000Z',
    ],
  ])('%s', (_name, day, zone, expected) => {
    expect(endOfLocalDay(day, zone)).toBe(expected);
  });

  it('puts the deadline at 24:00 Beijing time on the last day of a period', () => {
    // Served 01:30 Beijing on Mon 03-02; 20 days lands on Sun 03-22, so the period ends Mon 03-23.
    const served = localDateOf('2026-03-01T17:30:00Z', 'Asia/Shanghai');
    const lastDay = calendar.addDays(served, 20, 'calendarDays');
    expect(endOfLocalDay(lastDay, 'Asia/Shanghai')).toBe('2026-03-23T16:00:00.000Z');
  });

  it('rejects an invalid day', () => {
    expectInputError(() => endOfLocalDay('2026-02-30', 'Asia/Shanghai'));
  });
});
