/** Operations and helpers shared by the sign-in tests (users, invitations, sessions). */
import { randomBytes } from 'node:crypto';
import { Client, GraphQLResponse, Harness, TestTenant, dataOf } from '../support/harness';
import { TenantRecord } from '../../src/platform/tenants';

export const USER_ERRORS = 'userErrors { code field message }';
export const USER_FIELDS = 'id email name status roleKey active version lastLoginAt';
export const SESSION_FIELDS = 'accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt userId';

export const INVITE = `mutation($input: InviteUserInput!) {
  inviteUser(input: $input) { user { ${USER_FIELDS} } invitationToken invitationExpiresAt ${USER_ERRORS} }
}`;
export const RESEND = `mutation($input: ResendInvitationInput!) {
  resendInvitation(input: $input) { user { ${USER_FIELDS} } invitationToken invitationExpiresAt ${USER_ERRORS} }
}`;
export const ACCEPT = `mutation($input: SetPasswordInput!) {
  acceptInvitation(input: $input) { session { ${SESSION_FIELDS} } ${USER_ERRORS} }
}`;
export const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { ${SESSION_FIELDS} } }`;
export const REFRESH = `mutation($input: RefreshSessionInput!) { refreshSession(input: $input) { ${SESSION_FIELDS} } }`;
export const LOGOUT = `mutation($input: LogoutInput!) { logout(input: $input) { endedSessions } }`;
export const CHANGE_PASSWORD = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { endedSessions ${USER_ERRORS} } }`;
export const ME = `{ me { ${USER_FIELDS} } viewer { kind role workspace { slug } } }`;
export const USERS = `query($status: UserStatus, $role: String, $first: Int, $after: String) {
  users(status: $status, role: $role, first: $first, after: $after) { totalCount nodes { ${USER_FIELDS} } pageInfo { hasNextPage endCursor } }
}`;
export const UPDATE_USER = `mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { ${USER_FIELDS} } ${USER_ERRORS} } }`;
export const DEACTIVATE = `mutation($input: UserStatusInput!) { deactivateUser(input: $input) { user { ${USER_FIELDS} } ${USER_ERRORS} } }`;
export const REACTIVATE = `mutation($input: UserStatusInput!) { reactivateUser(input: $input) { user { ${USER_FIELDS} } ${USER_ERRORS} } }`;
export const CREATE_KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { token apiKey { id role revokedAt } ${USER_ERRORS} } }`;
export const AUDIT = `query($action: String, $targetType: String, $first: Int) {
  adminAuditLog(action: $action, targetType: $targetType, first: $first) { nodes { id action actorKind actorId targetType targetId before after at } }
}`;
export const CREATE_TEAM = `mutation($input: CreateTeamInput!) { createTeam(input: $input) { team { id name } ${USER_ERRORS} } }`;

/** A good password nobody else in the tests uses. */
export const strongPassword = (): string => `violet-harbour-${randomBytes(6).toString('hex')}`;
export const uniqueEmail = (prefix = 'user'): string => `${prefix}-${randomBytes(5).toString('hex')}@auth.example`;

/** A client address of its own (X-Forwarded-For), so failed sign-ins count against nobody else. */
export function uniqueAddress(): string {
  const [a, b, c] = randomBytes(3);
  return `10.${a}.${b}.${c}`;
}
export const fromAddress = (address: string): Record<string, string> => ({ 'x-forwarded-for': address });

export interface SignedInUser {
  /** User global ID. */
  id: string;
  uuid: string;
  email: string;
  name: string;
  password: string;
  session: Session;
  client: Client;
}

export interface Session {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  userId: string;
}

export interface Invited {
  id: string;
  uuid: string;
  email: string;
  name: string;
  token: string;
  expiresAt: string;
}

export async function invite(client: Client, input: { email?: string; name?: string; role?: string; teamIds?: string[] } = {}): Promise<Invited> {
  const email = input.email ?? uniqueEmail();
  const name = input.name ?? 'Quentin Zylberstein';
  const payload = dataOf(await client.request(INVITE, { input: { email, name, role: input.role ?? 'sales_rep', teamIds: input.teamIds } })).inviteUser;
  expect(payload.userErrors).toEqual([]);
  return { id: payload.user.id, uuid: uuidOfUser(payload.user.id), email, name, token: payload.invitationToken, expiresAt: payload.invitationExpiresAt };
}

export async function accept(harness: Harness, token: string, password: string): Promise<Session> {
  const payload = dataOf(await harness.anonymous.request(ACCEPT, { input: { token, password } })).acceptInvitation;
  expect(payload.userErrors).toEqual([]);
  return payload.session;
}

/** Invites a user with the tenant's admin key and accepts the invitation: a signed-in user. */
export async function signUp(harness: Harness, tenant: TestTenant, input: { role?: string; email?: string; name?: string } = {}): Promise<SignedInUser> {
  const invited = await invite(tenant.client, input);
  const password = strongPassword();
  const session = await accept(harness, invited.token, password);
  return { id: invited.id, uuid: invited.uuid, email: invited.email, name: invited.name, password, session, client: harness.client(session.accessToken) };
}

export function login(harness: Harness, input: { workspace: string; email: string; password: string }, address: string): Promise<GraphQLResponse> {
  return harness.anonymous.request(LOGIN, { input }, fromAddress(address));
}

export async function loginOk(harness: Harness, tenant: TenantRecord, user: { email: string; password: string }, address = uniqueAddress()): Promise<Session> {
  return dataOf(await login(harness, { workspace: tenant.slug, email: user.email, password: user.password }, address)).login;
}

/** The UUID inside a User global ID (via the database is overkill: the ID is base64 of "User:<uuid>"). */
export function uuidOfUser(id: string): string {
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const match = /([0-9a-f-]{36})$/.exec(decoded);
  if (!match) throw new Error(`Not a User ID: ${id} (${decoded})`);
  return match[1];
}

/** Rows of a query in the tenant's schema (read straight from the database, as the server wrote them). */
export async function inSchema<T = Record<string, any>>(harness: Harness, tenant: TenantRecord, sql: string, params: unknown[] = []): Promise<T[]> {
  const runner = harness.dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('BEGIN');
    await runner.query(`SET LOCAL search_path TO "${tenant.schemaName}"`);
    const rows = await runner.query(sql, params);
    await runner.query('COMMIT');
    return rows;
  } finally {
    await runner.release();
  }
}

/** Counts of what sign-in writes in a workspace, to show that a refusal wrote nothing. */
export async function authState(harness: Harness, tenant: TenantRecord): Promise<Record<string, unknown>> {
  const [row] = await inSchema(
    harness,
    tenant,
    `SELECT (SELECT count(*)::int FROM users) AS users,
            (SELECT json_agg(json_build_object('email', email, 'status', status, 'role', role_key, 'version', version, 'hash', password_hash) ORDER BY id) FROM users) AS "userRows",
            (SELECT count(*)::int FROM user_invitations) AS invitations,
            (SELECT count(*)::int FROM user_invitations WHERE accepted_at IS NOT NULL) AS "acceptedInvitations",
            (SELECT count(*)::int FROM user_invitations WHERE revoked_at IS NOT NULL) AS "revokedInvitations",
            (SELECT count(*)::int FROM user_sessions) AS sessions,
            (SELECT count(*)::int FROM user_sessions WHERE revoked_at IS NOT NULL) AS "revokedSessions",
            (SELECT count(*)::int FROM team_members) AS "teamMembers",
            (SELECT count(*)::int FROM admin_audit) AS "auditEntries"`,
  );
  const [control] = await harness.dataSource.query('SELECT seats_used AS "seatsUsed" FROM control.tenants WHERE id = $1', [tenant.id]);
  return { ...row, seatsUsed: control.seatsUsed };
}

export async function seatsUsed(harness: Harness, tenant: TenantRecord): Promise<number> {
  // The control plane's count is written after the commit; give it a moment.
  const [row] = await harness.dataSource.query('SELECT seats_used AS "seatsUsed" FROM control.tenants WHERE id = $1', [tenant.id]);
  return row.seatsUsed;
}

/** Polls until `read` returns `expected` (after-commit work runs just after the response). */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 3000): Promise<T> {
  const started = Date.now();
  let value = await read();
  while (JSON.stringify(value) !== JSON.stringify(expected) && Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    value = await read();
  }
  return value;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Seconds between an ISO time and now. */
export const secondsFromNow = (iso: string): number => (new Date(iso).getTime() - Date.now()) / 1000;

/** A client of another running app (same database, other settings). */
export function clientOf(url: string, token?: string): Client {
  return {
    async request(query, variables, headers = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
  };
}
