import { RuleMap, canCreate, canDelete, canRead, canUpdate, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';

export const serviceCaseRules: RuleMap = {
  Query: { serviceCases: canRead('ServiceCase'), serviceCase: canRead('ServiceCase') },
  Mutation: {
    createServiceCase: canCreate('ServiceCase'),
    updateServiceCase: canUpdate('ServiceCase'),
    respondToServiceCase: canUpdate('ServiceCase'),
    changeServiceCaseStatus: canUpdate('ServiceCase'),
    deleteServiceCase: canDelete('ServiceCase'),
    restoreServiceCase: canDelete('ServiceCase'),
  },
  // Personal fields (supplied name, e-mail, phone) additionally need the personal permission (derived from @PersonalField).
  // References need the referenced type's read; an entitlement goes with its contract.
  ServiceCase: {
    '*': canRead('ServiceCase'),
    account: canRead('Account'),
    contact: canRead('Contact'),
    owner: canRead('User'),
    product: canRead('Product'),
    entitlement: canRead('Contract'),
  },
  CaseMilestone: { '*': canRead('ServiceCase') },
  Account: { serviceCases: canRead('ServiceCase') },
  Entitlement: { serviceCases: canRead('ServiceCase') },
  ...wholeTypes(
    reachableOnlyThroughGuardedFields,
    'ServiceCaseConnection',
    'ServiceCaseEdge',
    'CreateServiceCasePayload',
    'UpdateServiceCasePayload',
    'RespondToServiceCasePayload',
    'ChangeServiceCaseStatusPayload',
    'DeleteServiceCasePayload',
    'RestoreServiceCasePayload',
  ),
};
