import { IsInt, IsNotEmpty, IsOptional, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageArgsType, SortDirection, connectionTypes } from '../../graphql/connection-types';
import { BooleanFilter, CalendarDateFilter, DateTimeFilter, IDFilter, StringFilter, enumFilter } from '../../graphql/filter-types';
import { Node } from '../../graphql/node';
import { NotPersonal } from '../../graphql/personal';
import { DateScalar, DateTimeScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { Address, AddressInput } from '../../graphql/values';
import type { MaintenancePlanEntity } from './maintenance-plans.entity';

export enum FrequencyUnit {
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(FrequencyUnit, {
  name: 'FrequencyUnit',
  description: 'The unit a maintenance plan recurs in.',
  valuesConfig: {
    WEEK: { description: 'Every N weeks from the start date.' },
    MONTH: { description: 'Every N months from the start date; a day the month lacks becomes its last day (Jan 31 → Feb 28 → Mar 31).' },
  },
});

export enum MaintenancePlanOrderField {
  NAME = 'NAME',
  START_DATE = 'START_DATE',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(MaintenancePlanOrderField, { name: 'MaintenancePlanOrderField', description: 'Fields maintenance plans can be sorted by.' });

@ObjectType('MaintenancePlan', {
  implements: Node,
  description:
    'Recurring maintenance on an account (and contract): the scheduler creates a NEW work order for every occurrence (startDate + k × frequencyInterval weeks or months) from today up to horizonDays ahead, not after endDate, once per date.',
})
export class MaintenancePlan implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field({ description: 'Name; generated work orders are called "<name> <date>".' }) name!: string;
  @NotPersonal('The address of the customer’s site where the work is done: a company’s premises, like an account’s billing address')
  @Field(() => Address, { nullable: true, description: 'Where the work is done; copied to each generated work order.' })
  serviceAddress!: Address | null;
  @Field(() => FrequencyUnit, { description: 'WEEK or MONTH.' }) frequencyUnit!: FrequencyUnit;
  @Field(() => Int, { description: 'Every how many weeks or months (1–120).' }) frequencyInterval!: number;
  @Field(() => Int, { description: 'How many days ahead work orders are generated (1–730).' }) horizonDays!: number;
  @Field({ description: 'Only active plans generate work orders.' }) active!: boolean;
  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to avoid lost updates.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the plan was created.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the plan last changed.' }) updatedAt!: Date;
}

export const { Connection: MaintenancePlanConnection, Edge: MaintenancePlanEdge } = connectionTypes(MaintenancePlan, 'MaintenancePlan', 'maintenance plan');

@InputType({ description: 'Sort maintenance plans by a field.' })
export class MaintenancePlanOrder {
  @Field(() => MaintenancePlanOrderField, { description: 'The field to sort by.' }) field!: MaintenancePlanOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Ascending or descending.' }) direction!: SortDirection;
}

const FrequencyUnitFilter = enumFilter(FrequencyUnit, 'FrequencyUnit');

@InputType({ description: 'Conditions on maintenance plans; fields combine with AND.' })
export class MaintenancePlanFilter {
  @Field(() => IDFilter, { nullable: true, description: 'The plan (MaintenancePlan ID).' }) id?: IDFilter;
  @Field(() => StringFilter, { nullable: true, description: 'Name (case-insensitive).' }) name?: StringFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Account (Account ID).' }) account?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Contract (Contract ID).' }) contract?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Work type (WorkType ID).' }) workType?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Territory (Territory ID).' }) territory?: IDFilter;
  @Field(() => FrequencyUnitFilter, { nullable: true, description: 'Frequency unit.' }) frequencyUnit?: InstanceType<typeof FrequencyUnitFilter>;
  @Field(() => BooleanFilter, { nullable: true, description: 'Active or not.' }) active?: BooleanFilter;
  @Field(() => CalendarDateFilter, { nullable: true, description: 'Start date.' }) startDate?: CalendarDateFilter;
  @Field(() => CalendarDateFilter, { nullable: true, description: 'End date.' }) endDate?: CalendarDateFilter;
  @Field(() => DateTimeFilter, { nullable: true, description: 'Creation time.' }) createdAt?: DateTimeFilter;
  @Field(() => DateTimeFilter, { nullable: true, description: 'Last change.' }) updatedAt?: DateTimeFilter;
  @Field(() => [MaintenancePlanFilter], { nullable: true, description: 'All of these.' }) and?: MaintenancePlanFilter[];
  @Field(() => [MaintenancePlanFilter], { nullable: true, description: 'Any of these.' }) or?: MaintenancePlanFilter[];
  @Field(() => MaintenancePlanFilter, { nullable: true, description: 'Not this.' }) not?: MaintenancePlanFilter;
}

/** Arguments of the nested `Account.maintenancePlans` list. */
@ArgsType()
export class NestedMaintenancePlansArgs extends PageArgsType {
  @Field(() => MaintenancePlanFilter, { nullable: true, description: 'Only plans meeting these conditions.' }) where?: MaintenancePlanFilter;
  @Field(() => [MaintenancePlanOrder], { nullable: true, description: 'Default: name ascending.' }) orderBy?: MaintenancePlanOrder[];
}

@ArgsType()
export class MaintenancePlansArgs extends NestedMaintenancePlansArgs {}

/** Omitted means unchanged on update; null would clear a required column, so it is refused like an empty value. */
const given = (field: string) => ValidateIf((input: Record<string, unknown>) => input[field] !== undefined);

