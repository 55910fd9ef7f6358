/**
 * Workspace admins manage users: list, rename, change role, deactivate (ends their sessions and
 * keys at once) and reactivate. The workspace never loses its last active admin this way.
 */
import { QueryRunner } from 'typeorm';
import { entitySql } from '../../db/entity-sql';
import { queryOne, queryRows } from '../../db/sql';
import { toGlobalId } from '../../graphql/global-id';
import { ConnectionValue } from '../../graphql/pagination';
import { UserError, UserErrorCode, failure, staleVersion, userError } from '../../graphql/user-errors';
import { revokeUserApiKeys } from '../../platform/api-keys';
import { RequestContext, tenantOf } from '../../tenancy/request-context';
import { recordAdminChange } from '../admin-audit';
import { runMutation } from '../records/mutation';
import { nameOrderedPage } from '../records/name-ordered-page';
import { inputRecordId } from '../records/references';
import { findRole, losesLastAdmin } from '../roles';
import { lockUsers, reserveSeat, syncSeatsAfterCommit } from './seats';
import { UserEntity } from './users.entity';
import { UpdateUserInput, UserPayload, UserStatusInput, UsersArgs } from './users.types';

export async function listUsers(ctx: RequestContext, args: UsersArgs): Promise<ConnectionValue<UserEntity>> {
  return nameOrderedPage<UserEntity>(ctx, { table: 'users', alias: 'u', selectList: entitySql(ctx.dataSource, UserEntity).selectList('u') }, args, (params) => [
    ...(args.status ? [`u.status = ${params.add(args.status)}`] : []),
    ...(args.role ? [`u.role_key = ${params.add(args.role)}`] : []),
  ]);
}

export const auditUser = (u: UserEntity) => ({ id: toGlobalId('User', u.id), email: u.email, name: u.name, role: u.roleKey, status: u.status, version: u.version });

export async function lockUser(db: QueryRunner, id: string): Promise<{ user: UserEntity } | { error: UserError }> {
  const target = inputRecordId(id, 'User');
  if (target.error) return { error: target.error };
  const user = await queryOne<UserEntity>(db, `SELECT ${entitySql(db.connection, UserEntity).selectList('u')} FROM users u WHERE u.id = $1 FOR UPDATE`, [target.uuid]);
  return user ? { user } : { error: userError(['input', 'id'], 'User not found', UserErrorCode.NOT_FOUND) };
}

async function writeUser(db: QueryRunner, id: string, set: string, values: unknown[]): Promise<UserEntity> {
  return (await queryOne<UserEntity>(
    db,
    `UPDATE users u SET ${set}, version = u.version + 1, updated_at = now() WHERE u.id = $1 RETURNING ${entitySql(db.connection, UserEntity).selectList('u')}`,
    [id, ...values],
  ))!;
}

const lastAdmin = (field: string) => userError(['input', field], 'The workspace would have no active admin left; make another user an admin first', UserErrorCode.INVALID_STATE);

export function updateUser(ctx: RequestContext, input: UpdateUserInput): Promise<UserPayload> {
  return runMutation<UserPayload>(ctx, input, async (db) => {
    const locked = await lockUser(db, input.id);
    if ('error' in locked) return failure(locked.error);
    const before = locked.user;
    const conflict = staleVersion('The user', input.expectedVersion, before.version);
    if (conflict) return failure(conflict);
    const name = input.name == null ? before.name : input.name.trim();
    if (!name) return failure(userError(['input', 'name'], 'The name must not be empty', UserErrorCode.REQUIRED));
    const role = input.role == null ? null : await findRole(db, input.role);
    if (input.role != null && !role) return failure(userError(['input', 'role'], `There is no role "${input.role}" in this workspace`, UserErrorCode.NOT_FOUND));
    if (role && !role.administersWorkspace) {
      // Two admins demoting or deactivating each other at once must not both pass the check.
      await lockUsers(db);
      if (await losesLastAdmin(db, { userId: before.id })) return failure(lastAdmin('role'));
    }
    const after = await writeUser(db, before.id, 'name = $2, role_key = $3', [name, role?.key ?? before.roleKey]);
    await recordAdminChange(ctx, db, { action: 'user.update', targetType: 'User', targetId: toGlobalId('User', before.id), before: auditUser(before), after: auditUser(after) });
    return { user: after, userErrors: [] };
  });
}

/** Deactivates a user: sessions and invitations end now, their API keys are revoked with the commit. */
export function deactivateUser(ctx: RequestContext, input: UserStatusInput): Promise<UserPayload> {
  return runMutation<UserPayload>(ctx, input, async (db) => {
    const locked = await lockUser(db, input.id);
    if ('error' in locked) return failure(locked.error);
    const before = locked.user;
    if (before.status === 'deactivated') return { user: before, userErrors: [] };
    await lockUsers(db);
    if (await losesLastAdmin(db, { userId: before.id })) return failure(lastAdmin('id'));
    const after = await writeUser(db, before.id, "status = 'deactivated', deactivated_at = now()", []);
    const sessions = await queryRows(db, "UPDATE user_sessions SET revoked_at = now(), revoked_reason = 'user_deactivated' WHERE user_id = $1 AND revoked_at IS NULL RETURNING id", [before.id]);
    await db.query('UPDATE user_invitations SET revoked_at = now() WHERE user_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL', [before.id]);
    await recordAdminChange(ctx, db, {
      action: 'user.deactivate',
      targetType: 'User',
      targetId: toGlobalId('User', before.id),
      before: auditUser(before),
      after: { ...auditUser(after), endedSessions: sessions.length },
    });
    await syncSeatsAfterCommit(ctx);
    // Keys acting for the user already stop working (the user is checked on every request); this makes it permanent.
    const tenantId = tenantOf(ctx).tenant.id;
    ctx.tx!.afterCommit(async () => void (await revokeUserApiKeys(ctx.dataSource, tenantId, before.id)));
    return { user: after, userErrors: [] };
  });
}

/** Reactivates a user (a seat permitting): active again when they have a password, otherwise invited (send an invitation). */
export function reactivateUser(ctx: RequestContext, input: UserStatusInput): Promise<UserPayload> {
  return runMutation<UserPayload>(ctx, input, async (db) => {
    const locked = await lockUser(db, input.id);
    if ('error' in locked) return failure(locked.error);
    const before = locked.user;
    if (before.status !== 'deactivated') return { user: before, userErrors: [] };
    const noSeat = await reserveSeat(ctx, db, ['input', 'id']);
    if (noSeat) return failure(noSeat);
    const after = await writeUser(db, before.id, "status = CASE WHEN password_hash IS NULL THEN 'invited' ELSE 'active' END, deactivated_at = NULL", []);
    await recordAdminChange(ctx, db, { action: 'user.reactivate', targetType: 'User', targetId: toGlobalId('User', before.id), before: auditUser(before), after: auditUser(after) });
    await syncSeatsAfterCommit(ctx);
    return { user: after, userErrors: [] };
  });
}
