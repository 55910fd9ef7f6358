import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import type { ConnectionValue } from '../../graphql/pagination';
import { DateScalar } from '../../graphql/scalars';
import type { AuditEntry as AuditRecord } from '../../platform/audit';
import type { PlanRecord } from '../../platform/plans';
import type { ResellerRecord } from '../../platform/resellers';
import type { TenantRecord } from '../../platform/tenants';
import type { ResellerUsage as ResellerUsageRecord, UsageDay as UsageRecord } from '../../platform/usage';
import type { RequestContext } from '../../tenancy/request-context';
import { planByCode, resellerById, tenantById, usageByTenant } from './control-plane.loaders';
import {
  AuditLogArgs,
  CancelTenantDeletionPayload,
  ChangeTenantPlanInput,
  ChangeTenantPlanPayload,
  CreateResellerApiKeyInput,
  CreateResellerApiKeyPayload,
  CreateResellerInput,
  CreateResellerPayload,
  ProvisionTenantInput,
  ProvisionTenantPayload,
  PurgeDueTenantsPayload,
  ResumeTenantPayload,
  ScheduleTenantDeletionInput,
  ScheduleTenantDeletionPayload,
  SuspendTenantPayload,
  TenantRefInput,
  TenantsArgs,
  UpsertPlanInput,
  UpsertPlanPayload,
} from './control-plane.inputs';
import { AuditEntry, AuditEntryConnection, Plan, Reseller, ResellerUsage, Tenant, TenantConnection, TenantStatus, UsageDay } from './control-plane.types';
import * as control from './tenants.service';

@Resolver(() => Tenant)
export class TenantResolver {
  @Query(() => TenantConnection, { description: 'Platform admins: all workspaces; resellers: their own.' })
  tenants(@Ctx() ctx: RequestContext, @Args() args: TenantsArgs): Promise<ConnectionValue<TenantRecord>> {
    return control.tenants(ctx, args);
  }

  @Query(() => Tenant, { nullable: true, description: 'One workspace by ID (resellers: their own; NOT_FOUND otherwise).' })
  tenant(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<TenantRecord> {
    return control.tenant(ctx, id);
  }

  @Query(() => [UsageDay], { description: 'Usage of a workspace per day (UTC), at most 366 days.' })
  tenantUsage(
    @Ctx() ctx: RequestContext,
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
  ): Promise<UsageRecord[]> {
    return control.usageOf(ctx, tenantId, from, to);
  }

  @Mutation(() => ProvisionTenantPayload, { description: 'Provisions a workspace (schema, role, tables, first admin) and returns its first admin key, all or nothing.' })
  provisionTenant(@Ctx() ctx: RequestContext, @Arg('input') input: ProvisionTenantInput) {
    return control.provision(ctx, input);
  }

  @Mutation(() => ChangeTenantPlanPayload, { description: 'Changes plan and/or seats; never below the seats in use.' })
  changeTenantPlan(@Ctx() ctx: RequestContext, @Arg('input') input: ChangeTenantPlanInput) {
    return control.changePlan(ctx, input);
  }

  @Mutation(() => SuspendTenantPayload, { description: 'Suspends a workspace: every call answers TENANT_SUSPENDED; data untouched.' })
  suspendTenant(@Ctx() ctx: RequestContext, @Arg('input') input: TenantRefInput) {
    return control.lifecycleStep(ctx, 'suspendTenant', input);
  }

  @Mutation(() => ResumeTenantPayload, { description: 'Resumes a suspended workspace.' })
  resumeTenant(@Ctx() ctx: RequestContext, @Arg('input') input: TenantRefInput) {
    return control.lifecycleStep(ctx, 'resumeTenant', input);
  }

  @Mutation(() => ScheduleTenantDeletionPayload, { description: 'Schedules the deletion of a workspace after a grace period; calls answer TENANT_SUSPENDED meanwhile.' })
  scheduleTenantDeletion(@Ctx() ctx: RequestContext, @Arg('input') input: ScheduleTenantDeletionInput) {
    return control.scheduleDeletion(ctx, input);
  }

  @Mutation(() => CancelTenantDeletionPayload, { description: 'Cancels a scheduled deletion; the workspace returns to its previous state.' })
  cancelTenantDeletion(@Ctx() ctx: RequestContext, @Arg('input') input: TenantRefInput) {
    return control.lifecycleStep(ctx, 'cancelDeletion', input);
  }

  @Mutation(() => PurgeDueTenantsPayload, { description: 'Purges workspaces whose grace period is over: schema and role dropped, keys revoked, a tombstone kept.' })
  purgeDueTenants(@Ctx() ctx: RequestContext) {
    return control.purgeDue(ctx);
  }

  @FieldResolver(() => ID)
  id(@Root() tenant: TenantRecord): string {
    return toGlobalId('Tenant', tenant.id);
  }

  @FieldResolver(() => [UsageDay], { description: 'Usage per day (UTC) in the period, at most 366 days; batched across a page of tenants.' })
  usage(
    @Ctx() ctx: RequestContext,
    @Root() tenant: TenantRecord,
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
  ): Promise<UsageRecord[]> {
    const period = control.checkedPeriod(from, to);
    return usageByTenant(ctx, period.from, period.to).load(tenant.id);
  }

  @FieldResolver(() => TenantStatus)
  status(@Root() tenant: TenantRecord): TenantStatus {
    return tenant.status.toUpperCase() as TenantStatus;
  }

  @FieldResolver(() => Plan)
  plan(@Ctx() ctx: RequestContext, @Root() tenant: TenantRecord): Promise<PlanRecord | null> {
    return planByCode(ctx).load(tenant.planCode);
  }

  @FieldResolver(() => Reseller, { nullable: true })
  reseller(@Ctx() ctx: RequestContext, @Root() tenant: TenantRecord): Promise<ResellerRecord | null> | null {
    return tenant.resellerId ? resellerById(ctx).load(tenant.resellerId) : null;
  }
}

@Resolver(() => Reseller)
export class ResellerResolver {
  @Query(() => [Reseller], { description: 'Platform admins: all resellers.' })
  resellers(@Ctx() ctx: RequestContext): Promise<ResellerRecord[]> {
    return control.resellers(ctx);
  }

