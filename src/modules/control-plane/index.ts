import { ModuleManifest } from '../module';
import { ApiKeyResolver } from './api-keys.resolver';
import { controlPlaneRules } from './control-plane.rules';
import { AuditEntryResolver, ResellerResolver, ResellerUsageResolver, TenantResolver } from './tenants.resolver';

/**
 * The control plane through GraphQL: workspaces and their lifecycle, plans, resellers, usage,
 * audit, and a workspace's own API keys. Data lives in the control schema, not in CRM tables.
 */
export const controlPlaneModule: ModuleManifest = {
  name: 'control-plane',
  entities: [],
  resolvers: [TenantResolver, ResellerResolver, ResellerUsageResolver, AuditEntryResolver, ApiKeyResolver],
  rules: controlPlaneRules,
};
