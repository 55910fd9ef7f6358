/** The campaign a lead or opportunity is attributed to, as a field of each (read under the Campaign grants). */
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../tenancy/request-context';
import { Lead } from '../leads';
import type { LeadEntity } from '../leads';
import { Opportunity } from '../opportunities';
import type { OpportunityEntity } from '../opportunities';
import type { CampaignEntity } from './campaigns.entity';
import { campaignById } from './campaigns.service';
import { Campaign } from './campaigns.types';

const PRIMARY_CAMPAIGN = { nullable: true, description: 'The campaign it is attributed to (primaryCampaignId); null without one or when deleted.' };

const campaignOf = (ctx: RequestContext, campaignId: string | null): Promise<CampaignEntity | null> | null => (campaignId ? campaignById(ctx).load(campaignId) : null);

@Resolver(() => Lead)
export class LeadCampaignResolver {
  @FieldResolver(() => Campaign, PRIMARY_CAMPAIGN)
  primaryCampaign(@Ctx() ctx: RequestContext, @Root() lead: LeadEntity): Promise<CampaignEntity | null> | null {
    return campaignOf(ctx, lead.campaignId);
  }
}

@Resolver(() => Opportunity)
export class OpportunityCampaignResolver {
  @FieldResolver(() => Campaign, PRIMARY_CAMPAIGN)
  primaryCampaign(@Ctx() ctx: RequestContext, @Root() opportunity: OpportunityEntity): Promise<CampaignEntity | null> | null {
    return campaignOf(ctx, opportunity.campaignId);
  }
}
