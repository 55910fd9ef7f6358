import { IsNotEmpty, IsOptional, MaxLength, ValidateIf } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageArgsType, SortDirection, connectionTypes } from '../../graphql/connection-types';
import { BooleanFilter, DateTimeFilter, IDFilter, StringFilter, enumFilter } from '../../graphql/filter-types';
import { Node } from '../../graphql/node';
import { PersonalCategory, PersonalField } from '../../graphql/personal';
import { DateTimeScalar, EmailScalar, PhoneScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import type { ServiceCaseEntity } from './cases.entity';

export enum CaseStatus {
  NEW = 'NEW',
  IN_PROGRESS = 'IN_PROGRESS',
  WAITING_ON_CUSTOMER = 'WAITING_ON_CUSTOMER',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
}
registerEnumType(CaseStatus, {
  name: 'ServiceCaseStatus',
  description: 'Where a service case is; changeServiceCaseStatus moves it.',
  valuesConfig: {
    NEW: { description: 'Logged, nobody has worked on it yet.' },
    IN_PROGRESS: { description: 'Being worked on.' },
    WAITING_ON_CUSTOMER: { description: 'Waiting for the customer’s answer.' },
    RESOLVED: { description: 'Solved (the resolution milestone is complete); can be reopened or closed.' },
    CLOSED: { description: 'Final.' },
  },
});

export enum CasePriority {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  URGENT = 'URGENT',
}
registerEnumType(CasePriority, { name: 'ServiceCasePriority', description: 'How urgent a service case is.' });

export enum CaseChannel {
  EMAIL = 'EMAIL',
  PHONE = 'PHONE',
  WEB = 'WEB',
  CHAT = 'CHAT',
  IN_PERSON = 'IN_PERSON',
}
registerEnumType(CaseChannel, { name: 'ServiceCaseChannel', description: 'How the customer got in touch.' });

export enum MilestoneKind {
  FIRST_RESPONSE = 'FIRST_RESPONSE',
  RESOLUTION = 'RESOLUTION',
}
registerEnumType(MilestoneKind, { name: 'CaseMilestoneKind', description: 'The service-level commitments of a case.' });

export enum MilestoneStatus {
  PENDING = 'PENDING',
  MET = 'MET',
  VIOLATED = 'VIOLATED',
}
registerEnumType(MilestoneStatus, {
  name: 'CaseMilestoneStatus',
  description: 'Whether a milestone was kept.',
  valuesConfig: {
    PENDING: { description: 'Not completed, and not due yet.' },
    MET: { description: 'Completed by its due time.' },
    VIOLATED: { description: 'Completed after its due time, or still open past it.' },
  },
});

export enum ServiceCaseOrderField {
  NUMBER = 'NUMBER',
  OPENED_AT = 'OPENED_AT',
  RESPONSE_DUE_AT = 'RESPONSE_DUE_AT',
  RESOLUTION_DUE_AT = 'RESOLUTION_DUE_AT',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(ServiceCaseOrderField, { name: 'ServiceCaseOrderField', description: 'Fields service cases can be sorted by.' });

@ObjectType('CaseMilestone', { description: 'A service-level commitment of a case and whether it was kept (computed when read).' })
export class CaseMilestone {
  @Field(() => MilestoneKind, { description: 'Which commitment.' }) kind!: MilestoneKind;
  @Field(() => DateTimeScalar, { description: 'When it is due, in business time of the entitlement’s calendar.' }) dueAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was completed (first response, resolution); null while pending.' }) completedAt!: Date | null;
  @Field(() => MilestoneStatus, { description: 'PENDING, MET or VIOLATED.' }) status!: MilestoneStatus;
}

@ObjectType('ServiceCase', { implements: Node, description: 'A customer’s request for service, matched to the entitlement it is served under, with SLA due times.' })
export class ServiceCase implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field({ description: 'Human-readable number, e.g. "CS-000042".' }) number!: string;
  @Field({ description: 'What it is about, in a line.' }) subject!: string;
  @Field(() => String, { nullable: true, description: 'The request in full.' }) description!: string | null;
  @Field(() => CaseChannel, { description: 'How the customer got in touch.' }) channel!: CaseChannel;
  @Field(() => CasePriority, { description: 'How urgent it is.' }) priority!: CasePriority;
  @Field(() => CaseStatus, { description: 'Where it is; only changeServiceCaseStatus changes it.' }) status!: CaseStatus;
  @PersonalField(() => String, { nullable: true, category: PersonalCategory.IDENTITY, column: 'supplied_name', description: 'The name the requester gave (web forms, e-mail).' })
  suppliedName!: string | null;
  @PersonalField(() => EmailScalar, { nullable: true, category: PersonalCategory.CONTACT_DETAILS, column: 'supplied_email', description: 'The e-mail address the requester gave.' })
  suppliedEmail!: string | null;
  @PersonalField(() => PhoneScalar, { nullable: true, category: PersonalCategory.CONTACT_DETAILS, column: 'supplied_phone', description: 'The phone number the requester gave (E.164).' })
  suppliedPhone!: string | null;
  @Field(() => DateTimeScalar, { description: 'When the customer asked; the SLA clock starts here.' }) openedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the customer first got an answer (respondToServiceCase, or the case leaving NEW).' }) firstRespondedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was resolved; cleared when reopened.' }) resolvedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was closed.' }) closedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'How it was solved.' }) resolution!: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the first response is due under the entitlement; null without one.' }) responseDueAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the resolution is due under the entitlement; null without one.' }) resolutionDueAt!: Date | null;
  @Field({ description: 'No entitlement covers the case (flagged for review): no SLA applies.' }) withoutEntitlement!: boolean;
  @Field(() => [CaseMilestone], { description: 'First response and resolution with their status; empty without an entitlement.' }) milestones!: CaseMilestone[];
  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to avoid lost updates.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the case was created.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the case last changed.' }) updatedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the case was moved to the recycle bin.' }) deletedAt!: Date | null;
}

