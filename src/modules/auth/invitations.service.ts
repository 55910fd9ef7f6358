/**
 * Invitations: an admin invites a person (taking a seat); the single-use token expires and is
 * replaced by a newer one; accepting it sets the password, activates the user and signs them in.
 * Password resets work alike for active users (e.g. a forgotten password) and end their sessions.
 * There is no mail delivery in the API: the admin passes the token on (an e-mail integration can).
 */
import { QueryRunner } from 'typeorm';
import { entitySql } from '../../db/entity-sql';
import { queryOne, queryRows } from '../../db/sql';
import { uuidv7 } from '../../db/uuid';
import { toGlobalId, uuidOf } from '../../graphql/global-id';
import { UserError, UserErrorCode, failure, userError } from '../../graphql/user-errors';
import { actorOf } from '../../tenancy/principal';
import { RequestContext, tenantOf } from '../../tenancy/request-context';
import { recordAdminChange } from '../admin-audit';
import { runMutation } from '../records/mutation';
import { findRole } from '../roles';
import { InvitationPayload, InviteUserInput, ResendInvitationInput, UserEntity, auditUser, findUserByEmail, lockUser, reserveSeat, syncSeatsAfterCommit } from '../workspace';
import { lockUsers } from '../workspace/seats';
import { PasswordResetInput, PasswordResetPayload, SessionPayload, SetPasswordInput } from './auth.types';
import { newOpaqueToken, parseOpaqueToken, secretMatches } from './opaque-tokens';
import { hashPassword, passwordProblem } from './passwords';
import { openSession } from './sessions.service';
import { inWorkspace, liveWorkspace, settingsOf } from './workspace-transaction';

type PasswordTokenPurpose = 'invitation' | 'password_reset';

/** Invitations are valid for INVITATION_TTL_S; a password reset for at most a day of that. */
const ttlOf = (ctx: RequestContext, purpose: PasswordTokenPurpose) =>
  purpose === 'invitation' ? settingsOf(ctx).invitationTtlSeconds : Math.min(settingsOf(ctx).invitationTtlSeconds, 24 * 3600);

/** Ends the user's open password tokens (of either kind) and issues a new one. */
async function issuePasswordToken(ctx: RequestContext, db: QueryRunner, userId: string, purpose: PasswordTokenPurpose): Promise<{ token: string; expiresAt: Date }> {
  await db.query('UPDATE user_invitations SET revoked_at = now() WHERE user_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL', [userId]);
  const id = uuidv7();
  const { token, hash } = newOpaqueToken(purpose === 'invitation' ? 'invite' : 'reset', tenantOf(ctx).tenant.id, id);
  const { expiresAt } = (await queryOne<{ expiresAt: Date }>(
    db,
    `INSERT INTO user_invitations (id, user_id, purpose, token_hash, invited_by, expires_at) VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6)) RETURNING expires_at AS "expiresAt"`,
    [id, userId, purpose, hash, JSON.stringify(actorOf(tenantOf(ctx))), ttlOf(ctx, purpose)],
  ))!;
  return { token, expiresAt };
}

/** Team IDs to UUIDs; each must name a team of the workspace. */
async function resolveTeams(db: QueryRunner, ids: string[]): Promise<{ uuids: string[]; errors: UserError[] }> {
  const uuids = ids.map((id) => uuidOf(id, 'Team'));
  const found = new Set((await queryRows<{ id: string }>(db, 'SELECT id FROM teams WHERE id = ANY($1::uuid[])', [uuids.filter(Boolean)])).map((r) => r.id));
  const errors = ids.flatMap((_, i) => (uuids[i] && found.has(uuids[i]) ? [] : [userError(['input', 'teamIds', String(i)], 'Team not found', UserErrorCode.NOT_FOUND)]));
  return { uuids: [...new Set(uuids.filter((u): u is string => !!u))], errors };
}

