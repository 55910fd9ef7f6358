import { IsInt, IsNotEmpty, IsOptional, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageArgsType, SortDirection, connectionTypes } from '../../graphql/connection-types';
import { CalendarDateFilter, DateTimeFilter, DecimalFilter, IDFilter, StringFilter, enumFilter } from '../../graphql/filter-types';
import { Node } from '../../graphql/node';
import { DateScalar, DateTimeScalar, JSONObjectScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { Money, MoneyInput } from '../../graphql/values';
import { ForecastCategory } from '../configuration';
import type { OpportunityEntity } from './opportunities.entity';
import { CUSTOM_FIELDS_INPUT_DESCRIPTION, CustomFieldFilter, customFieldsOutputDescription } from '../custom-fields';

export enum OpportunityStatus {
  OPEN = 'OPEN',
  WON = 'WON',
  LOST = 'LOST',
}
registerEnumType(OpportunityStatus, { name: 'OpportunityStatus', description: 'Whether an opportunity is still open, or was won or lost.' });

export enum StageHistoryEvent {
  CREATED = 'CREATED',
  STAGE_CHANGED = 'STAGE_CHANGED',
  WON = 'WON',
  LOST = 'LOST',
  REOPENED = 'REOPENED',
}
registerEnumType(StageHistoryEvent, {
  name: 'StageHistoryEvent',
  description: 'What moved an opportunity in its pipeline.',
  valuesConfig: {
    CREATED: { description: 'Created in its first stage.' },
    STAGE_CHANGED: { description: 'Moved between open stages (updateOpportunity).' },
    WON: { description: 'Closed as won.' },
    LOST: { description: 'Closed as lost, with the loss reason.' },
    REOPENED: { description: 'Reopened into an open stage.' },
  },
});

export enum OpportunityOrderField {
  NAME = 'NAME',
  CLOSE_DATE = 'CLOSE_DATE',
  AMOUNT = 'AMOUNT',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(OpportunityOrderField, { name: 'OpportunityOrderField', description: 'Fields opportunities can be sorted by.' });

@ObjectType('Opportunity', { implements: Node, description: 'A deal with an account, moving through the workspace’s pipeline until it is won or lost.' })
export class Opportunity implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field({ description: 'What is being sold, e.g. "Acme – 200 seats".' }) name!: string;
  @Field(() => Money, { nullable: true, description: 'Expected deal value (set by the line items when it has any); null when not estimated yet.' }) amount!: Money | null;
  @Field(() => Int, { description: 'Chance of winning, 0–100: the stage’s unless overridden; 100 when won, 0 when lost.' }) probability!: number;
  @Field({ description: 'The probability was set by hand rather than taken from the stage.' }) probabilityOverridden!: boolean;
  @Field(() => ForecastCategory, { description: 'Forecast category: the stage’s unless overridden; CLOSED when won, OMITTED when lost.' }) forecastCategory!: ForecastCategory;
  @Field(() => DateScalar, { nullable: true, description: 'Expected (or actual) close date.' }) closeDate!: string | null;
  @Field(() => String, { nullable: true, description: 'The next thing to do to move the deal on.' }) nextStep!: string | null;
  @Field(() => String, { nullable: true, description: 'Where the opportunity came from (value of the lead_source picklist).' }) leadSource!: string | null;
  @Field(() => String, { nullable: true, description: 'Free description.' }) description!: string | null;
  @Field(() => OpportunityStatus, { description: 'OPEN, WON or LOST; only closeOpportunityAsWon, closeOpportunityAsLost and reopenOpportunity change it.' }) status!: OpportunityStatus;
  @Field(() => String, { nullable: true, description: 'Why it was lost (value of the loss_reason picklist); null unless LOST.' }) lossReason!: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was won or lost; null while open.' }) closedAt!: Date | null;
  @Field(() => JSONObjectScalar, { description: customFieldsOutputDescription('Opportunity') }) customFields!: Record<string, unknown>;
  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to avoid lost updates.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the opportunity was created.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the opportunity last changed.' }) updatedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the opportunity was moved to the recycle bin.' }) deletedAt!: Date | null;
}

export const { Connection: OpportunityConnection, Edge: OpportunityEdge } = connectionTypes(Opportunity, 'Opportunity', 'opportunity');

@ObjectType('OpportunityStageHistoryEntry', { description: 'One step of an opportunity through the pipeline, as it was at that time.' })
export class OpportunityStageHistoryEntry {
  @Field(() => StageHistoryEvent, { description: 'What happened.' }) event!: StageHistoryEvent;
  @Field(() => Money, { nullable: true, description: 'The opportunity’s amount at that time.' }) amount!: Money | null;
  @Field(() => Int, { description: 'The probability at that time.' }) probability!: number;
  @Field(() => String, { nullable: true, description: 'Why: the loss reason of LOST, the reason given to reopenOpportunity.' }) reason!: string | null;
  @Field({ description: 'Who did it: "user" (see actor) or "api_key" (actorId is the key’s ID).' }) actorKind!: string;
  @Field({ description: 'The User ID or the API key ID that did it.' }) actorId!: string;
  @Field(() => DateTimeScalar, { description: 'When.' }) at!: Date;
}

