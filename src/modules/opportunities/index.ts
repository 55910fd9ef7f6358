import { registerNodeType } from '../../graphql/node';
import { registerPicklistUsage, registerUsage } from '../configuration';
import { ModuleManifest } from '../module';
import './opportunities.access';
import { OpportunityEntity, OpportunityStageHistoryEntity } from './opportunities.entity';
import { opportunityById } from './opportunities.loaders';
import { AccountOpportunitiesResolver, OpportunityResolver, StageHistoryEntryResolver } from './opportunities.resolver';
import { opportunityRules } from './opportunities.rules';

/** For other modules (lead conversion, line items, forecasts, activities). */
export { Opportunity, OpportunityConnection, OpportunityStatus } from './opportunities.types';
export { OpportunityEntity } from './opportunities.entity';
export { opportunityById } from './opportunities.loaders';
export { opportunitySpec } from './opportunities.spec';
export { insertOpportunity, setOpportunityAmount } from './opportunities.writes';
export type { NewOpportunity } from './opportunities.writes';

registerNodeType({ typeName: 'Opportunity', load: (ctx, uuid) => opportunityById(ctx).load(uuid) });

// Deleting a stage in use moves its opportunities (and their history entries) to the replacement.
registerUsage('PipelineStage', { table: 'opportunities', column: 'stage_id' });
registerUsage('PipelineStage', { table: 'opportunity_stage_history', column: 'to_stage_id', versioned: false });
registerUsage('PipelineStage', { table: 'opportunity_stage_history', column: 'from_stage_id', versioned: false });
registerUsage('Territory', { table: 'opportunities', column: 'territory_id' });
registerPicklistUsage('lead_source', { table: 'opportunities', column: 'lead_source' });
registerPicklistUsage('loss_reason', { table: 'opportunities', column: 'loss_reason' });

export const opportunitiesModule: ModuleManifest = {
  name: 'opportunities',
  entities: [OpportunityEntity, OpportunityStageHistoryEntity],
  resolvers: [OpportunityResolver, AccountOpportunitiesResolver, StageHistoryEntryResolver],
  rules: opportunityRules,
};
