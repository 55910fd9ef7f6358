/**
 * Business-time arithmetic (the SLA clock): weekends, holidays, closing-time boundaries, time zones
 * far from UTC, DST changes, "24:00" closings, uneven weeks, and add/between agreeing on any input.
 * Expected instants are written with explicit UTC offsets, independently of the code under test.
 */
import { ALWAYS_OPEN, BusinessCalendar, addBusinessMinutes, buildCalendar, businessMinutesBetween } from '../../src/modules/service/business-calendar';

const weekdays = (open: string, close: string, days = [1, 2, 3, 4, 5]) => days.map((weekday) => ({ weekday, open, close }));
const nineToFive = (timeZone: string, holidays: string[] = []) => buildCalendar(timeZone, weekdays('09:00', '17:00'), holidays);
const at = (iso: string) => new Date(iso);
const add = (start: string, minutes: number, calendar: BusinessCalendar) => addBusinessMinutes(at(start), minutes, calendar)?.toISOString() ?? null;
const between = (from: string, to: string, calendar: BusinessCalendar) => businessMinutesBetween(at(from), at(to), calendar);
const iso = (local: string) => at(local).toISOString();

describe('a Monday–Friday 09:00–17:00 calendar (Europe/Berlin, winter: +01:00)', () => {
  const berlin = nineToFive('Europe/Berlin');

  test('the issue examples: Friday 17:00 + 8 h is Monday 17:00, not Tuesday 09:00', () => {
    // 2026-01-09 is a Friday.
    expect(add('2026-01-09T17:00:00+01:00', 480, berlin)).toBe(iso('2026-01-12T17:00:00+01:00'));
    expect(add('2026-01-10T11:00:00+01:00', 480, berlin)).toBe(iso('2026-01-12T17:00:00+01:00')); // Saturday
    expect(add('2026-01-12T16:00:00+01:00', 120, berlin)).toBe(iso('2026-01-13T10:00:00+01:00')); // Monday 16:00 + 2 h
    expect(add('2026-01-09T17:00:00+01:00', 480, nineToFive('Europe/Berlin', ['2026-01-12']))).toBe(iso('2026-01-13T17:00:00+01:00'));
  });

  test('a start outside hours counts from the next opening; a span ending on the last minute ends at closing', () => {
    expect(add('2026-01-12T07:00:00+01:00', 60, berlin)).toBe(iso('2026-01-12T10:00:00+01:00'));
    expect(add('2026-01-12T09:00:00+01:00', 480, berlin)).toBe(iso('2026-01-12T17:00:00+01:00'));
    expect(add('2026-01-12T09:00:00+01:00', 481, berlin)).toBe(iso('2026-01-13T09:01:00+01:00'));
    expect(add('2026-01-12T16:59:30+01:00', 1, berlin)).toBe(iso('2026-01-13T09:00:30+01:00'));
    expect(add('2026-01-12T22:00:00+01:00', 30, berlin)).toBe(iso('2026-01-13T09:30:00+01:00'));
  });

  test('multi-day spans: a working week, and two weeks', () => {
    expect(add('2026-01-12T09:00:00+01:00', 5 * 480, berlin)).toBe(iso('2026-01-16T17:00:00+01:00'));
    expect(add('2026-01-12T09:00:00+01:00', 5 * 480 + 1, berlin)).toBe(iso('2026-01-19T09:01:00+01:00'));
    expect(add('2026-01-14T13:00:00+01:00', 10 * 480, berlin)).toBe(iso('2026-01-28T13:00:00+01:00'));
    expect(between('2026-01-14T13:00:00+01:00', '2026-01-28T13:00:00+01:00', berlin)).toBe(10 * 480);
  });

  test('a Friday holiday and Christmas week are skipped whole', () => {
    const holidays = nineToFive('Europe/Berlin', ['2026-01-16', '2026-12-24', '2026-12-25']);
    expect(add('2026-01-15T16:00:00+01:00', 120, holidays)).toBe(iso('2026-01-19T10:00:00+01:00'));
    expect(add('2026-12-23T16:00:00+01:00', 120, holidays)).toBe(iso('2026-12-28T10:00:00+01:00'));
    expect(add('2026-01-16T10:00:00+01:00', 0, holidays)).toBe(iso('2026-01-19T09:00:00+01:00'));
    expect(between('2026-01-15T09:00:00+01:00', '2026-01-19T17:00:00+01:00', holidays)).toBe(2 * 480);
  });

  test('zero minutes: the start when open, otherwise the next opening (closing time is not open)', () => {
    expect(add('2026-01-12T11:15:00+01:00', 0, berlin)).toBe(iso('2026-01-12T11:15:00+01:00'));
    expect(add('2026-01-12T09:00:00+01:00', 0, berlin)).toBe(iso('2026-01-12T09:00:00+01:00'));
    expect(add('2026-01-09T17:00:00+01:00', 0, berlin)).toBe(iso('2026-01-12T09:00:00+01:00'));
    expect(add('2026-01-10T12:00:00+01:00', 0, berlin)).toBe(iso('2026-01-12T09:00:00+01:00'));
  });

  test('business minutes between two instants', () => {
    expect(between('2026-01-09T16:00:00+01:00', '2026-01-12T10:00:00+01:00', berlin)).toBe(120);
    expect(between('2026-01-10T00:00:00+01:00', '2026-01-11T23:59:00+01:00', berlin)).toBe(0); // a weekend
    expect(between('2026-01-12T10:00:00+01:00', '2026-01-12T10:00:00+01:00', berlin)).toBe(0);
    expect(between('2026-01-12T12:00:00+01:00', '2026-01-12T10:00:00+01:00', berlin)).toBe(0); // backwards
    expect(between('2026-01-12T12:00:00+01:00', '2026-01-12T12:00:30+01:00', berlin)).toBe(0.5);
  });

  test('negative or non-finite minutes are a programming error', () => {
    expect(() => addBusinessMinutes(at('2026-01-12T10:00:00Z'), -1, berlin)).toThrow(RangeError);
    expect(() => addBusinessMinutes(at('2026-01-12T10:00:00Z'), Number.NaN, berlin)).toThrow(RangeError);
  });
});

