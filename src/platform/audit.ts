/** The audit trail of control-plane changes: who, what, when, before and after; written in the change's transaction. */
import { uuidv7 } from '../db/uuid';
import { Queryable, queryRows } from '../db/sql';
import { Actor } from './refusal';

export interface AuditEntry {
  id: string;
  at: Date;
  actorKind: string;
  actorId: string;
  action: string;
  tenantId: string | null;
  resellerId: string | null;
  before: unknown;
  after: unknown;
}

export async function recordAudit(
  db: Queryable,
  actor: Actor,
  action: string,
  subject: { tenantId?: string | null; resellerId?: string | null },
  before: unknown,
  after: unknown,
): Promise<void> {
  await queryRows(
    db,
    `INSERT INTO control.audit_log (id, actor_kind, actor_id, action, tenant_id, reseller_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [uuidv7(), actor.kind, actor.id, action, subject.tenantId ?? null, subject.resellerId ?? null, json(before), json(after)],
  );
}

/** JSON for jsonb parameters (pg would turn arrays into PostgreSQL arrays). */
const json = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value));

export interface AuditQuery {
  /** Only entries about this reseller's tenants or the reseller itself. */
  resellerId?: string;
  tenantId?: string;
}

const AUDIT_WHERE = `($1::uuid IS NULL OR a.reseller_id = $1 OR a.tenant_id IN (SELECT id FROM control.tenants WHERE reseller_id = $1))
  AND ($2::uuid IS NULL OR a.tenant_id = $2)`;

/** Newest first, keyset on the time-ordered id. */
export async function listAudit(db: Queryable, query: AuditQuery & { limit: number; beforeId?: string }): Promise<AuditEntry[]> {
  return queryRows<AuditEntry>(
    db,
    `SELECT a.id, a.at, a.actor_kind AS "actorKind", a.actor_id AS "actorId", a.action, a.tenant_id AS "tenantId",
            a.reseller_id AS "resellerId", a.before, a.after
       FROM control.audit_log a
      WHERE ${AUDIT_WHERE} AND ($3::uuid IS NULL OR a.id < $3)
      ORDER BY a.id DESC LIMIT $4`,
    [query.resellerId ?? null, query.tenantId ?? null, query.beforeId ?? null, query.limit],
  );
}

export async function countAudit(db: Queryable, query: AuditQuery): Promise<number> {
  const rows = await queryRows<{ count: number }>(db, `SELECT count(*)::int AS count FROM control.audit_log a WHERE ${AUDIT_WHERE}`, [
    query.resellerId ?? null,
    query.tenantId ?? null,
  ]);
  return rows[0].count;
}
