/** Workspace API keys as their admins manage them. */
import { IsNotEmpty, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';


@ObjectType({ description: 'An API key of the workspace. The secret is never shown again after creation.' })
export class ApiKey {
  @Field(() => ID, { description: 'Key ID (the public part of the token).' }) id!: string;
  @Field({ description: 'What the key is for.' }) name!: string;
  @Field({ description: 'Key of the role the key works with (see `roles`): it may do what the role may do, now and after the role changes.' }) role!: string;
  @Field(() => ID, { nullable: true, description: 'The user the key acts for (User ID): record scope is theirs, and deactivating them revokes the key.' }) userId!: string | null;
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
  @Field({ description: 'Key of a role of the workspace (built-in such as "sales_rep", or custom).' }) @IsNotEmpty() @MaxLength(40) role!: string;
  @Field(() => ID, { nullable: true, description: 'The user the key acts for (User ID); needed for roles that see only own or team records.' }) userId?: string | null;
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
