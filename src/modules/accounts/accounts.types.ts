import { ArrayMaxSize, IsNotEmpty, IsOptional, MaxLength, ValidateIf, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageArgsType, SortDirection, connectionTypes } from '../../graphql/connection-types';
import { CalendarDateFilter, DateTimeFilter, DecimalFilter, IDFilter, IntFilter, StringFilter, TagsFilter, enumFilter } from '../../graphql/filter-types';
import { Node } from '../../graphql/node';
import { NotPersonal } from '../../graphql/personal';
import { DateTimeScalar, JSONObjectScalar, PhoneScalar, UrlScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { Address, AddressInput, Money, MoneyInput } from '../../graphql/values';
import { CUSTOM_FIELDS_INPUT_DESCRIPTION, CustomFieldFilter, customFieldsOutputDescription } from '../custom-fields';

export enum AccountType {
  PROSPECT = 'PROSPECT',
  CUSTOMER = 'CUSTOMER',
  PARTNER = 'PARTNER',
  RESELLER = 'RESELLER',
  COMPETITOR = 'COMPETITOR',
  OTHER = 'OTHER',
}
registerEnumType(AccountType, { name: 'AccountType', description: 'The relationship with the account.' });

export enum LifecycleStage {
  PROSPECT = 'PROSPECT',
  NEW_CUSTOMER = 'NEW_CUSTOMER',
  ACTIVE = 'ACTIVE',
  LOYAL = 'LOYAL',
  AT_RISK = 'AT_RISK',
  LOST = 'LOST',
}
registerEnumType(LifecycleStage, { name: 'LifecycleStage', description: 'Where the customer stands in its lifecycle.' });

export enum AccountOrderField {
  NAME = 'NAME',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
  ANNUAL_REVENUE = 'ANNUAL_REVENUE',
  EMPLOYEE_COUNT = 'EMPLOYEE_COUNT',
  /** Value metrics (in the workspace currency); accounts not yet computed sort as null. */
  REVENUE = 'REVENUE',
  LIFETIME_VALUE = 'LIFETIME_VALUE',
}
registerEnumType(AccountOrderField, {
  name: 'AccountOrderField',
  description: 'Fields accounts can be sorted by.',
  valuesConfig: {
    REVENUE: { description: "Revenue in the value metrics' window (valueMetrics.revenue); accounts without computed metrics are null." },
    LIFETIME_VALUE: { description: 'Customer lifetime value (valueMetrics.lifetimeValue); null for accounts without purchases.' },
  },
});

export enum AbcClass {
  A = 'A',
  B = 'B',
  C = 'C',
}
registerEnumType(AbcClass, {
  name: 'AbcClass',
  description: "An account's class by its share of the workspace's revenue (Pareto): A the few that make most of it, C the many that make little.",
});

@ObjectType('Account', { implements: Node, description: 'A company or organisation the workspace does business with.' })
export class Account implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field({ description: 'Company name.' }) name!: string;
  @Field(() => String, { nullable: true, description: 'Primary web domain, e.g. "acme.example".' }) domain!: string | null;
  @Field(() => String, { nullable: true, description: 'Industry (picklist value).' }) industry!: string | null;
  @Field(() => AccountType, { description: 'Relationship with the account.' }) type!: AccountType;
  @Field(() => LifecycleStage, { description: 'Lifecycle stage.' }) lifecycleStage!: LifecycleStage;
  @Field(() => Money, { nullable: true, description: 'Annual revenue.' }) annualRevenue!: Money | null;
  @Field(() => Int, { nullable: true, description: 'Number of employees.' }) employeeCount!: number | null;
  @NotPersonal("The company's switchboard number, not a person's")
  @Field(() => PhoneScalar, { nullable: true, description: 'Main phone number of the company (E.164).' })
  phone!: string | null;
  @Field(() => UrlScalar, { nullable: true, description: 'Website URL.' }) website!: string | null;
  @NotPersonal("A company's postal address")
  @Field(() => Address, { nullable: true, description: 'Billing address.' })
  billingAddress!: Address | null;
  @NotPersonal("A company's postal address")
  @Field(() => Address, { nullable: true, description: 'Shipping address.' })
  shippingAddress!: Address | null;
  @Field(() => [String], { description: 'Free tags.' }) tags!: string[];
  @Field(() => JSONObjectScalar, { description: customFieldsOutputDescription('Account') }) customFields!: Record<string, unknown>;
  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to avoid lost updates.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the account was created.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the account last changed.' }) updatedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the account was moved to the recycle bin.' }) deletedAt!: Date | null;
}