export const { Connection: ServiceCaseConnection, Edge: ServiceCaseEdge } = connectionTypes(ServiceCase, 'ServiceCase', 'service case');

@InputType({ description: 'Sort service cases by a field.' })
export class ServiceCaseOrder {
  @Field(() => ServiceCaseOrderField) field!: ServiceCaseOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) direction!: SortDirection;
}

const CaseStatusFilter = enumFilter(CaseStatus, 'ServiceCaseStatus');
const CasePriorityFilter = enumFilter(CasePriority, 'ServiceCasePriority');
const CaseChannelFilter = enumFilter(CaseChannel, 'ServiceCaseChannel');

@InputType({ description: 'Conditions on service cases; fields combine with AND.' })
export class ServiceCaseFilter {
  @Field(() => IDFilter, { nullable: true }) id?: IDFilter;
  @Field(() => StringFilter, { nullable: true, description: 'The case number, e.g. "CS-000042".' }) number?: StringFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Account (Account ID).' }) account?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Contact (Contact ID).' }) contact?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Owner (User ID).' }) owner?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Product (Product ID).' }) product?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Entitlement (Entitlement ID).' }) entitlement?: IDFilter;
  @Field(() => CaseStatusFilter, { nullable: true }) status?: InstanceType<typeof CaseStatusFilter>;
  @Field(() => CasePriorityFilter, { nullable: true }) priority?: InstanceType<typeof CasePriorityFilter>;
  @Field(() => CaseChannelFilter, { nullable: true }) channel?: InstanceType<typeof CaseChannelFilter>;
  @Field(() => BooleanFilter, { nullable: true, description: 'Cases no entitlement covers.' }) withoutEntitlement?: BooleanFilter;
  @Field(() => BooleanFilter, { nullable: true, description: 'Cases with a milestone violated now: completed late, or pending past its due time.' }) slaViolated?: BooleanFilter;
  @Field(() => StringFilter, { nullable: true, description: 'Compared without case; personal data: needs full personal access to service cases.' }) suppliedEmail?: StringFilter;
  @Field(() => DateTimeFilter, { nullable: true }) openedAt?: DateTimeFilter;
  @Field(() => DateTimeFilter, { nullable: true }) responseDueAt?: DateTimeFilter;
  @Field(() => DateTimeFilter, { nullable: true }) resolutionDueAt?: DateTimeFilter;
  @Field(() => DateTimeFilter, { nullable: true }) createdAt?: DateTimeFilter;
  @Field(() => DateTimeFilter, { nullable: true }) updatedAt?: DateTimeFilter;
  @Field(() => [ServiceCaseFilter], { nullable: true, description: 'All of these.' }) and?: ServiceCaseFilter[];
  @Field(() => [ServiceCaseFilter], { nullable: true, description: 'Any of these.' }) or?: ServiceCaseFilter[];
  @Field(() => ServiceCaseFilter, { nullable: true, description: 'Not this.' }) not?: ServiceCaseFilter;
}

@ArgsType()
export class ServiceCasesArgs extends PageArgsType {
  @Field(() => ServiceCaseFilter, { nullable: true }) where?: ServiceCaseFilter;
  @Field(() => [ServiceCaseOrder], { nullable: true, description: 'Default: newest opened first.' }) orderBy?: ServiceCaseOrder[];
  @Field(() => Boolean, { defaultValue: false, description: 'List the recycle bin (soft-deleted cases) instead.' }) inRecycleBin!: boolean;
}

/** Arguments of the nested `Account.serviceCases` and `Entitlement.serviceCases` lists. */
@ArgsType()
export class AccountServiceCasesArgs extends PageArgsType {
  @Field(() => ServiceCaseFilter, { nullable: true }) where?: ServiceCaseFilter;
  @Field(() => [ServiceCaseOrder], { nullable: true, description: 'Default: newest opened first.' }) orderBy?: ServiceCaseOrder[];
}

