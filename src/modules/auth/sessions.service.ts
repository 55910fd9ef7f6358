/**
 * Signing in and out. A session is a row in the workspace (so revoking it, or deactivating its
 * user, ends access at the next request) with a rotating refresh token; reusing an old refresh
 * token ends the session, because only a thief would hold one.
 */
import { QueryRunner } from 'typeorm';
import { queryOne, queryRows } from '../../db/sql';
import { uuidv7 } from '../../db/uuid';
import { DomainError } from '../../graphql/errors';
import { toGlobalId } from '../../graphql/global-id';
import { UserErrorCode, failure, userError } from '../../graphql/user-errors';
import { RequestContext, tenantDb, tenantOf } from '../../tenancy/request-context';
import { runMutation } from '../records/mutation';
import { ChangePasswordInput, ChangePasswordPayload, LoginInput, LogoutInput, LogoutPayload, RefreshSessionInput, Session } from './auth.types';
import { newOpaqueToken, parseOpaqueToken, secretMatches } from './opaque-tokens';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from './passwords';
import { accountKey, addressKey, countAttempt, signInSucceeded } from './sign-in-throttle';
import { Workspace, inWorkspace, liveWorkspace, settingsOf } from './workspace-transaction';

const wrongCredentials = () => new DomainError('UNAUTHENTICATED', 'Wrong workspace, e-mail or password');
const invalidRefresh = () => new DomainError('UNAUTHENTICATED', 'The refresh token is invalid, expired or was already used; sign in again');
const suspended = () => new DomainError('TENANT_SUSPENDED', 'This workspace is suspended', { http: { status: 403 } });

/** Opens a session for the user in the workspace's transaction and issues its tokens. */
export async function openSession(ctx: RequestContext, db: QueryRunner, workspace: Workspace, userId: string): Promise<Session> {
  const settings = settingsOf(ctx);
  const sessionId = uuidv7();
  const refresh = newOpaqueToken('refresh', workspace.id, sessionId);
  const { expiresAt } = (await queryOne<{ expiresAt: Date }>(
    db,
    `INSERT INTO user_sessions (id, user_id, refresh_hash, expires_at, client_address, user_agent)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4), $5, $6) RETURNING expires_at AS "expiresAt"`,
    [sessionId, userId, refresh.hash, settings.refreshTtlSeconds, ctx.client.address, ctx.client.userAgent?.slice(0, 500) ?? null],
  ))!;
  await db.query('UPDATE users SET last_login_at = now() WHERE id = $1', [userId]);
  return sessionTokens(ctx, workspace, userId, sessionId, refresh.token, expiresAt);
}

async function sessionTokens(ctx: RequestContext, workspace: Workspace, userId: string, sessionId: string, refreshToken: string, refreshExpiresAt: Date): Promise<Session> {
  const access = await settingsOf(ctx).tokens.issue({ tenantId: workspace.id, userId, sessionId });
  return { accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken, refreshTokenExpiresAt: refreshExpiresAt, userId: toGlobalId('User', userId) };
}

export async function login(ctx: RequestContext, input: LoginInput): Promise<Session> {
  const throttleKeys = { account: accountKey(input.workspace, input.email), address: addressKey(ctx.client.address) };
  // Counted as a failure until the password proves right (parallel guesses cannot outrun the limit).
  await countAttempt(ctx.dataSource, [throttleKeys.account, throttleKeys.address]);
  const workspace = await liveWorkspace(ctx, { slug: input.workspace.trim().toLowerCase() });
  if (!workspace) {
    await verifyPassword(input.password, await decoyHash());
    throw wrongCredentials();
  }
  // One transaction: the password is checked and, in an active workspace, the session opened.
  const outcome = await inWorkspace(
    ctx,
    workspace,
    async (db) => {
      const user = await checkPassword(db, input.email, input.password);
      const session = user && workspace.status === 'active' ? await openSession(ctx, db, workspace, user.id) : null;
      return { user, session };
    },
    ({ session }) => session !== null,
  );
  if (!outcome.user) throw wrongCredentials();
  await signInSucceeded(ctx.dataSource, throttleKeys);
  if (!outcome.session) throw suspended();
  return outcome.session;
}

/** The active user with this e-mail and password, or null; the same work whether or not the e-mail exists. */
async function checkPassword(db: QueryRunner, email: string, password: string): Promise<{ id: string } | null> {
  const user = await queryOne<{ id: string; status: string; passwordHash: string | null }>(
    db,
    'SELECT id, status, password_hash AS "passwordHash" FROM users WHERE lower(email) = lower($1)',
    [email],
  );
  const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  return matches && user?.status === 'active' ? { id: user.id } : null;
}

