import { ArrayMaxSize, IsNotEmpty, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageArgsType, SortDirection, connectionTypes } from '../../graphql/connection-types';
import { CalendarDateFilter, IDFilter, StringFilter, enumFilter } from '../../graphql/filter-types';
import { Node } from '../../graphql/node';
import { PersonalCategory, PersonalField } from '../../graphql/personal';
import { CurrencyScalar, DateScalar, DateTimeScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { Money, MoneyInput } from '../../graphql/values';
import { ContactChannel } from '../contacts';
import { ContactChannelFilter } from '../contacts/contacts.types';
import { ConsentPurpose } from '../privacy/consent.types';
import type { CampaignEntity } from './campaigns.entity';

export enum CampaignType {
  EMAIL = 'EMAIL',
  EVENT = 'EVENT',
  WEBINAR = 'WEBINAR',
  DIRECT_MAIL = 'DIRECT_MAIL',
  TELEMARKETING = 'TELEMARKETING',
  ADVERTISING = 'ADVERTISING',
  SOCIAL = 'SOCIAL',
  OTHER = 'OTHER',
}
registerEnumType(CampaignType, { name: 'CampaignType', description: 'What kind of campaign it is.' });

export enum CampaignStatus {
  PLANNED = 'PLANNED',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  ABORTED = 'ABORTED',
}
registerEnumType(CampaignStatus, {
  name: 'CampaignStatus',
  description: 'PLANNED → ACTIVE → COMPLETED, or ABORTED from PLANNED or ACTIVE; members are added while PLANNED or ACTIVE.',
});

export enum CampaignMemberStatus {
  TARGETED = 'TARGETED',
  SENT = 'SENT',
  RESPONDED = 'RESPONDED',
  OPTED_OUT = 'OPTED_OUT',
}
registerEnumType(CampaignMemberStatus, {
  name: 'CampaignMemberStatus',
  description: 'TARGETED when added, RESPONDED after a response, OPTED_OUT after unsubscribing (SENT is for sending tools).',
});

export enum CampaignResponseKind {
  OPENED = 'OPENED',
  CLICKED = 'CLICKED',
  REPLIED = 'REPLIED',
  REGISTERED = 'REGISTERED',
  ATTENDED = 'ATTENDED',
  UNSUBSCRIBED = 'UNSUBSCRIBED',
  OTHER = 'OTHER',
}
registerEnumType(CampaignResponseKind, {
  name: 'CampaignResponseKind',
  description: "How someone responded. UNSUBSCRIBED also records the withdrawal of the person's consent for the campaign's channel and purpose.",
});

export enum CampaignExclusionReason {
  ERASED = 'ERASED',
  DECEASED = 'DECEASED',
  DO_NOT_CONTACT = 'DO_NOT_CONTACT',
  PROCESSING_RESTRICTED = 'PROCESSING_RESTRICTED',
  CHANNEL_OPTED_OUT = 'CHANNEL_OPTED_OUT',
  NO_ADDRESS = 'NO_ADDRESS',
  CONSENT_WITHDRAWN = 'CONSENT_WITHDRAWN',
  NO_CONSENT = 'NO_CONSENT',
  PREFERS_OTHER_CHANNEL = 'PREFERS_OTHER_CHANNEL',
}
registerEnumType(CampaignExclusionReason, {
  name: 'CampaignExclusionReason',
  description:
    'Why a contact was not added to a campaign: the reason canContact gives for the campaign’s channel and purpose (see ContactDecisionReason), ' +
    'or PREFERS_OTHER_CHANNEL when the person may be reached but prefers another channel.',
});

export enum CampaignOrderField {
  NAME = 'NAME',
  START_DATE = 'START_DATE',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(CampaignOrderField, { name: 'CampaignOrderField', description: 'Fields campaigns can be sorted by.' });

@ObjectType('Campaign', { implements: Node, description: 'A marketing campaign: who it targets, through which channel and for what purpose, what it costs and what it brought.' })
export class Campaign implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field({ description: 'Name.' }) name!: string;
  @Field(() => CampaignType, { description: 'Kind of campaign.' }) type!: CampaignType;
  @Field(() => CampaignStatus, { description: 'Where the campaign stands.' }) status!: CampaignStatus;
  @Field(() => ContactChannel, { description: 'How members are reached: they need to be reachable (and to have consented) on it.' }) channel!: ContactChannel;
  @Field(() => ConsentPurpose, { description: 'What members are contacted for (MARKETING needs their consent).' }) purpose!: ConsentPurpose;
  @Field(() => DateScalar, { nullable: true, description: 'First day.' }) startDate!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Last day (not before the first).' }) endDate!: string | null;
  @Field(() => CurrencyScalar, { description: 'The currency of budget, cost and revenue figures.' }) currency!: string;
  @Field(() => String, { nullable: true, description: 'What the campaign is about.' }) description!: string | null;
  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to avoid lost updates.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the campaign was created.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the campaign last changed.' }) updatedAt!: Date;
}

export const { Connection: CampaignConnection, Edge: CampaignEdge } = connectionTypes(Campaign, 'Campaign', 'campaign');

@ObjectType({
  description:
    'What a campaign brought, over every lead and opportunity attributed to it (whoever owns them) and every member. Revenue counts won opportunities, converted into the campaign currency ' +
    'with the workspace’s exchange rates; those in a currency without a rate are left out and counted in unconvertedOpportunities.',
})
export class CampaignMetrics {
  @Field(() => Int, { description: 'Members on the list (not OPTED_OUT).' }) memberCount!: number;
  @Field(() => Int, { description: 'Members who opted out (unsubscribed, or found unreachable when members were added again).' }) optedOutCount!: number;
  @Field(() => Int, { description: 'Members who responded (opted out or not).' }) respondedCount!: number;
  @Field(() => Int, { description: 'Contacts left out when adding members (each with its latest reason).' }) excludedCount!: number;
  @Field(() => Float, { nullable: true, description: 'respondedCount / (memberCount + optedOutCount), rounded to 4 decimals; null without members.' }) responseRate!: number | null;
  @Field(() => Int, { description: 'Leads attributed to the campaign (not in the recycle bin).' }) leadCount!: number;
  @Field(() => Int, { description: 'Opportunities attributed to the campaign (not in the recycle bin).' }) opportunityCount!: number;
  @Field(() => Int, { description: 'Of those, won.' }) wonOpportunityCount!: number;
  @Field(() => Money, { description: 'Amount of the won opportunities, in the campaign currency.' }) wonRevenue!: Money;
  @Field(() => Int, { description: 'Won opportunities left out of wonRevenue for want of an exchange rate.' }) unconvertedOpportunities!: number;
  @Field(() => Money, { nullable: true, description: 'actualCost / leadCount, rounded to cents; null without cost or leads.' }) costPerLead!: Money | null;
  @Field(() => Float, { nullable: true, description: 'Return on investment: (wonRevenue − actualCost) / actualCost, rounded to 4 decimals; null without a cost above 0.' }) roi!: number | null;
}

@ObjectType({ description: 'A contact targeted by a campaign.' })
export class CampaignMember {
  @Field(() => CampaignMemberStatus, { description: 'Where the member stands.' }) status!: CampaignMemberStatus;
  @Field(() => DateTimeScalar, { description: 'When the contact was added.' }) addedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the contact first responded.' }) respondedAt!: Date | null;
  contactId!: string;
  /** The channel and purpose the member is reached on. */
  campaign!: { id: string; channel: string; purpose: string };
}

@ObjectType({ description: 'A contact left out of a campaign, and why (the latest attempt to add them).' })
export class CampaignExclusion {
  @Field(() => CampaignExclusionReason, { description: 'Why the contact was left out.' }) reason!: CampaignExclusionReason;
  @Field(() => DateTimeScalar, { description: 'When.' }) at!: Date;
  contactId!: string;
}

@ObjectType({ description: 'A response to a campaign, by a member contact or a lead.' })
export class CampaignResponse {
  @Field(() => CampaignResponseKind, { description: 'How they responded.' }) kind!: CampaignResponseKind;
  @PersonalField(() => String, { nullable: true, category: PersonalCategory.IDENTITY, column: 'note', guardedBy: 'Contact', description: 'What they said or did, as noted.' })
  note!: string | null;
  @Field(() => DateTimeScalar, { description: 'When they responded.' }) respondedAt!: Date;
  id!: string;
  contactId!: string | null;
  leadId!: string | null;
}

export const { Connection: CampaignMemberConnection, Edge: CampaignMemberEdge } = connectionTypes(CampaignMember, 'CampaignMember', 'member');
export const { Connection: CampaignExclusionConnection, Edge: CampaignExclusionEdge } = connectionTypes(CampaignExclusion, 'CampaignExclusion', 'exclusion');
export const { Connection: CampaignResponseConnection, Edge: CampaignResponseEdge } = connectionTypes(CampaignResponse, 'CampaignResponse', 'response');

@InputType({ description: 'Sort campaigns by a field.' })
export class CampaignOrder {
  @Field(() => CampaignOrderField) field!: CampaignOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) direction!: SortDirection;
}

