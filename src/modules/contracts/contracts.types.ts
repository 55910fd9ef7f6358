import { ArrayMaxSize, IsInt, IsNotEmpty, IsOptional, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageArgsType, SortDirection, connectionTypes } from '../../graphql/connection-types';
import { BooleanFilter, CalendarDateFilter, DateTimeFilter, DecimalFilter, IDFilter, StringFilter, enumFilter } from '../../graphql/filter-types';
import { Node } from '../../graphql/node';
import { CurrencyScalar, DateScalar, DateTimeScalar, DecimalScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { Money, MoneyInput } from '../../graphql/values';
import type { ContractEntity } from './contracts.entity';

export enum ContractStatus {
  DRAFT = 'DRAFT',
  IN_APPROVAL = 'IN_APPROVAL',
  ACTIVATED = 'ACTIVATED',
  EXPIRED = 'EXPIRED',
  TERMINATED = 'TERMINATED',
  RENEWED = 'RENEWED',
}
registerEnumType(ContractStatus, {
  name: 'ContractStatus',
  description: 'Where a contract is in its life: DRAFT → IN_APPROVAL → ACTIVATED → EXPIRED, TERMINATED or RENEWED.',
  valuesConfig: {
    DRAFT: { description: 'Being prepared; the only status in which its terms can be edited directly.' },
    IN_APPROVAL: { description: 'Submitted; waiting to be approved (→ ACTIVATED) or rejected (→ DRAFT).' },
    ACTIVATED: { description: 'Running; commercial terms change only by amendment (amendContract).' },
    EXPIRED: { description: 'Ended on its end date without renewal (set by the scheduler).' },
    TERMINATED: { description: 'Ended early by terminateContract.' },
    RENEWED: { description: 'Its successor (a renewal) was activated; it runs until its end date.' },
  },
});

export enum BillingFrequency {
  ONE_TIME = 'ONE_TIME',
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
  SEMI_ANNUALLY = 'SEMI_ANNUALLY',
  ANNUALLY = 'ANNUALLY',
}
registerEnumType(BillingFrequency, { name: 'BillingFrequency', description: 'How often a contract is invoiced.' });

export enum ContractOrderField {
  NUMBER = 'NUMBER',
  START_DATE = 'START_DATE',
  END_DATE = 'END_DATE',
  VALUE = 'VALUE',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(ContractOrderField, { name: 'ContractOrderField', description: 'Fields contracts can be sorted by.' });

@ObjectType('Contract', { implements: Node, description: 'A service agreement with an account: what it bought, for how long, at what value; approved, activated, amended, renewed or terminated.' })
export class Contract implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field({ description: 'Human-readable number, unique in the workspace, e.g. "CTR-000042".' }) number!: string;
  @Field(() => ContractStatus, { description: 'Where the contract is in its life; only the transition mutations (and the scheduler) change it.' }) status!: ContractStatus;
  @Field(() => DateScalar, { description: 'First day covered.' }) startDate!: string;
  @Field(() => Int, { description: 'Length of the term in months (1–600).' }) termMonths!: number;
  @Field(() => DateScalar, { description: 'Last day covered: startDate + termMonths − 1 day (e.g. 2026-01-31 + 1 month → 2026-02-27), or the termination date.' }) endDate!: string;
  @Field(() => Money, { description: 'Contract value: the sum of the line totals when it has line items.' }) value!: Money;
  @Field(() => BillingFrequency, { description: 'How often it is invoiced.' }) billingFrequency!: BillingFrequency;
  @Field({ description: 'Renewed automatically at its end unless cancelled by the notice deadline.' }) autoRenew!: boolean;
  @Field(() => Int, { description: 'Days before the end date by which a renewal must be cancelled (0–3650).' }) noticePeriodDays!: number;
  @Field(() => DateScalar, { description: 'The last day to cancel the renewal: endDate − noticePeriodDays.' }) noticeDeadline!: string;
  @Field(() => String, { nullable: true, description: 'Terms beyond the standard ones (commercial: locked once activated).' }) specialTerms!: string | null;
  @Field(() => String, { nullable: true, description: 'Free description (editable in every live status).' }) description!: string | null;
  @Field(() => Int, { description: 'Amendment number of the commercial terms: 1 as activated, +1 per amendContract.' }) contractVersion!: number;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was activated; null while DRAFT or IN_APPROVAL.' }) activatedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was terminated; null unless TERMINATED.' }) terminatedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it was terminated; null unless TERMINATED.' }) terminationReason!: string | null;
  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to avoid lost updates.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the contract was created.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the contract last changed.' }) updatedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the contract was moved to the recycle bin.' }) deletedAt!: Date | null;
}

