/** Reading technicians: one by ID, or a page filtered by skill, territory and activity (oldest first). */
import { SqlParams } from '../../db/sql-params';
import { queryRows } from '../../db/sql';
import { notFound } from '../../graphql/errors';
import { requireUuid } from '../../graphql/global-id';
import { ConnectionValue, OrderTerm, keysetSql, orderBySql, planPage, toConnection } from '../../graphql/pagination';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { TECHNICIAN_SELECT, TechnicianRow, technicianById } from './technicians.loaders';
import { TechnicianFilter, TechniciansArgs } from './technicians.types';

// Creation order rather than the user's name: a cursor must not carry personal data.
const ORDER: OrderTerm<TechnicianRow>[] = [
  { key: { name: 'createdAt', expression: 't.created_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.createdAt }, direction: 'ASC' },
  { key: { name: 'id', expression: 't.id', nullable: false, sqlType: 'uuid', value: (r) => r.id }, direction: 'ASC' },
];

/** SQL conditions of the filter (values bound in `params`). */
function conditions(where: TechnicianFilter | null | undefined, params: SqlParams): string[] {
  const parts: string[] = [];
  if (where?.skill != null) {
    parts.push(`EXISTS (SELECT 1 FROM technician_skills ts WHERE ts.technician_id = t.id AND ts.skill_id = ${params.add(requireUuid(where.skill, 'Skill', 'where.skill'))}::uuid)`);
  }
  if (where?.territory != null) {
    const territory = params.add(requireUuid(where.territory, 'Territory', 'where.territory'));
    parts.push(`(t.home_territory_id = ${territory}::uuid OR EXISTS (SELECT 1 FROM technician_territories tt WHERE tt.technician_id = t.id AND tt.territory_id = ${territory}::uuid))`);
  }
  if (where?.active != null) parts.push(`t.active = ${params.add(where.active)}`);
  return parts;
}

const whereSql = (parts: string[]) => (parts.length ? `WHERE ${parts.join(' AND ')}` : '');

export async function listTechnicians(ctx: RequestContext, args: TechniciansArgs): Promise<ConnectionValue<TechnicianRow>> {
  const plan = planPage(args, ORDER as OrderTerm<unknown>[]);
  const params = new SqlParams();
  const where = [...conditions(args.where, params), ...(plan.cursor ? [keysetSql(ORDER, plan.cursor, plan.backward, params)] : [])];
  const db = await tenantDb(ctx);
  const rows = await queryRows<TechnicianRow>(
    db,
    `SELECT ${TECHNICIAN_SELECT} FROM technicians t ${whereSql(where)} ORDER BY ${orderBySql(ORDER, plan.backward)} LIMIT ${plan.limit + 1}`,
    params.values,
  );
  return toConnection(rows, plan, ORDER, async () => {
    const countParams = new SqlParams();
    const [row] = await queryRows<{ count: number }>(db, `SELECT count(*)::int AS count FROM technicians t ${whereSql(conditions(args.where, countParams))}`, countParams.values);
    return row.count;
  });
}

export async function getTechnician(ctx: RequestContext, id: string): Promise<TechnicianRow> {
  const technician = await technicianById(ctx).load(requireUuid(id, 'Technician'));
  if (!technician) throw notFound('Technician');
  return technician;
}
