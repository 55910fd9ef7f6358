import { IsNotEmpty, IsOptional, MaxLength, ValidateIf } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageArgsType, SortDirection, connectionTypes } from '../../graphql/connection-types';
import { BooleanFilter, DateTimeFilter, IDFilter, StringFilter, enumFilter } from '../../graphql/filter-types';
import { Node } from '../../graphql/node';
import { PersonalCategory, PersonalField } from '../../graphql/personal';
import { DateTimeScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';

/** What erasure leaves as the subject (the column is required). */
export const ERASED_SUBJECT = 'Erased';

export enum ActivityKind {
  TASK = 'TASK',
  CALL = 'CALL',
  MEETING = 'MEETING',
  EMAIL = 'EMAIL',
  NOTE = 'NOTE',
}
registerEnumType(ActivityKind, {
  name: 'ActivityKind',
  description: 'What sort of activity it is.',
  valuesConfig: {
    TASK: { description: 'Something to do, usually by a due time.' },
    CALL: { description: 'A phone call (startsAt/endsAt when it is scheduled or logged).' },
    MEETING: { description: 'A meeting with a start and an end.' },
    EMAIL: { description: 'An e-mail sent or received.' },
    NOTE: { description: 'A note on the record.' },
  },
});

export enum ActivityOrderField {
  OCCURRED_AT = 'OCCURRED_AT',
  DUE_AT = 'DUE_AT',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(ActivityOrderField, { name: 'ActivityOrderField', description: 'Fields activities can be sorted by.' });

// Subject and body are free text about what was said or done with a person ("Call with Jane about her
// complaint"): they identify and describe the person, so they are guarded, exported and erased like a name
// (IDENTITY). They are neither contact details nor location, and SENSITIVE would mean encrypted columns.
@ObjectType('Activity', { implements: Node, description: 'A task, call, meeting, e-mail or note on an account, contact, opportunity or lead.' })
export class Activity implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field(() => ActivityKind, { description: 'Task, call, meeting, e-mail or note; fixed once created.' }) kind!: ActivityKind;
  @PersonalField(() => String, { category: PersonalCategory.IDENTITY, column: 'subject', erasedValue: ERASED_SUBJECT, description: 'One-line summary.' }) subject!: string;
  @PersonalField(() => String, { nullable: true, category: PersonalCategory.IDENTITY, column: 'body', description: 'Details, minutes or the message text.' }) body!: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When a task is due.' }) dueAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When a meeting or call starts.' }) startsAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When a meeting or call ends (not before it starts).' }) endsAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was completed; null while open.' }) completedAt!: Date | null;
  @Field({ description: 'Whether it was completed.' }) completed!: boolean;
  @Field(() => DateTimeScalar, {
    description: 'Its place in time, derived on every write: the start of a meeting or call, the due time of an open task, the completion of a completed task, else when it was created. Timelines are ordered by it.',
  })
  occurredAt!: Date;
  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to avoid lost updates.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the activity was created.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the activity last changed.' }) updatedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the activity was moved to the recycle bin.' }) deletedAt!: Date | null;
}

export const { Connection: ActivityConnection, Edge: ActivityEdge } = connectionTypes(Activity, 'Activity', 'activity');

@InputType({ description: 'Sort activities by a field.' })
export class ActivityOrder {
  @Field(() => ActivityOrderField) field!: ActivityOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) direction!: SortDirection;
}

const ActivityKindFilter = enumFilter(ActivityKind, 'ActivityKind');

@InputType({ description: 'Conditions on activities; fields combine with AND.' })
export class ActivityFilter {
  @Field(() => IDFilter, { nullable: true }) id?: IDFilter;
  @Field(() => ActivityKindFilter, { nullable: true }) kind?: InstanceType<typeof ActivityKindFilter>;
  @Field(() => IDFilter, { nullable: true, description: 'Owner (User ID).' }) owner?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Account (Account ID), including activities linked through its contacts and opportunities.' }) account?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Contact (Contact ID).' }) contact?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Opportunity (Opportunity ID).' }) opportunity?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Lead (Lead ID).' }) lead?: IDFilter;
  @Field(() => StringFilter, { nullable: true, description: 'Subject; needs full personal access to Activity.' }) subject?: StringFilter;
  @Field(() => BooleanFilter, { nullable: true, description: 'Completed (true) or open (false).' }) completed?: BooleanFilter;
  @Field(() => DateTimeFilter, { nullable: true, description: 'Due time (e.g. `{ lt: … }` for due before).' }) dueAt?: DateTimeFilter;
  @Field(() => DateTimeFilter, { nullable: true }) occurredAt?: DateTimeFilter;
  @Field(() => DateTimeFilter, { nullable: true }) createdAt?: DateTimeFilter;
  @Field(() => [ActivityFilter], { nullable: true, description: 'All of these.' }) and?: ActivityFilter[];
  @Field(() => [ActivityFilter], { nullable: true, description: 'Any of these.' }) or?: ActivityFilter[];
  @Field(() => ActivityFilter, { nullable: true, description: 'Not this.' }) not?: ActivityFilter;
}

