/**
 * Marketing: saved segments of accounts and contacts, and campaigns that reach their members only
 * through the channel and purpose they agreed to, with responses and attributed leads and deals.
 */
import { mergeRules } from '../../graphql/shield';
import { ModuleManifest, ModulePart } from '../module';
import { CampaignEntity } from './campaigns.entity';
import { campaignsPart } from './campaigns.part';
import './marketing.access';
import { SegmentEntity } from './segments.entity';
import { segmentsPart } from './segments.part';

const parts: ModulePart[] = [segmentsPart, campaignsPart];

export const marketingModule: ModuleManifest = {
  name: 'marketing',
  entities: [SegmentEntity, CampaignEntity],
  resolvers: parts.flatMap((p) => p.resolvers),
  rules: mergeRules(parts.map((p) => p.rules)),
};