export const { Connection: AccountConnection, Edge: AccountEdge } = connectionTypes(Account, 'Account', 'account');

@InputType({ description: 'Sort accounts by a field.' })
export class AccountOrder {
  @Field(() => AccountOrderField) field!: AccountOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) direction!: SortDirection;
}

const AccountTypeFilter = enumFilter(AccountType, 'AccountType');
const LifecycleStageFilter = enumFilter(LifecycleStage, 'LifecycleStage');
const AbcClassFilter = enumFilter(AbcClass, 'AbcClass');

@InputType({ description: 'Conditions on accounts; fields combine with AND.' })
export class AccountFilter {
  @Field(() => IDFilter, { nullable: true }) id?: IDFilter;
  @Field(() => StringFilter, { nullable: true }) name?: StringFilter;
  @Field(() => StringFilter, { nullable: true, description: 'Compared without case.' }) domain?: StringFilter;
  @Field(() => StringFilter, { nullable: true }) industry?: StringFilter;
  @Field(() => AccountTypeFilter, { nullable: true }) type?: InstanceType<typeof AccountTypeFilter>;
  @Field(() => LifecycleStageFilter, { nullable: true }) lifecycleStage?: InstanceType<typeof LifecycleStageFilter>;
  @Field(() => IDFilter, { nullable: true, description: 'Owner (User ID).' }) owner?: IDFilter;
  @Field(() => DecimalFilter, { nullable: true }) annualRevenueAmount?: DecimalFilter;
  @Field(() => StringFilter, { nullable: true }) annualRevenueCurrency?: StringFilter;
  @Field(() => IntFilter, { nullable: true }) employeeCount?: IntFilter;
  @Field(() => TagsFilter, { nullable: true }) tags?: TagsFilter;
  @Field(() => DateTimeFilter, { nullable: true }) createdAt?: DateTimeFilter;
  @Field(() => DateTimeFilter, { nullable: true }) updatedAt?: DateTimeFilter;
  @Field(() => [CustomFieldFilter], { nullable: true, description: 'Conditions on custom fields; all must hold.' }) customFields?: CustomFieldFilter[];
  @Field(() => AbcClassFilter, { nullable: true, description: 'Value metrics: ABC class (accounts without revenue have none: isNull).' }) abcClass?: InstanceType<typeof AbcClassFilter>;
  @Field(() => LifecycleStageFilter, { nullable: true, description: 'Value metrics: the lifecycle stage derived from purchases and activity (the account\'s own lifecycleStage is the one users set).' })
  computedLifecycleStage?: InstanceType<typeof LifecycleStageFilter>;
  @Field(() => DecimalFilter, { nullable: true, description: 'Value metrics: revenue in the window, in the workspace currency.' }) revenue?: DecimalFilter;
  @Field(() => DecimalFilter, { nullable: true, description: 'Value metrics: customer lifetime value, in the workspace currency.' }) lifetimeValue?: DecimalFilter;
  @Field(() => IntFilter, { nullable: true, description: 'Value metrics: purchases in the window.' }) purchaseCount?: IntFilter;
  @Field(() => IntFilter, { nullable: true, description: 'Value metrics: RFM recency score (1–5, 5 = most recent).' }) recencyScore?: IntFilter;
  @Field(() => IntFilter, { nullable: true, description: 'Value metrics: RFM frequency score (1–5, 5 = most purchases).' }) frequencyScore?: IntFilter;
  @Field(() => IntFilter, { nullable: true, description: 'Value metrics: RFM monetary score (1–5, 5 = most revenue).' }) monetaryScore?: IntFilter;
  @Field(() => CalendarDateFilter, { nullable: true, description: 'Value metrics: the day of the last purchase.' }) lastPurchaseOn?: CalendarDateFilter;
  @Field(() => [AccountFilter], { nullable: true, description: 'All of these.' }) and?: AccountFilter[];
  @Field(() => [AccountFilter], { nullable: true, description: 'Any of these.' }) or?: AccountFilter[];
  @Field(() => AccountFilter, { nullable: true, description: 'Not this.' }) not?: AccountFilter;
}