@ArgsType()
export class ActivitiesArgs extends PageArgsType {
  @Field(() => ActivityFilter, { nullable: true }) where?: ActivityFilter;
  @Field(() => [ActivityOrder], { nullable: true, description: 'Default: newest occurredAt first.' }) orderBy?: ActivityOrder[];
  @Field(() => Boolean, { defaultValue: false, description: 'List the recycle bin (soft-deleted activities) instead.' }) inRecycleBin!: boolean;
}

/** Arguments of the nested `Contact.activities` and `Opportunity.activities` lists. */
@ArgsType()
export class RecordActivitiesArgs extends PageArgsType {
  @Field(() => ActivityFilter, { nullable: true }) where?: ActivityFilter;
  @Field(() => [ActivityOrder], { nullable: true, description: 'Default: newest occurredAt first.' }) orderBy?: ActivityOrder[];
}

/** Arguments of `Account.timeline`: always newest first. */
@ArgsType()
export class TimelineArgs extends PageArgsType {
  @Field(() => [ActivityKind], { nullable: true, description: 'Only these kinds (default: all).' }) kinds?: ActivityKind[] | null;
}

@InputType('ActivityFields')
class ActivityFields {
  @Field(() => String, { nullable: true, description: 'Details, minutes or the message text.' }) @IsOptional() @MaxLength(20000) body?: string | null;
  @Field(() => ID, { nullable: true, description: 'Owner (User ID). A new activity without one is owned by the signed-in user (or the key\'s user).' }) ownerId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Account (Account ID). Filled from the contact or opportunity when omitted; they must belong to it.' }) accountId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Contact (Contact ID).' }) contactId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Opportunity (Opportunity ID).' }) opportunityId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Lead (Lead ID).' }) leadId?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Due time (tasks only).' }) dueAt?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Start (meetings and calls only).' }) startsAt?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'End (meetings and calls only; not before startsAt).' }) endsAt?: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'true completes it now (kept if already completed); false reopens it.' }) completed?: boolean | null;
}

@InputType({ description: 'A new activity; at least one of accountId, contactId, opportunityId and leadId.' })
export class CreateActivityInput extends ActivityFields {
  @Field(() => ActivityKind) kind!: ActivityKind;
  @Field({ description: 'One-line summary.' }) @IsNotEmpty() @MaxLength(255) subject!: string;
  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first result instead of creating twice.' })
  @IsOptional()
  @MaxLength(200)
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to an activity. Omitted fields stay as they are; null clears a field.' })
export class UpdateActivityInput extends ActivityFields {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse the change with CONFLICT unless the activity is at this version.' }) expectedVersion?: number | null;
  // Omitted means unchanged; null would clear a required field, so it is refused like an empty string.
  @Field(() => String, { nullable: true }) @ValidateIf((input) => input.subject !== undefined) @IsNotEmpty() @MaxLength(255) subject?: string;
}

@InputType({ description: 'The activity to complete.' })
export class CompleteActivityInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType({ description: 'The activity to move to the recycle bin.' })
export class DeleteActivityInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType({ description: 'The activity to restore from the recycle bin.' })
export class RestoreActivityInput {
  @Field(() => ID) id!: string;
}

@ObjectType('ActivityPayload')
class ActivityPayload {
  @Field(() => Activity, { nullable: true, description: 'The activity, when the mutation succeeded.' }) activity?: Activity | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createActivity.' }) export class CreateActivityPayload extends ActivityPayload {}
@ObjectType({ description: 'Result of updateActivity.' }) export class UpdateActivityPayload extends ActivityPayload {}
@ObjectType({ description: 'Result of completeActivity.' }) export class CompleteActivityPayload extends ActivityPayload {}
@ObjectType({ description: 'Result of deleteActivity.' }) export class DeleteActivityPayload extends ActivityPayload {}
@ObjectType({ description: 'Result of restoreActivity.' }) export class RestoreActivityPayload extends ActivityPayload {}
