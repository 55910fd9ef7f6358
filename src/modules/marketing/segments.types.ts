import { IsNotEmpty, IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageArgsType, SortDirection, connectionTypes } from '../../graphql/connection-types';
import { IDFilter, StringFilter, enumFilter } from '../../graphql/filter-types';
import { Node } from '../../graphql/node';
import { DateTimeScalar, JSONObjectScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { AccountOrder } from '../accounts/accounts.types';
import { ContactOrder } from '../contacts/contacts.types';
import type { SegmentEntity } from './segments.entity';

export enum SegmentObjectType {
  ACCOUNT = 'ACCOUNT',
  CONTACT = 'CONTACT',
}
registerEnumType(SegmentObjectType, { name: 'SegmentObject', description: 'What a segment selects.' });

export enum SegmentOrderField {
  NAME = 'NAME',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(SegmentOrderField, { name: 'SegmentOrderField', description: 'Fields segments can be sorted by.' });

const FILTER_DESCRIPTION =
  'The filter: exactly the `where:` input of `accounts` (AccountFilter) or `contacts` (ContactFilter), as JSON, e.g. {"abcClass": {"eq": "A"}, "customFields": [{"key": "tier", "eq": "gold"}]}. ' +
  'Value metrics and custom fields included. It is checked like a live `where:` when saved and whenever it is used, with the rights of whoever uses it.';

@ObjectType('Segment', { implements: Node, description: 'A saved, named filter over accounts or contacts, whose members are whatever it matches now.' })
export class Segment implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field({ description: 'Name, unique in the workspace ignoring case.' }) name!: string;
  @Field(() => String, { nullable: true, description: 'What the segment is for.' }) description!: string | null;
  @Field(() => SegmentObjectType, { description: 'Accounts or contacts.' }) object!: SegmentObjectType;
  @Field(() => JSONObjectScalar, {
    description: `${FILTER_DESCRIPTION} Conditions on personal fields show their values only to roles with full access to them (others see {"masked": true}).`,
  })
  filter!: Record<string, unknown>;
  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to avoid lost updates.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the segment was saved.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the segment last changed.' }) updatedAt!: Date;
}

export const { Connection: SegmentConnection, Edge: SegmentEdge } = connectionTypes(Segment, 'Segment', 'segment');

@InputType({ description: 'Sort segments by a field.' })
export class SegmentOrder {
  @Field(() => SegmentOrderField) field!: SegmentOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) direction!: SortDirection;
}

const SegmentObjectFilter = enumFilter(SegmentObjectType, 'SegmentObject');

@InputType({ description: 'Conditions on segments; fields combine with AND.' })
export class SegmentFilter {
  @Field(() => StringFilter, { nullable: true }) name?: StringFilter;
  @Field(() => SegmentObjectFilter, { nullable: true }) object?: InstanceType<typeof SegmentObjectFilter>;
  @Field(() => IDFilter, { nullable: true, description: 'Owner (User ID).' }) owner?: IDFilter;
}

@ArgsType()
export class SegmentsArgs extends PageArgsType {
  @Field(() => SegmentFilter, { nullable: true }) where?: SegmentFilter;
  @Field(() => [SegmentOrder], { nullable: true, description: 'Default: name ascending.' }) orderBy?: SegmentOrder[];
}

@ArgsType()
export class SegmentAccountsArgs extends PageArgsType {
  @Field(() => [AccountOrder], { nullable: true, description: 'Default: name ascending.' }) orderBy?: AccountOrder[];
}

@ArgsType()
export class SegmentContactsArgs extends PageArgsType {
  @Field(() => [ContactOrder], { nullable: true, description: 'Default: last name, then first name.' }) orderBy?: ContactOrder[];
}

@InputType({ description: 'A new segment.' })
export class CreateSegmentInput {
  @Field() @IsNotEmpty() @MaxLength(100) name!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(1000) description?: string | null;
  @Field(() => SegmentObjectType) object!: SegmentObjectType;
  @Field(() => JSONObjectScalar, { description: FILTER_DESCRIPTION }) filter!: Record<string, unknown>;
  @Field(() => ID, { nullable: true, description: "Owner (User ID); default: the signed-in user (or the key's user)." }) ownerId?: string | null;
}

@InputType({ description: 'Changes to a segment; omitted fields stay as they are. What it selects (object) cannot change.' })
export class UpdateSegmentInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the segment is at this version.' }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsNotEmpty() @MaxLength(100) name?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(1000) description?: string | null;
  @Field(() => JSONObjectScalar, { nullable: true, description: FILTER_DESCRIPTION }) filter?: Record<string, unknown> | null;
  @Field(() => ID, { nullable: true, description: 'Owner (User ID).' }) ownerId?: string | null;
}

@InputType({ description: 'The segment to delete.' })
export class DeleteSegmentInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@ObjectType({ description: 'Result of createSegment.' })
export class CreateSegmentPayload {
  @Field(() => Segment, { nullable: true, description: 'The segment, when the mutation succeeded.' }) segment?: SegmentEntity | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of updateSegment.' })
export class UpdateSegmentPayload {
  @Field(() => Segment, { nullable: true, description: 'The segment, when the mutation succeeded.' }) segment?: SegmentEntity | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of deleteSegment.' })
export class DeleteSegmentPayload {
  @Field(() => Segment, { nullable: true, description: 'The segment, when the mutation succeeded.' }) segment?: SegmentEntity | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}