/** Fields shared by create and update; on update, omitted fields stay as they are and null clears. */
@InputType('ServiceCaseFields')
class ServiceCaseFields {
  @Field(() => String, { nullable: true, description: 'The request in full (up to 32000 characters).' }) @IsOptional() @MaxLength(32000) description?: string | null;
  @Field(() => CasePriority, { nullable: true, description: 'Default on create: MEDIUM.' }) priority?: CasePriority | null;
  @Field(() => ID, { nullable: true, description: 'A contact (Contact ID) of the case’s account.' }) contactId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The owner (User ID); default on create: you.' }) ownerId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The product (Product ID) it is about; entitlements covering products match only cases about one of them.' }) productId?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'Serve the case under this entitlement (Entitlement ID) instead of the matched one: it must belong to a running contract of the account covering the opened date. On update, the due times are computed again; null leaves the case without entitlement.',
  })
  entitlementId?: string | null;
  @Field(() => String, { nullable: true, description: 'The name the requester gave.' }) @IsOptional() @MaxLength(255) suppliedName?: string | null;
  @Field(() => EmailScalar, { nullable: true, description: 'The e-mail address the requester gave.' }) @IsOptional() @MaxLength(320) suppliedEmail?: string | null;
  @Field(() => PhoneScalar, { nullable: true, description: 'The phone number the requester gave.' }) suppliedPhone?: string | null;
}

@InputType({ description: 'A new service case; it is matched to the entitlement that covers it.' })
export class CreateServiceCaseInput extends ServiceCaseFields {
  @Field(() => ID, { description: 'The account (Account ID), which you must be able to see.' }) accountId!: string;
  @Field({ description: 'What it is about, 1–255 characters.' }) @IsNotEmpty() @MaxLength(255) subject!: string;
  @Field(() => CaseChannel, { description: 'How the customer got in touch.' }) channel!: CaseChannel;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the customer asked, for cases logged after the fact (not in the future); default: now.' }) openedAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first result instead of creating twice.' })
  @IsOptional()
  @MaxLength(200)
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to a service case. Omitted fields stay as they are; null clears a field. The status has its own mutation.' })
export class UpdateServiceCaseInput extends ServiceCaseFields {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse the change with CONFLICT unless the case is at this version.' }) expectedVersion?: number | null;
  // Omitted means unchanged; null would clear a required field, so it is refused like an empty string.
  @Field(() => String, { nullable: true, description: 'New subject.' }) @ValidateIf((input) => input.subject !== undefined) @IsNotEmpty() @MaxLength(255) subject?: string;
  @Field(() => CaseChannel, { nullable: true, description: 'New channel.' }) @ValidateIf((input) => input.channel !== undefined) @IsNotEmpty() channel?: CaseChannel;
}

@InputType({ description: 'A service case whose first response to record.' })
export class RespondToServiceCaseInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the case is at this version.' }) expectedVersion?: number | null;
}

@InputType({ description: 'A status change of a service case.' })
export class ChangeServiceCaseStatusInput {
  @Field(() => ID) id!: string;
  @Field(() => CaseStatus, {
    description: 'NEW → IN_PROGRESS, WAITING_ON_CUSTOMER or RESOLVED; IN_PROGRESS ↔ WAITING_ON_CUSTOMER; either → RESOLVED; RESOLVED → CLOSED or IN_PROGRESS (reopen). CLOSED is final.',
  })
  status!: CaseStatus;
  @Field(() => String, { nullable: true, description: 'How it was solved (kept when given; up to 10000 characters).' }) @IsOptional() @MaxLength(10000) resolution?: string | null;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the case is at this version.' }) expectedVersion?: number | null;
}

@InputType({ description: 'The service case to move to the recycle bin.' })
export class DeleteServiceCaseInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the case is at this version.' }) expectedVersion?: number | null;
}

@InputType({ description: 'The service case to restore from the recycle bin.' })
export class RestoreServiceCaseInput {
  @Field(() => ID) id!: string;
}

@ObjectType('ServiceCasePayload')
class ServiceCasePayload {
  @Field(() => ServiceCase, { nullable: true, description: 'The service case, when the mutation succeeded.' }) serviceCase?: ServiceCaseEntity | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createServiceCase.' }) export class CreateServiceCasePayload extends ServiceCasePayload {}
@ObjectType({ description: 'Result of updateServiceCase.' }) export class UpdateServiceCasePayload extends ServiceCasePayload {}
@ObjectType({ description: 'Result of respondToServiceCase.' }) export class RespondToServiceCasePayload extends ServiceCasePayload {}
@ObjectType({ description: 'Result of changeServiceCaseStatus.' }) export class ChangeServiceCaseStatusPayload extends ServiceCasePayload {}
@ObjectType({ description: 'Result of deleteServiceCase.' }) export class DeleteServiceCasePayload extends ServiceCasePayload {}
@ObjectType({ description: 'Result of restoreServiceCase.' }) export class RestoreServiceCasePayload extends ServiceCasePayload {}