@InputType({ description: 'A new maintenance plan (active). It generates its first work orders at the scheduler’s next run, or at once with generateMaintenanceWorkOrders.' })
export class CreateMaintenancePlanInput {
  @Field({ description: 'Name, 1–255 characters.' }) @IsNotEmpty() @MaxLength(255) name!: string;
  @Field(() => ID, { description: 'The customer (Account ID).' }) accountId!: string;
  @Field(() => ID, { nullable: true, description: 'The contract (Contract ID) the maintenance is done under: one of the account’s.' }) contractId?: string | null;
  @Field(() => ID, { description: 'The kind of work (WorkType ID), active: its default duration is each work order’s.' }) workTypeId!: string;
  @Field(() => ID, { nullable: true, description: 'The person on site (Contact ID): a contact of the account.' }) siteContactId?: string | null;
  @Field(() => AddressInput, { nullable: true, description: 'Where the work is done.' }) @IsOptional() @ValidateNested() serviceAddress?: AddressInput | null;
  @Field(() => ID, { nullable: true, description: 'The territory (Territory ID) the site lies in.' }) territoryId?: string | null;
  @Field(() => FrequencyUnit, { description: 'WEEK or MONTH.' }) frequencyUnit!: FrequencyUnit;
  @Field(() => Int, { description: 'Every how many weeks or months, 1–120.' }) @IsInt() @Min(1) @Max(120) frequencyInterval!: number;
  @Field(() => DateScalar, { description: 'The first occurrence.' }) startDate!: string;
  @Field(() => DateScalar, { nullable: true, description: 'The last day an occurrence may fall on, not before startDate; none: open-ended.' }) endDate?: string | null;
  @Field(() => Int, { nullable: true, description: 'Days ahead to generate work orders for, 1–730; default 60.' }) @IsOptional() @IsInt() @Min(1) @Max(730) horizonDays?: number | null;
  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first result instead of creating twice.' }) @IsOptional() @MaxLength(200) idempotencyKey?: string | null;
}

@InputType({
  description:
    'Changes to a maintenance plan. Omitted fields stay as they are; null clears an optional one. Work orders already generated stay as they are; the schedule applies to those generated from now on.',
})
export class UpdateMaintenancePlanInput {
  @Field(() => ID, { description: 'The plan (MaintenancePlan ID).' }) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse the change with CONFLICT unless the plan is at this version.' }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true, description: 'New name, 1–255 characters.' }) @given('name') @IsNotEmpty() @MaxLength(255) name?: string;
  @Field(() => ID, { nullable: true, description: 'The contract (Contract ID): one of the account’s.' }) contractId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The kind of work (WorkType ID), active.' }) @given('workTypeId') @IsNotEmpty() workTypeId?: string;
  @Field(() => ID, { nullable: true, description: 'The person on site (Contact ID): a contact of the account.' }) siteContactId?: string | null;
  @Field(() => AddressInput, { nullable: true, description: 'Where the work is done.' }) @IsOptional() @ValidateNested() serviceAddress?: AddressInput | null;
  @Field(() => ID, { nullable: true, description: 'The territory (Territory ID).' }) territoryId?: string | null;
  @Field(() => FrequencyUnit, { nullable: true, description: 'WEEK or MONTH.' }) @given('frequencyUnit') @IsNotEmpty() frequencyUnit?: FrequencyUnit;
  @Field(() => Int, { nullable: true, description: 'Every how many weeks or months, 1–120.' }) @given('frequencyInterval') @IsInt() @Min(1) @Max(120) frequencyInterval?: number;
  @Field(() => DateScalar, { nullable: true, description: 'The first occurrence.' }) @given('startDate') @IsNotEmpty() startDate?: string;
  @Field(() => DateScalar, { nullable: true, description: 'The last day an occurrence may fall on, not before startDate; null: open-ended.' }) endDate?: string | null;
  @Field(() => Int, { nullable: true, description: 'Days ahead to generate work orders for, 1–730.' }) @given('horizonDays') @IsInt() @Min(1) @Max(730) horizonDays?: number;
  @Field(() => Boolean, { nullable: true, description: 'false stops the generation (work orders already generated stay).' }) @given('active') @IsNotEmpty() active?: boolean;
}

@InputType({ description: 'A maintenance plan to move to the recycle bin: it generates nothing more; its work orders stay.' })
export class DeleteMaintenancePlanInput {
  @Field(() => ID, { description: 'The plan (MaintenancePlan ID).' }) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the plan is at this version.' }) expectedVersion?: number | null;
}

@InputType({ description: 'A plan whose missing work orders to generate now.' })
export class GenerateMaintenanceWorkOrdersInput {
  @Field(() => ID, { description: 'The plan (MaintenancePlan ID); it must be active.' }) planId!: string;
}

@ObjectType('MaintenancePlanPayload')
class MaintenancePlanPayload {
  @Field(() => MaintenancePlan, { nullable: true, description: 'The plan, when the mutation succeeded.' }) maintenancePlan?: MaintenancePlanEntity | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createMaintenancePlan.' }) export class CreateMaintenancePlanPayload extends MaintenancePlanPayload {}
@ObjectType({ description: 'Result of updateMaintenancePlan.' }) export class UpdateMaintenancePlanPayload extends MaintenancePlanPayload {}
@ObjectType({ description: 'Result of deleteMaintenancePlan.' }) export class DeleteMaintenancePlanPayload extends MaintenancePlanPayload {}

@ObjectType({ description: 'Result of generateMaintenanceWorkOrders.' })
export class GenerateMaintenanceWorkOrdersPayload extends MaintenancePlanPayload {
  @Field(() => Int, { nullable: true, description: 'How many work orders were created (0 when all due ones exist already); null on failure.' }) createdCount?: number | null;
}
