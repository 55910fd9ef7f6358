import { IsInt, IsNotEmpty, IsOptional, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageArgsType, SortDirection, connectionTypes } from '../../graphql/connection-types';
import { DateTimeFilter, IDFilter, StringFilter, enumFilter } from '../../graphql/filter-types';
import { Node } from '../../graphql/node';
import { NotPersonal, PersonalCategory, PersonalField } from '../../graphql/personal';
import { CurrencyScalar, DateTimeScalar, DecimalScalar, PhoneScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { Address, AddressInput, Money } from '../../graphql/values';
import type { WorkOrderEntity } from './work-orders.entity';

export enum WorkOrderStatus {
  NEW = 'NEW',
  SCHEDULED = 'SCHEDULED',
  DISPATCHED = 'DISPATCHED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  CANNOT_COMPLETE = 'CANNOT_COMPLETE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(WorkOrderStatus, {
  name: 'WorkOrderStatus',
  description: 'Where a work order is. Appointments and the status mutations move it; other transitions are refused.',
  valuesConfig: {
    NEW: { description: 'Created, no visit booked.' },
    SCHEDULED: { description: 'A visit is booked (scheduleAppointment).' },
    DISPATCHED: { description: 'Sent to the technician (dispatchWorkOrder).' },
    IN_PROGRESS: { description: 'The technician checked in on site.' },
    COMPLETED: { description: 'Done (completeWorkOrder); final.' },
    CANNOT_COMPLETE: { description: 'The visit could not finish the work (markWorkOrderCannotComplete); final.' },
    CANCELLED: { description: 'Called off before the work started (cancelWorkOrder); final.' },
  },
});

export enum WorkOrderPriority {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  URGENT = 'URGENT',
}
registerEnumType(WorkOrderPriority, { name: 'WorkOrderPriority', description: 'How urgent a work order is.' });

export enum WorkOrderLineItemKind {
  PART = 'PART',
  LABOUR = 'LABOUR',
}
registerEnumType(WorkOrderLineItemKind, {
  name: 'WorkOrderLineItemKind',
  description: 'What a work order line is for.',
  valuesConfig: { PART: { description: 'A part used (usually a product).' }, LABOUR: { description: 'Working time (quantity in hours).' } },
});

export enum WorkOrderOrderField {
  NUMBER = 'NUMBER',
  DUE_BY = 'DUE_BY',
  PRIORITY = 'PRIORITY',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(WorkOrderOrderField, { name: 'WorkOrderOrderField', description: 'Fields work orders can be sorted by.' });

@ObjectType('WorkOrder', {
  implements: Node,
  description:
    'Field work at a customer’s site. A technician reads only the work orders assigned to them, and of the customer only what the visit needs (accountName, serviceAddress, siteContactName, siteContactPhone).',
})
export class WorkOrder implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field({ description: 'Human-readable number, e.g. "WO-000042".' }) number!: string;
  @Field({ description: 'What is to be done, in a line.' }) subject!: string;
  @Field(() => String, { nullable: true, description: 'The work in full.' }) description!: string | null;
  @Field({ description: 'The customer’s name, for the visit: readable with the work order alone (no permission on Account needed).' }) accountName!: string;
  @Field(() => Address, { nullable: true, description: 'Where the work is done (a company site).' })
  @NotPersonal('The address of the customer’s site where the work is done: a company’s premises, like an account’s billing address')
  serviceAddress!: Address | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Latitude of the site in degrees (−90…90); given together with longitude.' }) latitude!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Longitude of the site in degrees (−180…180); given together with latitude.' }) longitude!: string | null;
  // Read from the site contact's row, whose own Contact data-subject source exports and erases it:
  // derived from nothing stored on the work order.
  @PersonalField(() => String, {
    nullable: true,
    category: PersonalCategory.IDENTITY,
    derivedFrom: [],
    description: 'The site contact’s name, for the visit: readable with the work order alone (no permission on Contact needed); null without a site contact.',
  })
  siteContactName!: string | null;
  @PersonalField(() => PhoneScalar, {
    nullable: true,
    category: PersonalCategory.CONTACT_DETAILS,
    derivedFrom: [],
    description: 'The number to call on site: the site contact’s mobile, else work phone (E.164); null without one.',
  })
  siteContactPhone!: string | null;
  @Field(() => Int, { description: 'How long the visit takes, in minutes (5–1440).' }) durationMinutes!: number;
  @Field(() => WorkOrderPriority, { description: 'How urgent it is.' }) priority!: WorkOrderPriority;
  @Field(() => WorkOrderStatus, { description: 'Where it is; appointments and the status mutations change it.' }) status!: WorkOrderStatus;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the work must be done by: given, or from the entitlement’s resolution time in its business calendar.' })
  dueBy!: Date | null;
  @Field(() => String, { nullable: true, description: 'What was done, recorded on completion.' }) completionNotes!: string | null;
  @PersonalField(() => String, { nullable: true, category: PersonalCategory.IDENTITY, column: 'signature_name', description: 'Who signed for the work on site.' })
  signatureName!: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was completed or marked as not completable.' }) completedAt!: Date | null;
  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to avoid lost updates.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the work order was created.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the work order last changed.' }) updatedAt!: Date;
}

