import { IsNotEmpty, IsOptional, MaxLength, ValidateIf } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageArgsType, SortDirection, connectionTypes } from '../../graphql/connection-types';
import { DateTimeFilter, IDFilter, StringFilter, enumFilter } from '../../graphql/filter-types';
import { Node } from '../../graphql/node';
import { PersonalCategory, PersonalField } from '../../graphql/personal';
import { DateTimeScalar, EmailScalar, PhoneScalar, UrlScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { Account } from '../accounts';
import { Contact } from '../contacts';

/** What erasure leaves as the family name (the column is required). */
export const ERASED_NAME = 'Erased';

export enum LeadStatus {
  NEW = 'NEW',
  WORKING = 'WORKING',
  QUALIFIED = 'QUALIFIED',
  UNQUALIFIED = 'UNQUALIFIED',
  CONVERTED = 'CONVERTED',
}
registerEnumType(LeadStatus, {
  name: 'LeadStatus',
  description: 'Where a lead stands: NEW and WORKING are open, qualifyLead / disqualifyLead decide, convertLead ends it.',
});

export enum LeadRating {
  HOT = 'HOT',
  WARM = 'WARM',
  COLD = 'COLD',
}
registerEnumType(LeadRating, { name: 'LeadRating', description: 'How promising a lead looks.' });

export enum LeadOrderField {
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
  LAST_NAME = 'LAST_NAME',
  COMPANY = 'COMPANY',
}
registerEnumType(LeadOrderField, { name: 'LeadOrderField', description: 'Fields leads can be sorted by.' });

@ObjectType('Lead', { implements: Node, description: 'Someone who showed interest, to be qualified and converted into an account, a contact and an opportunity.' })
export class Lead implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @PersonalField(() => String, { nullable: true, category: PersonalCategory.IDENTITY, column: 'first_name', description: 'Given name.' }) firstName!: string | null;
  @PersonalField(() => String, { category: PersonalCategory.IDENTITY, column: 'last_name', erasedValue: ERASED_NAME, description: 'Family name.' }) lastName!: string;
  @PersonalField(() => String, { category: PersonalCategory.IDENTITY, derivedFrom: ['firstName', 'lastName'], description: 'Full name for display.' }) name!: string;
  @PersonalField(() => EmailScalar, { nullable: true, category: PersonalCategory.CONTACT_DETAILS, column: 'email', description: 'E-mail address.' }) email!: string | null;
  @PersonalField(() => PhoneScalar, { nullable: true, category: PersonalCategory.CONTACT_DETAILS, column: 'phone', description: 'Phone (E.164).' }) phone!: string | null;
  @PersonalField(() => String, { nullable: true, category: PersonalCategory.IDENTITY, column: 'job_title', description: 'Job title.' }) jobTitle!: string | null;
  @Field(() => String, { nullable: true, description: 'Company the person works for.' }) company!: string | null;
  @Field(() => UrlScalar, { nullable: true, description: 'Website of the company.' }) website!: string | null;
  @Field(() => String, { nullable: true, description: 'Company domain, derived from the website or else the e-mail host (never a free-mail provider); matched against accounts.' })
  domain!: string | null;
  @Field(() => String, { nullable: true, description: 'Where the lead came from (lead_source picklist value).' }) source!: string | null;
  @Field(() => String, { nullable: true, description: 'Campaign that brought the lead.' }) campaign!: string | null;
  @Field(() => LeadStatus, { description: 'Where the lead stands.' }) status!: LeadStatus;
  @Field(() => LeadRating, { nullable: true, description: 'How promising the lead looks.' }) rating!: LeadRating | null;
  @Field(() => String, { nullable: true, description: 'Why the lead was disqualified (status UNQUALIFIED).' }) disqualificationReason!: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the lead was converted.' }) convertedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the person’s personal data was erased; the business record remains.' }) erasedAt!: Date | null;
  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to avoid lost updates.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the lead was created.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the lead last changed.' }) updatedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the lead was moved to the recycle bin.' }) deletedAt!: Date | null;
}

export const { Connection: LeadConnection, Edge: LeadEdge } = connectionTypes(Lead, 'Lead', 'lead');

@ObjectType({ description: 'Existing records that look like the same person or company as a lead (at most 20 of each, oldest first, within what your role sees).' })
export class LeadDuplicates {
  @Field(() => [Contact], { description: 'Contacts with the lead’s e-mail address (primary or additional, without regard to case).' }) contacts!: Contact[];
  @Field(() => [Account], { description: 'Accounts whose domain is the lead’s domain.' }) accounts!: Account[];
}

@InputType({ description: 'Sort leads by a field.' })
export class LeadOrder {
  @Field(() => LeadOrderField) field!: LeadOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) direction!: SortDirection;
}

const LeadStatusFilter = enumFilter(LeadStatus, 'LeadStatus');
const LeadRatingFilter = enumFilter(LeadRating, 'LeadRating');

