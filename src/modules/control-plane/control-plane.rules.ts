import { or } from 'graphql-shield';
import { RuleMap, isPlatformAdmin, isReseller, isTenantAdmin, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';

/** Platform admins and resellers operate workspaces; the services scope resellers to their own. */
const operatesTenants = or(isPlatformAdmin, isReseller);

export const controlPlaneRules: RuleMap = {
  Query: {
    tenants: operatesTenants,
    tenant: operatesTenants,
    tenantUsage: operatesTenants,
    resellerUsage: operatesTenants,
    auditLog: operatesTenants,
    plans: operatesTenants,
    resellers: isPlatformAdmin,
    apiKeys: isTenantAdmin,
  },
  Mutation: {
    provisionTenant: operatesTenants,
    changeTenantPlan: operatesTenants,
    suspendTenant: operatesTenants,
    resumeTenant: operatesTenants,
    scheduleTenantDeletion: operatesTenants,
    cancelTenantDeletion: operatesTenants,
    purgeDueTenants: isPlatformAdmin,
    createReseller: isPlatformAdmin,
    createResellerApiKey: isPlatformAdmin,
    upsertPlan: isPlatformAdmin,
    createApiKey: isTenantAdmin,
    revokeApiKey: isTenantAdmin,
  },
  ...wholeTypes(
    reachableOnlyThroughGuardedFields,
    'Tenant',
    'WorkspaceSettings',
    'TenantConnection',
    'TenantEdge',
    'Plan',
    'Reseller',
    'UsageDay',
    'ResellerUsage',
    'AuditEntry',
    'AuditEntryConnection',
    'AuditEntryEdge',
    'ProvisionTenantPayload',
    'ChangeTenantPlanPayload',
    'SuspendTenantPayload',
    'ResumeTenantPayload',
    'ScheduleTenantDeletionPayload',
    'CancelTenantDeletionPayload',
    'PurgeDueTenantsPayload',
    'CreateResellerPayload',
    'CreateResellerApiKeyPayload',
    'UpsertPlanPayload',
    'ApiKey',
    'CreateApiKeyPayload',
    'RevokeApiKeyPayload',
  ),
};
