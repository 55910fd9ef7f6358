import { registerNodeType } from '../../graphql/node';
import { ModulePart } from '../module';
import { serviceCaseById } from './cases.loaders';
import { AccountServiceCasesResolver, EntitlementServiceCasesResolver, ServiceCaseResolver } from './cases.resolver';
import { serviceCaseRules } from './cases.rules';

registerNodeType({ typeName: 'ServiceCase', load: (ctx, uuid) => serviceCaseById(ctx).load(uuid) });

/** Service cases: logged, matched to an entitlement, worked through their statuses against SLA milestones. */
export const casesPart: ModulePart = { resolvers: [ServiceCaseResolver, AccountServiceCasesResolver, EntitlementServiceCasesResolver], rules: serviceCaseRules };
