import { RuleMap, isTenantAdmin, isTenantUser, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';

export const customFieldRules: RuleMap = {
  // Definitions describe the API of the workspace's records: any workspace credential reads them.
  Query: { customFieldDefinitions: isTenantUser },
  Mutation: {
    createCustomFieldDefinition: isTenantAdmin,
    updateCustomFieldDefinition: isTenantAdmin,
    deleteCustomFieldDefinition: isTenantAdmin,
  },
  CustomFieldDefinition: { '*': isTenantUser },
  ...wholeTypes(reachableOnlyThroughGuardedFields, 'CreateCustomFieldDefinitionPayload', 'UpdateCustomFieldDefinitionPayload', 'DeleteCustomFieldDefinitionPayload'),
};