type RefreshOutcome = { session: Session } | { failed: 'invalid' | 'reused' };

export async function refreshSession(ctx: RequestContext, input: RefreshSessionInput): Promise<Session> {
  const parsed = parseOpaqueToken(input.refreshToken, 'refresh');
  const workspace = parsed && (await liveWorkspace(ctx, { id: parsed.tenantId }));
  if (!parsed || !workspace) throw invalidRefresh();
  if (workspace.status !== 'active') throw suspended();
  const outcome = await inWorkspace<RefreshOutcome>(
    ctx,
    workspace,
    async (db) => {
      const session = await queryOne<{ userId: string; refreshHash: Buffer; live: boolean }>(
        db,
        `SELECT s.user_id AS "userId", s.refresh_hash AS "refreshHash", (s.revoked_at IS NULL AND s.expires_at > now() AND u.status = 'active') AS live
           FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1 FOR UPDATE OF s`,
        [parsed.rowId],
      );
      if (!session?.live) return { failed: 'invalid' };
      if (!secretMatches(parsed.secret, session.refreshHash)) {
        await db.query(`UPDATE user_sessions SET revoked_at = now(), revoked_reason = 'refresh_token_reused' WHERE id = $1`, [parsed.rowId]);
        return { failed: 'reused' };
      }
      const next = newOpaqueToken('refresh', workspace.id, parsed.rowId);
      const { expiresAt } = (await queryOne<{ expiresAt: Date }>(
        db,
        `UPDATE user_sessions SET refresh_hash = $2, refreshed_at = now(), expires_at = now() + make_interval(secs => $3) WHERE id = $1 RETURNING expires_at AS "expiresAt"`,
        [parsed.rowId, next.hash, settingsOf(ctx).refreshTtlSeconds],
      ))!;
      return { session: await sessionTokens(ctx, workspace, session.userId, parsed.rowId, next.token, expiresAt) };
    },
    // A reused token's session is ended for good: that write is kept too.
    (outcome) => 'session' in outcome || outcome.failed === 'reused',
  );
  if ('failed' in outcome) throw invalidRefresh();
  return outcome.session;
}

/** Ends the caller's session (or all of the user's sessions). */
export async function logout(ctx: RequestContext, input: LogoutInput): Promise<LogoutPayload> {
  const { credential } = tenantOf(ctx);
  if (credential.type !== 'session') throw new DomainError('FORBIDDEN', 'Only a signed-in user has a session to end');
  const db = await tenantDb(ctx);
  const ended = await queryRows(
    db,
    `UPDATE user_sessions SET revoked_at = now(), revoked_reason = 'logout'
      WHERE revoked_at IS NULL AND user_id = $2 AND ($3 OR id = $1) RETURNING id`,
    [credential.sessionId, credential.userId, input.allSessions],
  );
  return { endedSessions: ended.length };
}

/** Changes the signed-in user's password; their other sessions end (this one stays). */
export function changePassword(ctx: RequestContext, input: ChangePasswordInput): Promise<ChangePasswordPayload> {
  return runMutation<ChangePasswordPayload>(ctx, input, async (db) => {
    const { credential } = tenantOf(ctx);
    if (credential.type !== 'session') throw new DomainError('FORBIDDEN', 'Only a signed-in user can change their password');
    const user = (await queryOne<{ email: string; name: string; passwordHash: string | null }>(
      db,
      'SELECT email, name, password_hash AS "passwordHash" FROM users WHERE id = $1 FOR UPDATE',
      [credential.userId],
    ))!;
    if (!user.passwordHash || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
      return failure(userError(['input', 'currentPassword'], 'The current password is wrong', UserErrorCode.INVALID));
    }
    if (input.newPassword === input.currentPassword) return failure(userError(['input', 'newPassword'], 'The new password must differ from the current one', UserErrorCode.INVALID));
    const weak = passwordProblem(input.newPassword, user);
    if (weak) return failure(userError(['input', 'newPassword'], weak, UserErrorCode.WEAK));
    await db.query('UPDATE users SET password_hash = $2, password_changed_at = now(), updated_at = now() WHERE id = $1', [credential.userId, await hashPassword(input.newPassword)]);
    const ended = await queryRows(
      db,
      `UPDATE user_sessions SET revoked_at = now(), revoked_reason = 'password_changed' WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL RETURNING id`,
      [credential.userId, credential.sessionId],
    );
    return { endedSessions: ended.length, userErrors: [] };
  });
}
