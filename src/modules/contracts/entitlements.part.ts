import { registerNodeType } from '../../graphql/node';
import { registerUsage } from '../configuration';
import { ModulePart } from '../module';
import { entitlementById } from './entitlements.loaders';
import { ContractEntitlementsResolver, EntitlementResolver } from './entitlements.resolver';
import { entitlementRules } from './entitlements.rules';

registerNodeType({ typeName: 'Entitlement', load: (ctx, uuid) => entitlementById(ctx).load(uuid) });

// A territory whose calendar an entitlement uses cannot be deleted from under it.
registerUsage('Territory', { table: 'entitlements', column: 'territory_id' });

/** Entitlements: the service levels a contract grants, which service cases are matched to. */
export const entitlementsPart: ModulePart = { resolvers: [EntitlementResolver, ContractEntitlementsResolver], rules: entitlementRules };