const CampaignTypeFilter = enumFilter(CampaignType, 'CampaignType');
const CampaignStatusFilter = enumFilter(CampaignStatus, 'CampaignStatus');

@InputType({ description: 'Conditions on campaigns; fields combine with AND.' })
export class CampaignFilter {
  @Field(() => StringFilter, { nullable: true }) name?: StringFilter;
  @Field(() => CampaignTypeFilter, { nullable: true }) type?: InstanceType<typeof CampaignTypeFilter>;
  @Field(() => CampaignStatusFilter, { nullable: true }) status?: InstanceType<typeof CampaignStatusFilter>;
  @Field(() => ContactChannelFilter, { nullable: true }) channel?: InstanceType<typeof ContactChannelFilter>;
  @Field(() => CalendarDateFilter, { nullable: true }) startDate?: CalendarDateFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Owner (User ID).' }) owner?: IDFilter;
}

@ArgsType()
export class CampaignsArgs extends PageArgsType {
  @Field(() => CampaignFilter, { nullable: true }) where?: CampaignFilter;
  @Field(() => [CampaignOrder], { nullable: true, description: 'Default: name ascending.' }) orderBy?: CampaignOrder[];
}

@ArgsType()
export class CampaignPageArgs extends PageArgsType {}

@InputType('CampaignFields')
class CampaignFields {
  @Field(() => DateScalar, { nullable: true }) startDate?: string | null;
  @Field(() => DateScalar, { nullable: true }) endDate?: string | null;
  @Field(() => MoneyInput, { nullable: true, description: 'Planned spend; all amounts of a campaign share its currency.' }) @IsOptional() @ValidateNested() budget?: MoneyInput | null;
  @Field(() => MoneyInput, { nullable: true, description: 'Spent so far (the basis of costPerLead and roi).' }) @IsOptional() @ValidateNested() actualCost?: MoneyInput | null;
  @Field(() => MoneyInput, { nullable: true, description: 'Revenue hoped for.' }) @IsOptional() @ValidateNested() expectedRevenue?: MoneyInput | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(10000) description?: string | null;
  @Field(() => ID, { nullable: true, description: "Owner (User ID); default on create: the signed-in user (or the key's user)." }) ownerId?: string | null;
}