describe('daylight saving time', () => {
  test('Europe/Berlin: business hours stay at 09:00–17:00 local across both changes', () => {
    const berlin = nineToFive('Europe/Berlin');
    // Clocks go forward on Sunday 2026-03-29: Friday is +01:00, Monday +02:00.
    expect(add('2026-03-27T16:00:00+01:00', 120, berlin)).toBe(iso('2026-03-30T10:00:00+02:00'));
    expect(add('2026-03-27T17:00:00+01:00', 480, berlin)).toBe(iso('2026-03-30T17:00:00+02:00'));
    expect(between('2026-03-27T09:00:00+01:00', '2026-03-30T17:00:00+02:00', berlin)).toBe(960);
    // And back on Sunday 2026-10-25.
    expect(add('2026-10-23T16:00:00+02:00', 120, berlin)).toBe(iso('2026-10-26T10:00:00+01:00'));
    expect(between('2026-10-23T09:00:00+02:00', '2026-10-26T17:00:00+01:00', berlin)).toBe(960);
  });

  test('America/New_York: the same, on 2026-03-08 and 2026-11-01', () => {
    const newYork = nineToFive('America/New_York');
    expect(add('2026-03-06T17:00:00-05:00', 480, newYork)).toBe(iso('2026-03-09T17:00:00-04:00'));
    expect(add('2026-10-30T15:30:00-04:00', 120, newYork)).toBe(iso('2026-11-02T09:30:00-05:00'));
  });

  test('a day open around the clock is 23 hours long in spring and 25 in autumn', () => {
    const allDay = buildCalendar('Europe/Berlin', weekdays('00:00', '24:00', [1, 2, 3, 4, 5, 6, 7]), []);
    expect(between('2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00', allDay)).toBe(23 * 60);
    expect(between('2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00', allDay)).toBe(25 * 60);
    // Real elapsed time across the change: 02:00 local does not exist that night.
    expect(add('2026-03-29T01:30:00+01:00', 60, allDay)).toBe(iso('2026-03-29T03:30:00+02:00'));
  });

  test('hours in the skipped hour open when the clocks jump; hours in the repeated hour open the first time', () => {
    const skipped = buildCalendar('Europe/Berlin', [{ weekday: 7, open: '02:30', close: '04:00' }], []);
    expect(add('2026-03-29T00:00:00+01:00', 0, skipped)).toBe(iso('2026-03-29T03:00:00+02:00'));
    expect(between('2026-03-29T00:00:00+01:00', '2026-03-29T12:00:00+02:00', skipped)).toBe(60);
    const repeated = buildCalendar('Europe/Berlin', [{ weekday: 7, open: '02:30', close: '03:30' }], []);
    expect(add('2026-10-25T00:00:00+02:00', 0, repeated)).toBe(iso('2026-10-25T02:30:00+02:00'));
    expect(between('2026-10-25T00:00:00+02:00', '2026-10-25T12:00:00+01:00', repeated)).toBe(120);
  });
});

