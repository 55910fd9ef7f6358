import { registerNodeType } from '../../graphql/node';
import { canCreate, canDelete, canRead, canUpdate, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';
import { ModulePart } from '../module';
import { LeadCampaignResolver, OpportunityCampaignResolver } from './attribution.resolver';
import { CampaignExclusionResolver, CampaignMemberResolver, CampaignResolver, CampaignResponseResolver } from './campaigns.resolver';
import { campaignById } from './campaigns.service';

registerNodeType({ typeName: 'Campaign', load: (ctx, uuid) => campaignById(ctx).load(uuid) });

/**
 * Campaigns under the Campaign grants. Adding members and recording responses change the campaign:
 * they need update. The people behind members, exclusions and responses are contacts and leads,
 * shown under those types' own grants (and personal-data rules).
 */
export const campaignsPart: ModulePart = {
  resolvers: [CampaignResolver, CampaignMemberResolver, CampaignExclusionResolver, CampaignResponseResolver, LeadCampaignResolver, OpportunityCampaignResolver],
  rules: {
    Query: { campaigns: canRead('Campaign'), campaign: canRead('Campaign') },
    Mutation: {
      createCampaign: canCreate('Campaign'),
      updateCampaign: canUpdate('Campaign'),
      deleteCampaign: canDelete('Campaign'),
      setCampaignSegments: canUpdate('Campaign'),
      addCampaignMembers: canUpdate('Campaign'),
      recordCampaignResponse: canUpdate('Campaign'),
    },
    Campaign: { '*': canRead('Campaign'), owner: canRead('User'), segments: canRead('Segment') },
    Lead: { primaryCampaign: canRead('Campaign') },
    Opportunity: { primaryCampaign: canRead('Campaign') },
    CampaignMember: { '*': canRead('Campaign'), contact: canRead('Contact'), reachable: canRead('Contact'), blockedBy: canRead('Contact') },
    CampaignExclusion: { '*': canRead('Campaign'), contact: canRead('Contact') },
    CampaignResponse: { '*': canRead('Campaign'), contact: canRead('Contact'), lead: canRead('Lead') },
    ...wholeTypes(
      reachableOnlyThroughGuardedFields,
      'CampaignConnection',
      'CampaignEdge',
      'CampaignMetrics',
      'CampaignMemberConnection',
      'CampaignMemberEdge',
      'CampaignExclusionConnection',
      'CampaignExclusionEdge',
      'CampaignResponseConnection',
      'CampaignResponseEdge',
      'CreateCampaignPayload',
      'UpdateCampaignPayload',
      'DeleteCampaignPayload',
      'SetCampaignSegmentsPayload',
      'AddCampaignMembersPayload',
      'RecordCampaignResponsePayload',
    ),
  },
};
