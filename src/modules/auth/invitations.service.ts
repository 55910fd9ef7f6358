/**
 * Invitations: an admin invites a person (taking a seat); the single-use token expires and is
 * replaced by a newer one; accepting it sets the password, activates the user and signs them in.
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
import { AcceptInvitationInput, AcceptInvitationPayload } from './auth.types';
import { newOpaqueToken, parseOpaqueToken, secretMatches } from './opaque-tokens';
import { hashPassword, passwordProblem } from './passwords';
import { openSession } from './sessions.service';
import { inWorkspace, liveWorkspace, settingsOf } from './workspace-transaction';

/** Ends the user's open invitations and issues a new one. */
async function issueInvitation(ctx: RequestContext, db: QueryRunner, userId: string): Promise<{ token: string; expiresAt: Date }> {
  await db.query('UPDATE user_invitations SET revoked_at = now() WHERE user_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL', [userId]);
  const id = uuidv7();
  const { token, hash } = newOpaqueToken('invite', tenantOf(ctx).tenant.id, id);
  const { expiresAt } = (await queryOne<{ expiresAt: Date }>(
    db,
    `INSERT INTO user_invitations (id, user_id, token_hash, invited_by, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5)) RETURNING expires_at AS "expiresAt"`,
    [id, userId, hash, JSON.stringify(actorOf(tenantOf(ctx))), settingsOf(ctx).invitationTtlSeconds],
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
    const invitation = await issueInvitation(ctx, db, user.id);
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
    const invitation = await issueInvitation(ctx, db, user.id);
    await recordAdminChange(ctx, db, { action: 'user.resend_invitation', targetType: 'User', targetId: toGlobalId('User', user.id), before: null, after: auditUser(user) });
    return { user, invitationToken: invitation.token, invitationExpiresAt: invitation.expiresAt, userErrors: [] };
  });
}

/** Invited users, and active users who never set a password (e.g. added by a tenant manifest). */
async function awaitsPassword(db: QueryRunner, userId: string): Promise<boolean> {
  const row = await queryOne<{ awaits: boolean }>(db, "SELECT status = 'invited' OR (status = 'active' AND password_hash IS NULL) AS awaits FROM users WHERE id = $1", [userId]);
  return !!row?.awaits;
}

const tokenError = (message: string, code = UserErrorCode.INVALID) => failure<AcceptInvitationPayload>(userError(['input', 'token'], message, code));

/** Accepts an invitation: sets the password, activates the user and opens their first session. */
export async function acceptInvitation(ctx: RequestContext, input: AcceptInvitationInput): Promise<AcceptInvitationPayload> {
  const parsed = parseOpaqueToken(input.token, 'invite');
  const workspace = parsed && (await liveWorkspace(ctx, { id: parsed.tenantId }));
  if (!parsed || !workspace) return tokenError('This is not a valid invitation');
  if (workspace.status !== 'active') return tokenError('The workspace is suspended', UserErrorCode.INVALID_STATE);
  return inWorkspace<AcceptInvitationPayload>(
    ctx,
    workspace,
    async (db) => {
      const invitation = await queryOne<{ userId: string; tokenHash: Buffer; acceptedAt: Date | null; revokedAt: Date | null; expired: boolean; email: string; name: string; awaits: boolean }>(
        db,
        `SELECT i.user_id AS "userId", i.token_hash AS "tokenHash", i.accepted_at AS "acceptedAt", i.revoked_at AS "revokedAt", i.expires_at <= now() AS expired,
                u.email, u.name, (u.status = 'invited' OR (u.status = 'active' AND u.password_hash IS NULL)) AS awaits
           FROM user_invitations i JOIN users u ON u.id = i.user_id WHERE i.id = $1 FOR UPDATE OF i, u`,
        [parsed.rowId],
      );
      if (!invitation || !secretMatches(parsed.secret, invitation.tokenHash)) return tokenError('This is not a valid invitation');
      if (invitation.acceptedAt) return tokenError('This invitation was already used; sign in instead', UserErrorCode.INVALID_STATE);
      if (invitation.revokedAt || !invitation.awaits) return tokenError('This invitation was replaced or withdrawn; ask an admin for a new one', UserErrorCode.INVALID_STATE);
      if (invitation.expired) return tokenError('This invitation has expired; ask an admin to send a new one', UserErrorCode.INVALID_STATE);
      const weak = passwordProblem(input.password, invitation);
      if (weak) return failure(userError(['input', 'password'], weak, UserErrorCode.WEAK));
      await db.query('UPDATE user_invitations SET accepted_at = now() WHERE id = $1', [parsed.rowId]);
      await db.query(
        "UPDATE users SET status = 'active', password_hash = $2, password_changed_at = now(), version = version + 1, updated_at = now() WHERE id = $1",
        [invitation.userId, await hashPassword(input.password)],
      );
      return { session: await openSession(ctx, db, workspace, invitation.userId), userErrors: [] };
    },
    (payload) => payload.userErrors.length === 0,
  );
}
