/**
 * Custom roles: created, changed and deleted by workspace admins, every change audited. Built-in
 * roles are code and read-only. Names and keys never collide with built-in roles, and the
 * workspace never loses its last active admin through a role change.
 */
import { QueryRunner } from 'typeorm';
import { queryOne, queryRows } from '../../db/sql';
import { UserError, UserErrorCode, failure, staleVersion, userError } from '../../graphql/user-errors';
import { StoredRole, roleDefinition } from '../../tenancy/permissions';
import { RequestContext, tenantOf } from '../../tenancy/request-context';
import { BUILT_IN_ROLES, BUILT_IN_ROLE_KEYS, Grants, RoleDefinition, builtInRoles, crmObjectType, crmObjectTypes, isBuiltInRole } from '../../tenancy/role-model';
import { recordAdminChange } from '../admin-audit';
import { runMutation } from '../records/mutation';
import { CreateRoleInput, DeleteRoleInput, DeleteRolePayload, ObjectGrantInput, Role, RoleObjectType, RolePayload, UpdateRoleInput } from './roles.types';
import { roleView } from './roles.view';

const KEY = /^[a-z][a-z0-9_]{1,39}$/;
const ROLE_ROW = 'SELECT row_to_json(r) AS role FROM roles r';

/** "Sales Rep", "sales-rep" and "SALES_REP" all normalise to sales_rep. */
const normalise = (text: string) =>
  text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

const RESERVED = new Set([...BUILT_IN_ROLE_KEYS, ...Object.values(BUILT_IN_ROLES).map((r) => normalise(r.name)), 'member', 'owner', 'system']);

export async function findRole(db: QueryRunner, key: string): Promise<RoleDefinition | null> {
  return (await rolesByKeys(db, [key]))[0];
}

export async function listRoles(db: QueryRunner): Promise<Role[]> {
  const custom = await queryRows<{ role: StoredRole }>(db, `${ROLE_ROW} ORDER BY lower(r.name), r.key`);
  return [...builtInRoles(), ...custom.map((r) => roleDefinition(r.role.key, r.role)!)].map(roleView);
}

export const roleObjectTypes = (): RoleObjectType[] =>
  crmObjectTypes().map((t) => ({ name: t.typeName, operations: [...t.operations], ownedRecords: t.owned }));

/** Grants from the input, applied over `base`; problems point at the input entry. */
function mergeGrants(base: Grants, inputs: ObjectGrantInput[] | null | undefined): { grants: Grants; errors: UserError[] } {
  const grants: Grants = { ...base };
  const errors: UserError[] = [];
  const seen = new Set<string>();
  (inputs ?? []).forEach((g, i) => {
    const field = ['input', 'grants', String(i), 'objectType'];
    const objectType = crmObjectType(g.objectType);
    if (!objectType) {
      const known = crmObjectTypes().map((t) => t.typeName).join(', ');
      errors.push(userError(field, `"${g.objectType}" is not an object type roles grant (${known})`, UserErrorCode.INVALID));
      return;
    }
    if (seen.has(g.objectType)) errors.push(userError(field, `${g.objectType} is listed twice`, UserErrorCode.DUPLICATE));
    seen.add(g.objectType);
    for (const op of ['create', 'update', 'delete'] as const) {
      if (g[op] && !objectType.operations.includes(op)) {
        errors.push(userError(['input', 'grants', String(i), op], `${g.objectType} records cannot be granted "${op}" through a role`, UserErrorCode.INVALID));
      }
    }
    grants[g.objectType] = {
      create: g.create,
      read: g.read,
      update: g.update,
      delete: g.delete,
      scope: objectType.owned ? g.recordScope : 'all',
      personal: g.personalData,
    };
  });
  return { grants, errors };
}

async function nameProblem(db: QueryRunner, name: string, exceptKey: string | null): Promise<UserError | null> {
  if (RESERVED.has(normalise(name))) return userError(['input', 'name'], `"${name}" is the name of a built-in role; choose another`, UserErrorCode.DUPLICATE);
  const taken = await queryOne(db, 'SELECT 1 FROM roles WHERE lower(name) = lower($1) AND key IS DISTINCT FROM $2', [name, exceptKey]);
  return taken ? userError(['input', 'name'], `A role named "${name}" already exists`, UserErrorCode.DUPLICATE) : null;
}

