// Statutory period counting under the PRC Civil Code, arts. 200-204.
// Pure: no clock, no host time zone, no framework. The calendar data is injected.

export type IsoDate = string; // 'YYYY-MM-DD'
export type CalendarDayKind = 'holiday' | 'workday';
export interface CalendarDay {
  day: IsoDate;
  kind: CalendarDayKind;
  name: string;
}
export type DayCounting = 'calendarDays' | 'workingDays';

export class CalendarInputError extends Error {
  readonly code = 'CALENDAR_INPUT_INVALID';
  override readonly name = 'CalendarInputError';

  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const MS_PER_DAY = 86_400_000;
// The longest holiday run plus its weekends is ~10 days; a year without a working day means the
// calendar data is broken, and we must not loop forever on it.
const MAX_ROLL_STEPS = 366;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// An instant must carry an explicit offset; without one its meaning would depend on the host zone.
const ISO_INSTANT =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parseIsoDate(value: unknown): [number, number, number] | undefined {
  if (typeof value !== 'string') return undefined;
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  return [year, month, day];
}

export function isIsoDate(value: string): boolean {
  return parseIsoDate(value) !== undefined;
}

function requireIsoDate(value: IsoDate, field: string): [number, number, number] {
  const parts = parseIsoDate(value);
  if (!parts) {
    throw new CalendarInputError(`${field} must be a real calendar date in YYYY-MM-DD form`, {
      field,
      value,
    });
  }
  return parts;
}

function requireDayCount(days: number, field: string, allowNegative: boolean): void {
  if (!Number.isSafeInteger(days) || (!allowNegative && days < 0)) {
    throw new CalendarInputError(
      `${field} must be ${allowNegative ? 'an' : 'a non-negative'} integer number of days`,
      { field, value: days },
    );
  }
}

// Days since 1970-01-01, via UTC so the host zone and DST can never shift a date.
function toEpochDay([year, month, day]: [number, number, number]): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // setUTCFullYear avoids Date.UTC's 0..99 => 19xx quirk
  return Math.round(date.getTime() / MS_PER_DAY);
}

const MIN_EPOCH_DAY = toEpochDay([1, 1, 1]);
const MAX_EPOCH_DAY = toEpochDay([9999, 12, 31]);

