import { registerNodeType } from '../../graphql/node';
import { registerPicklistUsage } from '../configuration';
import { ModuleManifest } from '../module';
import './leads.access';
import { LeadEntity } from './leads.entity';
import { leadById } from './leads.loaders';
import { LeadDuplicatesResolver, LeadResolver } from './leads.resolver';
import { leadRules } from './leads.rules';

export { Lead, LeadStatus } from './leads.types';
export { LeadEntity } from './leads.entity';
export { leadById } from './leads.loaders';
export { leadSpec } from './leads.spec';

registerNodeType({ typeName: 'Lead', load: (ctx, uuid) => leadById(ctx).load(uuid) });

registerPicklistUsage('lead_source', { table: 'leads', column: 'source' });

export const leadsModule: ModuleManifest = {
  name: 'leads',
  entities: [LeadEntity],
  resolvers: [LeadResolver, LeadDuplicatesResolver],
  rules: leadRules,
};