export function inviteUser(ctx: RequestContext, input: InviteUserInput): Promise<InvitationPayload> {
  return runMutation<InvitationPayload>(ctx, input, async (db) => {
    const name = input.name.trim();
    const errors: UserError[] = [];
    if (!name) errors.push(userError(['input', 'name'], 'The name must not be empty', UserErrorCode.REQUIRED));
    // Before the e-mail check: a concurrent invitation of the same address then sees this one (DUPLICATE, not a unique violation).
    await lockUsers(db);
    const existing = await findUserByEmail(db, input.email);
    if (existing) {
      const hint = existing.status === 'deactivated' ? '; reactivate that user instead' : existing.status === 'invited' ? '; resend the invitation instead' : '';
      errors.push(userError(['input', 'email'], `A user with the e-mail ${input.email} already exists${hint}`, UserErrorCode.DUPLICATE));
    }
    if (!(await findRole(db, input.role))) errors.push(userError(['input', 'role'], `There is no role "${input.role}" in this workspace`, UserErrorCode.NOT_FOUND));
    const teams = await resolveTeams(db, input.teamIds ?? []);
    errors.push(...teams.errors);
    if (errors.length) return failure(...errors);
    const noSeat = await reserveSeat(ctx, db, ['input', 'email']);
    if (noSeat) return failure(noSeat);
    const user = (await queryOne<UserEntity>(
      db,
      `INSERT INTO users AS u (id, email, name, role_key, status) VALUES ($1, $2, $3, $4, 'invited') RETURNING ${entitySql(db.connection, UserEntity).selectList('u')}`,
      [uuidv7(), input.email.trim(), name, input.role],
    ))!;
    if (teams.uuids.length) await db.query('INSERT INTO team_members (team_id, user_id) SELECT unnest($1::uuid[]), $2', [teams.uuids, user.id]);
    const invitation = await issuePasswordToken(ctx, db, user.id, 'invitation');
    await recordAdminChange(ctx, db, { action: 'user.invite', targetType: 'User', targetId: toGlobalId('User', user.id), before: null, after: { ...auditUser(user), teamIds: (input.teamIds ?? []).slice() } });
    await syncSeatsAfterCommit(ctx);
    return { user, invitationToken: invitation.token, invitationExpiresAt: invitation.expiresAt, userErrors: [] };
  });
}

export function resendInvitation(ctx: RequestContext, input: ResendInvitationInput): Promise<InvitationPayload> {
  return runMutation<InvitationPayload>(ctx, input, async (db) => {
    const locked = await lockUser(db, input.userId);
    if ('error' in locked) return failure({ ...locked.error, field: ['input', 'userId'] });
    const { user } = locked;
    if (!(await awaitsPassword(db, user.id))) {
      return failure(userError(['input', 'userId'], `The user is ${user.status}${user.status === 'active' ? ' and has a password' : ''}; only users without a password get invitations`, UserErrorCode.INVALID_STATE));
    }
    const invitation = await issuePasswordToken(ctx, db, user.id, 'invitation');
    await recordAdminChange(ctx, db, { action: 'user.resend_invitation', targetType: 'User', targetId: toGlobalId('User', user.id), before: null, after: auditUser(user) });
    return { user, invitationToken: invitation.token, invitationExpiresAt: invitation.expiresAt, userErrors: [] };
  });
}

/** Invited users, and active users who never set a password (e.g. added by a tenant manifest). */
async function awaitsPassword(db: QueryRunner, userId: string): Promise<boolean> {
  const row = await queryOne<{ awaits: boolean }>(db, "SELECT status = 'invited' OR (status = 'active' AND password_hash IS NULL) AS awaits FROM users WHERE id = $1", [userId]);
  return !!row?.awaits;
}

/** How each kind of password token speaks of itself and whom it serves. */
const PURPOSES = {
  invitation: { prefix: 'invite', noun: 'invitation', eligible: "u.status = 'invited' OR (u.status = 'active' AND u.password_hash IS NULL)", used: 'sign in instead' },
  password_reset: { prefix: 'reset', noun: 'password reset', eligible: "u.status = 'active'", used: 'ask an admin for a new one' },
} as const;

const tokenError = (message: string, code = UserErrorCode.INVALID) => failure<SessionPayload>(userError(['input', 'token'], message, code));

/**
 * Redeems a password token: sets the password, activates the user (an invitation) or ends all their
 * sessions (a reset), and opens a session. Every refusal writes nothing.
 */