function fromEpochDay(epochDay: number): IsoDate {
  const date = new Date(epochDay * MS_PER_DAY);
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

export function plusCalendarDays(day: IsoDate, days: number): IsoDate {
  const start = toEpochDay(requireIsoDate(day, 'day'));
  requireDayCount(days, 'days', true);
  const result = start + days;
  if (result < MIN_EPOCH_DAY || result > MAX_EPOCH_DAY) {
    throw new CalendarInputError(
      'date arithmetic left the supported range 0001-01-01..9999-12-31',
      {
        day,
        days,
      },
    );
  }
  return fromEpochDay(result);
}

function isWeekend(day: IsoDate): boolean {
  const weekday = new Date(toEpochDay(requireIsoDate(day, 'day')) * MS_PER_DAY).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export class StatutoryCalendar {
  private readonly kinds = new Map<IsoDate, CalendarDayKind>();

  constructor(days: readonly CalendarDay[]) {
    for (const entry of days) {
      requireIsoDate(entry.day, 'calendar day');
      if (entry.kind !== 'holiday' && entry.kind !== 'workday') {
        throw new CalendarInputError('calendar day kind must be holiday or workday', {
          day: entry.day,
          kind: entry.kind,
        });
      }
      // A day listed twice is ambiguous (holiday or make-up?); refuse rather than let order decide.
      if (this.kinds.has(entry.day)) {
        throw new CalendarInputError('calendar day listed more than once', { day: entry.day });
      }
      this.kinds.set(entry.day, entry.kind);
    }
  }

  isRestDay(day: IsoDate): boolean {
    requireIsoDate(day, 'day');
    const kind = this.kinds.get(day);
    // Art. 203 extends only past 法定休假日: public holidays and weekends, but a make-up working
    // day (调休) is a weekend day the State Council turned into a working day.
    if (kind === 'holiday') return true;
    if (kind === 'workday') return false;
    return isWeekend(day);
  }

  isWorkingDay(day: IsoDate): boolean {
    return !this.isRestDay(day);
  }

  addDays(start: IsoDate, days: number, counting: DayCounting): IsoDate {
    requireIsoDate(start, 'start');
    requireDayCount(days, 'days', false);
    this.requireCounting(counting);
    if (counting === 'calendarDays') {
      // Art. 201: the start day is not counted, so the period ends on start + N.
      // Art. 203: a last day that is a statutory rest day moves to the day after the rest ends.
      return this.roll(plusCalendarDays(start, days), 1);
    }
    if (days === 0) return this.roll(start, 1);
    let current = start;
    for (let counted = 0; counted < days; counted++) {
      current = this.roll(plusCalendarDays(current, 1), 1);
    }
    return current;
  }

  subtractDays(end: IsoDate, days: number, counting: DayCounting): IsoDate {
    requireIsoDate(end, 'end');
    requireDayCount(days, 'days', false);
    this.requireCounting(counting);
    if (counting === 'calendarDays') {
      // "At least N days before": rolling back (not forward) keeps the lead time >= N days.
      return this.roll(plusCalendarDays(end, -days), -1);
    }
    if (days === 0) return this.roll(end, -1);
    let current = end;
    for (let counted = 0; counted < days; counted++) {
      current = this.roll(plusCalendarDays(current, -1), -1);
    }
    return current;
  }

  // Returns `day` if it is a working day, otherwise the nearest working day in `direction`.
  private roll(day: IsoDate, direction: 1 | -1): IsoDate {
    let current = day;
    for (let step = 0; step <= MAX_ROLL_STEPS; step++) {
      if (this.isWorkingDay(current)) return current;
      current = plusCalendarDays(current, direction);
    }
    throw new CalendarInputError('calendar has no working day within a year', {
      from: day,
      direction: direction === 1 ? 'forward' : 'backward',
    });
  }

  private requireCounting(counting: DayCounting): void {
    if (counting !== 'calendarDays' && counting !== 'workingDays') {
      throw new CalendarInputError('counting must be calendarDays or workingDays', { counting });
    }
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        calendar: 'gregory',
        numberingSystem: 'latn',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
    } catch {
      throw new CalendarInputError('unknown IANA time zone', { timeZone });
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function localDateAt(epochMs: number, timeZone: string): IsoDate {
  const parts = formatterFor(timeZone).formatToParts(epochMs);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  const result = `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
  if (!isIsoDate(result)) {
    throw new CalendarInputError('instant is outside the supported date range', { epochMs });
  }
  return result;
}

export function localDateOf(instant: string, timeZone: string): IsoDate {
  const match = typeof instant === 'string' ? ISO_INSTANT.exec(instant) : null;
  const valid =
    match !== null &&
    isIsoDate(match[1]) &&
    Number(match[2]) <= 23 &&
    Number(match[3]) <= 59 &&
    Number(match[4] ?? 0) <= 59 &&
    Number(match[5] ?? 0) <= 23 &&
    Number(match[6] ?? 0) <= 59;
  const epochMs = valid ? Date.parse(instant) : NaN;
  if (Number.isNaN(epochMs)) {
    throw new CalendarInputError('instant must be an ISO-8601 date-time with Z or an offset', {
      instant,
    });
  }
  return localDateAt(epochMs, timeZone);
}

export function endOfLocalDay(day: IsoDate, timeZone: string): string {
  const nextDay = plusCalendarDays(day, 1);
  // 24:00 of `day` is the first instant whose local date is the next day. Found by search rather
  // than offset arithmetic so zones whose DST jump skips midnight (e.g. Asia/Beirut) stay correct.
  // UTC offsets lie within -12h..+14h, so the boundary is within 36h of next-day 00:00 UTC.
  const nextMidnightUtc = toEpochDay(requireIsoDate(nextDay, 'day')) * MS_PER_DAY;
  let before = nextMidnightUtc - 36 * 3_600_000; // local date <= day
  let after = nextMidnightUtc + 36 * 3_600_000; // local date >= nextDay
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (localDateAt(middle, timeZone) > day) after = middle;
    else before = middle;
  }
  return new Date(after).toISOString();
}