export const { Connection: WorkOrderConnection, Edge: WorkOrderEdge } = connectionTypes(WorkOrder, 'WorkOrder', 'work order');

@ObjectType('WorkOrderLineItem', { description: 'A part or labour line of a work order.' })
export class WorkOrderLineItem {
  @Field(() => WorkOrderLineItemKind, { description: 'PART or LABOUR.' }) kind!: WorkOrderLineItemKind;
  @Field(() => String, { nullable: true, description: 'What the line is (required without a product).' }) description!: string | null;
  @Field(() => DecimalScalar, { description: 'How many (parts) or how long (labour, hours); greater than 0.' }) quantity!: string;
  @Field(() => Money, { description: 'Price of one unit.' }) unitPrice!: Money;
  @Field(() => Money, { description: 'quantity × unit price, rounded to cents.' }) total!: Money;
  @Field(() => Int, { description: '1-based position in the list.' }) position!: number;
}

@ObjectType('WorkOrderStatusChange', { description: 'One status change of a work order.' })
export class WorkOrderStatusChange {
  @Field(() => WorkOrderStatus, { nullable: true, description: 'The status before; null for the creation.' }) from!: WorkOrderStatus | null;
  @Field(() => WorkOrderStatus, { description: 'The status after.' }) to!: WorkOrderStatus;
  @Field(() => String, { nullable: true, description: 'Why (cancellation, not completable).' }) reason!: string | null;
  @Field({ description: 'Who did it: "user", "api_key" or "system".' }) actorKind!: string;
  @Field({ description: 'The User ID, API key ID or system job that did it.' }) actorId!: string;
  @Field(() => DateTimeScalar, { description: 'When.' }) at!: Date;
}

@InputType({ description: 'Sort work orders by a field.' })
export class WorkOrderOrder {
  @Field(() => WorkOrderOrderField, { description: 'The field.' }) field!: WorkOrderOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'The direction.' }) direction!: SortDirection;
}

const StatusFilter = enumFilter(WorkOrderStatus, 'WorkOrderStatus');
const PriorityFilter = enumFilter(WorkOrderPriority, 'WorkOrderPriority');

