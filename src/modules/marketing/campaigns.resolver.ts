import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { calendarDate } from '../../db/calendar-date';
import { toGlobalId } from '../../graphql/global-id';
import type { ConnectionValue } from '../../graphql/pagination';
import { DateScalar } from '../../graphql/scalars';
import { Money, moneyAmount } from '../../graphql/values';
import type { RequestContext } from '../../tenancy/request-context';
import { Contact, contactById } from '../contacts';
import type { ContactEntity } from '../contacts';
import { Lead, leadById } from '../leads';
import type { LeadEntity } from '../leads';
import { User, userById } from '../workspace';
import type { UserEntity } from '../workspace';
import { addCampaignMembers, memberReach, recordCampaignResponse } from './campaign-members.service';
import { metricsByCampaign } from './campaign-metrics';
import { EXCLUSIONS, MEMBERS, RESPONSES, campaignPage } from './campaign-pages';
import type { CampaignEntity } from './campaigns.entity';
import * as campaigns from './campaigns.service';
import {
  AddCampaignMembersInput,
  AddCampaignMembersPayload,
  Campaign,
  CampaignConnection,
  CampaignExclusion,
  CampaignExclusionConnection,
  CampaignExclusionReason,
  CampaignMember,
  CampaignMemberConnection,
  CampaignMetrics,
  CampaignPageArgs,
  CampaignResponse,
  CampaignResponseConnection,
  CampaignsArgs,
  CreateCampaignInput,
  CreateCampaignPayload,
  DeleteCampaignInput,
  DeleteCampaignPayload,
  RecordCampaignResponseInput,
  RecordCampaignResponsePayload,
  SetCampaignSegmentsInput,
  SetCampaignSegmentsPayload,
  UpdateCampaignInput,
  UpdateCampaignPayload,
} from './campaigns.types';
import type { SegmentEntity } from './segments.entity';
import { Segment } from './segments.types';

const money = (amount: string | null, currency: string): Money | null => (amount === null ? null : { amount: moneyAmount(amount), currency });

@Resolver(() => Campaign)
export class CampaignResolver {
  @Query(() => CampaignConnection, { description: 'Campaigns, filtered, sorted and paginated.' })
  campaigns(@Ctx() ctx: RequestContext, @Args() args: CampaignsArgs): Promise<ConnectionValue<CampaignEntity>> {
    return campaigns.listCampaigns(ctx, args);
  }

