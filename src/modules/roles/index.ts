import { RuleMap, isTenantAdmin, isTenantUser, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';
import { ModuleManifest } from '../module';
import { RoleResolver } from './roles.resolver';

export { Role } from './roles.types';
export { roleView } from './roles.view';
export { findRole, losesLastAdmin } from './roles.service';
export { roleByKey } from './roles.loaders';

/** Roles are no secret inside the workspace (a user may see what roles exist); only admins change them. */
const rules: RuleMap = {
  Query: { roles: isTenantUser, role: isTenantUser, roleObjectTypes: isTenantUser },
  Mutation: { createRole: isTenantAdmin, updateRole: isTenantAdmin, deleteRole: isTenantAdmin },
  ...wholeTypes(reachableOnlyThroughGuardedFields, 'Role', 'ObjectGrant', 'RoleObjectType', 'RolePayload', 'DeleteRolePayload'),
};

export const rolesModule: ModuleManifest = { name: 'roles', entities: [], resolvers: [RoleResolver], rules };