export const { Connection: ContractConnection, Edge: ContractEdge } = connectionTypes(Contract, 'Contract', 'contract');

@ObjectType('ContractLineItem', { description: 'A product on a contract: quantity × unit price less the discount. Locked with the commercial terms once activated.' })
export class ContractLineItem {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field(() => DecimalScalar, { description: 'Quantity, greater than 0.' }) quantity!: string;
  @Field(() => Money, { description: 'Unit price in the contract’s currency.' }) unitPrice!: Money;
  @Field(() => DecimalScalar, { description: 'Discount in percent, 0–100.' }) discountPercent!: string;
  @Field(() => Money, { description: 'quantity × unitPrice × (1 − discountPercent/100), rounded half-up to 2 decimals.' }) total!: Money;
  @Field(() => String, { nullable: true, description: 'Free description.' }) description!: string | null;
  @Field(() => Int, { description: 'Place on the contract, from 1.' }) position!: number;
}

@ObjectType('ContractTermsLineItem', { description: 'A line item as a version of the terms recorded it.' })
export class ContractTermsLineItem {
  @Field(() => DecimalScalar, { description: 'Quantity.' }) quantity!: string;
  @Field(() => Money, { description: 'Unit price.' }) unitPrice!: Money;
  @Field(() => DecimalScalar, { description: 'Discount in percent.' }) discountPercent!: string;
  @Field(() => String, { nullable: true, description: 'Free description.' }) description!: string | null;
}

@ObjectType('ContractTerms', { description: 'The commercial terms of a contract as one version left them.' })
export class ContractTerms {
  @Field(() => DateScalar, { description: 'First day covered.' }) startDate!: string;
  @Field(() => Int, { description: 'Term in months.' }) termMonths!: number;
  @Field(() => DateScalar, { description: 'Last day covered.' }) endDate!: string;
  @Field(() => Money, { description: 'Contract value.' }) value!: Money;
  @Field(() => BillingFrequency, { description: 'How often it is invoiced.' }) billingFrequency!: BillingFrequency;
  @Field({ description: 'Renewed automatically.' }) autoRenew!: boolean;
  @Field(() => Int, { description: 'Notice period in days.' }) noticePeriodDays!: number;
  @Field(() => String, { nullable: true, description: 'Special terms.' }) specialTerms!: string | null;
  @Field(() => [ContractTermsLineItem], { description: 'Line items in position order.' }) lineItems!: ContractTermsLineItem[];
}

@ObjectType('ContractVersion', { description: 'One version of a contract’s commercial terms: 1 as activated, then one per amendment.' })
export class ContractVersion {
  @Field(() => Int, { description: 'Version number (Contract.contractVersion when it was current).' }) version!: number;
  @Field(() => String, { nullable: true, description: 'Why: the amendment’s reason (null for the activation unless one was given).' }) reason!: string | null;
  @Field({ description: 'Who made it: "user", "api_key" or "system" (the scheduler).' }) actorKind!: string;
  @Field(() => DateTimeScalar, { description: 'When.' }) at!: Date;
  @Field(() => ContractTerms, { description: 'The terms of this version.' }) terms!: ContractTerms;
}