  @Query(() => [Plan], { description: 'Plans on offer.' })
  plans(@Ctx() ctx: RequestContext): Promise<PlanRecord[]> {
    return control.plans(ctx);
  }

  @Query(() => [ResellerUsage], { description: 'Usage summed per reseller over a period (resellers: their own).' })
  resellerUsage(@Ctx() ctx: RequestContext, @Arg('from', () => DateScalar) from: string, @Arg('to', () => DateScalar) to: string): Promise<ResellerUsageRecord[]> {
    return control.resellerUsage(ctx, from, to);
  }

  @Query(() => AuditEntryConnection, { description: 'Control-plane changes, newest first (resellers: about their own workspaces).' })
  auditLog(@Ctx() ctx: RequestContext, @Args() args: AuditLogArgs): Promise<ConnectionValue<AuditRecord>> {
    return control.auditLog(ctx, args);
  }

  @Mutation(() => CreateResellerPayload, { description: 'Platform admins: creates a reseller.' })
  createReseller(@Ctx() ctx: RequestContext, @Arg('input') input: CreateResellerInput) {
    return control.newReseller(ctx, input);
  }

  @Mutation(() => CreateResellerApiKeyPayload, { description: 'Platform admins: creates an API key for a reseller; shown once.' })
  createResellerApiKey(@Ctx() ctx: RequestContext, @Arg('input') input: CreateResellerApiKeyInput) {
    return control.newResellerKey(ctx, input);
  }

  @Mutation(() => UpsertPlanPayload, { description: 'Platform admins: creates or replaces a plan.' })
  upsertPlan(@Ctx() ctx: RequestContext, @Arg('input') input: UpsertPlanInput) {
    return control.savePlan(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() reseller: ResellerRecord): string {
    return toGlobalId('Reseller', reseller.id);
  }
}

@Resolver(() => ResellerUsage)
export class ResellerUsageResolver {
  @FieldResolver(() => Reseller)
  reseller(@Ctx() ctx: RequestContext, @Root() usage: ResellerUsageRecord): Promise<ResellerRecord | null> {
    return resellerById(ctx).load(usage.resellerId);
  }
}

@Resolver(() => AuditEntry)
export class AuditEntryResolver {
  @FieldResolver(() => Tenant, { nullable: true })
  tenant(@Ctx() ctx: RequestContext, @Root() entry: AuditRecord): Promise<TenantRecord | null> | null {
    return entry.tenantId ? tenantById(ctx).load(entry.tenantId) : null;
  }
}
