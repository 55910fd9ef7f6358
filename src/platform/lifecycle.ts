/**
 * The tenant lifecycle: plan and seat changes, suspension, scheduled deletion with a grace period,
 * and the purge that drops schema and role and keeps a tombstone. Every change is audited in its
 * own transaction. A reseller acts only on its own tenants; others answer NOT_FOUND.
 */
import { DataSource, QueryRunner } from 'typeorm';
import { quoteTenantIdentifier } from '../db/identifiers';
import { queryOne, queryRows } from '../db/sql';
import { recordAudit } from './audit';
import { withControlTransaction } from './control-transaction';
import { destroyDataKey } from './encryption';
import { findPlan } from './plans';
import { Actor, Refusal } from './refusal';
import { TENANT_COLUMNS, TenantRecord, TenantStatus, auditView, checkSeats } from './tenants';

/** Which tenants the caller may act on: all (platform) or one reseller's. */
export interface TenantScope {
  resellerId?: string;
}

async function lockTenant(db: QueryRunner, tenantId: string, scope: TenantScope): Promise<TenantRecord> {
  const tenant = await queryOne<TenantRecord>(db, `SELECT ${TENANT_COLUMNS} FROM control.tenants WHERE id = $1 FOR UPDATE`, [tenantId]);
  if (!tenant || (scope.resellerId && tenant.resellerId !== scope.resellerId)) throw new Refusal('NOT_FOUND', 'tenantId', 'Tenant not found');
  return tenant;
}

/** Applies one audited change to a locked tenant row. */
function changeTenant(
  dataSource: DataSource,
  actor: Actor,
  action: string,
  tenantId: string,
  scope: TenantScope,
  change: (db: QueryRunner, tenant: TenantRecord) => Promise<{ sql: string; params: unknown[] }>,
): Promise<TenantRecord> {
  return withControlTransaction(dataSource, async (db) => {
    const before = await lockTenant(db, tenantId, scope);
    const { sql, params } = await change(db, before);
    const after = (await queryOne<TenantRecord>(db, `UPDATE control.tenants SET ${sql}, updated_at = now() WHERE id = $1 RETURNING ${TENANT_COLUMNS}`, [
      tenantId,
      ...params,
    ]))!;
    await recordAudit(db, actor, action, { tenantId, resellerId: after.resellerId }, auditView(before), auditView(after));
    return after;
  });
}

const requireStatus = (tenant: TenantRecord, allowed: TenantStatus[], doing: string): void => {
  if (!allowed.includes(tenant.status)) throw new Refusal('INVALID_STATE', 'tenantId', `Cannot ${doing} a tenant that is ${tenant.status.replace('_', ' ')}`);
};

export function changePlan(dataSource: DataSource, actor: Actor, tenantId: string, scope: TenantScope, input: { planCode?: string; seats?: number }) {
  return changeTenant(dataSource, actor, 'tenant.change_plan', tenantId, scope, async (db, tenant) => {
    requireStatus(tenant, ['active', 'suspended'], 'change the plan of');
    const plan = await findPlan(db, input.planCode ?? tenant.planCode);
    if (!plan) throw new Refusal('NOT_FOUND', 'planCode', `Unknown plan "${input.planCode}"`);
    const seats = input.seats ?? tenant.seats;
    checkSeats(seats, plan.seatLimit, tenant.seatsUsed);
    return { sql: 'plan_code = $2, seats = $3', params: [plan.code, seats] };
  });
}

export function suspendTenant(dataSource: DataSource, actor: Actor, tenantId: string, scope: TenantScope) {
  return changeTenant(dataSource, actor, 'tenant.suspend', tenantId, scope, async (_db, tenant) => {
    requireStatus(tenant, ['active'], 'suspend');
    return { sql: `status = 'suspended'`, params: [] };
  });
}

export function resumeTenant(dataSource: DataSource, actor: Actor, tenantId: string, scope: TenantScope) {
  return changeTenant(dataSource, actor, 'tenant.resume', tenantId, scope, async (_db, tenant) => {
    requireStatus(tenant, ['suspended'], 'resume');
    return { sql: `status = 'active'`, params: [] };
  });
}

/** Every call to the tenant answers TENANT_SUSPENDED during the grace period; cancellable until the purge. */
export function scheduleDeletion(dataSource: DataSource, actor: Actor, tenantId: string, scope: TenantScope, graceDays: number) {
  return changeTenant(dataSource, actor, 'tenant.schedule_deletion', tenantId, scope, async (_db, tenant) => {
    requireStatus(tenant, ['active', 'suspended'], 'schedule the deletion of');
    if (!Number.isInteger(graceDays) || graceDays < 0 || graceDays > 365) throw new Refusal('OUT_OF_RANGE', 'graceDays', 'Grace period must be 0–365 days');
    return {
      sql: `status = 'pending_deletion', status_before_deletion = status, purge_after = now() + make_interval(days => $2)`,
      params: [graceDays],
    };
  });
}

export function cancelDeletion(dataSource: DataSource, actor: Actor, tenantId: string, scope: TenantScope) {
  return changeTenant(dataSource, actor, 'tenant.cancel_deletion', tenantId, scope, async (_db, tenant) => {
    requireStatus(tenant, ['pending_deletion'], 'cancel the deletion of');
    return { sql: `status = coalesce(status_before_deletion, 'suspended'), status_before_deletion = NULL, purge_after = NULL`, params: [] };
  });
}

/**
 * Purges tenants whose grace period is over: drops schema and role, revokes keys, destroys the
 * data key, keeps the control row as a tombstone. One transaction per tenant; returns the purged slugs.
 */
export async function purgeDueTenants(dataSource: DataSource, actor: Actor, scope: TenantScope = {}): Promise<string[]> {
  const due = await queryRows<{ id: string }>(
    dataSource,
    `SELECT id FROM control.tenants WHERE status = 'pending_deletion' AND purge_after <= now() AND ($1::uuid IS NULL OR reseller_id = $1) ORDER BY purge_after`,
    [scope.resellerId ?? null],
  );
  const purged: string[] = [];
  for (const { id } of due) {
    const tenant = await withControlTransaction(dataSource, async (db) => {
      const before = await lockTenant(db, id, scope);
      if (before.status !== 'pending_deletion' || !before.purgeAfter || before.purgeAfter.getTime() > Date.now()) return null;
      await db.query(`DROP SCHEMA ${quoteTenantIdentifier(before.schemaName)} CASCADE; DROP ROLE ${quoteTenantIdentifier(before.roleName)};`);
      await db.query(`UPDATE control.api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE tenant_id = $1`, [id]);
      // Crypto-shredding: what the data key sealed stays unreadable in every backup of the schema too.
      await destroyDataKey(db, id);
      const after = (await queryOne<TenantRecord>(
        db,
        `UPDATE control.tenants SET status = 'deleted', purged_at = now(), purge_after = NULL, status_before_deletion = NULL, updated_at = now()
          WHERE id = $1 RETURNING ${TENANT_COLUMNS}`,
        [id],
      ))!;
      await recordAudit(db, actor, 'tenant.purge', { tenantId: id, resellerId: after.resellerId }, auditView(before), auditView(after));
      return after;
    });
    if (tenant) purged.push(tenant.slug);
  }
  return purged;
}