@InputType({ description: 'Conditions on leads; fields combine with AND.' })
export class LeadFilter {
  @Field(() => IDFilter, { nullable: true }) id?: IDFilter;
  @Field(() => LeadStatusFilter, { nullable: true }) status?: InstanceType<typeof LeadStatusFilter>;
  @Field(() => LeadRatingFilter, { nullable: true }) rating?: InstanceType<typeof LeadRatingFilter>;
  @Field(() => StringFilter, { nullable: true }) source?: StringFilter;
  @Field(() => StringFilter, { nullable: true }) campaign?: StringFilter;
  @Field(() => StringFilter, { nullable: true }) company?: StringFilter;
  @Field(() => StringFilter, { nullable: true, description: 'Compared without case.' }) domain?: StringFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Owner (User ID).' }) owner?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'The campaign the lead is attributed to (Campaign ID).' }) primaryCampaign?: IDFilter;
  @Field(() => StringFilter, { nullable: true, description: 'Compared without case; personal data: needs full personal access to leads.' }) email?: StringFilter;
  @Field(() => DateTimeFilter, { nullable: true }) createdAt?: DateTimeFilter;
  @Field(() => DateTimeFilter, { nullable: true }) updatedAt?: DateTimeFilter;
  @Field(() => [LeadFilter], { nullable: true, description: 'All of these.' }) and?: LeadFilter[];
  @Field(() => [LeadFilter], { nullable: true, description: 'Any of these.' }) or?: LeadFilter[];
  @Field(() => LeadFilter, { nullable: true, description: 'Not this.' }) not?: LeadFilter;
}

@ArgsType()
export class LeadsArgs extends PageArgsType {
  @Field(() => LeadFilter, { nullable: true }) where?: LeadFilter;
  @Field(() => [LeadOrder], { nullable: true, description: 'Default: newest first.' }) orderBy?: LeadOrder[];
  @Field(() => Boolean, { defaultValue: false, description: 'List the recycle bin (soft-deleted leads) instead.' }) inRecycleBin!: boolean;
}

@InputType('LeadFields')
class LeadFields {
  @Field(() => ID, { nullable: true, description: 'Owner (User ID). A new lead without one is owned by the signed-in user (or the key\'s user).' }) ownerId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) firstName?: string | null;
  @Field(() => EmailScalar, { nullable: true }) @IsOptional() @MaxLength(320) email?: string | null;
  @Field(() => PhoneScalar, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) jobTitle?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) company?: string | null;
  @Field(() => UrlScalar, { nullable: true }) @IsOptional() @MaxLength(2000) website?: string | null;
  @Field(() => String, { nullable: true, description: 'A value of the lead_source picklist.' }) @IsOptional() @MaxLength(100) source?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) campaign?: string | null;
  @Field(() => ID, { nullable: true, description: 'The campaign the lead is attributed to (Campaign ID); its opportunity inherits it on conversion.' }) primaryCampaignId?: string | null;
  @Field(() => LeadRating, { nullable: true }) rating?: LeadRating | null;
}

@InputType({ description: 'A new lead.' })
export class CreateLeadInput extends LeadFields {
  @Field({ description: 'Family name.' }) @IsNotEmpty() @MaxLength(255) lastName!: string;
  @Field(() => LeadStatus, { nullable: true, description: 'NEW (default) or WORKING; the other statuses have their own mutations.' }) status?: LeadStatus | null;
  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first result instead of creating twice.' })
  @IsOptional()
  @MaxLength(200)
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to a lead that is not converted. Omitted fields stay as they are; null clears a field.' })
export class UpdateLeadInput extends LeadFields {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse the change with CONFLICT unless the lead is at this version.' }) expectedVersion?: number | null;
  // Omitted means unchanged; null would clear a required field, so it is refused like an empty string.
  @Field(() => String, { nullable: true }) @ValidateIf((input) => input.lastName !== undefined) @IsNotEmpty() @MaxLength(255) lastName?: string;
  @Field(() => LeadStatus, { nullable: true, description: 'NEW or WORKING (re-opens a disqualified lead); qualifyLead, disqualifyLead and convertLead set the others.' })
  status?: LeadStatus | null;
}

@InputType({ description: 'The lead to qualify.' })
export class QualifyLeadInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType({ description: 'The lead to disqualify, and why.' })
export class DisqualifyLeadInput {
  @Field(() => ID) id!: string;
  @Field({ description: 'Why the lead is not worth pursuing.' }) @IsNotEmpty() @MaxLength(1000) reason!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType({ description: 'The lead to move to the recycle bin.' })
export class DeleteLeadInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType({ description: 'The lead to restore from the recycle bin.' })
export class RestoreLeadInput {
  @Field(() => ID) id!: string;
}

@ObjectType('LeadPayload')
class LeadPayload {
  @Field(() => Lead, { nullable: true, description: 'The lead, when the mutation succeeded.' }) lead?: Lead | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createLead.' }) export class CreateLeadPayload extends LeadPayload {}
@ObjectType({ description: 'Result of updateLead.' }) export class UpdateLeadPayload extends LeadPayload {}
@ObjectType({ description: 'Result of qualifyLead.' }) export class QualifyLeadPayload extends LeadPayload {}
@ObjectType({ description: 'Result of disqualifyLead.' }) export class DisqualifyLeadPayload extends LeadPayload {}
@ObjectType({ description: 'Result of deleteLead.' }) export class DeleteLeadPayload extends LeadPayload {}
@ObjectType({ description: 'Result of restoreLead.' }) export class RestoreLeadPayload extends LeadPayload {}
