/**
 * The workspace's audit trail of configuration and permission changes: who, what, when,
 * before/after. Written in the change's own transaction, so a change without its entry cannot exist.
 */
import { QueryRunner } from 'typeorm';
import { queryRows } from '../../db/sql';
import { uuidv7 } from '../../db/uuid';
import { ConnectionValue, OrderTerm, planPage, toConnection } from '../../graphql/pagination';
import { badInput } from '../../graphql/errors';
import { auditActor } from '../../tenancy/principal';
import { RequestContext, tenantDb, tenantOf } from '../../tenancy/request-context';

export interface AdminChange {
  /** e.g. "picklist.update_value", "pipeline_stage.create". */
  action: string;
  /** e.g. "Picklist", "PipelineStage". */
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AdminAuditRow {
  id: string;
  at: Date;
  actorKind: string;
  actorId: string;
  action: string;
  targetType: string;
  targetId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const json = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value));

/** Records a change made by the request's principal, inside the request's transaction. */
export async function recordAdminChange(ctx: RequestContext, db: QueryRunner, change: AdminChange): Promise<void> {
  const actor = auditActor(tenantOf(ctx));
  await db.query(
    `INSERT INTO admin_audit (id, actor_kind, actor_id, action, target_type, target_id, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [uuidv7(), actor.type, actor.id, change.action, change.targetType, change.targetId ?? null, json(change.before), json(change.after)],
  );
}

const newestFirst: OrderTerm<AdminAuditRow>[] = [{ key: { name: 'id', expression: 'id', nullable: false, sqlType: 'uuid', value: (r) => r.id }, direction: 'DESC' }];

export interface AdminAuditQuery {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  targetType?: string | null;
  action?: string | null;
}

export async function listAdminAudit(ctx: RequestContext, query: AdminAuditQuery): Promise<ConnectionValue<AdminAuditRow>> {
  const plan = planPage(query, newestFirst as OrderTerm<unknown>[]);
  if (plan.backward) throw badInput('The audit log pages forward only (first/after)');
  const filters = [query.targetType ?? null, query.action ?? null];
  const where = `($1::text IS NULL OR target_type = $1) AND ($2::text IS NULL OR action = $2)`;
  const db = await tenantDb(ctx);
  const rows = await queryRows<AdminAuditRow>(
    db,
    `SELECT id, at, actor_kind AS "actorKind", actor_id AS "actorId", action, target_type AS "targetType", target_id AS "targetId", before, after
       FROM admin_audit WHERE ${where} AND ($3::uuid IS NULL OR id < $3) ORDER BY id DESC LIMIT $4`,
    [...filters, plan.cursor?.[0] ?? null, plan.limit + 1],
  );
  return toConnection(rows, plan, newestFirst, async () => (await queryRows<{ count: number }>(db, `SELECT count(*)::int AS count FROM admin_audit WHERE ${where}`, filters))[0].count);
}
