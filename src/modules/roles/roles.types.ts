/** The role model as the GraphQL API shows it. */
import { IsNotEmpty, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '../../graphql/user-errors';

export enum RecordScopeValue {
  OWN = 'own',
  TEAM = 'team',
  ALL = 'all',
}
registerEnumType(RecordScopeValue, {
  name: 'RecordScope',
  description: 'Which records of a type a role sees and changes.',
  valuesConfig: {
    OWN: { description: 'Records the user owns.' },
    TEAM: { description: 'Records owned by the user or anyone sharing one of their teams.' },
    ALL: { description: 'Every record of the workspace.' },
  },
});

export enum PersonalDataAccessValue {
  FULL = 'full',
  MASKED = 'masked',
  NONE = 'none',
}
registerEnumType(PersonalDataAccessValue, {
  name: 'PersonalDataAccess',
  description: 'What a role sees of the personal fields of a type.',
  valuesConfig: {
    FULL: { description: 'The values; they may also be filtered and sorted on.' },
    MASKED: { description: 'Masked values (e.g. "G•••", "g•••@acme.example", "+•••••••57"); no filtering or sorting on them.' },
    NONE: { description: 'Nothing: reading a personal field answers FORBIDDEN.' },
  },
});

@ObjectType({ description: 'What a role may do with one object type.' })
export class ObjectGrant {
  @Field({ description: 'GraphQL type name, e.g. "Account" (see `roleObjectTypes`).' }) objectType!: string;
  @Field({ description: 'May create records.' }) create!: boolean;
  @Field({ description: 'May read records (within the record scope).' }) read!: boolean;
  @Field({ description: 'May change records (within the record scope).' }) update!: boolean;
  @Field({ description: 'Delete into the recycle bin and restore from it.' }) delete!: boolean;
  @Field(() => RecordScopeValue, { description: 'Which records.' }) recordScope!: RecordScopeValue;
  @Field(() => PersonalDataAccessValue, { description: 'What of their personal fields.' }) personalData!: PersonalDataAccessValue;
}

@ObjectType({ description: 'A role of the workspace: built-in (fixed) or custom. A change applies from the next request of every user and key with the role.' })
export class Role {
  @Field({ description: 'Stable identifier, e.g. "sales_rep"; users and API keys name their role by it.' }) key!: string;
  @Field({ description: 'Display name.' }) name!: string;
  @Field(() => String, { nullable: true, description: 'What the role is for.' }) description!: string | null;
  @Field({ description: 'Built-in roles cannot be changed or deleted; base a custom role on one instead.' }) builtIn!: boolean;
  @Field({ description: 'May configure the workspace: users, roles, API keys, settings, custom fields.' }) administersWorkspace!: boolean;
  @Field(() => [ObjectGrant], { description: 'Per object type; a type not listed is not accessible.' }) grants!: ObjectGrant[];
  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to avoid lost updates.' }) version!: number;
}

@ObjectType({ description: 'An object type roles grant access to.' })
export class RoleObjectType {
  @Field({ description: 'GraphQL type name.' }) name!: string;
  @Field(() => [String], { description: 'Operations that mean something for it (create, read, update, delete).' }) operations!: string[];
  @Field({ description: 'Its records have an owner, so OWN and TEAM scopes apply (otherwise the scope is ALL).' }) ownedRecords!: boolean;
}

@InputType({ description: 'What a role may do with one object type. Omitted operations are not granted.' })
export class ObjectGrantInput {
  @Field() @IsNotEmpty() @MaxLength(100) objectType!: string;
  @Field({ defaultValue: false }) create!: boolean;
  @Field({ defaultValue: false }) read!: boolean;
  @Field({ defaultValue: false }) update!: boolean;
  @Field({ defaultValue: false }) delete!: boolean;
  @Field(() => RecordScopeValue, { defaultValue: RecordScopeValue.OWN, description: 'Default OWN: the narrowest.' }) recordScope!: RecordScopeValue;
  @Field(() => PersonalDataAccessValue, { defaultValue: PersonalDataAccessValue.NONE, description: 'Default NONE: personal data is denied unless granted.' })
  personalData!: PersonalDataAccessValue;
}

@InputType({ description: 'A new custom role.' })
export class CreateRoleInput {
  @Field({ description: 'Display name; must not collide with another role, built-in ones included.' }) @IsNotEmpty() @MaxLength(100) name!: string;
  @Field(() => String, { nullable: true, description: 'Identifier (lower case, digits, underscores); derived from the name when omitted.' })
  @IsOptional()
  @MaxLength(40)
  key?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(1000) description?: string | null;
  @Field(() => String, { nullable: true, description: 'Start from the grants of this role (by key); `grants` then override per object type.' })
  @IsOptional()
  basedOn?: string | null;
  @Field({ defaultValue: false }) administersWorkspace!: boolean;
  @Field(() => [ObjectGrantInput], { nullable: true }) @IsOptional() @ValidateNested({ each: true }) grants?: ObjectGrantInput[] | null;
}

@InputType({ description: 'Changes to a custom role. Omitted fields stay; `grants` replaces the grants of the object types it lists.' })
export class UpdateRoleInput {
  @Field() key!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) name?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(1000) description?: string | null;
  @Field(() => Boolean, { nullable: true }) administersWorkspace?: boolean | null;
  @Field(() => [ObjectGrantInput], { nullable: true }) @IsOptional() @ValidateNested({ each: true }) grants?: ObjectGrantInput[] | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType({ description: 'The custom role to delete.' })
export class DeleteRoleInput {
  @Field() key!: string;
  @Field(() => String, { nullable: true, description: 'Give the role’s users this role instead (required while users have it).' })
  @IsOptional()
  reassignUsersTo?: string | null;
}

@ObjectType({ description: 'Result of createRole / updateRole.' })
export class RolePayload {
  @Field(() => Role, { nullable: true, description: 'The role, when the mutation succeeded.' }) role?: Role | null;
  @Field(() => [UserError], { description: 'Why nothing was written; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of deleteRole.' })
export class DeleteRolePayload {
  @Field(() => String, { nullable: true, description: 'Key of the deleted role.' }) deletedRoleKey?: string | null;
  @Field(() => Int, { nullable: true, description: 'Users moved to `reassignUsersTo`.' }) reassignedUsers?: number | null;
  @Field(() => [UserError], { description: 'Why nothing was written; empty on success.' }) userErrors!: UserError[];
}
