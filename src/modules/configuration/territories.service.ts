/**
 * Territories: a hierarchy (no cycles), each with a time zone, business hours per weekday and
 * holidays, as SLAs and field service will read them. Every change is audited with the whole
 * territory before and after.
 */
import { QueryRunner } from 'typeorm';
import { SqlParams } from '../../db/sql-params';
import { entitySql } from '../../db/entity-sql';
import { queryOne } from '../../db/sql';
import { uuidv7 } from '../../db/uuid';
import { notFound } from '../../graphql/errors';
import { requireUuid, toGlobalId, uuidOf } from '../../graphql/global-id';
import { ConnectionValue } from '../../graphql/pagination';
import { UserError, UserErrorCode, failure, userError } from '../../graphql/user-errors';
import { RequestContext } from '../../tenancy/request-context';
import { recordAdminChange } from '../admin-audit';
import { runMutation } from '../records/mutation';
import { inputRecordId } from '../records/references';
import { cleanName, createOnce, nameOrderedPage, notFoundError, staleVersion, violatedConstraint } from './configuration.shared';
import { minutesOf } from './local-time';
import { canonicalTimeZone, workspaceTimeZone } from './settings.service';
import { TerritoryEntity } from './territories.entity';
import { loadHolidays, loadHours, territoryById } from './territories.loaders';
import {
  BusinessHoursInput,
  CreateTerritoryInput,
  CreateTerritoryPayload,
  DeleteTerritoryInput,
  DeleteTerritoryPayload,
  HolidayInput,
  TerritoriesArgs,
  UpdateTerritoryInput,
  UpdateTerritoryPayload,
  WEEKDAYS,
} from './territories.types';
import { countUsages, describeCounts } from './usages';

const NAME_MAX = 100;
const HOLIDAY_NAME_MAX = 100;

/** Opening hours of one ISO weekday (1 = Monday), "HH:MM" local; also the workspace calendar's. */
export interface Hours {
  weekday: number;
  open: string;
  close: string;
}

export interface HolidayValue {
  date: string;
  name: string;
}

/** Monday to Friday, 09:00–17:00. */
const DEFAULT_HOURS: Hours[] = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '09:00', close: '17:00' }));

export async function listTerritories(ctx: RequestContext, args: TerritoriesArgs): Promise<ConnectionValue<TerritoryEntity>> {
  const parent = args.parentId != null ? requireUuid(args.parentId, 'Territory', 'parentId') : null;
  return nameOrderedPage<TerritoryEntity>(
    ctx,
    { table: 'territories', alias: 't', selectList: entitySql(ctx.dataSource, TerritoryEntity).selectList('t') },
    args,
    (params: SqlParams) => [...(parent ? [`t.parent_id = ${params.add(parent)}::uuid`] : []), ...(args.topLevel ? ['t.parent_id IS NULL'] : [])],
  );
}

export async function getTerritory(ctx: RequestContext, id: string): Promise<TerritoryEntity> {
  const territory = await territoryById(ctx).load(requireUuid(id, 'Territory'));
  if (!territory) throw notFound('Territory');
  return territory;
}

/** The week as given: each weekday once, open before close, or closed (errors under `path`, e.g. input.businessHours). */
export function checkHours(input: BusinessHoursInput[], path: string[] = ['input', 'businessHours']): { hours: Hours[]; errors: UserError[] } {
  const hours: Hours[] = [];
  const errors: UserError[] = [];
  const seen = new Set<number>();
  input.forEach((day, i) => {
    const at = (field: string) => [...path, String(i), field];
    const weekday = WEEKDAYS.indexOf(day.weekday) + 1;
    if (seen.has(weekday)) {
      errors.push(userError(at('weekday'), `${day.weekday} is listed more than once`, UserErrorCode.DUPLICATE));
      return;
    }
    seen.add(weekday);
    if (day.closed) {
      if (day.open != null || day.close != null) errors.push(userError(at('closed'), `${day.weekday} is closed: give no open or close time`, UserErrorCode.INVALID));
      return;
    }
    if (day.open == null) errors.push(userError(at('open'), `${day.weekday} needs an opening time (or closed: true)`, UserErrorCode.REQUIRED));
    if (day.close == null) errors.push(userError(at('close'), `${day.weekday} needs a closing time (or closed: true)`, UserErrorCode.REQUIRED));
    if (day.open == null || day.close == null) return;
    if (minutesOf(day.close) <= minutesOf(day.open)) {
      errors.push(userError(at('close'), `${day.weekday}: the closing time ${day.close} must be after the opening time ${day.open}`, UserErrorCode.INVALID));
      return;
    }
    hours.push({ weekday, open: day.open, close: day.close });
  });
  return { hours: hours.sort((a, b) => a.weekday - b.weekday), errors };
}