export const { Connection: OpportunityStageHistoryConnection, Edge: OpportunityStageHistoryEdge } = connectionTypes(
  OpportunityStageHistoryEntry,
  'OpportunityStageHistory',
  'stage history entry',
);

@InputType({ description: 'Sort opportunities by a field.' })
export class OpportunityOrder {
  @Field(() => OpportunityOrderField) field!: OpportunityOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) direction!: SortDirection;
}

const OpportunityStatusFilter = enumFilter(OpportunityStatus, 'OpportunityStatus');
const ForecastCategoryFilter = enumFilter(ForecastCategory, 'ForecastCategory');

@InputType({ description: 'Conditions on opportunities; fields combine with AND.' })
export class OpportunityFilter {
  @Field(() => IDFilter, { nullable: true }) id?: IDFilter;
  @Field(() => StringFilter, { nullable: true }) name?: StringFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Account (Account ID).' }) account?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Primary contact (Contact ID).' }) primaryContact?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Owner (User ID).' }) owner?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Stage (PipelineStage ID).' }) stage?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Territory (Territory ID).' }) territory?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'The campaign the deal is attributed to (Campaign ID).' }) primaryCampaign?: IDFilter;
  @Field(() => OpportunityStatusFilter, { nullable: true }) status?: InstanceType<typeof OpportunityStatusFilter>;
  @Field(() => ForecastCategoryFilter, { nullable: true }) forecastCategory?: InstanceType<typeof ForecastCategoryFilter>;
  @Field(() => CalendarDateFilter, { nullable: true }) closeDate?: CalendarDateFilter;
  @Field(() => DecimalFilter, { nullable: true, description: 'The amount (in its own currency).' }) amount?: DecimalFilter;
  @Field(() => StringFilter, { nullable: true, description: 'Currency code of the amount.' }) currency?: StringFilter;
  @Field(() => StringFilter, { nullable: true }) leadSource?: StringFilter;
  @Field(() => DateTimeFilter, { nullable: true }) createdAt?: DateTimeFilter;
  @Field(() => DateTimeFilter, { nullable: true }) updatedAt?: DateTimeFilter;
  @Field(() => [CustomFieldFilter], { nullable: true, description: 'Conditions on custom fields; all must hold.' }) customFields?: CustomFieldFilter[];
  @Field(() => [OpportunityFilter], { nullable: true, description: 'All of these.' }) and?: OpportunityFilter[];
  @Field(() => [OpportunityFilter], { nullable: true, description: 'Any of these.' }) or?: OpportunityFilter[];
  @Field(() => OpportunityFilter, { nullable: true, description: 'Not this.' }) not?: OpportunityFilter;
}

@ArgsType()
export class OpportunitiesArgs extends PageArgsType {
  @Field(() => OpportunityFilter, { nullable: true }) where?: OpportunityFilter;
  @Field(() => [OpportunityOrder], { nullable: true, description: 'Default: name ascending.' }) orderBy?: OpportunityOrder[];
  @Field(() => Boolean, { defaultValue: false, description: 'List the recycle bin (soft-deleted opportunities) instead.' }) inRecycleBin!: boolean;
}

/** Arguments of the nested `Account.opportunities` list. */
@ArgsType()
export class AccountOpportunitiesArgs extends PageArgsType {
  @Field(() => OpportunityFilter, { nullable: true }) where?: OpportunityFilter;
  @Field(() => [OpportunityOrder], { nullable: true, description: 'Default: name ascending.' }) orderBy?: OpportunityOrder[];
}

/** Fields shared by create and update; on update, omitted fields stay as they are and null clears. */
@InputType('OpportunityFields')
class OpportunityFields {
  @Field(() => ID, { nullable: true, description: 'Primary contact (Contact ID): a contact of the opportunity’s account.' }) primaryContactId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Owner (User ID). A new opportunity without one is owned by the signed-in user (or the key’s user).' }) ownerId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Sales territory (Territory ID), for forecasts by territory.' }) territoryId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The campaign the deal is attributed to (Campaign ID).' }) primaryCampaignId?: string | null;
  @Field(() => MoneyInput, { nullable: true, description: 'Expected deal value; the currency defaults to the workspace’s on create.' }) @IsOptional() @ValidateNested() amount?: MoneyInput | null;
  @Field(() => Int, { nullable: true, description: 'Overrides the stage’s probability (0–100); null returns to the stage’s.' }) @IsOptional() @IsInt() @Min(0) @Max(100) probability?: number | null;
  @Field(() => ForecastCategory, { nullable: true, description: 'Overrides the stage’s forecast category (not CLOSED); null returns to the stage’s.' }) forecastCategory?: ForecastCategory | null;
  @Field(() => DateScalar, { nullable: true, description: 'Expected close date.' }) closeDate?: string | null;
  @Field(() => String, { nullable: true, description: 'The next thing to do.' }) @IsOptional() @MaxLength(1000) nextStep?: string | null;
  @Field(() => String, { nullable: true, description: 'A value of the lead_source picklist.' }) @IsOptional() @MaxLength(100) leadSource?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(10000) description?: string | null;
  @Field(() => JSONObjectScalar, { nullable: true, description: CUSTOM_FIELDS_INPUT_DESCRIPTION }) customFields?: Record<string, unknown> | null;
}