@InputType({ description: 'A new campaign (PLANNED).' })
export class CreateCampaignInput extends CampaignFields {
  @Field() @IsNotEmpty() @MaxLength(255) name!: string;
  @Field(() => CampaignType) type!: CampaignType;
  @Field(() => ContactChannel) channel!: ContactChannel;
  @Field(() => ConsentPurpose, { defaultValue: ConsentPurpose.MARKETING }) purpose!: ConsentPurpose;
  @Field(() => CurrencyScalar, { nullable: true, description: "The campaign currency; default: the amounts' currency, else the workspace's." }) currency?: string | null;
}

@InputType({ description: 'Changes to a campaign; omitted fields stay as they are, null clears. Channel and purpose are fixed once members exist.' })
export class UpdateCampaignInput extends CampaignFields {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the campaign is at this version.' }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsNotEmpty() @MaxLength(255) name?: string;
  @Field(() => CampaignType, { nullable: true }) type?: CampaignType | null;
  @Field(() => CampaignStatus, { nullable: true, description: 'A transition the status machine allows (INVALID_STATE otherwise).' }) status?: CampaignStatus | null;
  @Field(() => ContactChannel, { nullable: true }) channel?: ContactChannel | null;
  @Field(() => ConsentPurpose, { nullable: true }) purpose?: ConsentPurpose | null;
}

