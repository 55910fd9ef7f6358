import { RuleMap, isAuthenticated, isTenantUser, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';

export const coreRules: RuleMap = {
  Query: { viewer: isAuthenticated, node: isTenantUser, nodes: isTenantUser },
  ...wholeTypes(reachableOnlyThroughGuardedFields, 'Viewer', 'Workspace', 'PageInfo', 'UserError', 'Money', 'Address'),
};
