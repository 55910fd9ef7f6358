/**
 * What a request may do, computed once per request before any resolver runs, so shield rules and
 * services read cheap lookups. A workspace caller's permissions come from its role: built-in roles
 * from code, custom roles (and the user's current role and status) from the tenant's schema, read
 * in the operation's own transaction, so a change to a role or user applies on the next request.
 */
import { QueryRunner } from 'typeorm';
import { queryOne } from '../db/sql';
import { DomainError } from '../graphql/errors';
import { Principal, TenantPrincipal } from './principal';
import {
  Grants,
  NO_GRANT,
  ObjectGrant,
  Operation,
  PersonalAccess,
  RecordScope,
  RoleDefinition,
  builtInRole,
  crmObjectType,
  isBuiltInRole,
} from './role-model';

export interface Permissions {
  readonly platform: boolean;
  readonly reseller: boolean;
  /** Administers the workspace (users, roles, keys, configuration). */
  readonly tenantAdmin: boolean;
  /** The user the credential acts for: "own" and "team" record scopes are relative to them. */
  readonly userId: string | null;
  /** The role's key, for `whoami` and audit. */
  readonly roleKey: string | null;
  can(operation: Operation, objectType: string): boolean;
  read(objectType: string): boolean;
  /** Which records of the type the caller sees. */
  scope(objectType: string): RecordScope;
  /** May read personal fields of this object type unmasked. */
  personal(objectType: string): boolean;
  personalAccess(objectType: string): PersonalAccess;
}

const noGrants = (): ObjectGrant => NO_GRANT;

function permissionsFrom(flags: { platform?: boolean; reseller?: boolean }, role: RoleDefinition | null, userId: string | null, readOnly: boolean): Permissions {
  const grantOf = (type: string): ObjectGrant => role?.grants[type] ?? noGrants();
  return {
    platform: !!flags.platform,
    reseller: !!flags.reseller,
    tenantAdmin: !!role?.administersWorkspace && !readOnly,
    userId,
    roleKey: role?.key ?? null,
    can: (operation, type) => (operation === 'read' || !readOnly) && grantOf(type)[operation],
    read: (type) => grantOf(type).read,
    scope: (type) => grantOf(type).scope,
    personal: (type) => grantOf(type).read && grantOf(type).personal === 'full',
    personalAccess: (type) => (grantOf(type).read ? grantOf(type).personal : 'none'),
  };
}

export const NO_PERMISSIONS = permissionsFrom({}, null, null, true);

/**
 * Permissions known from the credential alone, or null when the tenant's schema must be read
 * (a signed-in user, a key acting for a user, a custom role).
 */
export function staticPermissions(principal: Principal): Permissions | null {
  switch (principal.kind) {
    case 'anonymous':
      return NO_PERMISSIONS;
    case 'platform':
      // The platform operates tenants through the control plane; it reads no tenant's CRM data.
      return permissionsFrom({ platform: true }, null, null, true);
    case 'reseller':
      return permissionsFrom({ reseller: true }, null, null, true);
    case 'tenant': {
      const { credential } = principal;
      if (credential.type === 'api_key' && !credential.userId && isBuiltInRole(credential.roleKey)) {
        return permissionsFrom({}, builtInRole(credential.roleKey), null, credential.readOnly);
      }
      return null;
    }
  }
}

/** A `roles` row as row_to_json gives it. */
export interface StoredRole {
  key: string;
  name: string;
  description: string | null;
  administers_workspace: boolean;
  grants: Grants;
  version: number;
}

interface AccessRow {
  userStatus: string | null;
  roleKey: string | null;
  customRole: StoredRole | null;
  sessionLive: boolean;
}

const revoked = (message: string) => new DomainError('UNAUTHENTICATED', message, { http: { status: 401 } });

/** Reads the user's status, session and role in one statement of the operation's transaction. */
export async function loadPermissions(principal: TenantPrincipal, db: QueryRunner): Promise<Permissions> {
  const { credential } = principal;
  const keyRole = credential.type === 'api_key' ? credential.roleKey : null;
  const row = (await queryOne<AccessRow>(
    db,
    `SELECT u.status AS "userStatus", coalesce(arg.role_key, u.role_key) AS "roleKey",
            (SELECT row_to_json(r) FROM roles r WHERE r.key = coalesce(arg.role_key, u.role_key)) AS "customRole",
            (s.id IS NOT NULL AND s.revoked_at IS NULL AND s.expires_at > now()) AS "sessionLive"
       FROM (SELECT $1::uuid AS user_id, $2::text AS role_key, $3::uuid AS session_id) arg
       LEFT JOIN users u ON u.id = arg.user_id
       LEFT JOIN user_sessions s ON s.id = arg.session_id AND s.user_id = u.id`,
    [credential.userId, keyRole, credential.type === 'session' ? credential.sessionId : null],
  ))!;
  if (credential.userId && row.userStatus !== 'active') throw revoked('The user behind this credential is not active in the workspace');
  if (credential.type === 'session' && !row.sessionLive) throw revoked('The session has ended; sign in again');
  const role = row.roleKey ? roleDefinition(row.roleKey, row.customRole) : null;
  return permissionsFrom({}, role, credential.userId, credential.type === 'api_key' && credential.readOnly);
}

/** The role a key names: built-in from code, custom from its stored row; null when it does not exist. */
export function roleDefinition(key: string, custom: StoredRole | null): RoleDefinition | null {
  if (isBuiltInRole(key)) return builtInRole(key);
  if (!custom) return null;
  return {
    key,
    name: custom.name,
    description: custom.description,
    builtIn: false,
    administersWorkspace: custom.administers_workspace,
    grants: sanitizeGrants(custom.grants),
    version: custom.version,
  };
}

/** Stored grants as the current code understands them: unknown object types dropped, scope "all" where records have no owner. */
export function sanitizeGrants(stored: Grants): Grants {
  const grants: Grants = {};
  for (const [type, g] of Object.entries(stored ?? {})) {
    const objectType = crmObjectType(type);
    if (!objectType) continue;
    const allowed = (op: Operation) => objectType.operations.includes(op) && g[op] === true;
    grants[type] = {
      create: allowed('create'),
      read: allowed('read'),
      update: allowed('update'),
      delete: allowed('delete'),
      scope: objectType.owned ? g.scope : 'all',
      personal: g.personal,
    };
  }
  return grants;
}