@InputType({ description: 'The campaign to delete.' })
export class DeleteCampaignInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType({ description: 'The segments a campaign targets (replacing the current ones).' })
export class SetCampaignSegmentsInput {
  @Field(() => ID) campaignId!: string;
  @Field(() => [ID], { description: 'Segment IDs (at most 20); empty removes them all.' }) @ArrayMaxSize(20) segmentIds!: string[];
}

@InputType({ description: 'Contacts to add to a campaign: each is checked against the campaign’s channel and purpose, and only those who may be reached are added.' })
export class AddCampaignMembersInput {
  @Field(() => ID) campaignId!: string;
  @Field(() => [ID], { nullable: true, description: 'Contact IDs (at most 1000).' }) @IsOptional() @ArrayMaxSize(1000) contactIds?: string[] | null;
  @Field({ defaultValue: false, description: "Also every contact the campaign's segments reach now (at most 10,000 in all)." }) fromSegments!: boolean;
}

@InputType({ description: 'A response to a campaign, by a member contact or by a lead.' })
export class RecordCampaignResponseInput {
  @Field(() => ID) campaignId!: string;
  @Field(() => ID, { nullable: true, description: 'A member of the campaign (Contact ID).' }) contactId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A lead (Lead ID), e.g. someone who registered for an event.' }) leadId?: string | null;
  @Field(() => CampaignResponseKind) kind!: CampaignResponseKind;
  @Field(() => String, { nullable: true, description: 'What they said or did (up to 1000 characters).' }) @IsOptional() @MaxLength(1000) note?: string | null;
}

@ObjectType({ description: 'Result of createCampaign.' })
export class CreateCampaignPayload {
  @Field(() => Campaign, { nullable: true, description: 'The campaign, when the mutation succeeded.' }) campaign?: CampaignEntity | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of updateCampaign.' })
export class UpdateCampaignPayload extends CreateCampaignPayload {}

@ObjectType({ description: 'Result of deleteCampaign.' })
export class DeleteCampaignPayload extends CreateCampaignPayload {}

@ObjectType({ description: 'Result of setCampaignSegments.' })
export class SetCampaignSegmentsPayload extends CreateCampaignPayload {}

@ObjectType({ description: 'Result of addCampaignMembers: how many were added, and who was left out and why.' })
export class AddCampaignMembersPayload {
  @Field(() => Int, { nullable: true, description: 'Contacts added (or back on the list after opting out); null when the mutation failed.' }) added?: number | null;
  @Field(() => Int, { nullable: true, description: 'Contacts that were members already (left as they are); null when the mutation failed.' }) alreadyMembers?: number | null;
  @Field(() => [CampaignExclusion], { nullable: true, description: 'Contacts left out, with the reason (also kept in Campaign.exclusions); null when the mutation failed.' })
  excluded?: CampaignExclusion[] | null;
  @Field(() => Campaign, { nullable: true, description: 'The campaign, when the mutation succeeded.' }) campaign?: CampaignEntity | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of recordCampaignResponse.' })
export class RecordCampaignResponsePayload {
  @Field(() => CampaignResponse, { nullable: true, description: 'The response, when the mutation succeeded.' }) response?: CampaignResponse | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}
