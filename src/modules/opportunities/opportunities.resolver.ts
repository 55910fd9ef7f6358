import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgsType } from '../../graphql/connection-types';
import { toGlobalId } from '../../graphql/global-id';
import type { ConnectionValue } from '../../graphql/pagination';
import { DateScalar, JSONObjectScalar } from '../../graphql/scalars';
import { Money, moneyAmount } from '../../graphql/values';
import type { RequestContext } from '../../tenancy/request-context';
import { Account, AccountEntity, accountById } from '../accounts';
import { PipelineStage, PipelineStageEntity, Territory, pipelineStageById, territoryById } from '../configuration';
import { Contact, ContactEntity, contactById } from '../contacts';
import { CustomFieldValues, visibleCustomFields } from '../custom-fields';
import { User, UserEntity, userById } from '../workspace';
import { calendarDate } from '../../db/calendar-date';
import { OpportunityEntity, OpportunityStageHistoryEntity } from './opportunities.entity';
import { stageHistoryByOpportunity } from './opportunities.history';
import { opportunitiesByAccount } from './opportunities.loaders';
import * as outcomes from './opportunities.outcomes';
import * as opportunities from './opportunities.service';
import {
  AccountOpportunitiesArgs,
  CloseOpportunityAsLostInput,
  CloseOpportunityAsLostPayload,
  CloseOpportunityAsWonInput,
  CloseOpportunityAsWonPayload,
  CreateOpportunityInput,
  CreateOpportunityPayload,
  DeleteOpportunityInput,
  DeleteOpportunityPayload,
  OpportunitiesArgs,
  Opportunity,
  OpportunityConnection,
  OpportunityStageHistoryConnection,
  OpportunityStageHistoryEntry,
  ReopenOpportunityInput,
  ReopenOpportunityPayload,
  RestoreOpportunityInput,
  RestoreOpportunityPayload,
  UpdateOpportunityInput,
  UpdateOpportunityPayload,
} from './opportunities.types';

const money = (amount: string | null, currency: string): Money | null => (amount === null ? null : { amount: moneyAmount(amount), currency });

@Resolver(() => Opportunity)
export class OpportunityResolver {
  @Query(() => OpportunityConnection, { description: 'Opportunities of the workspace within your record scope, filtered, sorted and paginated.' })
  opportunities(@Ctx() ctx: RequestContext, @Args() args: OpportunitiesArgs): Promise<ConnectionValue<OpportunityEntity>> {
    return opportunities.listOpportunities(ctx, args);
  }

