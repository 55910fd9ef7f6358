/**
 * When a technician can take a visit: inside their working hours, outside their time off and other
 * live appointments, and within their daily capacity. Everything a check or a suggestion needs is
 * read for many technicians in one statement (`loadAvailability`); the checks themselves are pure.
 *
 * Working hours are technician_working_hours read in the home territory's time zone (else the
 * workspace's); a technician without rows works the workspace's business hours. Holidays are not
 * applied: a technician's absences are their time off. Capacity counts the booked minutes of the
 * local day (in the technician's zone) an appointment starts on.
 */
import { QueryRunner } from 'typeorm';
import { queryOne, queryRows } from '../../db/sql';
import { RequestContext } from '../../tenancy/request-context';
import { workspaceTimeZone } from '../configuration';
import { BusinessCalendar, buildCalendar, businessMinutesBetween } from '../service/business-calendar';

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface Interval {
  start: number;
  end: number;
}

export interface TechnicianAvailability {
  technicianId: string;
  userId: string;
  active: boolean;
  capacityMinutes: number;
  calendar: BusinessCalendar;
  timeOff: Interval[];
  /** Live appointments around the range read, with their ids (a reschedule ignores its own). */
  bookings: (Interval & { id: string })[];
}

interface AvailabilityRow {
  technicianId: string;
  userId: string;
  active: boolean;
  capacityMinutes: number;
  timeZone: string | null;
  hours: { weekday: number; open: string; close: string }[] | null;
  workspaceHours: { weekday: number; open: string; close: string }[];
  timeOff: { start: string; end: string }[];
  bookings: { id: string; start: string; end: string }[];
}

// A time column prints "24:00:00" for the end of the day, which buildCalendar reads as 1440.
const HOURS_JSON = (opens: string, closes: string) => `json_build_object('weekday', weekday, 'open', left(${opens}::text, 5), 'close', left(${closes}::text, 5)) ORDER BY weekday`;

/**
 * One statement: each technician's zone, hours, time off and bookings overlapping [from, to)
 * widened by a day either side (capacity looks at whole local days). `where` is trusted SQL over
 * alias `t` with parameters from $3 on; technicians not matching are simply absent.
 */
export async function loadAvailability(ctx: RequestContext, db: QueryRunner, from: Date, to: Date, where: string, params: unknown[]): Promise<TechnicianAvailability[]> {
  const rows = await queryRows<AvailabilityRow>(
    db,
    `WITH span AS (SELECT tstzrange($1::timestamptz - interval '1 day', $2::timestamptz + interval '1 day') AS r)
     SELECT t.id AS "technicianId", t.user_id AS "userId", t.active, t.daily_capacity_minutes AS "capacityMinutes", tr.time_zone AS "timeZone",
            (SELECT json_agg(${HOURS_JSON('starts_at', 'ends_at')}) FROM technician_working_hours h WHERE h.technician_id = t.id) AS hours,
            (SELECT coalesce(json_agg(${HOURS_JSON('opens_at', 'closes_at')}), '[]') FROM workspace_business_hours) AS "workspaceHours",
            (SELECT coalesce(json_agg(json_build_object('start', lower(o.during), 'end', upper(o.during))), '[]')
               FROM technician_time_off o, span WHERE o.technician_id = t.id AND o.during && span.r) AS "timeOff",
            (SELECT coalesce(json_agg(json_build_object('id', a.id, 'start', lower(a.scheduled), 'end', upper(a.scheduled))), '[]')
               FROM appointments a, span WHERE a.technician_id = t.id AND a.status <> 'CANCELLED' AND a.scheduled && span.r) AS bookings
       FROM technicians t LEFT JOIN territories tr ON tr.id = t.home_territory_id
      WHERE ${where}
      ORDER BY t.id`,
    [from, to, ...params],
  );
  const fallbackZone = rows.some((r) => !r.timeZone) ? await workspaceTimeZone(ctx, db) : 'UTC';
  const interval = (i: { start: string; end: string }) => ({ start: Date.parse(i.start), end: Date.parse(i.end) });
  return rows.map((row) => ({
    technicianId: row.technicianId,
    userId: row.userId,
    active: row.active,
    capacityMinutes: row.capacityMinutes,
    calendar: buildCalendar(row.timeZone ?? fallbackZone, row.hours ?? row.workspaceHours, []),
    timeOff: row.timeOff.map(interval),
    bookings: row.bookings.map((b) => ({ id: b.id, ...interval(b) })),
  }));
}