/** Active users whose role administers the workspace, leaving out one role or one user. */
export async function activeAdminCount(db: QueryRunner, except: { roleKey?: string; userId?: string } = {}): Promise<number> {
  const row = await queryOne<{ count: number }>(
    db,
    `SELECT count(*)::int AS count FROM users u LEFT JOIN roles r ON r.key = u.role_key
      WHERE u.status = 'active' AND (u.role_key = 'admin' OR coalesce(r.administers_workspace, false))
        AND u.role_key IS DISTINCT FROM $1 AND u.id IS DISTINCT FROM $2`,
    [except.roleKey ?? null, except.userId ?? null],
  );
  return row!.count;
}

export function createRole(ctx: RequestContext, input: CreateRoleInput): Promise<RolePayload> {
  return runMutation<RolePayload>(ctx, input, async (db) => {
    const name = input.name.trim();
    if (!name) return failure(userError(['input', 'name'], 'A role needs a name', UserErrorCode.REQUIRED));
    // The name first: a key derived from a built-in's name is the name's collision, not the key's.
    const nameError = await nameProblem(db, name, null);
    if (nameError) return failure(nameError);
    const key = input.key ?? normalise(name);
    if (RESERVED.has(normalise(key))) return failure(userError(['input', 'key'], `"${key}" is reserved for a built-in role`, UserErrorCode.DUPLICATE));
    if (!KEY.test(key)) {
      return failure(userError(['input', 'key'], `"${key}" is not a valid role key: 2–40 lower-case letters, digits and underscores, starting with a letter`, UserErrorCode.INVALID));
    }
    if (await queryOne(db, 'SELECT 1 FROM roles WHERE key = $1', [key])) return failure(userError(['input', 'key'], `A role with key "${key}" already exists`, UserErrorCode.DUPLICATE));
    const base = input.basedOn ? await findRole(db, input.basedOn) : null;
    if (input.basedOn && !base) return failure(userError(['input', 'basedOn'], `There is no role "${input.basedOn}"`, UserErrorCode.NOT_FOUND));
    const merged = mergeGrants(base?.grants ?? {}, input.grants);
    if (merged.errors.length) return failure(...merged.errors);
    const row = await queryOne<{ role: StoredRole }>(
      db,
      `WITH r AS (INSERT INTO roles (key, name, description, administers_workspace, grants) VALUES ($1, $2, $3, $4, $5) RETURNING *) SELECT row_to_json(r) AS role FROM r`,
      [key, name, input.description ?? null, input.administersWorkspace, JSON.stringify(merged.grants)],
    );
    const role = roleDefinition(key, row!.role)!;
    await recordAdminChange(ctx, db, { action: 'role.create', targetType: 'Role', targetId: key, before: null, after: auditRole(role) });
    return { role: roleView(role), userErrors: [] };
  });
}

export function updateRole(ctx: RequestContext, input: UpdateRoleInput): Promise<RolePayload> {
  return runMutation<RolePayload>(ctx, input, async (db) => {
    const locked = await lockCustomRole(db, input.key);
    if ('error' in locked) return failure(locked.error);
    const before = locked.role;
    const conflict = staleVersion('The role', input.expectedVersion, before.version);
    if (conflict) return failure(conflict);
    const name = input.name?.trim() || before.name;
    const nameError = name === before.name ? null : await nameProblem(db, name, before.key);
    if (nameError) return failure(nameError);
    const merged = mergeGrants(before.grants, input.grants);
    if (merged.errors.length) return failure(...merged.errors);
    const administers = input.administersWorkspace ?? before.administersWorkspace;
    if (before.administersWorkspace && !administers && (await losesLastAdmin(db, { roleKey: before.key }))) {
      return failure(userError(['input', 'administersWorkspace'], 'The workspace would have no active admin left; give another user an admin role first', UserErrorCode.INVALID_STATE));
    }
    const row = await queryOne<{ role: StoredRole }>(
      db,
      `WITH r AS (UPDATE roles SET name = $2, description = $3, administers_workspace = $4, grants = $5, version = version + 1, updated_at = now()
                   WHERE key = $1 RETURNING *) SELECT row_to_json(r) AS role FROM r`,
      [before.key, name, input.description === undefined ? before.description : input.description, administers, JSON.stringify(merged.grants)],
    );
    const role = roleDefinition(before.key, row!.role)!;
    await recordAdminChange(ctx, db, { action: 'role.update', targetType: 'Role', targetId: role.key, before: auditRole(before), after: auditRole(role) });
    return { role: roleView(role), userErrors: [] };
  });
}

