import { RuleMap, canRead, isTenantAdmin, isTenantUser, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';

export const userRules: RuleMap = {
  Query: { users: isTenantAdmin, me: isTenantUser },
  Mutation: { updateUser: isTenantAdmin, deactivateUser: isTenantAdmin, reactivateUser: isTenantAdmin },
  User: { '*': canRead('User') },
  ...wholeTypes(reachableOnlyThroughGuardedFields, 'UserConnection', 'UserEdge', 'UserPayload', 'InvitationPayload'),
};
