/**
 * The workspace's service calendar: opening hours per weekday and holidays, in the workspace's
 * time zone. Service levels in business hours count on it (unless an entitlement names a
 * territory). Admins change it; every change is audited with the calendar before and after.
 */
import { QueryRunner } from 'typeorm';
import { UserError, UserErrorCode, failure, userError } from '../../graphql/user-errors';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { recordAdminChange } from '../admin-audit';
import { workspaceTimeZone } from '../configuration';
import { HolidayValue, Hours, checkHolidays, checkHours } from '../configuration/territories.service';
import { WEEKDAYS, fullWeek } from '../configuration/territories.types';
import { runMutation } from '../records/mutation';
import { loadWorkspaceHolidays, loadWorkspaceHours } from './business-hours.loaders';
import { BusinessHoursView, MAX_HOLIDAYS, UpdateBusinessHoursInput, UpdateBusinessHoursPayload } from './business-hours.types';

export async function getBusinessHours(ctx: RequestContext): Promise<BusinessHoursView> {
  const db = await tenantDb(ctx);
  return { timeZone: await workspaceTimeZone(ctx, db), hours: fullWeek(await loadWorkspaceHours(db)) };
}

export async function listHolidays(ctx: RequestContext, from: string | null, to: string | null): Promise<HolidayValue[]> {
  return loadWorkspaceHolidays(await tenantDb(ctx), from, to);
}

/** What the input asks for, checked without the database: the new week and the holiday changes. */
interface Changes {
  hours: Hours[] | null;
  replace: HolidayValue[] | null;
  add: HolidayValue[];
  remove: string[];
}

function checkInput(input: UpdateBusinessHoursInput): { changes: Changes; errors: UserError[] } {
  const errors: UserError[] = [];
  const hours = input.hours != null ? checkHours(input.hours, ['input', 'hours']) : null;
  if (hours) errors.push(...hours.errors);
  if (hours && !hours.errors.length && !hours.hours.length) {
    errors.push(userError(['input', 'hours'], 'At least one weekday must be open: service levels in business hours could never be met', UserErrorCode.INVALID));
  }
  const replace = input.holidays != null ? checkHolidays(input.holidays, ['input', 'holidays']) : null;
  const add = checkHolidays(input.addHolidays ?? [], ['input', 'addHolidays']);
  errors.push(...(replace?.errors ?? []), ...add.errors);
  const remove = input.removeHolidays ?? [];
  if (replace && (input.addHolidays != null || input.removeHolidays != null)) {
    const field = input.addHolidays != null ? 'addHolidays' : 'removeHolidays';
    errors.push(userError(['input', field], 'Give either holidays (the whole list) or addHolidays/removeHolidays, not both', UserErrorCode.INVALID));
  }
  remove.forEach((date, i) => {
    if (remove.indexOf(date) !== i) errors.push(userError(['input', 'removeHolidays', String(i)], `${date} is listed more than once`, UserErrorCode.DUPLICATE));
    else if (add.holidays.some((h) => h.date === date)) errors.push(userError(['input', 'removeHolidays', String(i)], `${date} is both added and removed`, UserErrorCode.INVALID));
  });
  return { changes: { hours: hours?.hours ?? null, replace: replace?.holidays ?? null, add: add.holidays, remove }, errors };
}

/** The holidays after the changes, by date; or what is wrong with removing or adding them. */
function nextHolidays(current: HolidayValue[], changes: Changes): { holidays: HolidayValue[]; errors: UserError[] } {
  if (changes.replace) return { holidays: changes.replace, errors: [] };
  const byDate = new Map(current.map((h) => [h.date, h.name]));
  const errors = changes.remove.flatMap((date, i) =>
    byDate.delete(date) ? [] : [userError(['input', 'removeHolidays', String(i)], `${date} is not a holiday`, UserErrorCode.NOT_FOUND)],
  );
  for (const holiday of changes.add) byDate.set(holiday.date, holiday.name);
  const holidays = [...byDate].map(([date, name]) => ({ date, name })).sort((a, b) => a.date.localeCompare(b.date));
  return { holidays, errors };
}

async function writeHours(db: QueryRunner, hours: Hours[]): Promise<void> {
  await db.query('DELETE FROM workspace_business_hours');
  await db.query(
    `INSERT INTO workspace_business_hours (weekday, opens_at, closes_at) SELECT w, o::time, c::time FROM unnest($1::smallint[], $2::text[], $3::text[]) AS h(w, o, c)`,
    [hours.map((h) => h.weekday), hours.map((h) => h.open), hours.map((h) => h.close)],
  );
}

/** Two statements whatever the change: drop the dates that go, upsert the rest (renamed ones change). */
async function writeHolidays(db: QueryRunner, holidays: HolidayValue[]): Promise<void> {
  const dates = holidays.map((h) => h.date);
  await db.query('DELETE FROM workspace_holidays WHERE NOT (date = ANY($1::date[]))', [dates]);
  await db.query(
    `INSERT INTO workspace_holidays AS w (date, name) SELECT d, n FROM unnest($1::date[], $2::text[]) AS h(d, n)
     ON CONFLICT (date) DO UPDATE SET name = EXCLUDED.name WHERE w.name <> EXCLUDED.name`,
    [dates, holidays.map((h) => h.name)],
  );
}

/** What the audit trail keeps of the calendar: all of it. */
const auditView = (hours: Hours[], holidays: HolidayValue[]) => ({
  hours: hours.map((h) => ({ weekday: WEEKDAYS[h.weekday - 1], open: h.open, close: h.close })),
  holidays,
});

export function updateBusinessHours(ctx: RequestContext, input: UpdateBusinessHoursInput): Promise<UpdateBusinessHoursPayload> {
  return runMutation<UpdateBusinessHoursPayload>(ctx, input, async (db) => {
    const { changes, errors } = checkInput(input);
    if (errors.length) return failure(...errors);
    // One change at a time, so that each audit entry's "before" is what the change replaced.
    await db.query('LOCK TABLE workspace_business_hours, workspace_holidays IN SHARE ROW EXCLUSIVE MODE');
    const currentHours = await loadWorkspaceHours(db);
    const currentHolidays = await loadWorkspaceHolidays(db);
    const holidays = nextHolidays(currentHolidays, changes);
    if (holidays.errors.length) return failure(...holidays.errors);
    if (holidays.holidays.length > MAX_HOLIDAYS) {
      const field = changes.replace ? 'holidays' : 'addHolidays';
      return failure(userError(['input', field], `The calendar would have ${holidays.holidays.length} holidays; at most ${MAX_HOLIDAYS} are kept (remove past ones first)`, UserErrorCode.OUT_OF_RANGE));
    }
    const hours = changes.hours ?? currentHours;
    const before = auditView(currentHours, currentHolidays);
    const after = auditView(hours, holidays.holidays);
    const view = async () => ({ timeZone: await workspaceTimeZone(ctx, db), hours: fullWeek(hours) });
    if (JSON.stringify(before) === JSON.stringify(after)) return { businessHours: await view(), userErrors: [] };
    if (JSON.stringify(before.hours) !== JSON.stringify(after.hours)) await writeHours(db, hours);
    if (JSON.stringify(before.holidays) !== JSON.stringify(after.holidays)) await writeHolidays(db, holidays.holidays);
    await recordAdminChange(ctx, db, { action: 'business_hours.update', targetType: 'WorkspaceBusinessHours', before, after });
    return { businessHours: await view(), userErrors: [] };
  });
}
