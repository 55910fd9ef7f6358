import { RuleMap, canRead, canUpdate, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';

/** Entitlements are terms of their contract: reading and changing them is reading and updating the contract. */
export const entitlementRules: RuleMap = {
  Mutation: {
    addEntitlement: canUpdate('Contract'),
    updateEntitlement: canUpdate('Contract'),
    removeEntitlement: canUpdate('Contract'),
  },
  Entitlement: { '*': canRead('Contract'), coveredProducts: canRead('Product') },
  Contract: { entitlements: canRead('Contract') },
  ...wholeTypes(reachableOnlyThroughGuardedFields, 'AddEntitlementPayload', 'UpdateEntitlementPayload', 'RemoveEntitlementPayload'),
};