@InputType({ description: 'Conditions on work orders; fields combine with AND.' })
export class WorkOrderFilter {
  @Field(() => IDFilter, { nullable: true, description: 'The work order (WorkOrder ID).' }) id?: IDFilter;
  @Field(() => StringFilter, { nullable: true, description: 'The number, e.g. "WO-000042".' }) number?: StringFilter;
  @Field(() => StatusFilter, { nullable: true, description: 'The status.' }) status?: InstanceType<typeof StatusFilter>;
  @Field(() => PriorityFilter, { nullable: true, description: 'The priority.' }) priority?: InstanceType<typeof PriorityFilter>;
  @Field(() => IDFilter, { nullable: true, description: 'Account (Account ID).' }) account?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'The technician (Technician ID) of the live appointment.' }) technician?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Territory (Territory ID).' }) territory?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Service case (ServiceCase ID).' }) serviceCase?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Contract (Contract ID).' }) contract?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Work type (WorkType ID).' }) workType?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Maintenance plan (MaintenancePlan ID) that generated it.' }) maintenancePlan?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Owner (User ID).' }) owner?: IDFilter;
  @Field(() => DateTimeFilter, { nullable: true, description: 'The due-by time.' }) dueBy?: DateTimeFilter;
  @Field(() => DateTimeFilter, { nullable: true, description: 'When it was created.' }) createdAt?: DateTimeFilter;
  @Field(() => DateTimeFilter, { nullable: true, description: 'When it last changed.' }) updatedAt?: DateTimeFilter;
  @Field(() => [WorkOrderFilter], { nullable: true, description: 'All of these.' }) and?: WorkOrderFilter[];
  @Field(() => [WorkOrderFilter], { nullable: true, description: 'Any of these.' }) or?: WorkOrderFilter[];
  @Field(() => WorkOrderFilter, { nullable: true, description: 'Not this.' }) not?: WorkOrderFilter;
}

/** Arguments of the nested lists (`Account.workOrders`, `ServiceCase.workOrders`). */
@ArgsType()
export class NestedWorkOrdersArgs extends PageArgsType {
  @Field(() => WorkOrderFilter, { nullable: true, description: 'Only work orders meeting these conditions.' }) where?: WorkOrderFilter;
  @Field(() => [WorkOrderOrder], { nullable: true, description: 'Default: earliest due first, then newest.' }) orderBy?: WorkOrderOrder[];
}

@ArgsType()
export class WorkOrdersArgs extends NestedWorkOrdersArgs {}

@InputType({ description: 'A part or labour line; the list given replaces all lines of the work order.' })
export class WorkOrderLineItemInput {
  @Field(() => WorkOrderLineItemKind, { description: 'PART or LABOUR.' }) kind!: WorkOrderLineItemKind;
  @Field(() => ID, { nullable: true, description: 'The product (Product ID), for parts.' }) productId?: string | null;
  @Field(() => String, { nullable: true, description: 'What the line is (up to 1000 characters); required without a product.' }) @IsOptional() @MaxLength(1000) description?: string | null;
  @Field(() => DecimalScalar, { description: 'How many or how long (hours); greater than 0.' }) quantity!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Price of one unit, not negative; default 0.' }) unitPrice?: string | null;
  @Field(() => CurrencyScalar, { nullable: true, description: 'Currency of the price; default: the workspace’s default currency.' }) currency?: string | null;
}

/** Fields shared by create and update; on update, omitted fields stay as they are and null clears. */
@InputType('WorkOrderFields')
class WorkOrderFields {
  @Field(() => String, { nullable: true, description: 'The work in full (up to 32000 characters).' }) @IsOptional() @MaxLength(32000) description?: string | null;
  @Field(() => ID, { nullable: true, description: 'The person on site (Contact ID): a contact of the account.' }) siteContactId?: string | null;
  @Field(() => AddressInput, { nullable: true, description: 'Where the work is done.' }) @IsOptional() @ValidateNested() serviceAddress?: AddressInput | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Latitude (−90…90); give both coordinates or neither.' }) latitude?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Longitude (−180…180); give both coordinates or neither.' }) longitude?: string | null;
  @Field(() => ID, { nullable: true, description: 'The territory (Territory ID) the site lies in.' }) territoryId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The kind of work (WorkType ID): its default duration and required skills apply.' }) workTypeId?: string | null;
  @Field(() => Int, { nullable: true, description: 'Visit length in minutes (5–1440); default: the work type’s default duration.' })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(1440)
  durationMinutes?: number | null;
  @Field(() => WorkOrderPriority, { nullable: true, description: 'Default on create: MEDIUM.' }) priority?: WorkOrderPriority | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the work must be done by; on create default: from the entitlement’s SLA.' }) dueBy?: Date | null;
  @Field(() => ID, { nullable: true, description: 'The owner (User ID); default on create: you.' }) ownerId?: string | null;
  @Field(() => [WorkOrderLineItemInput], { nullable: true, description: 'Parts and labour (at most 100 lines); on update the list replaces all lines.' })
  @IsOptional()
  @ValidateNested({ each: true })
  lineItems?: WorkOrderLineItemInput[] | null;
}

