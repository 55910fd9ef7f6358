import DataLoader from 'dataloader';
import { queryRows } from '../../db/sql';
import { RequestContext, tenantDb } from '../../tenancy/request-context';

export interface SkillRow {
  id: string;
  name: string;
  description: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The columns of a skill under alias `s`, as SkillRow properties. */
export const SKILL_SELECT = `s.id, s.name, s.description, s.version, s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;

export const skillById = (ctx: RequestContext): DataLoader<string, SkillRow | null> =>
  ctx.loaders.get(
    'fieldService.skillById',
    () =>
      new DataLoader(async (ids: readonly string[]) => {
        const rows = await queryRows<SkillRow>(await tenantDb(ctx), `SELECT ${SKILL_SELECT} FROM skills s WHERE s.id = ANY($1::uuid[])`, [ids]);
        return ids.map((id) => rows.find((r) => r.id === id) ?? null);
      }),
  );