/** Holidays as given: named, each date once (errors under `path`, e.g. input.holidays). */
export function checkHolidays(input: HolidayInput[], path: string[] = ['input', 'holidays']): { holidays: HolidayValue[]; errors: UserError[] } {
  const holidays: HolidayValue[] = [];
  const errors: UserError[] = [];
  const seen = new Set<string>();
  input.forEach((holiday, i) => {
    const name = cleanName(holiday.name, [...path, String(i), 'name'], 'The holiday name', HOLIDAY_NAME_MAX);
    if (name.error) errors.push(name.error);
    if (seen.has(holiday.date)) errors.push(userError([...path, String(i), 'date'], `${holiday.date} is listed more than once`, UserErrorCode.DUPLICATE));
    seen.add(holiday.date);
    if (!name.error) holidays.push({ date: holiday.date, name: name.value! });
  });
  return { holidays: holidays.sort((a, b) => a.date.localeCompare(b.date)), errors };
}

/**
 * The parent a territory may get: it must exist, and (for an existing territory `self`) must be
 * neither the territory itself nor inside it.
 */
type ParentResult = { uuid: string | null; error?: undefined } | { uuid?: undefined; error: UserError };

async function resolveParent(db: QueryRunner, parentId: string, self: string | null): Promise<ParentResult> {
  const field = ['input', 'parentId'];
  const uuid = uuidOf(parentId, 'Territory');
  if (!uuid) return { error: userError(field, '"parentId" is not a valid Territory ID', UserErrorCode.INVALID) };
  if (uuid === self) return { error: userError(field, 'A territory cannot be its own parent', UserErrorCode.INVALID) };
  const parent = await queryOne<{ id: string }>(db, 'SELECT id FROM territories WHERE id = $1', [uuid]);
  if (!parent) return { error: notFoundError(field, 'Parent territory') };
  if (self) {
    const cycle = await queryOne(
      db,
      `WITH RECURSIVE up(id, parent_id) AS (
         SELECT id, parent_id FROM territories WHERE id = $1
         UNION SELECT t.id, t.parent_id FROM territories t JOIN up ON t.id = up.parent_id
       ) SELECT 1 FROM up WHERE id = $2`,
      [uuid, self],
    );
    if (cycle) return { error: userError(field, 'The new parent is inside this territory; that would make a cycle', UserErrorCode.INVALID) };
  }
  return { uuid };
}

async function writeHours(db: QueryRunner, territoryId: string, hours: Hours[]): Promise<void> {
  await db.query('DELETE FROM territory_business_hours WHERE territory_id = $1', [territoryId]);
  await db.query(
    `INSERT INTO territory_business_hours (territory_id, weekday, opens_at, closes_at)
     SELECT $1, w, o::time, c::time FROM unnest($2::smallint[], $3::text[], $4::text[]) AS h(w, o, c)`,
    [territoryId, hours.map((h) => h.weekday), hours.map((h) => h.open), hours.map((h) => h.close)],
  );
}

async function writeHolidays(db: QueryRunner, territoryId: string, holidays: HolidayValue[]): Promise<void> {
  await db.query('DELETE FROM territory_holidays WHERE territory_id = $1', [territoryId]);
  await db.query(`INSERT INTO territory_holidays (territory_id, date, name) SELECT $1, d, n FROM unnest($2::date[], $3::text[]) AS h(d, n)`, [
    territoryId,
    holidays.map((h) => h.date),
    holidays.map((h) => h.name),
  ]);
}