@InputType({ description: 'A new work order (status NEW).' })
export class CreateWorkOrderInput extends WorkOrderFields {
  @Field(() => ID, { nullable: true, description: 'The customer (Account ID); default: the service case’s account. Required without a service case.' }) accountId?: string | null;
  @Field({ description: 'What is to be done, 1–255 characters.' }) @IsNotEmpty() @MaxLength(255) subject!: string;
  @Field(() => ID, { nullable: true, description: 'The service case (ServiceCase ID) the work is for: its account and entitlement are the defaults.' }) serviceCaseId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The entitlement (Entitlement ID) served under: it must belong to a running contract of the account.' }) entitlementId?: string | null;
  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first result instead of creating twice.' })
  @IsOptional()
  @MaxLength(200)
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to an open work order (NEW, SCHEDULED, DISPATCHED, IN_PROGRESS). Omitted fields stay as they are; null clears.' })
export class UpdateWorkOrderInput extends WorkOrderFields {
  @Field(() => ID, { description: 'The work order (WorkOrder ID).' }) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse the change with CONFLICT unless the work order is at this version.' }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true, description: 'New subject.' }) @ValidateIf((input) => input.subject !== undefined) @IsNotEmpty() @MaxLength(255) subject?: string;
}

@InputType({ description: 'A SCHEDULED work order to send to its technician.' })
export class DispatchWorkOrderInput {
  @Field(() => ID, { description: 'The work order (WorkOrder ID).' }) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the work order is at this version.' }) expectedVersion?: number | null;
}

@InputType({ description: 'A work order to call off (NEW, SCHEDULED or DISPATCHED); its live appointment is cancelled with it.' })
export class CancelWorkOrderInput {
  @Field(() => ID, { description: 'The work order (WorkOrder ID).' }) id!: string;
  @Field({ description: 'Why, 1–1000 characters.' }) @IsNotEmpty() @MaxLength(1000) reason!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the work order is at this version.' }) expectedVersion?: number | null;
}

@InputType({ description: 'An IN_PROGRESS work order whose work is done.' })
export class CompleteWorkOrderInput {
  @Field(() => ID, { description: 'The work order (WorkOrder ID).' }) id!: string;
  @Field(() => String, { nullable: true, description: 'What was done (up to 10000 characters).' }) @IsOptional() @MaxLength(10000) completionNotes?: string | null;
  @Field(() => String, { nullable: true, description: 'Who signed for the work on site (up to 255 characters).' }) @IsOptional() @MaxLength(255) signatureName?: string | null;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the work order is at this version.' }) expectedVersion?: number | null;
}

@InputType({ description: 'An IN_PROGRESS work order whose visit could not finish the work.' })
export class MarkWorkOrderCannotCompleteInput {
  @Field(() => ID, { description: 'The work order (WorkOrder ID).' }) id!: string;
  @Field({ description: 'Why, 1–1000 characters.' }) @IsNotEmpty() @MaxLength(1000) reason!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the work order is at this version.' }) expectedVersion?: number | null;
}

@ObjectType('WorkOrderPayload')
class WorkOrderPayload {
  @Field(() => WorkOrder, { nullable: true, description: 'The work order, when the mutation succeeded.' }) workOrder?: WorkOrderEntity | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createWorkOrder.' }) export class CreateWorkOrderPayload extends WorkOrderPayload {}
@ObjectType({ description: 'Result of updateWorkOrder.' }) export class UpdateWorkOrderPayload extends WorkOrderPayload {}
@ObjectType({ description: 'Result of dispatchWorkOrder.' }) export class DispatchWorkOrderPayload extends WorkOrderPayload {}
@ObjectType({ description: 'Result of cancelWorkOrder.' }) export class CancelWorkOrderPayload extends WorkOrderPayload {}
@ObjectType({ description: 'Result of completeWorkOrder.' }) export class CompleteWorkOrderPayload extends WorkOrderPayload {}
@ObjectType({ description: 'Result of markWorkOrderCannotComplete.' }) export class MarkWorkOrderCannotCompletePayload extends WorkOrderPayload {}