async function redeemPasswordToken(ctx: RequestContext, input: SetPasswordInput, purpose: PasswordTokenPurpose): Promise<SessionPayload> {
  const { prefix, noun, eligible, used } = PURPOSES[purpose];
  const parsed = parseOpaqueToken(input.token, prefix);
  const workspace = parsed && (await liveWorkspace(ctx, { id: parsed.tenantId }));
  if (!parsed || !workspace) return tokenError(`This is not a valid ${noun} token`);
  if (workspace.status !== 'active') return tokenError('The workspace is suspended', UserErrorCode.INVALID_STATE);
  return inWorkspace<SessionPayload>(
    ctx,
    workspace,
    async (db) => {
      const token = await queryOne<{ userId: string; tokenHash: Buffer; acceptedAt: Date | null; revokedAt: Date | null; expired: boolean; email: string; name: string; eligible: boolean }>(
        db,
        `SELECT i.user_id AS "userId", i.token_hash AS "tokenHash", i.accepted_at AS "acceptedAt", i.revoked_at AS "revokedAt", i.expires_at <= now() AS expired,
                u.email, u.name, (${eligible}) AS eligible
           FROM user_invitations i JOIN users u ON u.id = i.user_id WHERE i.id = $1 AND i.purpose = $2 FOR UPDATE OF i, u`,
        [parsed.rowId, purpose],
      );
      if (!token || !secretMatches(parsed.secret, token.tokenHash)) return tokenError(`This is not a valid ${noun} token`);
      if (token.acceptedAt) return tokenError(`This ${noun} was already used; ${used}`, UserErrorCode.INVALID_STATE);
      if (token.revokedAt || !token.eligible) return tokenError(`This ${noun} was replaced or withdrawn; ask an admin for a new one`, UserErrorCode.INVALID_STATE);
      if (token.expired) return tokenError(`This ${noun} has expired; ask an admin to send a new one`, UserErrorCode.INVALID_STATE);
      const weak = passwordProblem(input.password, token);
      if (weak) return failure(userError(['input', 'password'], weak, UserErrorCode.WEAK));
      await db.query('UPDATE user_invitations SET accepted_at = now() WHERE id = $1', [parsed.rowId]);
      await db.query(
        "UPDATE users SET status = 'active', password_hash = $2, password_changed_at = now(), version = version + 1, updated_at = now() WHERE id = $1",
        [token.userId, await hashPassword(input.password)],
      );
      if (purpose === 'password_reset') {
        await db.query("UPDATE user_sessions SET revoked_at = now(), revoked_reason = 'password_reset' WHERE user_id = $1 AND revoked_at IS NULL", [token.userId]);
      }
      return { session: await openSession(ctx, db, workspace, token.userId), userErrors: [] };
    },
    (payload) => payload.userErrors.length === 0,
  );
}

/** Accepts an invitation: sets the password, activates the user and opens their first session. */
export const acceptInvitation = (ctx: RequestContext, input: SetPasswordInput): Promise<SessionPayload> => redeemPasswordToken(ctx, input, 'invitation');

/** Sets a new password with an admin-issued reset token: every earlier session of the user ends. */
export const resetPassword = (ctx: RequestContext, input: SetPasswordInput): Promise<SessionPayload> => redeemPasswordToken(ctx, input, 'password_reset');

/** An admin lets an active user choose a new password (e.g. forgotten): a single-use token, valid at most a day. */
export function sendPasswordReset(ctx: RequestContext, input: PasswordResetInput): Promise<PasswordResetPayload> {
  return runMutation<PasswordResetPayload>(ctx, input, async (db) => {
    const locked = await lockUser(db, input.userId);
    if ('error' in locked) return failure({ ...locked.error, field: ['input', 'userId'] });
    const { user } = locked;
    if (user.status !== 'active') {
      return failure(userError(['input', 'userId'], `The user is ${user.status}; ${user.status === 'invited' ? 'resend the invitation instead' : 'reactivate them first'}`, UserErrorCode.INVALID_STATE));
    }
    const reset = await issuePasswordToken(ctx, db, user.id, 'password_reset');
    await recordAdminChange(ctx, db, { action: 'user.send_password_reset', targetType: 'User', targetId: toGlobalId('User', user.id), before: null, after: auditUser(user) });
    return { user, resetToken: reset.token, resetTokenExpiresAt: reset.expiresAt, userErrors: [] };
  });
}