describe('time zones far from UTC: holidays and weekdays are local', () => {
  test('Asia/Tokyo (+09:00): Monday 08:00 local is Sunday 23:00 UTC', () => {
    const tokyo = buildCalendar('Asia/Tokyo', weekdays('08:00', '17:00'), []);
    // Sunday 22:30 UTC is Monday 07:30 in Tokyo: its first business hour is still Sunday in UTC.
    expect(add('2026-01-04T22:30:00Z', 60, tokyo)).toBe(iso('2026-01-05T09:00:00+09:00'));
    // The holiday is the local Monday 2026-01-05; the start's UTC date (Sunday the 4th) closes nothing.
    const mondayOff = buildCalendar('Asia/Tokyo', weekdays('08:00', '17:00'), ['2026-01-05']);
    expect(add('2026-01-04T22:30:00Z', 60, mondayOff)).toBe(iso('2026-01-06T09:00:00+09:00'));
    const sundayOff = buildCalendar('Asia/Tokyo', weekdays('08:00', '17:00'), ['2026-01-04']);
    expect(add('2026-01-04T22:30:00Z', 60, sundayOff)).toBe(iso('2026-01-05T09:00:00+09:00'));
    expect(between('2026-01-04T00:00:00Z', '2026-01-05T00:00:00Z', tokyo)).toBe(60);
  });

  test('Pacific/Auckland (+13:00 in January): a Friday afternoon there is Friday morning UTC', () => {
    const auckland = nineToFive('Pacific/Auckland');
    expect(add('2026-01-09T03:00:00Z', 120, auckland)).toBe(iso('2026-01-12T10:00:00+13:00'));
    expect(add('2026-01-09T03:00:00Z', 480, auckland)).toBe(iso('2026-01-12T16:00:00+13:00'));
    expect(between('2026-01-08T20:00:00Z', '2026-01-11T20:00:00Z', auckland)).toBe(480);
  });
});

