/** Arguments, inputs and payloads of control-plane operations. */
import { ArrayMaxSize, IsNotEmpty, IsOptional, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageArgsType } from '../../graphql/connection-types';
import { CurrencyScalar, EmailScalar, LocaleScalar, TimeZoneScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { Plan, Reseller, Tenant, TenantStatus } from './control-plane.types';

@InputType({ description: 'Which workspaces to list.' })
export class TenantFilter {
  @Field(() => [TenantStatus], { nullable: true, description: 'Any of these states.' }) status?: TenantStatus[];
  @Field(() => [String], { nullable: true, description: 'Any of these plans.' }) planCode?: string[];
  @Field(() => String, { nullable: true, description: 'Slug contains this text.' }) slugContains?: string;
  @Field(() => ID, { nullable: true, description: 'Platform admins: one reseller’s workspaces.' }) resellerId?: string;
}

@ArgsType()
export class TenantsArgs extends PageArgsType {
  @Field(() => TenantFilter, { nullable: true, description: 'Conditions; resellers always see only their own workspaces.' }) where?: TenantFilter;
}

@ArgsType()
export class AuditLogArgs extends PageArgsType {
  @Field(() => ID, { nullable: true, description: 'Only entries about this workspace.' }) tenantId?: string;
}

@InputType({ description: 'The first administrator of a new workspace.' })
export class FirstAdminInput {
  @Field(() => EmailScalar, { description: 'E-mail address (the future sign-in).' }) email!: string;
  @Field({ description: 'Name.' }) @IsNotEmpty() @MaxLength(200) name!: string;
}

@InputType({ description: 'Workspace-wide defaults; each one is optional.' })
export class WorkspaceSettingsInput {
  @Field(() => TimeZoneScalar, { nullable: true, description: 'IANA time zone, e.g. "Europe/Berlin".' }) timeZone?: string;
  @Field(() => LocaleScalar, { nullable: true, description: 'BCP 47 locale, e.g. "de-DE".' }) locale?: string;
  @Field(() => CurrencyScalar, { nullable: true, description: 'ISO 4217 currency, e.g. "EUR".' }) defaultCurrency?: string;
}

@InputType({ description: 'A new workspace.' })
export class ProvisionTenantInput {
  @Field({ description: '3–40 lowercase letters, digits and hyphens; unique; cannot change later.' }) @IsNotEmpty() slug!: string;
  @Field({ description: 'Display name.' }) @IsNotEmpty() @MaxLength(200) name!: string;
  @Field({ defaultValue: 'starter', description: 'Plan code (see `plans`).' }) planCode!: string;
  @Field(() => Int, { defaultValue: 5, description: 'Seats bought; at most the plan’s seat limit.' }) seats!: number;
  @Field(() => ID, { nullable: true, description: 'Platform admins: the reseller that will operate it. Resellers always provision for themselves.' }) resellerId?: string;
  @Field(() => FirstAdminInput, { nullable: true, description: 'The first administrator (takes one seat).' }) @IsOptional() @ValidateNested() firstAdmin?: FirstAdminInput;
  @Field(() => WorkspaceSettingsInput, { nullable: true, description: 'Workspace-wide defaults.' }) settings?: WorkspaceSettingsInput;
}

@InputType({ description: 'New plan and/or seats for a workspace.' })
export class ChangeTenantPlanInput {
  @Field(() => ID, { description: 'The workspace.' }) tenantId!: string;
  @Field(() => String, { nullable: true, description: 'New plan code; omitted keeps the plan.' }) planCode?: string;
  @Field(() => Int, { nullable: true, description: 'New number of seats; omitted keeps them. Never below the seats in use.' }) seats?: number;
}

@InputType({ description: 'The workspace to act on.' })
export class TenantRefInput {
  @Field(() => ID, { description: 'The workspace.' }) tenantId!: string;
}

@InputType({ description: 'Schedule the deletion of a workspace.' })
export class ScheduleTenantDeletionInput extends TenantRefInput {
  @Field(() => Int, { defaultValue: 30, description: 'Days until the data is purged (0–365); cancellable until then.' }) graceDays!: number;
}

@InputType({ description: 'A new reseller.' })
export class CreateResellerInput {
  @Field({ description: 'Stable code: lowercase letters, digits and hyphens.' }) code!: string;
  @Field({ description: 'Display name.' }) @IsNotEmpty() @MaxLength(200) name!: string;
}

@InputType({ description: 'A new API key for a reseller.' })
export class CreateResellerApiKeyInput {
  @Field(() => ID, { description: 'The reseller.' }) resellerId!: string;
  @Field({ description: 'What the key is for.' }) @IsNotEmpty() @MaxLength(200) name!: string;
}

@InputType({ description: 'A plan to create or replace (matched by code).' })
export class UpsertPlanInput {
  @Field({ description: 'Stable code: lowercase letters, digits and hyphens.' }) code!: string;
  @Field({ description: 'Display name.' }) @IsNotEmpty() @MaxLength(100) name!: string;
  @Field(() => Int, { description: 'Most seats a workspace can buy.' }) @Min(1) seatLimit!: number;
  @Field(() => Int, { description: 'Most live CRM records.' }) @Min(0) recordLimit!: number;
  @Field(() => Int, { nullable: true, description: 'API cost points per day; null is unlimited.' }) @IsOptional() @Min(0) apiBudgetPerDay?: number | null;
  @Field(() => [String], { defaultValue: [], description: 'Feature codes included.' }) @ArrayMaxSize(50) features!: string[];
  @Field(() => Int, { nullable: true, description: 'Rate limit bucket in cost points (at least 1); left out: kept, or 2000 for a new plan.' })
  @IsOptional()
  @Min(1)
  rateLimitBucketSize?: number | null;
  @Field(() => Int, { nullable: true, description: 'Cost points restored per second (at least 1); left out: kept, or 100 for a new plan.' })
  @IsOptional()
  @Min(1)
  rateLimitRefillPerSecond?: number | null;
}

@ObjectType({ description: 'Result of provisionTenant.' })
export class ProvisionTenantPayload {
  @Field(() => Tenant, { nullable: true, description: 'The new workspace.' }) tenant?: Tenant | null;
  @Field(() => String, { nullable: true, description: 'An ADMIN API key for the workspace. Shown only here, once.' }) adminApiKey?: string | null;
  @Field(() => [UserError], { description: 'Why nothing was provisioned; empty on success.' }) userErrors!: UserError[];
}

@ObjectType('TenantChangePayload')
class TenantChangePayload {
  @Field(() => Tenant, { nullable: true, description: 'The workspace after the change.' }) tenant?: Tenant | null;
  @Field(() => [UserError], { description: 'Why nothing changed; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of changeTenantPlan.' }) export class ChangeTenantPlanPayload extends TenantChangePayload {}
@ObjectType({ description: 'Result of suspendTenant.' }) export class SuspendTenantPayload extends TenantChangePayload {}
@ObjectType({ description: 'Result of resumeTenant.' }) export class ResumeTenantPayload extends TenantChangePayload {}
@ObjectType({ description: 'Result of scheduleTenantDeletion.' }) export class ScheduleTenantDeletionPayload extends TenantChangePayload {}
@ObjectType({ description: 'Result of cancelTenantDeletion.' }) export class CancelTenantDeletionPayload extends TenantChangePayload {}

@ObjectType({ description: 'Result of purgeDueTenants.' })
export class PurgeDueTenantsPayload {
  @Field(() => [String], { description: 'Slugs of the workspaces purged now.' }) purgedSlugs!: string[];
  @Field(() => [UserError], { description: 'Always empty; present for uniformity.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createReseller.' })
export class CreateResellerPayload {
  @Field(() => Reseller, { nullable: true, description: 'The new reseller.' }) reseller?: Reseller | null;
  @Field(() => [UserError], { description: 'Why nothing was created; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createResellerApiKey.' })
export class CreateResellerApiKeyPayload {
  @Field(() => String, { nullable: true, description: 'The reseller key. Shown only here, once.' }) token?: string | null;
  @Field(() => [UserError], { description: 'Why no key was created; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of upsertPlan.' })
export class UpsertPlanPayload {
  @Field(() => Plan, { nullable: true, description: 'The plan as stored.' }) plan?: Plan | null;
  @Field(() => [UserError], { description: 'Why nothing was stored; empty on success.' }) userErrors!: UserError[];
}
