/** Workspace API keys as their admins manage them. */
import { IsNotEmpty, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';

export enum ApiKeyRole {
  ADMIN = 'ADMIN',
  MEMBER = 'MEMBER',
}
registerEnumType(ApiKeyRole, { name: 'ApiKeyRole', description: 'What a workspace API key may do: ADMIN also manages the workspace’s keys.' });

@ObjectType({ description: 'An API key of the workspace. The secret is never shown again after creation.' })
export class ApiKey {
  @Field(() => ID, { description: 'Key ID (the public part of the token).' }) id!: string;
  @Field({ description: 'What the key is for.' }) name!: string;
  @Field(() => ApiKeyRole, { description: 'What the key may do.' }) role!: ApiKeyRole;
  @Field({ description: 'The token starts with this; enough to recognise a key, useless to use it.' }) prefix!: string;
  @Field({ description: 'The key may read but never write.' }) readOnly!: boolean;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the key was last used (recorded within seconds).' }) lastUsedAt!: Date | null;
  @Field(() => DateTimeScalar, { description: 'When the key was created.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the key stops working.' }) expiresAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the key was revoked.' }) revokedAt!: Date | null;
}

@InputType({ description: 'A new API key for the calling workspace.' })
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for, e.g. "Website form".' }) @IsNotEmpty() @MaxLength(200) name!: string;
  @Field(() => ApiKeyRole, { defaultValue: ApiKeyRole.MEMBER, description: 'What the key may do.' }) role!: ApiKeyRole;
  @Field({ defaultValue: false, description: 'Read-only keys answer FORBIDDEN to every mutation, whatever their role.' }) readOnly!: boolean;
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