@ObjectType('ContractStatusChange', { description: 'One status change of a contract: who, when and why.' })
export class ContractStatusChange {
  @Field(() => ContractStatus, { nullable: true, description: 'The status before (null for the creation).' }) fromStatus!: ContractStatus | null;
  @Field(() => ContractStatus, { description: 'The status after.' }) toStatus!: ContractStatus;
  @Field(() => String, { nullable: true, description: 'Why, when given (rejection, termination, renewal).' }) reason!: string | null;
  @Field({ description: 'Who did it: "user", "api_key" or "system" (the scheduler).' }) actorKind!: string;
  @Field(() => DateTimeScalar, { description: 'When.' }) at!: Date;
}

@InputType({ description: 'Sort contracts by a field.' })
export class ContractOrder {
  @Field(() => ContractOrderField, { description: 'The field to sort by.' }) field!: ContractOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Ascending or descending.' }) direction!: SortDirection;
}

const ContractStatusFilter = enumFilter(ContractStatus, 'ContractStatus');
const BillingFrequencyFilter = enumFilter(BillingFrequency, 'BillingFrequency');

@InputType({ description: 'Conditions on contracts; fields combine with AND.' })
export class ContractFilter {
  @Field(() => IDFilter, { nullable: true, description: 'The contract (Contract ID).' }) id?: IDFilter;
  @Field(() => StringFilter, { nullable: true, description: 'The contract number.' }) number?: StringFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Account (Account ID).' }) account?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Owner (User ID).' }) owner?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Signer (Contact ID).' }) signer?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'The opportunity it came from (Opportunity ID).' }) opportunity?: IDFilter;
  @Field(() => ContractStatusFilter, { nullable: true, description: 'Status.' }) status?: InstanceType<typeof ContractStatusFilter>;
  @Field(() => BillingFrequencyFilter, { nullable: true, description: 'Billing frequency.' }) billingFrequency?: InstanceType<typeof BillingFrequencyFilter>;
  @Field(() => CalendarDateFilter, { nullable: true, description: 'Start date.' }) startDate?: CalendarDateFilter;
  @Field(() => CalendarDateFilter, { nullable: true, description: 'End date.' }) endDate?: CalendarDateFilter;
  @Field(() => BooleanFilter, { nullable: true, description: 'Auto-renewal.' }) autoRenew?: BooleanFilter;
  @Field(() => DecimalFilter, { nullable: true, description: 'The value (in its own currency).' }) value?: DecimalFilter;
  @Field(() => StringFilter, { nullable: true, description: 'Currency code of the value.' }) currency?: StringFilter;
  @Field(() => DateTimeFilter, { nullable: true, description: 'Creation time.' }) createdAt?: DateTimeFilter;
  @Field(() => DateTimeFilter, { nullable: true, description: 'Last change.' }) updatedAt?: DateTimeFilter;
  @Field(() => [ContractFilter], { nullable: true, description: 'All of these.' }) and?: ContractFilter[];
  @Field(() => [ContractFilter], { nullable: true, description: 'Any of these.' }) or?: ContractFilter[];
  @Field(() => ContractFilter, { nullable: true, description: 'Not this.' }) not?: ContractFilter;
}

@ArgsType()
export class ContractsArgs extends PageArgsType {
  @Field(() => ContractFilter, { nullable: true, description: 'Conditions the contracts meet.' }) where?: ContractFilter;
  @Field(() => [ContractOrder], { nullable: true, description: 'Default: number ascending.' }) orderBy?: ContractOrder[];
  @Field(() => Boolean, { defaultValue: false, description: 'List the recycle bin (soft-deleted drafts) instead.' }) inRecycleBin!: boolean;
}

/** Arguments of the nested `Account.contracts` list. */
@ArgsType()
export class AccountContractsArgs extends PageArgsType {
  @Field(() => ContractFilter, { nullable: true, description: 'Conditions the contracts meet.' }) where?: ContractFilter;
  @Field(() => [ContractOrder], { nullable: true, description: 'Default: number ascending.' }) orderBy?: ContractOrder[];
}

