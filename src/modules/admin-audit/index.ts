import { RuleMap, isTenantAdmin, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';
import { ModuleManifest } from '../module';
import { AdminAuditResolver } from './admin-audit.resolver';

export { recordAdminChange } from './admin-audit.service';
export type { AdminChange } from './admin-audit.service';

const rules: RuleMap = {
  Query: { adminAuditLog: isTenantAdmin },
  ...wholeTypes(reachableOnlyThroughGuardedFields, 'AdminAuditEntry', 'AdminAuditConnection', 'AdminAuditEdge'),
};

/** The workspace's audit trail of configuration and permission changes (admins only). */
export const adminAuditModule: ModuleManifest = { name: 'admin-audit', entities: [], resolvers: [AdminAuditResolver], rules };
