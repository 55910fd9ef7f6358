import { IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { MoneyInput } from '../../graphql/values';
import { Account } from '../accounts';
import { Contact } from '../contacts';
import { Opportunity } from '../opportunities';
import { Lead } from './leads.types';

@InputType({ description: 'The account a conversion creates.' })
export class ConvertLeadNewAccountInput {
  @Field(() => String, { nullable: true, description: 'Default: the lead’s company; required when the lead has none (a person’s name would otherwise become a business record’s).' }) @IsOptional() @MaxLength(255) name?: string | null;
}

@InputType({ description: 'How to convert a lead: the account and contact to link or create, and the opportunity to open.' })
export class ConvertLeadInput {
  @Field(() => ID, { description: 'The lead (NEW, WORKING or QUALIFIED).' }) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the lead is at this version.' }) expectedVersion?: number | null;
  @Field(() => ID, { nullable: true, description: 'Link this existing account instead of creating one. Omitted with contactId: the contact’s account.' }) accountId?: string | null;
  @Field(() => ConvertLeadNewAccountInput, { nullable: true, description: 'Create the account (the default when neither accountId nor contactId is given).' })
  @IsOptional()
  @ValidateNested()
  newAccount?: ConvertLeadNewAccountInput | null;
  @Field(() => ID, { nullable: true, description: 'Link this existing contact (a contact of the account) instead of creating one from the lead.' }) contactId?: string | null;
  @Field(() => Boolean, { defaultValue: true, description: 'Open an opportunity for the account (default true).' }) createOpportunity!: boolean;
  @Field(() => String, { nullable: true, description: 'Default: the account’s name.' }) @IsOptional() @MaxLength(255) opportunityName?: string | null;
  @Field(() => MoneyInput, { nullable: true, description: 'Amount of the opportunity; its currency defaults to the workspace’s.' }) @IsOptional() @ValidateNested() amount?: MoneyInput | null;
  @Field(() => DateScalar, { nullable: true, description: 'Expected close date of the opportunity.' }) closeDate?: string | null;
  @Field(() => ID, { nullable: true, description: 'An open pipeline stage (PipelineStage ID); default: the first open stage.' }) stageId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Owner (User ID) of everything created; default: the lead’s owner.' }) ownerId?: string | null;
}

@ObjectType({ description: 'Result of convertLead: the converted lead and what it became.' })
export class ConvertLeadPayload {
  @Field(() => Lead, { nullable: true, description: 'The lead, now CONVERTED, when the mutation succeeded.' }) lead?: Lead | null;
  @Field(() => Account, { nullable: true, description: 'The account created or linked.' }) account?: Account | null;
  @Field(() => Contact, { nullable: true, description: 'The contact created or linked.' }) contact?: Contact | null;
  @Field(() => Opportunity, { nullable: true, description: 'The opportunity opened, unless createOpportunity was false.' }) opportunity?: Opportunity | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}