@InputType({ description: 'A product line of a contract.' })
export class ContractLineItemInput {
  @Field(() => ID, { description: 'An active Product.' }) productId!: string;
  @Field(() => DecimalScalar, { description: 'Quantity, greater than 0.' }) quantity!: string;
  @Field(() => DecimalScalar, { description: 'Unit price in the contract’s currency, 0 or more.' }) unitPrice!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Discount in percent, 0–100; default 0.' }) discountPercent?: string | null;
  @Field(() => String, { nullable: true, description: 'Free description.' }) @IsOptional() @MaxLength(1000) description?: string | null;
}

/** At most this many line items per contract (one statement writes them all). */
export const MAX_LINE_ITEMS = 200;

@InputType({ description: 'A new draft contract.' })
export class CreateContractInput {
  @Field(() => ID, { description: 'The account (Account ID), which you must be able to see.' }) accountId!: string;
  @Field(() => ID, { nullable: true, description: 'Who signs for the customer (Contact ID): a contact of the account.' }) signerId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Owner (User ID). Default: the signed-in user (or, for a key acting for nobody, the account’s owner).' }) ownerId?: string | null;
  @Field(() => DateScalar, { description: 'First day covered.' }) startDate!: string;
  @Field(() => Int, { description: 'Term in months, 1–600.' }) @IsInt() @Min(1) @Max(600) termMonths!: number;
  @Field(() => CurrencyScalar, { nullable: true, description: 'Currency of the value and unit prices; default: the value’s currency, else the workspace’s default currency.' }) currency?: string | null;
  @Field(() => MoneyInput, { nullable: true, description: 'Contract value when there are no line items (with line items it is their total). Default 0.' }) @IsOptional() @ValidateNested() value?: MoneyInput | null;
  @Field(() => BillingFrequency, { nullable: true, description: 'Default ANNUALLY.' }) billingFrequency?: BillingFrequency | null;
  @Field(() => Boolean, { nullable: true, description: 'Default false.' }) autoRenew?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Notice period in days, 0–3650; default 0.' }) @IsOptional() @IsInt() @Min(0) @Max(3650) noticePeriodDays?: number | null;
  @Field(() => String, { nullable: true, description: 'Terms beyond the standard ones.' }) @IsOptional() @MaxLength(20000) specialTerms?: string | null;
  @Field(() => String, { nullable: true, description: 'Free description.' }) @IsOptional() @MaxLength(10000) description?: string | null;
  @Field(() => [ContractLineItemInput], { nullable: true, description: 'Product lines, in order; the value is their total.' })
  @IsOptional()
  @ArrayMaxSize(MAX_LINE_ITEMS)
  @ValidateNested({ each: true })
  lineItems?: ContractLineItemInput[] | null;
  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first result instead of creating twice.' }) @IsOptional() @MaxLength(200) idempotencyKey?: string | null;
}

/** Omitted means unchanged; null would clear a required column, so it is refused like an empty value. */
const given = (field: string) => ValidateIf((input: Record<string, unknown>) => input[field] !== undefined);

