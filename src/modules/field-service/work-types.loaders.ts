import DataLoader from 'dataloader';
import { queryRows } from '../../db/sql';
import { RequestContext, tenantDb } from '../../tenancy/request-context';

export interface WorkTypeRow {
  id: string;
  name: string;
  description: string | null;
  defaultDurationMinutes: number;
  active: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface RequirementRow {
  workTypeId: string;
  skillId: string;
  minLevel: number;
}

/** The columns of a work type under alias `w`, as WorkTypeRow properties. */
export const WORK_TYPE_SELECT = `w.id, w.name, w.description, w.default_duration_minutes AS "defaultDurationMinutes", w.active, w.version,
  w.created_at AS "createdAt", w.updated_at AS "updatedAt"`;

export const workTypeById = (ctx: RequestContext): DataLoader<string, WorkTypeRow | null> =>
  ctx.loaders.get(
    'fieldService.workTypeById',
    () =>
      new DataLoader(async (ids: readonly string[]) => {
        const rows = await queryRows<WorkTypeRow>(await tenantDb(ctx), `SELECT ${WORK_TYPE_SELECT} FROM work_types w WHERE w.id = ANY($1::uuid[])`, [ids]);
        return ids.map((id) => rows.find((r) => r.id === id) ?? null);
      }),
  );

/** The skills many work types require, in one statement, by skill name. */
export const workTypeRequirements = (ctx: RequestContext): DataLoader<string, RequirementRow[]> =>
  ctx.loaders.get(
    'fieldService.workTypeRequirements',
    () =>
      new DataLoader(async (ids: readonly string[]) => {
        const rows = await queryRows<RequirementRow>(
          await tenantDb(ctx),
          `SELECT r.work_type_id AS "workTypeId", r.skill_id AS "skillId", r.min_level AS "minLevel"
             FROM work_type_skills r JOIN skills s ON s.id = r.skill_id
            WHERE r.work_type_id = ANY($1::uuid[]) ORDER BY s.name, s.id`,
          [ids],
        );
        return ids.map((id) => rows.filter((r) => r.workTypeId === id));
      }),
  );
