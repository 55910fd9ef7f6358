/** GraphQL shapes of the control plane: plans, resellers, tenants as the platform sees them, usage, audit. */
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionTypes } from '../../graphql/connection-types';
import { CurrencyScalar, DateScalar, DateTimeScalar, JSONObjectScalar, LocaleScalar, TimeZoneScalar } from '../../graphql/scalars';

export enum TenantStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  PENDING_DELETION = 'PENDING_DELETION',
  DELETED = 'DELETED',
}
registerEnumType(TenantStatus, {
  name: 'TenantStatus',
  description: 'Lifecycle of a rented workspace. SUSPENDED and PENDING_DELETION answer TENANT_SUSPENDED to every workspace call.',
});

@ObjectType({ description: 'A commercial plan: limits and features. Plans are data, managed by platform admins.' })
export class Plan {
  @Field({ description: 'Stable code, e.g. "professional".' }) code!: string;
  @Field({ description: 'Display name.' }) name!: string;
  @Field(() => Int, { description: 'Most seats a workspace on this plan can buy.' }) seatLimit!: number;
  @Field(() => Int, { description: 'Most live CRM records (accounts, contacts, …) a workspace may hold.' }) recordLimit!: number;
  @Field(() => Int, { nullable: true, description: 'API cost points per day; null is unlimited.' }) apiBudgetPerDay!: number | null;
  @Field(() => [String], { description: 'Features included, e.g. "field_service".' }) features!: string[];
  @Field(() => Int, { description: 'Rate limit: the most API cost points a workspace can spend at once (its token bucket; see `extensions.cost`).' })
  rateLimitBucketSize!: number;
  @Field(() => Int, { description: 'Rate limit: cost points restored to the bucket per second.' }) rateLimitRefillPerSecond!: number;
}

@ObjectType({ description: 'A reseller: sells and operates workspaces, never reads their CRM data.' })
export class Reseller {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field({ description: 'Stable code, e.g. "acme-partners".' }) code!: string;
  @Field({ description: 'Display name.' }) name!: string;
  @Field(() => DateTimeScalar, { description: 'When the reseller was created.' }) createdAt!: Date;
}

@ObjectType({ description: 'Workspace-wide defaults.' })
export class WorkspaceSettings {
  @Field(() => TimeZoneScalar, { nullable: true, description: 'IANA time zone, e.g. "Europe/Berlin".' }) timeZone?: string;
  @Field(() => LocaleScalar, { nullable: true, description: 'BCP 47 locale, e.g. "de-DE".' }) locale?: string;
  @Field(() => CurrencyScalar, { nullable: true, description: 'ISO 4217 currency amounts default to, e.g. "EUR".' }) defaultCurrency?: string;
}

@ObjectType({ description: 'A rented workspace as the platform and its reseller see it (never its CRM data).' })
export class Tenant {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field({ description: 'Short unique name, e.g. "acme"; cannot change.' }) slug!: string;
  @Field({ description: 'Display name.' }) name!: string;
  @Field(() => TenantStatus, { description: 'Lifecycle state.' }) status!: TenantStatus;
  @Field(() => Plan, { description: 'The plan the workspace is on.' }) plan!: Plan;
  @Field(() => Int, { description: 'Seats bought.' }) seats!: number;
  @Field(() => Int, { description: 'Seats taken by users.' }) seatsUsed!: number;
  @Field(() => Reseller, { nullable: true, description: 'The reseller that operates the workspace, if any.' }) reseller!: Reseller | null;
  @Field(() => WorkspaceSettings, { description: 'Workspace-wide defaults (time zone, locale, currency).' }) settings!: WorkspaceSettings;
  @Field(() => Int, { description: 'Number of workspace-schema migrations applied.' }) schemaVersion!: number;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When a scheduled deletion becomes final.' }) purgeAfter!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the data was purged (the row stays as a tombstone).' }) purgedAt!: Date | null;
  @Field(() => DateTimeScalar, { description: 'When the workspace was provisioned.' }) createdAt!: Date;
}

export const { Connection: TenantConnection, Edge: TenantEdge } = connectionTypes(Tenant, 'Tenant', 'tenant');

@ObjectType({ description: 'Usage of a workspace on one day (UTC).' })
export class UsageDay {
  @Field(() => DateScalar, { description: 'The day.' }) day!: string;
  @Field(() => Float, { description: 'API requests answered.' }) apiRequests!: number;
  @Field(() => Float, { description: 'Cost points spent.' }) costPoints!: number;
  @Field(() => Float, { nullable: true, description: 'Live CRM records at the last snapshot of the day.' }) recordCount!: number | null;
  @Field(() => Float, { nullable: true, description: 'Size of the workspace schema in bytes at the last snapshot of the day.' }) storageBytes!: number | null;
}

@ObjectType({ description: 'Usage of a reseller’s workspaces over a period.' })
export class ResellerUsage {
  @Field(() => Reseller, { description: 'The reseller.' }) reseller!: Reseller;
  @Field(() => Int, { description: 'Workspaces not deleted (usage of deleted ones in the period still counts below).' }) tenants!: number;
  @Field(() => Float, { description: 'API requests over the period.' }) apiRequests!: number;
  @Field(() => Float, { description: 'Cost points over the period.' }) costPoints!: number;
  @Field(() => Float, { description: 'Storage at the latest snapshot in the period, summed over workspaces.' }) storageBytes!: number;
}

@ObjectType({ description: 'One control-plane change: who did what, when, and the state before and after.' })
export class AuditEntry {
  @Field(() => ID, { description: 'Entry ID.' }) id!: string;
  @Field(() => DateTimeScalar, { description: 'When.' }) at!: Date;
  @Field({ description: 'platform, reseller, tenant or system.' }) actorKind!: string;
  @Field({ description: 'The acting API key (or "system").' }) actorId!: string;
  @Field({ description: 'What was done, e.g. "tenant.suspend".' }) action!: string;
  @Field(() => Tenant, { nullable: true, description: 'The workspace concerned.' }) tenant!: Tenant | null;
  @Field(() => JSONObjectScalar, { nullable: true, description: 'State before the change.' }) before!: Record<string, unknown> | null;
  @Field(() => JSONObjectScalar, { nullable: true, description: 'State after the change.' }) after!: Record<string, unknown> | null;
}

export const { Connection: AuditEntryConnection, Edge: AuditEntryEdge } = connectionTypes(AuditEntry, 'AuditEntry', 'audit entry');