@InputType({ description: 'Changes to a contract. Omitted fields stay as they are; null clears an optional one. Owner and description can change in every live status, everything else only while DRAFT (amend an activated contract instead).' })
export class UpdateContractInput {
  @Field(() => ID, { description: 'The contract.' }) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse the change with CONFLICT unless the contract is at this version.' }) expectedVersion?: number | null;
  @Field(() => ID, { nullable: true, description: 'Owner (User ID).' }) ownerId?: string | null;
  @Field(() => String, { nullable: true, description: 'Free description.' }) @IsOptional() @MaxLength(10000) description?: string | null;
  @Field(() => ID, { nullable: true, description: 'Signer (Contact ID of the account); DRAFT only.' }) signerId?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'First day covered; DRAFT only.' }) @given('startDate') @IsNotEmpty() startDate?: string;
  @Field(() => Int, { nullable: true, description: 'Term in months, 1–600; DRAFT only.' }) @given('termMonths') @IsInt() @Min(1) @Max(600) termMonths?: number;
  @Field(() => MoneyInput, { nullable: true, description: 'Value of a contract without line items (its currency becomes the contract’s); DRAFT only.' })
  @given('value')
  @IsNotEmpty()
  @ValidateNested()
  value?: MoneyInput;
  @Field(() => BillingFrequency, { nullable: true, description: 'DRAFT only.' }) @given('billingFrequency') @IsNotEmpty() billingFrequency?: BillingFrequency;
  @Field(() => Boolean, { nullable: true, description: 'DRAFT only.' }) @given('autoRenew') @IsNotEmpty() autoRenew?: boolean;
  @Field(() => Int, { nullable: true, description: 'Notice period in days, 0–3650; DRAFT only.' }) @given('noticePeriodDays') @IsInt() @Min(0) @Max(3650) noticePeriodDays?: number;
  @Field(() => String, { nullable: true, description: 'DRAFT only.' }) @IsOptional() @MaxLength(20000) specialTerms?: string | null;
  @Field(() => [ContractLineItemInput], { nullable: true, description: 'The new full list of line items (replaces them; [] removes all); DRAFT only.' })
  @given('lineItems')
  @IsNotEmpty()
  @ArrayMaxSize(MAX_LINE_ITEMS)
  @ValidateNested({ each: true })
  lineItems?: ContractLineItemInput[];
}

@InputType({ description: 'An amendment of an activated contract’s commercial terms; omitted fields stay as they are.' })
export class AmendContractInput {
  @Field(() => ID, { description: 'The ACTIVATED contract.' }) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the contract is at this version.' }) expectedVersion?: number | null;
  @Field({ description: 'Why the terms change (kept in the version history).' }) @IsNotEmpty() @MaxLength(1000) reason!: string;
  @Field(() => Int, { nullable: true, description: 'New term in months, 1–600 (moves the end date).' }) @given('termMonths') @IsInt() @Min(1) @Max(600) termMonths?: number;
  @Field(() => MoneyInput, { nullable: true, description: 'New value of a contract without line items, in its currency.' }) @given('value') @IsNotEmpty() @ValidateNested() value?: MoneyInput;
  @Field(() => BillingFrequency, { nullable: true, description: 'New billing frequency.' }) @given('billingFrequency') @IsNotEmpty() billingFrequency?: BillingFrequency;
  @Field(() => Boolean, { nullable: true, description: 'New auto-renewal.' }) @given('autoRenew') @IsNotEmpty() autoRenew?: boolean;
  @Field(() => Int, { nullable: true, description: 'New notice period in days, 0–3650.' }) @given('noticePeriodDays') @IsInt() @Min(0) @Max(3650) noticePeriodDays?: number;
  @Field(() => String, { nullable: true, description: 'New special terms (null clears).' }) @IsOptional() @MaxLength(20000) specialTerms?: string | null;
  @Field(() => [ContractLineItemInput], { nullable: true, description: 'The new full list of line items; the value becomes their total.' })
  @given('lineItems')
  @IsNotEmpty()
  @ArrayMaxSize(MAX_LINE_ITEMS)
  @ValidateNested({ each: true })
  lineItems?: ContractLineItemInput[];
}

@InputType({ description: 'A contract to act on, with an optional reason for its status history.' })
class ContractTransitionFields {
  @Field(() => ID, { description: 'The contract.' }) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the contract is at this version.' }) expectedVersion?: number | null;
}

@InputType({ description: 'A draft contract to submit for approval.' })
export class SubmitContractForApprovalInput extends ContractTransitionFields {
  @Field(() => String, { nullable: true, description: 'Note for the status history.' }) @IsOptional() @MaxLength(1000) reason?: string | null;
}