/** What the audit trail keeps of a territory: all of it. */
async function snapshot(db: QueryRunner, t: TerritoryEntity) {
  const hours = await loadHours(db, [t.id]);
  const holidays = await loadHolidays(db, [t.id]);
  return {
    id: toGlobalId('Territory', t.id),
    name: t.name,
    description: t.description,
    parentId: t.parentId ? toGlobalId('Territory', t.parentId) : null,
    timeZone: t.timeZone,
    businessHours: hours.map((h) => ({ weekday: WEEKDAYS[h.weekday - 1], open: h.open, close: h.close })),
    holidays: holidays.map((h) => ({ date: h.date, name: h.name })),
    version: t.version,
  };
}

const duplicateName = (name: string): UserError =>
  userError(['input', 'name'], `A territory named "${name}" already exists (names are unique ignoring case)`, UserErrorCode.DUPLICATE);

async function nameTaken(db: QueryRunner, name: string, except: string | null): Promise<boolean> {
  return !!(await queryOne(db, 'SELECT 1 FROM territories WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2', [name, except]));
}

/** A concurrent writer took the name, or deleted the parent, after our checks. */
function insertProblem(error: unknown, name: string): UserError | null {
  if (violatedConstraint(error) === 'territories_name_key') return duplicateName(name);
  if (violatedConstraint(error, '23503') === 'territories_parent_id_fkey') return notFoundError(['input', 'parentId'], 'Parent territory');
  return null;
}

const territorySelect = (db: QueryRunner) => entitySql(db.connection, TerritoryEntity).selectList('t');

export function createTerritory(ctx: RequestContext, input: CreateTerritoryInput): Promise<CreateTerritoryPayload> {
  return runMutation<CreateTerritoryPayload>(ctx, input, async (db) => {
    const name = cleanName(input.name, ['input', 'name'], 'The name', NAME_MAX);
    const hours = input.businessHours != null ? checkHours(input.businessHours) : { hours: DEFAULT_HOURS, errors: [] };
    const holidays = checkHolidays(input.holidays ?? []);
    const problems = [...(name.error ? [name.error] : []), ...hours.errors, ...holidays.errors];
    if (problems.length) return failure(...problems);
    const created = await createOnce(
      db,
      'createTerritory',
      'territory',
      input,
      async () => {
        const parent: ParentResult = input.parentId != null ? await resolveParent(db, input.parentId, null) : { uuid: null };
        if (parent.error) return { userErrors: [parent.error] };
        if (await nameTaken(db, name.value!, null)) return { userErrors: [duplicateName(name.value!)] };
        const timeZone = input.timeZone ? canonicalTimeZone(input.timeZone) : await workspaceTimeZone(ctx, db);
        let territory: TerritoryEntity;
        try {
          territory = (await queryOne<TerritoryEntity>(
            db,
            `INSERT INTO territories AS t (id, name, description, parent_id, time_zone) VALUES ($1, $2, $3, $4, $5) RETURNING ${territorySelect(db)}`,
            [uuidv7(), name.value, input.description?.trim() || null, parent.uuid, timeZone],
          ))!;
        } catch (error) {
          const problem = insertProblem(error, name.value!);
          if (problem) return { userErrors: [problem] };
          throw error;
        }
        await writeHours(db, territory.id, hours.hours);
        await writeHolidays(db, territory.id, holidays.holidays);
        await recordAdminChange(ctx, db, { action: 'territory.create', targetType: 'Territory', targetId: toGlobalId('Territory', territory.id), before: null, after: await snapshot(db, territory) });
        return { row: territory };
      },
      (id) => territoryById(ctx).load(id),
    );
    return created.row ? { territory: created.row, userErrors: [] } : failure(...created.userErrors);
  });
}

