/**
 * Business-time arithmetic for service levels: "8 business hours after this instant" and "how much
 * business time lies between these instants", in a calendar's own time zone. Pure: no database.
 *
 * A calendar opens each weekday during one interval of local wall-clock time (none = closed), and
 * is closed all day on its holidays. Each day's interval is turned into real instants with the
 * zone's rules, so business time is elapsed real time: an interval spanning a DST change is an
 * hour shorter or longer, and 17:00 stays 17:00 local on either side of the change. Intervals are
 * half-open: a calendar open 09:00–17:00 is open at 09:00 and closed at 17:00.
 *
 * Every function walks the local days spanned, once each (never minute by minute).
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
const DAY_MINUTES = 1440;

/** How far ahead addBusinessMinutes looks for business time (and service calendars load holidays). */
export const HORIZON_DAYS = 2 * 366;

/** Opening hours of one weekday, in minutes since local midnight (`closes` may be 1440: "24:00"). */
export interface OpeningHours {
  opens: number;
  closes: number;
}

export interface BusinessCalendar {
  /** IANA zone the hours and holidays are read in. */
  timeZone: string;
  /** ISO weekday (1 = Monday … 7 = Sunday) → hours; a weekday without an entry is closed. */
  hours: ReadonlyMap<number, OpeningHours>;
  /** Local dates ("YYYY-MM-DD") closed all day. */
  holidays: ReadonlySet<string>;
  /** Around the clock, every day: business time is plain elapsed time. */
  alwaysOpen: boolean;
}

/** Open around the clock, every day (service levels with ALL_HOURS coverage). */
export const ALWAYS_OPEN = (timeZone = 'UTC'): BusinessCalendar => ({
  timeZone,
  hours: new Map([1, 2, 3, 4, 5, 6, 7].map((weekday) => [weekday, { opens: 0, closes: DAY_MINUTES }])),
  holidays: new Set(),
  alwaysOpen: true,
});

/** A calendar from stored rows: hours as "HH:MM" ("24:00" allowed as closing) and holiday dates. */
export function buildCalendar(timeZone: string, hours: readonly { weekday: number; open: string; close: string }[], holidays: readonly string[]): BusinessCalendar {
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  return {
    timeZone,
    hours: new Map(hours.map((h) => [h.weekday, { opens: minutes(h.open), closes: minutes(h.close) }])),
    holidays: new Set(holidays),
    alwaysOpen: false,
  };
}