@InputType({ description: 'A new opportunity.' })
export class CreateOpportunityInput extends OpportunityFields {
  @Field({ description: 'What is being sold.' }) @IsNotEmpty() @MaxLength(255) name!: string;
  @Field(() => ID, { description: 'The account (Account ID), which you must be able to see.' }) accountId!: string;
  @Field(() => ID, { nullable: true, description: 'An open stage (PipelineStage ID); default: the first open stage of the pipeline.' }) stageId?: string | null;
  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first result instead of creating twice.' })
  @IsOptional()
  @MaxLength(200)
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to an opportunity. Omitted fields stay as they are; null clears a field. Closing and reopening have their own mutations.' })
export class UpdateOpportunityInput extends OpportunityFields {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse the change with CONFLICT unless the opportunity is at this version.' }) expectedVersion?: number | null;
  // Omitted means unchanged; null would clear a required field, so it is refused like an empty string.
  @Field(() => String, { nullable: true }) @ValidateIf((input) => input.name !== undefined) @IsNotEmpty() @MaxLength(255) name?: string;
  @Field(() => ID, { nullable: true, description: 'Another account (Account ID).' }) @ValidateIf((input) => input.accountId !== undefined) @IsNotEmpty() accountId?: string;
  @Field(() => ID, { nullable: true, description: 'Move to another open stage (recorded in the stage history); resets probability and forecast category to the new stage’s unless given too.' })
  @ValidateIf((input) => input.stageId !== undefined)
  @IsNotEmpty()
  stageId?: string;
}

@InputType({ description: 'The opportunity to move to the recycle bin.' })
export class DeleteOpportunityInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType({ description: 'The opportunity to restore from the recycle bin.' })
export class RestoreOpportunityInput {
  @Field(() => ID) id!: string;
}

@InputType({ description: 'An open opportunity to close as won.' })
export class CloseOpportunityAsWonInput {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true, description: 'A won stage (PipelineStage ID); default: the first won stage of the pipeline.' }) stageId?: string | null;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the opportunity is at this version.' }) expectedVersion?: number | null;
}

@InputType({ description: 'An open opportunity to close as lost.' })
export class CloseOpportunityAsLostInput {
  @Field(() => ID) id!: string;
  @Field({ description: 'Why it was lost: a value of the loss_reason picklist.' }) @IsNotEmpty() @MaxLength(100) lossReason!: string;
  @Field(() => ID, { nullable: true, description: 'A lost stage (PipelineStage ID); default: the first lost stage of the pipeline.' }) stageId?: string | null;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the opportunity is at this version.' }) expectedVersion?: number | null;
}

@InputType({ description: 'A won or lost opportunity to open again.' })
export class ReopenOpportunityInput {
  @Field(() => ID) id!: string;
  @Field(() => ID, { description: 'The open stage (PipelineStage ID) it goes back to.' }) stageId!: string;
  @Field(() => String, { nullable: true, description: 'Why it is reopened (kept in the stage history).' }) @IsOptional() @MaxLength(1000) reason?: string | null;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the opportunity is at this version.' }) expectedVersion?: number | null;
}

@ObjectType('OpportunityPayload')
class OpportunityPayload {
  @Field(() => Opportunity, { nullable: true, description: 'The opportunity, when the mutation succeeded.' }) opportunity?: OpportunityEntity | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createOpportunity.' }) export class CreateOpportunityPayload extends OpportunityPayload {}
@ObjectType({ description: 'Result of updateOpportunity.' }) export class UpdateOpportunityPayload extends OpportunityPayload {}
@ObjectType({ description: 'Result of deleteOpportunity.' }) export class DeleteOpportunityPayload extends OpportunityPayload {}
@ObjectType({ description: 'Result of restoreOpportunity.' }) export class RestoreOpportunityPayload extends OpportunityPayload {}
@ObjectType({ description: 'Result of closeOpportunityAsWon.' }) export class CloseOpportunityAsWonPayload extends OpportunityPayload {}
@ObjectType({ description: 'Result of closeOpportunityAsLost.' }) export class CloseOpportunityAsLostPayload extends OpportunityPayload {}
@ObjectType({ description: 'Result of reopenOpportunity.' }) export class ReopenOpportunityPayload extends OpportunityPayload {}