export function updateTerritory(ctx: RequestContext, input: UpdateTerritoryInput): Promise<UpdateTerritoryPayload> {
  return runMutation<UpdateTerritoryPayload>(ctx, input, async (db) => {
    const target = inputRecordId(input.id, 'Territory');
    if (target.error) return failure(target.error);
    const name = input.name === undefined ? {} : cleanName(input.name, ['input', 'name'], 'The name', NAME_MAX);
    const hours = input.businessHours != null ? checkHours(input.businessHours) : null;
    const holidays = input.holidays != null ? checkHolidays(input.holidays) : null;
    const problems = [...(name.error ? [name.error] : []), ...(hours?.errors ?? []), ...(holidays?.errors ?? [])];
    if (problems.length) return failure(...problems);
    // Moves in the hierarchy are serialised, so that two concurrent moves cannot together make a cycle.
    if (input.parentId !== undefined) await db.query('LOCK TABLE territories IN SHARE ROW EXCLUSIVE MODE');
    const territory = await queryOne<TerritoryEntity>(db, `SELECT ${territorySelect(db)} FROM territories t WHERE t.id = $1 FOR UPDATE`, [target.uuid]);
    if (!territory) return failure(notFoundError(['input', 'id'], 'Territory'));
    const conflict = staleVersion('The territory', input.expectedVersion, territory.version);
    if (conflict) return failure(conflict);
    const parent: ParentResult = input.parentId === undefined ? { uuid: territory.parentId } : input.parentId === null ? { uuid: null } : await resolveParent(db, input.parentId, territory.id);
    if (parent.error) return failure(parent.error);
    if (name.value !== undefined && (await nameTaken(db, name.value, territory.id))) return failure(duplicateName(name.value));
    const before = await snapshot(db, territory);
    let updated: TerritoryEntity;
    try {
      updated = (await queryOne<TerritoryEntity>(
        db,
        `UPDATE territories t SET name = $2, description = $3, parent_id = $4, time_zone = $5 WHERE t.id = $1 RETURNING ${territorySelect(db)}`,
        [
          territory.id,
          name.value ?? territory.name,
          input.description === undefined ? territory.description : input.description?.trim() || null,
          parent.uuid,
          input.timeZone ? canonicalTimeZone(input.timeZone) : territory.timeZone,
        ],
      ))!;
    } catch (error) {
      const problem = insertProblem(error, name.value ?? territory.name);
      if (problem) return failure(problem);
      throw error;
    }
    if (hours) await writeHours(db, territory.id, hours.hours);
    if (holidays) await writeHolidays(db, territory.id, holidays.holidays);
    const after = await snapshot(db, updated);
    const { version: _before, ...beforeState } = before;
    const { version: _after, ...afterState } = after;
    if (JSON.stringify(beforeState) === JSON.stringify(afterState)) return { territory, userErrors: [] };
    updated = (await queryOne<TerritoryEntity>(
      db,
      `UPDATE territories t SET version = t.version + 1, updated_at = now() WHERE t.id = $1 RETURNING ${territorySelect(db)}`,
      [territory.id],
    ))!;
    await recordAdminChange(ctx, db, { action: 'territory.update', targetType: 'Territory', targetId: toGlobalId('Territory', territory.id), before, after: { ...after, version: updated.version } });
    return { territory: updated, userErrors: [] };
  });
}

export function deleteTerritory(ctx: RequestContext, input: DeleteTerritoryInput): Promise<DeleteTerritoryPayload> {
  return runMutation<DeleteTerritoryPayload>(ctx, input, async (db) => {
    const target = inputRecordId(input.id, 'Territory');
    if (target.error) return failure(target.error);
    // Serialised with moves, so that no child can arrive while the territory goes.
    await db.query('LOCK TABLE territories IN SHARE ROW EXCLUSIVE MODE');
    const territory = await queryOne<TerritoryEntity>(db, `SELECT ${territorySelect(db)} FROM territories t WHERE t.id = $1`, [target.uuid]);
    if (!territory) return failure(notFoundError(['input', 'id'], 'Territory'));
    const conflict = staleVersion('The territory', input.expectedVersion, territory.version);
    if (conflict) return failure(conflict);
    const children = await queryOne<{ count: number }>(db, 'SELECT count(*)::int AS count FROM territories WHERE parent_id = $1', [territory.id]);
    if (children!.count > 0) {
      return failure(userError(['input', 'id'], `"${territory.name}" has ${children!.count} child territories; move or delete them first`, UserErrorCode.INVALID_STATE));
    }
    const inUse = await countUsages(db, 'Territory', territory.id);
    if (Object.keys(inUse).length) {
      return failure(userError(['input', 'id'], `"${territory.name}" is in use (${describeCounts(inUse)}); reassign those records first`, UserErrorCode.INVALID_STATE));
    }
    const before = await snapshot(db, territory);
    await db.query('DELETE FROM territories WHERE id = $1', [territory.id]);
    await recordAdminChange(ctx, db, { action: 'territory.delete', targetType: 'Territory', targetId: toGlobalId('Territory', territory.id), before, after: null });
    return { deletedTerritoryId: toGlobalId('Territory', territory.id), userErrors: [] };
  });
}
