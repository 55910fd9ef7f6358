import { RoleDefinition } from '../../tenancy/role-model';
import { PersonalDataAccessValue, RecordScopeValue, Role } from './roles.types';

export const roleView = (role: RoleDefinition): Role => ({
  key: role.key,
  name: role.name,
  description: role.description,
  builtIn: role.builtIn,
  administersWorkspace: role.administersWorkspace,
  version: role.version,
  grants: Object.entries(role.grants)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([objectType, g]) => ({
      objectType,
      create: g.create,
      read: g.read,
      update: g.update,
      delete: g.delete,
      recordScope: g.scope as RecordScopeValue,
      personalData: g.personal as PersonalDataAccessValue,
    })),
});