export function deleteRole(ctx: RequestContext, input: DeleteRoleInput): Promise<DeleteRolePayload> {
  return runMutation<DeleteRolePayload>(ctx, input, async (db) => {
    const locked = await lockCustomRole(db, input.key);
    if ('error' in locked) return failure(locked.error);
    const { role } = locked;
    const keys = await queryOne<{ count: number }>(
      ctx.dataSource,
      'SELECT count(*)::int AS count FROM control.api_keys WHERE tenant_id = $1 AND role = $2 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())',
      [tenantOf(ctx).tenant.id, role.key],
    );
    if (keys!.count) return failure(userError(['input', 'key'], `${keys!.count} API key(s) work with this role; revoke them first`, UserErrorCode.INVALID_STATE));
    const users = (await queryOne<{ count: number }>(db, 'SELECT count(*)::int AS count FROM users WHERE role_key = $1', [role.key]))!.count;
    let reassigned = 0;
    if (users) {
      if (!input.reassignUsersTo) return failure(userError(['input', 'reassignUsersTo'], `${users} user(s) have this role; name the role they get instead`, UserErrorCode.REQUIRED));
      const target = input.reassignUsersTo === role.key ? null : await findRole(db, input.reassignUsersTo);
      if (!target) return failure(userError(['input', 'reassignUsersTo'], `There is no other role "${input.reassignUsersTo}"`, UserErrorCode.NOT_FOUND));
      if (role.administersWorkspace && !target.administersWorkspace && (await losesLastAdmin(db, { roleKey: role.key }))) {
        return failure(userError(['input', 'reassignUsersTo'], 'The workspace would have no active admin left', UserErrorCode.INVALID_STATE));
      }
      reassigned = (await queryRows(db, 'UPDATE users SET role_key = $2, version = version + 1, updated_at = now() WHERE role_key = $1 RETURNING id', [role.key, target.key])).length;
    }
    await db.query('DELETE FROM roles WHERE key = $1', [role.key]);
    await recordAdminChange(ctx, db, { action: 'role.delete', targetType: 'Role', targetId: role.key, before: auditRole(role), after: reassigned ? { reassignedUsersTo: input.reassignUsersTo, users: reassigned } : null });
    return { deletedRoleKey: role.key, reassignedUsers: reassigned, userErrors: [] };
  });
}

/**
 * Whether leaving out a role (or user) would take the last active admin, where there was one.
 * Locks the users table first, so two changes that each leave one admin cannot both pass.
 */
export async function losesLastAdmin(db: QueryRunner, except: { roleKey?: string; userId?: string }): Promise<boolean> {
  await db.query('LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE');
  return (await activeAdminCount(db)) > 0 && (await activeAdminCount(db, except)) === 0;
}

async function lockCustomRole(db: QueryRunner, key: string): Promise<{ role: RoleDefinition } | { error: UserError }> {
  if (isBuiltInRole(key)) return { error: userError(['input', 'key'], `"${key}" is a built-in role and cannot be changed; create a custom role based on it`, UserErrorCode.INVALID_STATE) };
  const row = await queryOne<{ role: StoredRole }>(db, `${ROLE_ROW} WHERE r.key = $1 FOR UPDATE`, [key]);
  return row ? { role: roleDefinition(key, row.role)! } : { error: userError(['input', 'key'], `There is no custom role "${key}"`, UserErrorCode.NOT_FOUND) };
}

const auditRole = (role: RoleDefinition) => ({
  key: role.key,
  name: role.name,
  description: role.description,
  administersWorkspace: role.administersWorkspace,
  grants: role.grants,
  version: role.version,
});

/** Roles by key for many users at once: built-in ones from code, custom ones in one statement. */
export async function rolesByKeys(db: QueryRunner, keys: readonly string[]): Promise<(RoleDefinition | null)[]> {
  const custom = keys.filter((key) => !isBuiltInRole(key));
  const rows = custom.length ? await queryRows<{ role: StoredRole }>(db, `${ROLE_ROW} WHERE r.key = ANY($1::text[])`, [custom]) : [];
  const stored = new Map(rows.map((r) => [r.role.key, r.role]));
  return keys.map((key) => roleDefinition(key, stored.get(key) ?? null));
}
