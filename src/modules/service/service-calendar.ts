/**
 * The calendar an entitlement's service levels count in: around the clock (ALL_HOURS), a
 * territory's hours and holidays in its time zone, or the workspace's. Holidays are loaded for the
 * span business-time arithmetic looks at: from the day before `from` to HORIZON_DAYS after it.
 */
import { QueryRunner } from 'typeorm';
import { queryOne } from '../../db/sql';
import { RequestContext } from '../../tenancy/request-context';
import { workspaceTimeZone } from '../configuration';
import type { Hours } from '../configuration/territories.service';
import { ALWAYS_OPEN, BusinessCalendar, HORIZON_DAYS, buildCalendar } from './business-calendar';

const DAY = 86_400_000;

/** The dates holidays are loaded for; a day of slack either side covers any time zone's local date. */
const holidaySpan = (from: Date): [string, string] => [
  new Date(from.getTime() - DAY).toISOString().slice(0, 10),
  new Date(from.getTime() + (HORIZON_DAYS + 1) * DAY).toISOString().slice(0, 10),
];

const HOURS_JSON = `json_build_object('weekday', weekday, 'open', left(opens_at::text, 5), 'close', left(closes_at::text, 5)) ORDER BY weekday`;

interface CalendarRow {
  timeZone: string | null;
  hours: Hours[] | null;
  workspaceHours: Hours[];
  holidays: string[];
}

/**
 * One statement: the territory's zone, hours and holidays, with the workspace hours beside them
 * (a territory without any hours keeps the workspace's, read in the territory's zone). Null when
 * the territory does not exist.
 */
async function territoryCalendar(db: QueryRunner, territoryId: string, from: Date): Promise<BusinessCalendar | null> {
  const row = await queryOne<CalendarRow>(
    db,
    `SELECT t.time_zone AS "timeZone",
            (SELECT json_agg(${HOURS_JSON}) FROM territory_business_hours WHERE territory_id = t.id) AS hours,
            (SELECT coalesce(json_agg(${HOURS_JSON}), '[]') FROM workspace_business_hours) AS "workspaceHours",
            (SELECT coalesce(array_agg(date::text), '{}') FROM territory_holidays WHERE territory_id = t.id AND date BETWEEN $2 AND $3) AS holidays
       FROM territories t WHERE t.id = $1`,
    [territoryId, ...holidaySpan(from)],
  );
  return row ? buildCalendar(row.timeZone!, row.hours ?? row.workspaceHours, row.holidays) : null;
}

/** Two statements: the workspace's time zone (settings), then its hours and holidays. */
async function workspaceCalendar(ctx: RequestContext, db: QueryRunner, from: Date): Promise<BusinessCalendar> {
  const timeZone = await workspaceTimeZone(ctx, db);
  const row = (await queryOne<CalendarRow>(
    db,
    `SELECT (SELECT coalesce(json_agg(${HOURS_JSON}), '[]') FROM workspace_business_hours) AS "workspaceHours",
            (SELECT coalesce(array_agg(date::text), '{}') FROM workspace_holidays WHERE date BETWEEN $1 AND $2) AS holidays`,
    holidaySpan(from),
  ))!;
  return buildCalendar(timeZone, row.workspaceHours, row.holidays);
}

/**
 * The calendar for an entitlement's coverage, valid for instants from `from` up to HORIZON_DAYS
 * later (the holidays loaded). A territory that no longer exists falls back to the workspace's.
 */
export async function loadServiceCalendar(
  ctx: RequestContext,
  db: QueryRunner,
  coverage: 'BUSINESS_HOURS' | 'ALL_HOURS',
  territoryId: string | null,
  from: Date,
): Promise<BusinessCalendar> {
  if (coverage === 'ALL_HOURS') return ALWAYS_OPEN();
  return (territoryId && (await territoryCalendar(db, territoryId, from))) || workspaceCalendar(ctx, db, from);
}
