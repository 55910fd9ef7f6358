import { IsOptional, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Node } from '../../graphql/node';
import { DateTimeScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { PicklistEntity } from './picklists.entity';
import type { PicklistValueRow } from './picklists.loaders';

@ObjectType('PicklistValue', { implements: Node, description: 'One value of a picklist. Records store `value`; people see `label`.' })
export class PicklistValue implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field({ description: 'Key of the picklist the value belongs to, e.g. "industry".' }) picklistKey!: string;
  @Field({ description: 'The value stored on records, e.g. "Manufacturing"; cannot change.' }) value!: string;
  @Field({ description: 'What people see, e.g. "Manufacturing & Industry".' }) label!: string;
  @Field(() => Int, { description: 'Place in the list, from 1.' }) position!: number;
  @Field({ description: 'Inactive values stay valid on records that have them but cannot be chosen for new ones.' }) active!: boolean;
  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to avoid lost updates.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the value was added.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the value last changed.' }) updatedAt!: Date;
}

@ObjectType('Picklist', { implements: Node, description: 'A configurable list of values for a text field, e.g. the industry of accounts.' })
export class Picklist implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field({ description: 'Stable key, e.g. "industry", "lead_source", "loss_reason".' }) key!: string;
  @Field({ description: 'Name for people, e.g. "Industry".' }) label!: string;
  @Field(() => String, { nullable: true, description: 'What the picklist is for.' }) description!: string | null;
  @Field(() => [String], { description: 'Fields (table.column) that store values of this picklist.' }) usedBy!: string[];
  @Field(() => [PicklistValue], { description: 'The values by position.' }) values!: PicklistValue[];
}

@InputType({ description: 'A new value for a picklist.' })
export class AddPicklistValueInput {
  @Field({ description: 'Key of the picklist, e.g. "industry".' }) @MaxLength(63) picklistKey!: string;
  @Field({ description: 'The value records will store (1–100 characters, unique in the picklist ignoring case).' }) value!: string;
  @Field(() => String, { nullable: true, description: 'What people see; defaults to the value.' }) label?: string | null;
  @Field(() => Int, { nullable: true, description: 'Place in the list, from 1; default: at the end.' }) @IsOptional() @Min(1) position?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether it can be chosen for records; default true.' }) active?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first result instead of creating twice.' })
  @IsOptional()
  @MaxLength(200)
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to a picklist value. Omitted (or null) position and active stay as they are. The stored value itself cannot change (add a new one and delete this one with replaceWith).' })
export class UpdatePicklistValueInput {
  @Field(() => ID, { description: 'The PicklistValue.' }) id!: string;
  @Field(() => String, { nullable: true, description: 'New label; null resets it to the value.' }) label?: string | null;
  @Field(() => Int, { nullable: true, description: 'New place in the list, from 1 (others move up or down).' }) @IsOptional() @Min(1) position?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Activate or deactivate the value (records keep an inactive value).' }) active?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Refuse the change with CONFLICT unless the value is at this version.' }) expectedVersion?: number | null;
}

@InputType({ description: 'A picklist value to delete. A value in use is refused unless replaceWith names another active value of the same picklist, which the records then get.' })
export class DeletePicklistValueInput {
  @Field(() => ID, { description: 'The PicklistValue.' }) id!: string;
  @Field(() => String, { nullable: true, description: 'Another active value of the same picklist (its `value`) that records holding the deleted one get instead.' })
  replaceWith?: string | null;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the value is at this version.' }) expectedVersion?: number | null;
}

@ObjectType('PicklistValuePayload')
class PicklistValuePayload {
  @Field(() => PicklistValue, { nullable: true, description: 'The value, when the mutation succeeded.' }) picklistValue?: PicklistValueRow | null;
  @Field(() => Picklist, { nullable: true, description: 'The whole picklist after the change.' }) picklist?: PicklistEntity | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of addPicklistValue.' }) export class AddPicklistValuePayload extends PicklistValuePayload {}
@ObjectType({ description: 'Result of updatePicklistValue.' }) export class UpdatePicklistValuePayload extends PicklistValuePayload {}

@ObjectType({ description: 'Result of deletePicklistValue.' })
export class DeletePicklistValuePayload {
  @Field(() => ID, { nullable: true, description: 'ID of the deleted value, when the mutation succeeded.' }) deletedPicklistValueId?: string | null;
  @Field(() => Int, { nullable: true, description: 'Records that held the deleted value and now hold the replacement (including soft-deleted ones).' })
  replacedInRecords?: number | null;
  @Field(() => Picklist, { nullable: true, description: 'The whole picklist after the change.' }) picklist?: PicklistEntity | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}