@InputType({ description: 'A contract in approval to approve: it is activated.' })
export class ApproveContractInput extends ContractTransitionFields {
  @Field(() => String, { nullable: true, description: 'Note for the status history.' }) @IsOptional() @MaxLength(1000) reason?: string | null;
}

@InputType({ description: 'A contract in approval to send back to DRAFT.' })
export class RejectContractInput extends ContractTransitionFields {
  @Field({ description: 'Why it is rejected (kept in the status history).' }) @IsNotEmpty() @MaxLength(1000) reason!: string;
}

@InputType({ description: 'An activated contract to end early.' })
export class TerminateContractInput extends ContractTransitionFields {
  @Field({ description: 'Why it ends (kept on the contract and in its status history).' }) @IsNotEmpty() @MaxLength(1000) reason!: string;
  @Field(() => DateScalar, { nullable: true, description: 'Its new last day, between its start and end dates; default: today in the workspace’s time zone.' }) effectiveDate?: string | null;
}

@InputType({ description: 'A draft contract to move to the recycle bin.' })
export class DeleteContractInput extends ContractTransitionFields {}

@InputType({ description: 'A contract to restore from the recycle bin.' })
export class RestoreContractInput {
  @Field(() => ID, { description: 'The contract.' }) id!: string;
}

@InputType({ description: 'The terms of the contract made from a won opportunity; account, signer, owner, currency and line items come from the opportunity.' })
export class CreateContractFromOpportunityInput {
  @Field(() => ID, { description: 'The WON opportunity (Opportunity ID) without a contract yet.' }) opportunityId!: string;
  @Field(() => DateScalar, { description: 'First day covered.' }) startDate!: string;
  @Field(() => Int, { description: 'Term in months, 1–600.' }) @IsInt() @Min(1) @Max(600) termMonths!: number;
  @Field(() => BillingFrequency, { nullable: true, description: 'Default ANNUALLY.' }) billingFrequency?: BillingFrequency | null;
  @Field(() => Boolean, { nullable: true, description: 'Default false.' }) autoRenew?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Notice period in days, 0–3650; default 0.' }) @IsOptional() @IsInt() @Min(0) @Max(3650) noticePeriodDays?: number | null;
  @Field(() => String, { nullable: true, description: 'Terms beyond the standard ones.' }) @IsOptional() @MaxLength(20000) specialTerms?: string | null;
  @Field(() => String, { nullable: true, description: 'Free description.' }) @IsOptional() @MaxLength(10000) description?: string | null;
}

@ObjectType('ContractPayload')
class ContractPayload {
  @Field(() => Contract, { nullable: true, description: 'The contract, when the mutation succeeded.' }) contract?: ContractEntity | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createContract.' }) export class CreateContractPayload extends ContractPayload {}
@ObjectType({ description: 'Result of updateContract.' }) export class UpdateContractPayload extends ContractPayload {}
@ObjectType({ description: 'Result of deleteContract.' }) export class DeleteContractPayload extends ContractPayload {}
@ObjectType({ description: 'Result of restoreContract.' }) export class RestoreContractPayload extends ContractPayload {}
@ObjectType({ description: 'Result of submitContractForApproval.' }) export class SubmitContractForApprovalPayload extends ContractPayload {}
@ObjectType({ description: 'Result of approveContract.' }) export class ApproveContractPayload extends ContractPayload {}
@ObjectType({ description: 'Result of rejectContract.' }) export class RejectContractPayload extends ContractPayload {}
@ObjectType({ description: 'Result of terminateContract.' }) export class TerminateContractPayload extends ContractPayload {}
@ObjectType({ description: 'Result of amendContract.' }) export class AmendContractPayload extends ContractPayload {}
@ObjectType({ description: 'Result of createContractFromOpportunity.' }) export class CreateContractFromOpportunityPayload extends ContractPayload {}