  @Query(() => Opportunity, { nullable: true, description: 'One opportunity by ID; NOT_FOUND when it does not exist, is deleted or is outside your record scope.' })
  opportunity(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<OpportunityEntity> {
    return opportunities.getOpportunity(ctx, id);
  }

  @Mutation(() => CreateOpportunityPayload, { description: 'Creates an opportunity in the first open stage (or the one given), recorded in its stage history.' })
  createOpportunity(@Ctx() ctx: RequestContext, @Arg('input') input: CreateOpportunityInput): Promise<CreateOpportunityPayload> {
    return opportunities.createOpportunity(ctx, input);
  }

  @Mutation(() => UpdateOpportunityPayload, { description: 'Changes an opportunity; a stage move (between open stages) is recorded in its stage history.' })
  updateOpportunity(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateOpportunityInput): Promise<UpdateOpportunityPayload> {
    return opportunities.updateOpportunity(ctx, input);
  }

  @Mutation(() => DeleteOpportunityPayload, { description: 'Moves an opportunity to the recycle bin.' })
  deleteOpportunity(@Ctx() ctx: RequestContext, @Arg('input') input: DeleteOpportunityInput): Promise<DeleteOpportunityPayload> {
    return opportunities.deleteOpportunity(ctx, input);
  }

  @Mutation(() => RestoreOpportunityPayload, { description: 'Restores an opportunity from the recycle bin.' })
  restoreOpportunity(@Ctx() ctx: RequestContext, @Arg('input') input: RestoreOpportunityInput): Promise<RestoreOpportunityPayload> {
    return opportunities.restoreOpportunity(ctx, input);
  }

  @Mutation(() => CloseOpportunityAsWonPayload, { description: 'Closes an open opportunity as won: a won stage, probability 100, forecast CLOSED.' })
  closeOpportunityAsWon(@Ctx() ctx: RequestContext, @Arg('input') input: CloseOpportunityAsWonInput): Promise<CloseOpportunityAsWonPayload> {
    return outcomes.closeOpportunityAsWon(ctx, input);
  }

  @Mutation(() => CloseOpportunityAsLostPayload, { description: 'Closes an open opportunity as lost, with the reason: a lost stage, probability 0, forecast OMITTED.' })
  closeOpportunityAsLost(@Ctx() ctx: RequestContext, @Arg('input') input: CloseOpportunityAsLostInput): Promise<CloseOpportunityAsLostPayload> {
    return outcomes.closeOpportunityAsLost(ctx, input);
  }

  @Mutation(() => ReopenOpportunityPayload, { description: 'Opens a won or lost opportunity again, in the open stage given.' })
  reopenOpportunity(@Ctx() ctx: RequestContext, @Arg('input') input: ReopenOpportunityInput): Promise<ReopenOpportunityPayload> {
    return outcomes.reopenOpportunity(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() opportunity: OpportunityEntity): string {
    return toGlobalId('Opportunity', opportunity.id);
  }

  @FieldResolver(() => Money, { nullable: true })
  amount(@Root() opportunity: OpportunityEntity): Money | null {
    return money(opportunity.amount, opportunity.currency);
  }

  @FieldResolver(() => DateScalar, { nullable: true })
  closeDate(@Root() opportunity: OpportunityEntity): string | null {
    return calendarDate(opportunity.closeDate);
  }

  @FieldResolver(() => JSONObjectScalar)
  customFields(@Ctx() ctx: RequestContext, @Root() opportunity: OpportunityEntity): Promise<CustomFieldValues> {
    return visibleCustomFields(ctx, 'OPPORTUNITY', opportunity.id, opportunity.customFields);
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The account (null when it is outside what your role sees, or in the recycle bin).' })
  account(@Ctx() ctx: RequestContext, @Root() opportunity: OpportunityEntity): Promise<AccountEntity | null> {
    return accountById(ctx).load(opportunity.accountId);
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'The main person at the account for this deal (null when none, or outside what your role sees).' })
  primaryContact(@Ctx() ctx: RequestContext, @Root() opportunity: OpportunityEntity): Promise<ContactEntity | null> | null {
    return opportunity.primaryContactId ? contactById(ctx).load(opportunity.primaryContactId) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user who owns the opportunity.' })
  owner(@Ctx() ctx: RequestContext, @Root() opportunity: OpportunityEntity): Promise<UserEntity | null> | null {
    return opportunity.ownerId ? userById(ctx).load(opportunity.ownerId) : null;
  }

  @FieldResolver(() => PipelineStage, { description: 'The pipeline stage it is in.' })
  async stage(@Ctx() ctx: RequestContext, @Root() opportunity: OpportunityEntity): Promise<PipelineStageEntity> {
    return (await pipelineStageById(ctx).load(opportunity.stageId))!;
  }

  @FieldResolver(() => Territory, { nullable: true, description: 'The sales territory (forecasts group by it).' })
  territory(@Ctx() ctx: RequestContext, @Root() opportunity: OpportunityEntity): Promise<object | null> | null {
    return opportunity.territoryId ? territoryById(ctx).load(opportunity.territoryId) : null;
  }

  @FieldResolver(() => OpportunityStageHistoryConnection, { description: 'Its way through the pipeline, oldest first (batched across opportunities).' })
  stageHistory(@Ctx() ctx: RequestContext, @Root() opportunity: OpportunityEntity, @Args() args: PageArgsType): Promise<ConnectionValue<OpportunityStageHistoryEntity>> {
    return stageHistoryByOpportunity(ctx, { ...args }).load(opportunity.id);
  }
}

@Resolver(() => OpportunityStageHistoryEntry)
export class StageHistoryEntryResolver {
  @FieldResolver(() => Money, { nullable: true })
  amount(@Root() entry: OpportunityStageHistoryEntity): Money | null {
    return money(entry.amount, entry.currency);
  }

  @FieldResolver(() => PipelineStage, { nullable: true, description: 'The stage it came from (null for CREATED).' })
  fromStage(@Ctx() ctx: RequestContext, @Root() entry: OpportunityStageHistoryEntity): Promise<PipelineStageEntity | null> | null {
    return entry.fromStageId ? pipelineStageById(ctx).load(entry.fromStageId) : null;
  }

  @FieldResolver(() => PipelineStage, { description: 'The stage it went to.' })
  async toStage(@Ctx() ctx: RequestContext, @Root() entry: OpportunityStageHistoryEntity): Promise<PipelineStageEntity> {
    return (await pipelineStageById(ctx).load(entry.toStageId))!;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user who did it (null when an API key did).' })
  actor(@Ctx() ctx: RequestContext, @Root() entry: OpportunityStageHistoryEntity): Promise<UserEntity | null> | null {
    return entry.actorKind === 'user' ? userById(ctx).load(entry.actorId) : null;
  }

  @FieldResolver(() => String, { description: 'The User ID or the API key ID that did it.' })
  actorId(@Root() entry: OpportunityStageHistoryEntity): string {
    return entry.actorKind === 'user' ? toGlobalId('User', entry.actorId) : entry.actorId;
  }
}

/** `Account.opportunities`: opportunities extend the account type without the accounts module knowing them. */
@Resolver(() => Account)
export class AccountOpportunitiesResolver {
  @FieldResolver(() => OpportunityConnection, { description: 'Opportunities with this account within your record scope (batched across accounts).' })
  opportunities(@Ctx() ctx: RequestContext, @Root() account: AccountEntity, @Args() args: AccountOpportunitiesArgs): Promise<ConnectionValue<OpportunityEntity>> {
    return opportunitiesByAccount(ctx, { ...args }).load(account.id);
  }
}
