/**
 * Control-plane operations on workspaces, for platform admins (all tenants) and resellers (their
 * own: other tenants are NOT_FOUND). They run on the platform's own transactions and never touch
 * CRM data.
 */
import { actorOf as credentialActor } from '../../tenancy/principal';
import { badInput, notFound } from '../../graphql/errors';
import { requireUuid, uuidOf } from '../../graphql/global-id';
import { ConnectionValue, OrderTerm, planPage, toConnection } from '../../graphql/pagination';
import { Payload, UserErrorCode, failure, userError, validateInput } from '../../graphql/user-errors';
import { createApiKey } from '../../platform/api-keys';
import { AuditEntry, countAudit, listAudit } from '../../platform/audit';
import * as lifecycle from '../../platform/lifecycle';
import { PlanRecord, listPlans, upsertPlan } from '../../platform/plans';
import { Actor, Refusal, RefusalCode } from '../../platform/refusal';
import { ResellerRecord, createReseller, findReseller, listResellers } from '../../platform/resellers';
import { TenantRecord, TenantStatus as StoredStatus, countTenants, findTenantById, listTenants, provisionTenant } from '../../platform/tenants';
import { ResellerUsage, UsageDay, resellerUsageSummary, tenantUsage } from '../../platform/usage';
import { RequestContext } from '../../tenancy/request-context';
import { ensureUser } from '../workspace';
import {
  AuditLogArgs,
  ChangeTenantPlanInput,
  CreateResellerApiKeyInput,
  CreateResellerInput,
  ProvisionTenantInput,
  ScheduleTenantDeletionInput,
  TenantRefInput,
  TenantsArgs,
  UpsertPlanInput,
} from './control-plane.inputs';

const REFUSAL_CODES: Record<RefusalCode, UserErrorCode> = {
  NOT_FOUND: UserErrorCode.NOT_FOUND,
  INVALID: UserErrorCode.INVALID,
  DUPLICATE: UserErrorCode.DUPLICATE,
  INVALID_STATE: UserErrorCode.INVALID_STATE,
  OUT_OF_RANGE: UserErrorCode.OUT_OF_RANGE,
  QUOTA_EXCEEDED: UserErrorCode.QUOTA_EXCEEDED,
};

/** Validates the input, runs the change, and turns the control plane's refusals into userErrors. */
async function controlMutation<P extends Payload>(input: object, work: () => Promise<P>): Promise<P> {
  const invalid = await validateInput(input);
  if (invalid.length) return failure<P>(...invalid);
  try {
    return await work();
  } catch (error) {
    if (error instanceof Refusal) return failure<P>(userError(['input', error.field], error.message, REFUSAL_CODES[error.code]));
    throw error;
  }
}

const actorOf = (ctx: RequestContext): Actor => {
  const { principal } = ctx;
  if (principal.kind === 'anonymous') return { kind: 'system', id: 'anonymous' };
  if (principal.kind === 'tenant') return { kind: 'tenant', id: credentialActor(principal).id };
  return { kind: principal.kind, id: principal.keyId };
};

/** Resellers see and act on their own tenants only. */
const scopeOf = (ctx: RequestContext): lifecycle.TenantScope => (ctx.principal.kind === 'reseller' ? { resellerId: ctx.principal.resellerId } : {});

/** A tenant ID in an input: malformed is a NOT_FOUND refusal like an unknown one, so nothing is revealed. */
const tenantUuid = (id: string): string => {
  const uuid = uuidOf(id, 'Tenant');
  if (!uuid) throw new Refusal('NOT_FOUND', 'tenantId', 'Tenant not found');
  return uuid;
};

async function visibleTenant(ctx: RequestContext, id: string): Promise<TenantRecord> {
  const tenant = await findTenantById(ctx.dataSource, requireUuid(id, 'Tenant', 'tenantId'));
  const scope = scopeOf(ctx);
  if (!tenant || (scope.resellerId && tenant.resellerId !== scope.resellerId)) throw notFound('Tenant');
  return tenant;
}

const byId: OrderTerm<TenantRecord>[] = [{ key: { name: 'id', expression: 'id', nullable: false, sqlType: 'uuid', value: (t) => t.id }, direction: 'ASC' }];

export async function tenants(ctx: RequestContext, args: TenantsArgs): Promise<ConnectionValue<TenantRecord>> {
  const plan = planPage(args, byId as OrderTerm<unknown>[]);
  if (plan.backward) throw badInput('The tenant list pages forward only (first/after)');
  const where = args.where ?? {};
  const resellerId = scopeOf(ctx).resellerId ?? (where.resellerId ? requireUuid(where.resellerId, 'Reseller', 'where.resellerId') : undefined);
  const query = {
    resellerId,
    status: where.status?.map((s) => s.toLowerCase() as StoredStatus),
    planCode: where.planCode,
    slugContains: where.slugContains,
  };
  const rows = await listTenants(ctx.dataSource, { ...query, limit: plan.limit + 1, afterId: plan.cursor?.[0] as string | undefined });
  return toConnection(rows, plan, byId, () => countTenants(ctx.dataSource, query));
}

export const tenant = (ctx: RequestContext, id: string): Promise<TenantRecord> => visibleTenant(ctx, id);
export const plans = (ctx: RequestContext): Promise<PlanRecord[]> => listPlans(ctx.dataSource);
export const resellers = (ctx: RequestContext): Promise<ResellerRecord[]> => listResellers(ctx.dataSource);

