import { IsNotEmpty, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageArgsType, connectionTypes } from '../../graphql/connection-types';
import { DateTimeScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { ArgsType } from 'type-graphql';

export enum TenantStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  DELETED = 'DELETED',
}
registerEnumType(TenantStatus, { name: 'TenantStatus', description: 'Lifecycle state of a rented workspace.' });

export enum ApiKeyRole {
  ADMIN = 'ADMIN',
  MEMBER = 'MEMBER',
}
registerEnumType(ApiKeyRole, { name: 'ApiKeyRole', description: 'What a workspace API key may do: ADMIN also manages the workspace’s keys.' });

@ObjectType({ description: 'A rented workspace, as the platform sees it (never its CRM data).' })
export class Tenant {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field({ description: 'Short unique name, e.g. "acme".' }) slug!: string;
  @Field({ description: 'Display name.' }) name!: string;
  @Field(() => TenantStatus, { description: 'Lifecycle state.' }) status!: TenantStatus;
  @Field(() => Int, { description: 'Number of tenant-schema migrations applied.' }) schemaVersion!: number;
  @Field(() => DateTimeScalar, { description: 'When the workspace was provisioned.' }) createdAt!: Date;
}

export const { Connection: TenantConnection, Edge: TenantEdge } = connectionTypes(Tenant, 'Tenant', 'tenant');

@ArgsType()
export class TenantsArgs extends PageArgsType {}

@InputType({ description: 'A new workspace.' })
export class ProvisionTenantInput {
  @Field({ description: '3–40 lowercase letters, digits and hyphens; unique; cannot be changed later.' }) @IsNotEmpty() slug!: string;
  @Field({ description: 'Display name.' }) @IsNotEmpty() @MaxLength(200) name!: string;
}

@ObjectType({ description: 'Result of provisionTenant.' })
export class ProvisionTenantPayload {
  @Field(() => Tenant, { nullable: true, description: 'The new workspace.' }) tenant?: Tenant | null;
  @Field(() => String, { nullable: true, description: 'An ADMIN API key for the workspace. Shown only here, once.' }) adminApiKey?: string | null;
  @Field(() => [UserError], { description: 'Why nothing was provisioned; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'An API key of the workspace. The secret is never shown again after creation.' })
export class ApiKey {
  @Field(() => ID, { description: 'Key ID (the public part of the token).' }) id!: string;
  @Field({ description: 'What the key is for.' }) name!: string;
  @Field(() => ApiKeyRole, { description: 'What the key may do.' }) role!: ApiKeyRole;
  @Field({ description: 'The token starts with this; enough to recognise a key, useless to use it.' }) prefix!: string;
  @Field(() => DateTimeScalar, { description: 'When the key was created.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the key stops working.' }) expiresAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the key was revoked.' }) revokedAt!: Date | null;
}

@InputType({ description: 'A new API key for the calling workspace.' })
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for, e.g. "Website form".' }) @IsNotEmpty() @MaxLength(200) name!: string;
  @Field(() => ApiKeyRole, { defaultValue: ApiKeyRole.MEMBER }) role!: ApiKeyRole;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the key stops working (optional).' }) @IsOptional() expiresAt?: Date | null;
}

@ObjectType({ description: 'Result of createApiKey.' })
export class CreateApiKeyPayload {
  @Field(() => ApiKey, { nullable: true, description: 'The new key, when created.' }) apiKey?: ApiKey | null;
  @Field(() => String, { nullable: true, description: 'The full token. Shown only here, once: store it safely.' }) token?: string | null;
  @Field(() => [UserError], { description: 'Why no key was created; empty on success.' }) userErrors!: UserError[];
}

@InputType({ description: 'The key to revoke.' })
export class RevokeApiKeyInput {
  @Field(() => ID, { description: 'Key ID as listed by apiKeys.' }) id!: string;
}

@ObjectType({ description: 'Result of revokeApiKey.' })
export class RevokeApiKeyPayload {
  @Field(() => ApiKey, { nullable: true, description: 'The revoked key.' }) apiKey?: ApiKey | null;
  @Field(() => [UserError], { description: 'Why nothing was revoked; empty on success.' }) userErrors!: UserError[];
}
