import DataLoader from 'dataloader';
import { PlanRecord, listPlans } from '../../platform/plans';
import { ResellerRecord, listResellers } from '../../platform/resellers';
import { RequestContext } from '../../tenancy/request-context';
import { queryRows } from '../../db/sql';
import { TENANT_COLUMNS, TenantRecord } from '../../platform/tenants';
import { UsageDay, usageOfTenants } from '../../platform/usage';

/** Plans are few: one query per request loads them all. */
export const planByCode = (ctx: RequestContext): DataLoader<string, PlanRecord | null> =>
  ctx.loaders.get('controlPlane.plans', () => new DataLoader(async (codes) => {
    const plans = new Map((await listPlans(ctx.dataSource)).map((p) => [p.code, p]));
    return codes.map((code) => plans.get(code) ?? null);
  }));

export const resellerById = (ctx: RequestContext): DataLoader<string, ResellerRecord | null> =>
  ctx.loaders.get('controlPlane.resellers', () => new DataLoader(async (ids) => {
    const resellers = new Map((await listResellers(ctx.dataSource)).map((r) => [r.id, r]));
    return ids.map((id) => resellers.get(id) ?? null);
  }));

/** Usage of every tenant on a page in one statement (per distinct period). */
export const usageByTenant = (ctx: RequestContext, from: string, to: string): DataLoader<string, UsageDay[]> =>
  ctx.loaders.get(`controlPlane.usage:${from}:${to}`, () => new DataLoader((ids) => usageOfTenants(ctx.dataSource, ids, from, to)));

export const tenantById = (ctx: RequestContext): DataLoader<string, TenantRecord | null> =>
  ctx.loaders.get('controlPlane.tenants', () => new DataLoader(async (ids) => {
    const rows = await queryRows<TenantRecord>(ctx.dataSource, `SELECT ${TENANT_COLUMNS} FROM control.tenants WHERE id = ANY($1::uuid[])`, [ids]);
    const byId = new Map(rows.map((t) => [t.id, t]));
    return ids.map((id) => byId.get(id) ?? null);
  }));