export function provision(ctx: RequestContext, input: ProvisionTenantInput) {
  return controlMutation(input, async () => {
    let resellerId = scopeOf(ctx).resellerId ?? null;
    if (!resellerId && input.resellerId) {
      resellerId = uuidOf(input.resellerId, 'Reseller');
      if (!resellerId || !(await findReseller(ctx.dataSource, resellerId))) throw new Refusal('NOT_FOUND', 'resellerId', 'Reseller not found');
    }
    const { firstAdmin } = input;
    const created = await provisionTenant(
      ctx.dataSource,
      actorOf(ctx),
      { slug: input.slug, name: input.name, planCode: input.planCode, seats: input.seats, resellerId, settings: input.settings ? { ...input.settings } : undefined },
      {
        seedWorkspace: firstAdmin ? async (db) => (await ensureUser(db, { ...firstAdmin, role: 'admin' }), 1) : undefined,
        afterCreate: (db, t) => createApiKey(db, { kind: 'tenant', tenantId: t.id, role: 'admin', name: 'First admin key' }),
        keyring: ctx.keyring,
      },
    );
    return { tenant: created, adminApiKey: created.extra.token, userErrors: [] };
  });
}

export function changePlan(ctx: RequestContext, input: ChangeTenantPlanInput) {
  return controlMutation(input, async () => ({
    tenant: await lifecycle.changePlan(ctx.dataSource, actorOf(ctx), tenantUuid(input.tenantId), scopeOf(ctx), { planCode: input.planCode, seats: input.seats }),
    userErrors: [],
  }));
}

type LifecycleStep = 'suspendTenant' | 'resumeTenant' | 'cancelDeletion';

export function lifecycleStep(ctx: RequestContext, step: LifecycleStep, input: TenantRefInput) {
  return controlMutation(input, async () => ({
    tenant: await lifecycle[step](ctx.dataSource, actorOf(ctx), tenantUuid(input.tenantId), scopeOf(ctx)),
    userErrors: [],
  }));
}

export function scheduleDeletion(ctx: RequestContext, input: ScheduleTenantDeletionInput) {
  return controlMutation(input, async () => ({
    tenant: await lifecycle.scheduleDeletion(ctx.dataSource, actorOf(ctx), tenantUuid(input.tenantId), scopeOf(ctx), input.graceDays),
    userErrors: [],
  }));
}

export async function purgeDue(ctx: RequestContext) {
  return { purgedSlugs: await lifecycle.purgeDueTenants(ctx.dataSource, actorOf(ctx), scopeOf(ctx)), userErrors: [] };
}

export function newReseller(ctx: RequestContext, input: CreateResellerInput) {
  return controlMutation(input, async () => ({ reseller: await createReseller(ctx.dataSource, actorOf(ctx), input), userErrors: [] }));
}

export function newResellerKey(ctx: RequestContext, input: CreateResellerApiKeyInput) {
  return controlMutation(input, async () => {
    const resellerId = uuidOf(input.resellerId, 'Reseller');
    if (!resellerId || !(await findReseller(ctx.dataSource, resellerId))) throw new Refusal('NOT_FOUND', 'resellerId', 'Reseller not found');
    const { token } = await createApiKey(ctx.dataSource, { kind: 'reseller', resellerId, name: input.name });
    return { token, userErrors: [] };
  });
}

export function savePlan(ctx: RequestContext, input: UpsertPlanInput) {
  return controlMutation(input, async () => {
    if (!/^[a-z][a-z0-9-]{1,39}$/.test(input.code)) throw new Refusal('INVALID', 'code', 'Code must be 2–40 lowercase letters, digits and hyphens');
    const plan = {
      ...input,
      apiBudgetPerDay: input.apiBudgetPerDay ?? null,
      rateLimitBucketSize: input.rateLimitBucketSize ?? undefined,
      rateLimitRefillPerSecond: input.rateLimitRefillPerSecond ?? undefined,
    };
    return { plan: await upsertPlan(ctx.dataSource, plan), userErrors: [] };
  });
}

const MAX_USAGE_DAYS = 366;

function checkPeriod(from: string, to: string): void {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (!(days >= 0)) throw badInput('"from" must not be after "to"');
  if (days >= MAX_USAGE_DAYS) throw badInput(`A usage period spans at most ${MAX_USAGE_DAYS} days`);
}

export function checkedPeriod(from: string, to: string): { from: string; to: string } {
  checkPeriod(from, to);
  return { from, to };
}

export async function usageOf(ctx: RequestContext, tenantId: string, from: string, to: string): Promise<UsageDay[]> {
  checkPeriod(from, to);
  const visible = await visibleTenant(ctx, tenantId);
  return tenantUsage(ctx.dataSource, visible.id, from, to);
}

export async function resellerUsage(ctx: RequestContext, from: string, to: string): Promise<ResellerUsage[]> {
  checkPeriod(from, to);
  return resellerUsageSummary(ctx.dataSource, from, to, scopeOf(ctx).resellerId);
}

const byNewest: OrderTerm<AuditEntry>[] = [{ key: { name: 'id', expression: 'id', nullable: false, sqlType: 'uuid', value: (a) => a.id }, direction: 'DESC' }];

export async function auditLog(ctx: RequestContext, args: AuditLogArgs): Promise<ConnectionValue<AuditEntry>> {
  const plan = planPage(args, byNewest as OrderTerm<unknown>[]);
  if (plan.backward) throw badInput('The audit log pages forward only (first/after)');
  const tenantId = args.tenantId ? (await visibleTenant(ctx, args.tenantId)).id : undefined;
  const query = { resellerId: scopeOf(ctx).resellerId, tenantId };
  const rows = await listAudit(ctx.dataSource, { ...query, limit: plan.limit + 1, beforeId: plan.cursor?.[0] as string | undefined });
  return toConnection(rows, plan, byNewest, () => countAudit(ctx.dataSource, query));
}