// ---- time zones (Intl only: the offset of a zone at an instant) ----

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // h23: some ICU versions print midnight as "24" with hour12: false.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's wall clock at an instant, as if it were UTC (milliseconds since the epoch, whole seconds). */
function wallClock(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/** Wall clock minus UTC at an instant (e.g. +1 h in Berlin in winter). */
const offsetAt = (instant: number, timeZone: string): number => wallClock(instant, timeZone) - (instant - (((instant % 1000) + 1000) % 1000));

/**
 * The instant a local wall-clock time (given as if UTC) happens. A time the clocks skip (spring
 * forward) happens when the clocks jump: the first instant after the gap. A time that happens
 * twice (fall back) is its first occurrence. Assumes at most one offset change within a day of it.
 */
function instantOf(wall: number, timeZone: string): number {
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  if (before === after) return wall - before;
  const candidates = [wall - before, wall - after].filter((t) => offsetAt(t, timeZone) === wall - t);
  if (candidates.length) return Math.min(...candidates);
  // Skipped: search the jump between the last instant on the old offset and the first on the new.
  let lo = Math.min(wall - before, wall - after);
  let hi = Math.max(wall - before, wall - after);
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (offsetAt(mid, timeZone) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

// ---- local days ----

/** A local date, as the UTC midnight of the same calendar date. */
type LocalDay = number;

const localDayOf = (instant: number, timeZone: string): LocalDay => {
  const wall = wallClock(instant, timeZone);
  return wall - (((wall % DAY) + DAY) % DAY);
};

const isoWeekday = (day: LocalDay): number => new Date(day).getUTCDay() || 7;
const isoDate = (day: LocalDay): string => new Date(day).toISOString().slice(0, 10);

const midnightOffsets = new Map<string, Map<number, number>>();

/**
 * The offset at a UTC midnight, remembered: the days walked share these instants, and a zone's
 * rules do not change while the process runs. Bounded, as a cache.
 */
function offsetAtMidnight(midnight: number, timeZone: string): number {
  let offsets = midnightOffsets.get(timeZone);
  if (!offsets || offsets.size > 20_000) midnightOffsets.set(timeZone, (offsets = new Map()));
  let offset = offsets.get(midnight);
  if (offset === undefined) offsets.set(midnight, (offset = offsetAt(midnight, timeZone)));
  return offset;
}

/**
 * The instants a day is open, [opens, closes), or null when closed (weekday off, holiday, skipped).
 * Most days lie in a stretch without an offset change (the same offset a day before and two days
 * after, as UTC midnights bracket any zone's local day): their wall clock is a plain shift.
 */
function openInterval(day: LocalDay, calendar: BusinessCalendar): [number, number] | null {
  const hours = calendar.hours.get(isoWeekday(day));
  if (!hours || calendar.holidays.has(isoDate(day))) return null;
  const { timeZone } = calendar;
  const offset = offsetAtMidnight(day - DAY, timeZone);
  const steady = offset === offsetAtMidnight(day + 2 * DAY, timeZone);
  const instant = (minutes: number) => (steady ? day + minutes * MINUTE - offset : instantOf(day + minutes * MINUTE, timeZone));
  const opens = instant(hours.opens);
  const closes = instant(hours.closes);
  return closes > opens ? [opens, closes] : null;
}

// ---- arithmetic ----

/**
 * The instant `minutes` business minutes after `start`: counting begins at `start` if the calendar
 * is open then, otherwise at its next opening, and a span that uses up the last minute of a day
 * ends at that day's closing time (Friday 17:00 + 8 h on a 09:00–17:00 week = Monday 17:00).
 *
 * Zero minutes gives the first instant at or after `start` the calendar is open (`start` itself
 * when open, otherwise the next opening): a milestone due "immediately" is due when service can
 * act on it. Null when the calendar has no business time within HORIZON_DAYS (e.g. no open weekday).
 */
export function addBusinessMinutes(start: Date, minutes: number, calendar: BusinessCalendar): Date | null {
  if (!(minutes >= 0) || !Number.isFinite(minutes)) throw new RangeError(`Business minutes must be a finite number ≥ 0, not ${minutes}`);
  const from = start.getTime();
  if (calendar.alwaysOpen) return new Date(from + minutes * MINUTE);
  if (calendar.hours.size === 0) return null;
  let remaining = minutes * MINUTE;
  const first = localDayOf(from, calendar.timeZone);
  for (let day = first; day <= first + HORIZON_DAYS * DAY; day += DAY) {
    const open = openInterval(day, calendar);
    if (!open || open[1] <= from) continue;
    const begin = Math.max(open[0], from);
    if (remaining === 0) return new Date(begin);
    const available = open[1] - begin;
    if (remaining <= available) return new Date(begin + remaining);
    remaining -= available;
  }
  return null;
}

/**
 * Business minutes from `from` to `to` (0 when `to` is not after `from`): the open time of the
 * calendar between them, exact to the millisecond (fractional when the instants are not on whole
 * minutes). businessMinutesBetween(s, addBusinessMinutes(s, m)) === m.
 */
export function businessMinutesBetween(from: Date, to: Date, calendar: BusinessCalendar): number {
  const start = from.getTime();
  const end = to.getTime();
  if (end <= start) return 0;
  if (calendar.alwaysOpen) return (end - start) / MINUTE;
  let total = 0;
  const last = localDayOf(end, calendar.timeZone);
  for (let day = localDayOf(start, calendar.timeZone); day <= last; day += DAY) {
    const open = openInterval(day, calendar);
    if (open) total += Math.max(0, Math.min(open[1], end) - Math.max(open[0], start));
  }
  return total / MINUTE;
}