  @Query(() => Campaign, { nullable: true, description: 'One campaign by ID; NOT_FOUND when it does not exist or is deleted.' })
  campaign(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<CampaignEntity> {
    return campaigns.getCampaign(ctx, id);
  }

  @Mutation(() => CreateCampaignPayload, { description: 'Creates a campaign (PLANNED).' })
  createCampaign(@Ctx() ctx: RequestContext, @Arg('input') input: CreateCampaignInput): Promise<CreateCampaignPayload> {
    return campaigns.createCampaign(ctx, input);
  }

  @Mutation(() => UpdateCampaignPayload, { description: 'Changes a campaign, its status included.' })
  updateCampaign(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateCampaignInput): Promise<UpdateCampaignPayload> {
    return campaigns.updateCampaign(ctx, input);
  }

  @Mutation(() => DeleteCampaignPayload, { description: 'Deletes a campaign (its members, responses and attributions stay).' })
  deleteCampaign(@Ctx() ctx: RequestContext, @Arg('input') input: DeleteCampaignInput): Promise<DeleteCampaignPayload> {
    return campaigns.deleteCampaign(ctx, input);
  }

  @Mutation(() => SetCampaignSegmentsPayload, { description: 'Sets the segments the campaign’s target list is built from.' })
  setCampaignSegments(@Ctx() ctx: RequestContext, @Arg('input') input: SetCampaignSegmentsInput): Promise<SetCampaignSegmentsPayload> {
    return campaigns.setCampaignSegments(ctx, input);
  }

  @Mutation(() => AddCampaignMembersPayload, {
    description:
      'Adds contacts to a campaign: only those who may be reached on its channel for its purpose (consent, opt-outs, restriction, erasure, death, an address) and do not prefer another channel; ' +
      'everyone else is reported with the reason. Members already in are left as they are.',
  })
  addCampaignMembers(@Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo, @Arg('input') input: AddCampaignMembersInput): Promise<AddCampaignMembersPayload> {
    return addCampaignMembers(ctx, info.schema, input);
  }

  @Mutation(() => RecordCampaignResponsePayload, { description: 'Records a response by a member (who becomes RESPONDED, or OPTED_OUT when unsubscribing) or by a lead.' })
  recordCampaignResponse(@Ctx() ctx: RequestContext, @Arg('input') input: RecordCampaignResponseInput): Promise<RecordCampaignResponsePayload> {
    return recordCampaignResponse(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() campaign: CampaignEntity): string {
    return toGlobalId('Campaign', campaign.id);
  }

  @FieldResolver(() => DateScalar, { nullable: true })
  startDate(@Root() campaign: CampaignEntity): string | null {
    return calendarDate(campaign.startDate);
  }

  @FieldResolver(() => DateScalar, { nullable: true })
  endDate(@Root() campaign: CampaignEntity): string | null {
    return calendarDate(campaign.endDate);
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Planned spend.' })
  budget(@Root() campaign: CampaignEntity): Money | null {
    return money(campaign.budget, campaign.currency);
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Spent so far.' })
  actualCost(@Root() campaign: CampaignEntity): Money | null {
    return money(campaign.actualCost, campaign.currency);
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Revenue hoped for.' })
  expectedRevenue(@Root() campaign: CampaignEntity): Money | null {
    return money(campaign.expectedRevenue, campaign.currency);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user who owns the campaign.' })
  owner(@Ctx() ctx: RequestContext, @Root() campaign: CampaignEntity): Promise<UserEntity | null> | null {
    return campaign.ownerId ? userById(ctx).load(campaign.ownerId) : null;
  }

  @FieldResolver(() => [Segment], { description: 'The segments the target list is built from (those you may see).' })
  segments(@Ctx() ctx: RequestContext, @Root() campaign: CampaignEntity): Promise<SegmentEntity[]> {
    return campaigns.segmentsByCampaign(ctx).load(campaign.id);
  }

  @FieldResolver(() => CampaignMetrics, { description: 'Members, responses, attributed leads and opportunities, revenue, cost per lead and ROI.' })
  metrics(@Ctx() ctx: RequestContext, @Root() campaign: CampaignEntity): Promise<CampaignMetrics> {
    return metricsByCampaign(ctx).load(campaign);
  }

  @FieldResolver(() => CampaignMemberConnection, { description: 'Members, oldest first.' })
  members(@Ctx() ctx: RequestContext, @Root() campaign: CampaignEntity, @Args() args: CampaignPageArgs): Promise<ConnectionValue<CampaignMember>> {
    return campaignPage(ctx, MEMBERS, campaign.id, args);
  }

  @FieldResolver(() => CampaignExclusionConnection, { description: 'Contacts left out when adding members, with the reason; oldest first.' })
  exclusions(@Ctx() ctx: RequestContext, @Root() campaign: CampaignEntity, @Args() args: CampaignPageArgs): Promise<ConnectionValue<CampaignExclusion>> {
    return campaignPage(ctx, EXCLUSIONS, campaign.id, args);
  }

  @FieldResolver(() => CampaignResponseConnection, { description: 'Responses, oldest first.' })
  responses(@Ctx() ctx: RequestContext, @Root() campaign: CampaignEntity, @Args() args: CampaignPageArgs): Promise<ConnectionValue<CampaignResponse>> {
    return campaignPage(ctx, RESPONSES, campaign.id, args);
  }
}

const contactOf = (ctx: RequestContext, row: { contactId: string | null }): Promise<ContactEntity | null> | null => (row.contactId ? contactById(ctx).load(row.contactId) : null);

@Resolver(() => CampaignMember)
export class CampaignMemberResolver {
  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      'Whether the member may be reached now on the campaign’s channel for its purpose (consent, opt-outs, restriction, erasure, death, an address, the preferred channel): a sending tool must skip those who may not. Null when the contact is outside what your role sees.',
  })
  async reachable(@Ctx() ctx: RequestContext, @Root() member: CampaignMember): Promise<boolean | null> {
    const reach = await memberReach(ctx).load(member);
    return reach === null ? null : reach === 'REACHABLE';
  }

  @FieldResolver(() => CampaignExclusionReason, { nullable: true, description: 'Why the member may not be reached now; null when they may (or are outside what your role sees).' })
  async blockedBy(@Ctx() ctx: RequestContext, @Root() member: CampaignMember): Promise<CampaignExclusionReason | null> {
    const reach = await memberReach(ctx).load(member);
    return reach === 'REACHABLE' ? null : reach;
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'The contact; null when outside what your role sees.' })
  contact(@Ctx() ctx: RequestContext, @Root() member: CampaignMember): Promise<ContactEntity | null> | null {
    return contactOf(ctx, member);
  }
}

@Resolver(() => CampaignExclusion)
export class CampaignExclusionResolver {
  @FieldResolver(() => Contact, { nullable: true, description: 'The contact left out; null when outside what your role sees.' })
  contact(@Ctx() ctx: RequestContext, @Root() exclusion: CampaignExclusion): Promise<ContactEntity | null> | null {
    return contactOf(ctx, exclusion);
  }
}

@Resolver(() => CampaignResponse)
export class CampaignResponseResolver {
  @FieldResolver(() => Contact, { nullable: true, description: 'The member who responded; null for a lead’s response or outside what your role sees.' })
  contact(@Ctx() ctx: RequestContext, @Root() response: CampaignResponse): Promise<ContactEntity | null> | null {
    return contactOf(ctx, response);
  }

  @FieldResolver(() => Lead, { nullable: true, description: 'The lead who responded; null for a member’s response or outside what your role sees.' })
  lead(@Ctx() ctx: RequestContext, @Root() response: CampaignResponse): Promise<LeadEntity | null> | null {
    return response.leadId ? leadById(ctx).load(response.leadId) : null;
  }
}
