import { ArrayMaxSize, IsNotEmpty, IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageArgsType, connectionTypes } from '../../graphql/connection-types';
import { Node } from '../../graphql/node';
import { PersonalCategory, PersonalField } from '../../graphql/personal';
import { DateTimeScalar, EmailScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';

export enum UserStatusValue {
  INVITED = 'invited',
  ACTIVE = 'active',
  DEACTIVATED = 'deactivated',
}
registerEnumType(UserStatusValue, {
  name: 'UserStatus',
  description: 'Where a user stands. Invited and active users take a seat.',
  valuesConfig: {
    INVITED: { description: 'Invited; has not set a password yet.' },
    ACTIVE: { description: 'May sign in and own records.' },
    DEACTIVATED: { description: 'May not sign in; sessions and keys ended. Keeps owning their records.' },
  },
});

/** What erasure leaves as a former user's name. */
export const ERASED_USER_NAME = 'Former user';

@ObjectType('User', { implements: Node, description: 'A person who works in the workspace, e.g. the owner of accounts.' })
export class User implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' })
  id!: string;

  @PersonalField(() => String, { category: PersonalCategory.IDENTITY, column: 'name', erasedValue: ERASED_USER_NAME, description: 'Display name.' })
  name!: string;

  // Unique per workspace, so an erased address is unique too (and can never receive mail).
  @PersonalField(() => EmailScalar, { category: PersonalCategory.CONTACT_DETAILS, column: 'email', erasedValue: { sql: `'erased-' || id || '@erased.invalid'` }, description: 'Sign-in e-mail address.' })
  email!: string;

  @Field({ description: 'Whether the user may work in the workspace (status ACTIVE).' })
  active!: boolean;

  @Field(() => UserStatusValue, { description: 'Invited, active or deactivated.' })
  status!: UserStatusValue;

  @Field({ description: 'Key of the user’s role (see `roles`).' })
  roleKey!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the user last signed in.' })
  lastLoginAt!: Date | null;

  @Field(() => DateTimeScalar, { description: 'When the user was added.' })
  createdAt!: Date;

  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to avoid lost updates.' })
  version!: number;
}

export const { Connection: UserConnection, Edge: UserEdge } = connectionTypes(User, 'User', 'user');

@ArgsType()
export class UsersArgs extends PageArgsType {
  @Field(() => UserStatusValue, { nullable: true, description: 'Only users with this status.' }) status?: UserStatusValue | null;
  @Field(() => String, { nullable: true, description: 'Only users with this role (key).' }) role?: string | null;
}

@InputType({ description: 'A person to invite into the workspace.' })
export class InviteUserInput {
  @Field(() => EmailScalar, { description: 'Sign-in e-mail; unique in the workspace, ignoring case.' }) @MaxLength(320) email!: string;
  @Field({ description: 'Display name.' }) @IsNotEmpty() @MaxLength(200) name!: string;
  @Field({ description: 'Role key, e.g. "sales_rep".' }) @IsNotEmpty() @MaxLength(40) role!: string;
  @Field(() => [ID], { nullable: true, description: 'Teams (Team IDs) the user joins.' }) @IsOptional() @ArrayMaxSize(50) teamIds?: string[] | null;
}

@ObjectType({ description: 'Result of inviteUser / resendInvitation.' })
export class InvitationPayload {
  @Field(() => User, { nullable: true, description: 'The invited user.' }) user?: object | null;
  @Field(() => String, { nullable: true, description: 'Single-use token the invitee passes to acceptInvitation. Shown only here, once: deliver it to the person.' })
  invitationToken?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the invitation expires.' }) invitationExpiresAt?: Date | null;
  @Field(() => [UserError], { description: 'Why nothing was written; empty on success.' }) userErrors!: UserError[];
}

@InputType({ description: 'The invited user to send a new invitation (earlier ones stop working).' })
export class ResendInvitationInput {
  @Field(() => ID) userId!: string;
}

@InputType({ description: 'Changes to a user. Omitted fields stay as they are.' })
export class UpdateUserInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) name?: string | null;
  @Field(() => String, { nullable: true, description: 'New role key; applies from the user’s next request.' }) @IsOptional() @MaxLength(40) role?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType({ description: 'The user to deactivate or reactivate.' })
export class UserStatusInput {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'Result of updateUser / deactivateUser / reactivateUser.' })
export class UserPayload {
  @Field(() => User, { nullable: true, description: 'The user, when the mutation succeeded.' }) user?: object | null;
  @Field(() => [UserError], { description: 'Why nothing was written; empty on success.' }) userErrors!: UserError[];
}
