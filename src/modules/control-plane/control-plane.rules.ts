import { RuleMap, isPlatformAdmin, isTenantAdmin, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';

export const controlPlaneRules: RuleMap = {
  Query: { tenants: isPlatformAdmin, tenant: isPlatformAdmin, apiKeys: isTenantAdmin },
  Mutation: { provisionTenant: isPlatformAdmin, createApiKey: isTenantAdmin, revokeApiKey: isTenantAdmin },
  ...wholeTypes(
    reachableOnlyThroughGuardedFields,
    'Tenant',
    'TenantConnection',
    'TenantEdge',
    'ProvisionTenantPayload',
    'ApiKey',
    'CreateApiKeyPayload',
    'RevokeApiKeyPayload',
  ),
};
