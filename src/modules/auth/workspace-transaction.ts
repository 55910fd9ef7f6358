/**
 * Signing in and accepting invitations come from callers without a credential yet: they get a
 * transaction in the workspace's schema and role of their own, committed only when the work
 * succeeds (a failure leaves nothing written).
 */
import { QueryRunner } from 'typeorm';
import { PlanRecord } from '../../platform/plans';
import { TenantRecord } from '../../platform/tenants';
import { tenantWithPlan } from '../../tenancy/authenticate';
import { OperationTransaction } from '../../tenancy/operation-transaction';
import { RequestContext, SignInSettings } from '../../tenancy/request-context';

export type Workspace = TenantRecord & { plan: PlanRecord };

/** Statuses whose schema exists (a tenant being deleted keeps its schema until the purge). */
const LIVE = new Set(['active', 'suspended', 'pending_deletion']);

export async function liveWorkspace(ctx: RequestContext, where: { id?: string; slug?: string }): Promise<Workspace | null> {
  const id = where.id ?? (await ctx.dataSource.query('SELECT id FROM control.tenants WHERE slug = $1', [where.slug]))[0]?.id;
  const tenant = id ? await tenantWithPlan(ctx.dataSource, id) : null;
  return tenant && LIVE.has(tenant.status) ? tenant : null;
}

/** Runs `work` in the workspace's schema; commits when `keep(result)` holds, otherwise rolls back. */
export async function inWorkspace<T>(ctx: RequestContext, workspace: Workspace, work: (db: QueryRunner) => Promise<T>, keep: (result: T) => boolean): Promise<T> {
  const tx = new OperationTransaction(ctx.dataSource, workspace, settingsOf(ctx).statementTimeoutMs, ctx.log);
  tx.readOnly = false;
  try {
    const result = await work(await tx.connection());
    if (keep(result)) await tx.finish();
    else await tx.rollback();
    return result;
  } catch (error) {
    await tx.rollback().catch(() => undefined);
    throw error;
  }
}

export function settingsOf(ctx: RequestContext): SignInSettings {
  if (!ctx.signIn) throw new Error('Signing in is only available through the HTTP API');
  return ctx.signIn;
}