describe('uneven weeks', () => {
  test('"24:00" closing runs into the next day\'s midnight opening without a gap', () => {
    const nights = buildCalendar('Europe/London', [
      { weekday: 1, open: '20:00', close: '24:00' },
      { weekday: 2, open: '00:00', close: '04:00' },
    ], []);
    expect(add('2026-01-12T23:00:00Z', 120, nights)).toBe(iso('2026-01-13T01:00:00Z'));
    expect(add('2026-01-12T22:00:00Z', 120, nights)).toBe(iso('2026-01-13T00:00:00Z'));
    expect(add('2026-01-13T04:00:00Z', 1, nights)).toBe(iso('2026-01-19T20:01:00Z'));
    expect(between('2026-01-12T00:00:00Z', '2026-01-14T00:00:00Z', nights)).toBe(480);
  });

  test('different hours per weekday, some weekdays closed', () => {
    const uneven = buildCalendar('America/Chicago', [
      { weekday: 2, open: '10:00', close: '12:00' },
      { weekday: 4, open: '13:00', close: '18:30' },
      { weekday: 6, open: '09:00', close: '13:00' },
    ], []);
    // Monday 2026-01-12 → Tuesday's two hours, then Thursday's.
    expect(add('2026-01-12T08:00:00-06:00', 120, uneven)).toBe(iso('2026-01-13T12:00:00-06:00'));
    expect(add('2026-01-12T08:00:00-06:00', 121, uneven)).toBe(iso('2026-01-15T13:01:00-06:00'));
    expect(add('2026-01-13T11:00:00-06:00', 60 + 330 + 240, uneven)).toBe(iso('2026-01-17T13:00:00-06:00'));
    expect(between('2026-01-12T00:00:00-06:00', '2026-01-19T00:00:00-06:00', uneven)).toBe(120 + 330 + 240);
  });

  test('no business time within about two years gives null', () => {
    expect(addBusinessMinutes(at('2026-01-12T10:00:00Z'), 60, buildCalendar('UTC', [], []))).toBeNull();
    const mondayMornings = buildCalendar('UTC', [{ weekday: 1, open: '09:00', close: '10:00' }], []);
    expect(add('2026-01-12T09:00:00Z', 100 * 60, mondayMornings)).toBe(iso('2027-12-06T10:00:00Z'));
    expect(add('2026-01-12T09:00:00Z', 110 * 60, mondayMornings)).toBeNull();
  });

  test('an always-open calendar adds plain minutes, even across DST', () => {
    expect(add('2026-03-29T00:30:00Z', 180, ALWAYS_OPEN('Europe/Berlin'))).toBe(iso('2026-03-29T03:30:00Z'));
    expect(add('2026-01-10T11:00:00Z', 0, ALWAYS_OPEN())).toBe(iso('2026-01-10T11:00:00Z'));
    expect(between('2026-01-10T11:00:00Z', '2026-01-12T11:00:00Z', ALWAYS_OPEN())).toBe(2880);
  });

  test('a year of business time is computed day by day, not minute by minute', () => {
    const started = Date.now();
    const berlin = nineToFive('Europe/Berlin');
    expect(add('2026-01-05T09:00:00+01:00', 250 * 480, berlin)).toBe(iso('2026-12-18T17:00:00+01:00'));
    expect(between('2026-01-05T09:00:00+01:00', '2026-12-18T17:00:00+01:00', berlin)).toBe(250 * 480);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

/** mulberry32: a small seeded generator, so that a failure reproduces. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('between(start, add(start, m)) === m, and no earlier instant has m business minutes', () => {
  const calendars: [string, BusinessCalendar][] = [
    ['Berlin 9–17 with holidays', nineToFive('Europe/Berlin', ['2026-03-30', '2026-10-26', '2026-12-25', '2027-01-01'])],
    ['New York uneven', buildCalendar('America/New_York', [{ weekday: 1, open: '00:00', close: '02:30' }, { weekday: 3, open: '01:30', close: '24:00' }, { weekday: 7, open: '00:00', close: '24:00' }], [])],
    ['Auckland with 24:00', buildCalendar('Pacific/Auckland', weekdays('06:00', '24:00', [1, 2, 3, 4, 5, 6]), ['2026-04-05'])],
    ['Tokyo', nineToFive('Asia/Tokyo', ['2026-05-04'])],
  ];
  const next = random(20260923);
  const from = Date.parse('2026-01-01T00:00:00Z');
  for (const [name, calendar] of calendars) {
    for (let i = 0; i < 150; i++) {
      const start = new Date(from + Math.floor(next() * 700 * 86_400_000));
      const minutes = Math.floor(next() * 6000);
      const due = addBusinessMinutes(start, minutes, calendar)!;
      const problem = { name, start: start.toISOString(), minutes, due: due.toISOString() };
      expect({ ...problem, elapsed: businessMinutesBetween(start, due, calendar) }).toEqual({ ...problem, elapsed: minutes });
      expect(due.getTime()).toBeGreaterThanOrEqual(start.getTime());
      if (minutes > 0) expect({ ...problem, earlier: businessMinutesBetween(start, new Date(due.getTime() - 1), calendar) < minutes }).toEqual({ ...problem, earlier: true });
    }
  }
});

/**
 * An independent, slow reference: business minutes counted one by one, each open when the zone's
 * wall clock (read with Intl) shows a non-holiday weekday within its hours.
 */
function referenceMinutes(from: number, to: number, calendar: BusinessCalendar): number {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: calendar.timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit' });
  const weekdayNumbers: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
  let open = 0;
  for (let t = from; t < to; t += 60_000) {
    const p = Object.fromEntries(format.formatToParts(t).map((part) => [part.type, part.value]));
    const hours = calendar.hours.get(weekdayNumbers[p.weekday]);
    const minute = Number(p.hour) * 60 + Number(p.minute);
    if (hours && !calendar.holidays.has(`${p.year}-${p.month}-${p.day}`) && minute >= hours.opens && minute < hours.closes) open++;
  }
  return open;
}

/** The instants in 2026 a zone's UTC offset changes (to the hour), found by reading its wall clock every hour. */
function transitions(timeZone: string): number[] {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
  const wall = (t: number) => {
    const p = Object.fromEntries(format.formatToParts(t).map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - t;
  };
  const found: number[] = [];
  for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 3_600_000) if (wall(t) !== wall(t + 3_600_000)) found.push(t);
  return found;
}

test('business minutes agree with a minute-by-minute count around every 2026 offset change of zones with unusual changes', () => {
  const everyDay = [1, 2, 3, 4, 5, 6, 7];
  const calendars: BusinessCalendar[] = [
    buildCalendar('Europe/Berlin', [...weekdays('00:00', '24:00', [7]), ...weekdays('08:00', '18:00', [1, 2, 3, 4, 5])], ['2026-10-26']),
    buildCalendar('America/New_York', [{ weekday: 7, open: '01:00', close: '03:30' }, ...weekdays('09:00', '17:00')], []),
    // Half-hour changes at 02:00.
    buildCalendar('Australia/Lord_Howe', weekdays('00:00', '24:00', everyDay), []),
    // Changes at midnight: local midnight is skipped once a year.
    buildCalendar('America/Santiago', weekdays('00:00', '24:00', everyDay), ['2026-04-06']),
    buildCalendar('America/Havana', weekdays('00:00', '03:00', everyDay), []),
  ];
  const next = random(7);
  for (const calendar of calendars) {
    const changes = transitions(calendar.timeZone);
    expect({ zone: calendar.timeZone, changes: changes.length }).toEqual({ zone: calendar.timeZone, changes: 2 });
    for (const change of changes) {
      for (let i = 0; i < 4; i++) {
        const from = change - 30 * 3_600_000 + Math.floor(next() * 30) * 3_600_000 + Math.floor(next() * 60) * 60_000;
        const to = from + Math.floor(next() * 40) * 3_600_000 + Math.floor(next() * 60) * 60_000;
        const problem = { zone: calendar.timeZone, from: new Date(from).toISOString(), to: new Date(to).toISOString() };
        expect({ ...problem, minutes: businessMinutesBetween(new Date(from), new Date(to), calendar) }).toEqual({ ...problem, minutes: referenceMinutes(from, to, calendar) });
      }
    }
  }
});
