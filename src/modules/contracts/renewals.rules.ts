import { RuleMap, allOf, canCreate, canRead, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';

export const renewalRules: RuleMap = {
  Query: { expiringContracts: canRead('Contract') },
  // A renewal creates a contract from one the caller can read (its scope is checked in the service).
  Mutation: { renewContract: allOf(canCreate('Contract'), canRead('Contract')) },
  ...wholeTypes(reachableOnlyThroughGuardedFields, 'RenewContractPayload'),
};