/** One technician's availability (null when there is no such technician). */
export async function technicianAvailability(ctx: RequestContext, db: QueryRunner, technicianId: string, from: Date, to: Date): Promise<TechnicianAvailability | null> {
  const [found] = await loadAvailability(ctx, db, from, to, 't.id = $3', [technicianId]);
  return found ?? null;
}

/** Locks the technician's row so concurrent bookings of the same technician check capacity one after the other. */
export async function lockTechnician(db: QueryRunner, technicianId: string): Promise<boolean> {
  return !!(await queryOne(db, 'SELECT 1 FROM technicians WHERE id = $1 FOR UPDATE', [technicianId]));
}

// ---- pure checks ----

const overlaps = (a: Interval, b: Interval) => a.start < b.end && b.start < a.end;

const localDates = new Map<string, Intl.DateTimeFormat>();

/** The calendar date ("YYYY-MM-DD") of an instant in a zone. */
export function localDate(instant: number, timeZone: string): string {
  let format = localDates.get(timeZone);
  if (!format) localDates.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(instant);
}

/** Minutes of live appointments starting on the local day of `instant` (except `ignoreId`). */
export function bookedMinutesOn(availability: TechnicianAvailability, instant: number, ignoreId: string | null = null): number {
  const { timeZone } = availability.calendar;
  const day = localDate(instant, timeZone);
  return availability.bookings
    .filter((b) => b.id !== ignoreId && localDate(b.start, timeZone) === day)
    .reduce((sum, b) => sum + (b.end - b.start) / MINUTE, 0);
}

export type SlotRefusal = 'INACTIVE' | 'OUTSIDE_WORKING_HOURS' | 'TIME_OFF' | 'BOOKED' | 'OVER_CAPACITY';

/** Whether the technician works the whole of the slot (every minute of it inside working hours). */
export const withinWorkingHours = (availability: TechnicianAvailability, slot: Interval): boolean =>
  businessMinutesBetween(new Date(slot.start), new Date(slot.end), availability.calendar) * MINUTE === slot.end - slot.start;

/**
 * Why the technician cannot take the slot, or null. `checkBookings` false leaves overlapping
 * appointments to the database's exclusion constraint (the only race-free judge of them);
 * `ignoreId` is the appointment being moved.
 */
export function slotRefusal(availability: TechnicianAvailability, slot: Interval, options: { checkBookings: boolean; ignoreId?: string | null }): SlotRefusal | null {
  if (!availability.active) return 'INACTIVE';
  if (!withinWorkingHours(availability, slot)) return 'OUTSIDE_WORKING_HOURS';
  if (availability.timeOff.some((off) => overlaps(off, slot))) return 'TIME_OFF';
  if (options.checkBookings && availability.bookings.some((b) => b.id !== options.ignoreId && overlaps(b, slot))) return 'BOOKED';
  const booked = bookedMinutesOn(availability, slot.start, options.ignoreId ?? null);
  if (booked + (slot.end - slot.start) / MINUTE > availability.capacityMinutes) return 'OVER_CAPACITY';
  return null;
}

/** Minutes between candidate starts of suggestions. */
export const SLOT_GRID_MINUTES = 30;

/** The first grid instant at or after `instant` (the grid is aligned to whole UTC half hours). */
export const onGrid = (instant: number): number => Math.ceil(instant / (SLOT_GRID_MINUTES * MINUTE)) * SLOT_GRID_MINUTES * MINUTE;

/**
 * The technician's free starts for a visit of `durationMinutes` in [from, to), earliest first, at
 * most `limit`, ending no later than `latestEnd`, ignoring the appointment `ignoreId` (the one
 * being moved). Walks the grid once (at most a few thousand
 * steps for the bounded range), skipping closed stretches to the next grid point.
 */
export function freeStarts(
  availability: TechnicianAvailability,
  window: { from: number; to: number; latestEnd: number },
  durationMinutes: number,
  limit: number,
  ignoreId: string | null,
): Interval[] {
  const { from, to, latestEnd } = window;
  const found: Interval[] = [];
  const length = durationMinutes * MINUTE;
  for (let start = onGrid(from); start < to && start + length <= latestEnd && found.length < limit; start += SLOT_GRID_MINUTES * MINUTE) {
    const slot = { start, end: start + length };
    if (!slotRefusal(availability, slot, { checkBookings: true, ignoreId })) found.push(slot);
  }
  return found;
}

export { DAY, MINUTE };