@ArgsType()
export class AccountsArgs extends PageArgsType {
  @Field(() => AccountFilter, { nullable: true }) where?: AccountFilter;
  @Field(() => [AccountOrder], { nullable: true, description: 'Default: name ascending.' }) orderBy?: AccountOrder[];
  @Field(() => Boolean, { defaultValue: false, description: 'List the recycle bin (soft-deleted accounts) instead.' }) inRecycleBin!: boolean;
}

/** Fields shared by create and update; on update, omitted fields stay as they are and null clears. */
@InputType('AccountFields')
class AccountFields {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) domain?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) industry?: string | null;
  @Field(() => AccountType, { nullable: true }) type?: AccountType;
  @Field(() => LifecycleStage, { nullable: true }) lifecycleStage?: LifecycleStage;
  @Field(() => ID, { nullable: true, description: 'Owner (User ID). A new account without one is owned by the signed-in user (or the key\'s user).' }) ownerId?: string | null;
  @Field(() => MoneyInput, { nullable: true }) @IsOptional() @ValidateNested() annualRevenue?: MoneyInput | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0) employeeCount?: number | null;
  @Field(() => PhoneScalar, { nullable: true }) phone?: string | null;
  @Field(() => UrlScalar, { nullable: true }) website?: string | null;
  @Field(() => AddressInput, { nullable: true }) @IsOptional() @ValidateNested() billingAddress?: AddressInput | null;
  @Field(() => AddressInput, { nullable: true }) @IsOptional() @ValidateNested() shippingAddress?: AddressInput | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(50) @MaxLength(50, { each: true }) tags?: string[] | null;
  @Field(() => JSONObjectScalar, { nullable: true, description: CUSTOM_FIELDS_INPUT_DESCRIPTION }) customFields?: Record<string, unknown> | null;
}

@InputType({ description: 'A new account.' })
export class CreateAccountInput extends AccountFields {
  @Field({ description: 'Company name.' }) @IsNotEmpty() @MaxLength(255) name!: string;
  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first result instead of creating twice.' })
  @IsOptional()
  @MaxLength(200)
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to an account. Omitted fields stay as they are; null clears a field.' })
export class UpdateAccountInput extends AccountFields {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse the change with CONFLICT unless the account is at this version.' }) expectedVersion?: number | null;
  // Omitted means unchanged; null would clear a required field, so it is refused like an empty string.
  @Field(() => String, { nullable: true }) @ValidateIf((input) => input.name !== undefined) @IsNotEmpty() @MaxLength(255) name?: string;
}

@InputType({ description: 'The account to move to the recycle bin (its contacts go with it).' })
export class DeleteAccountInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType({ description: 'The account to restore from the recycle bin (with the contacts deleted together with it).' })
export class RestoreAccountInput {
  @Field(() => ID) id!: string;
}

@ObjectType('AccountPayload')
class AccountPayload {
  @Field(() => Account, { nullable: true, description: 'The account, when the mutation succeeded.' }) account?: Account | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createAccount.' }) export class CreateAccountPayload extends AccountPayload {}
@ObjectType({ description: 'Result of updateAccount.' }) export class UpdateAccountPayload extends AccountPayload {}
@ObjectType({ description: 'Result of deleteAccount.' }) export class DeleteAccountPayload extends AccountPayload {}
@ObjectType({ description: 'Result of restoreAccount.' }) export class RestoreAccountPayload extends AccountPayload {}
