import DataLoader from 'dataloader';
import { queryRows } from '../../db/sql';
import { RequestContext, tenantDb } from '../../tenancy/request-context';

export interface TechnicianRow {
  id: string;
  userId: string;
  homeTerritoryId: string | null;
  dailyCapacityMinutes: number;
  active: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface TechnicianSkillRow {
  technicianId: string;
  skillId: string;
  level: number;
}

export interface WorkingHoursRow {
  technicianId: string;
  weekday: number;
  startsAt: string;
  endsAt: string;
}

export interface TimeOffRow {
  id: string;
  technicianId: string;
  startsAt: Date;
  endsAt: Date;
  reason: string | null;
}

/** The columns of a technician under alias `t`, as TechnicianRow properties. */
export const TECHNICIAN_SELECT = `t.id, t.user_id AS "userId", t.home_territory_id AS "homeTerritoryId", t.daily_capacity_minutes AS "dailyCapacityMinutes",
  t.active, t.version, t.created_at AS "createdAt", t.updated_at AS "updatedAt"`;

/** The columns of a time off under alias `o`, as TimeOffRow properties. */
export const TIME_OFF_SELECT = `o.id, o.technician_id AS "technicianId", lower(o.during) AS "startsAt", upper(o.during) AS "endsAt", o.reason`;

/** One statement per batch: rows of `sql` (which takes the id array as $1 and selects "technicianId"), grouped by technician. */
function perTechnician<Row extends { technicianId: string }>(ctx: RequestContext, key: string, sql: string, params: unknown[] = []): DataLoader<string, Row[]> {
  return ctx.loaders.get(
    key,
    () =>
      new DataLoader(async (ids: readonly string[]) => {
        const rows = await queryRows<Row>(await tenantDb(ctx), sql, [ids, ...params]);
        return ids.map((id) => rows.filter((r) => r.technicianId === id));
      }),
  );
}

export const technicianById = (ctx: RequestContext): DataLoader<string, TechnicianRow | null> =>
  ctx.loaders.get(
    'fieldService.technicianById',
    () =>
      new DataLoader(async (ids: readonly string[]) => {
        const rows = await queryRows<TechnicianRow>(await tenantDb(ctx), `SELECT ${TECHNICIAN_SELECT} FROM technicians t WHERE t.id = ANY($1::uuid[])`, [ids]);
        return ids.map((id) => rows.find((r) => r.id === id) ?? null);
      }),
  );

/** Skills of many technicians, by skill name. */
export const technicianSkills = (ctx: RequestContext): DataLoader<string, TechnicianSkillRow[]> =>
  perTechnician(
    ctx,
    'fieldService.technicianSkills',
    `SELECT ts.technician_id AS "technicianId", ts.skill_id AS "skillId", ts.level
       FROM technician_skills ts JOIN skills s ON s.id = ts.skill_id WHERE ts.technician_id = ANY($1::uuid[]) ORDER BY s.name, s.id`,
  );

/** Further territories of many technicians (ids), by territory name. */
export const technicianTerritoryIds = (ctx: RequestContext): DataLoader<string, { technicianId: string; territoryId: string }[]> =>
  perTechnician(
    ctx,
    'fieldService.technicianTerritories',
    `SELECT tt.technician_id AS "technicianId", tt.territory_id AS "territoryId"
       FROM technician_territories tt JOIN territories tr ON tr.id = tt.territory_id WHERE tt.technician_id = ANY($1::uuid[]) ORDER BY tr.name, tr.id`,
  );

export const technicianHours = (ctx: RequestContext): DataLoader<string, WorkingHoursRow[]> =>
  perTechnician(
    ctx,
    'fieldService.technicianHours',
    `SELECT technician_id AS "technicianId", weekday, left(starts_at::text, 5) AS "startsAt", left(ends_at::text, 5) AS "endsAt"
       FROM technician_working_hours WHERE technician_id = ANY($1::uuid[]) ORDER BY weekday`,
  );

/** Time off of many technicians overlapping [from, to) (open ends unbounded), earliest first. */
export const technicianTimeOff = (ctx: RequestContext, from: Date | null, to: Date | null): DataLoader<string, TimeOffRow[]> =>
  perTechnician(
    ctx,
    `fieldService.technicianTimeOff:${from?.toISOString() ?? ''}:${to?.toISOString() ?? ''}`,
    `SELECT ${TIME_OFF_SELECT} FROM technician_time_off o
      WHERE o.technician_id = ANY($1::uuid[]) AND o.during && tstzrange($2::timestamptz, $3::timestamptz) ORDER BY lower(o.during), o.id`,
    [from, to],
  );
