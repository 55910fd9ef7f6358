/**
 * Sessions: login issues a short-lived JWT (signed with the configured key, naming tenant, user and
 * session only) and a rotating refresh token; reuse of an old refresh token ends the session;
 * logout and changePassword end sessions at once; a token is good only for its own workspace.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import { GraphQLResponse, TestTenant, dataOf, errorCodes, testAppConfig, useHarness } from '../support/harness';
import { CREATE_ACCOUNT } from '../support/operations';
import { toGlobalId } from '../../src/graphql/global-id';
import { RunningApp, startApp } from '../../src/server';
import {
  CHANGE_PASSWORD,
  LOGOUT,
  ME,
  REFRESH,
  SignedInUser,
  authState,
  clientOf,
  fromAddress,
  inSchema,
  invite,
  login,
  loginOk,
  secondsFromNow,
  signUp,
  strongPassword,
  uniqueAddress,
} from './auth-helpers';

const harness = useHarness();

/** A refused credential: HTTP 401, UNAUTHENTICATED, no data. */
function expectUnauthenticated(response: GraphQLResponse): void {
  expect({ status: response.status, codes: errorCodes(response), data: response.data ?? null }).toEqual({ status: 401, codes: ['UNAUTHENTICATED'], data: null });
}

const sessionRow = async (t: TestTenant, sessionId: string) =>
  (await inSchema(harness, t.tenant, 'SELECT user_id, revoked_at, revoked_reason, client_address, user_agent, refresh_hash, expires_at FROM user_sessions WHERE id = $1', [sessionId]))[0];

describe('login', () => {
  let t: TestTenant;
  let user: SignedInUser;
  beforeAll(async () => {
    t = await harness.createTenant();
    user = await signUp(harness, t, { role: 'sales_manager', name: 'Lena Login' });
  });

  test('returns a session whose access token is a JWT naming tenant, user and session only (no role)', async () => {
    const address = uniqueAddress();
    const response = await harness.anonymous.request(
      'mutation($input: LoginInput!) { login(input: $input) { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt userId } }',
      { input: { workspace: t.tenant.slug, email: user.email, password: user.password } },
      { ...fromAddress(address), 'user-agent': 'auth-tests/1.0' },
    );
    const session = dataOf(response).login;
    expect(session.userId).toBe(user.id);
    expect(decodeProtectedHeader(session.accessToken)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(session.accessToken);
    expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'sid', 'sub', 'tid']);
    expect(claims).toMatchObject({ sub: user.uuid, tid: t.tenant.id, iss: 'tenantry', aud: 'tenantry-api' });
    // testAppConfig: accessTokenTtlSeconds 900.
    expect(claims.exp! - claims.iat!).toBe(900);
    expect(Math.abs(claims.iat! - Date.now() / 1000)).toBeLessThan(5);
    expect(new Date(session.accessTokenExpiresAt).getTime()).toBe(claims.exp! * 1000);
    // Neither the role nor personal data travel in the token.
    const payloadText = Buffer.from(session.accessToken.split('.')[1], 'base64url').toString();
    for (const leaked of ['sales_manager', 'role', user.email, 'Lena']) expect(payloadText).not.toContain(leaked);
    // The refresh token names the same session; only a hash of its secret is stored.
    expect(session.refreshToken).toMatch(new RegExp(`^tnt_refresh_${t.tenant.id}_${claims.sid}_[A-Za-z0-9_-]{43}$`));
    expect(secondsFromNow(session.refreshTokenExpiresAt)).toBeGreaterThan(3590);
    expect(secondsFromNow(session.refreshTokenExpiresAt)).toBeLessThanOrEqual(3601);
    const row = await sessionRow(t, claims.sid as string);
    expect(row).toMatchObject({ user_id: user.uuid, revoked_at: null, client_address: address, user_agent: 'auth-tests/1.0' });
    expect(session.refreshToken).not.toContain(Buffer.from(row.refresh_hash).toString('base64url'));
    // The token works, and the user shows the sign-in.
    const me = dataOf(await harness.client(session.accessToken).request(ME));
    expect(me.me).toMatchObject({ id: user.id, status: 'ACTIVE', lastLoginAt: expect.any(String) });
    expect(me.viewer.role).toBe('sales_manager');
  });

  test('the workspace slug and e-mail ignore case', async () => {
    const session = dataOf(await login(harness, { workspace: t.tenant.slug.toUpperCase(), email: user.email.toUpperCase(), password: user.password }, uniqueAddress())).login;
    expect(session.userId).toBe(user.id);
  });

  test('token lifetimes come from configuration (second app: access 120 s, refresh 600 s)', async () => {
    let app: RunningApp | undefined;
    try {
      app = await startApp(testAppConfig({ accessTokenTtlSeconds: 120, refreshTokenTtlSeconds: 600 }), harness.dataSource);
      const response = await clientOf(app.url).request(
        'mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken refreshTokenExpiresAt } }',
        { input: { workspace: t.tenant.slug, email: user.email, password: user.password } },
        fromAddress(uniqueAddress()),
      );
      const session = dataOf(response).login;
      const claims = decodeJwt(session.accessToken);
      expect(claims.exp! - claims.iat!).toBe(120);
      expect(secondsFromNow(session.refreshTokenExpiresAt)).toBeGreaterThan(590);
      expect(secondsFromNow(session.refreshTokenExpiresAt)).toBeLessThanOrEqual(601);
      // Refreshing there renews for the same lifetimes.
      const refreshed = dataOf(await clientOf(app.url).request(REFRESH, { input: { refreshToken: session.refreshToken } })).refreshSession;
      const again = decodeJwt(refreshed.accessToken);
      expect(again.exp! - again.iat!).toBe(120);
      expect(again.sid).toBe(claims.sid);
    } finally {
      await app?.stop();
    }
  });

  describe('wrong credentials: one answer for every reason, nothing written', () => {
    let other: TestTenant;
    const people: Record<string, { email: string; password: string }> = {};
    beforeAll(async () => {
      other = await harness.createTenant();
      const invited = await invite(t.client);
      people.invited = { email: invited.email, password: strongPassword() };
      const deactivated = await signUp(harness, t);
      dataOf(await t.client.request('mutation($id: ID!) { deactivateUser(input: { id: $id }) { userErrors { code } } }', { id: deactivated.id }));
      people.deactivated = deactivated;
      const manifestUser = await harness.addUser(t.tenant, { role: 'sales_rep' });
      people.passwordless = { email: manifestUser.email, password: strongPassword() };
    });

    const cases: [string, () => { workspace: string; email: string; password: string }][] = [
      ['wrong password', () => ({ workspace: t.tenant.slug, email: user.email, password: `${user.password}x` })],
      ['password in other case', () => ({ workspace: t.tenant.slug, email: user.email, password: user.password.toUpperCase() })],
      ['unknown e-mail', () => ({ workspace: t.tenant.slug, email: `nobody-${randomBytes(3).toString('hex')}@auth.example`, password: user.password })],
      ['unknown workspace', () => ({ workspace: `no-such-${randomBytes(3).toString('hex')}`, email: user.email, password: user.password })],
      ['another workspace', () => ({ workspace: other.tenant.slug, email: user.email, password: user.password })],
      ['invited user (no password yet)', () => ({ workspace: t.tenant.slug, ...people.invited })],
      ['active user without a password', () => ({ workspace: t.tenant.slug, ...people.passwordless })],
      ['deactivated user, right password', () => ({ workspace: t.tenant.slug, email: people.deactivated.email, password: people.deactivated.password })],
    ];

    test.each(cases)('%s', async (_name, input) => {
      const before = await authState(harness, t.tenant);
      const response = await login(harness, input(), uniqueAddress());
      expect(response.errors).toEqual([expect.objectContaining({ message: 'Wrong workspace, e-mail or password', extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
      expect(response.data ?? null).toBeNull();
      expect(await authState(harness, t.tenant)).toEqual(before);
    });
  });

  test('a suspended workspace: TENANT_SUSPENDED for the right password only; its tokens stop working', async () => {
    const s = await harness.createTenant();
    const u = await signUp(harness, s);
    await harness.dataSource.query("UPDATE control.tenants SET status = 'suspended' WHERE id = $1", [s.tenant.id]);
    try {
      const right = await login(harness, { workspace: s.tenant.slug, email: u.email, password: u.password }, uniqueAddress());
      expect(errorCodes(right)).toEqual(['TENANT_SUSPENDED']);
      const wrong = await login(harness, { workspace: s.tenant.slug, email: u.email, password: 'definitely-not-it-42' }, uniqueAddress());
      expect(errorCodes(wrong)).toEqual(['UNAUTHENTICATED']);
      const me = await u.client.request(ME);
      expect({ status: me.status, codes: errorCodes(me) }).toEqual({ status: 403, codes: ['TENANT_SUSPENDED'] });
      expect(errorCodes(await harness.anonymous.request(REFRESH, { input: { refreshToken: u.session.refreshToken } }))).toEqual(['TENANT_SUSPENDED']);
      const [{ count }] = await inSchema(harness, s.tenant, 'SELECT count(*)::int AS count FROM user_sessions');
      expect(count).toBe(1);
    } finally {
      await harness.dataSource.query("UPDATE control.tenants SET status = 'active' WHERE id = $1", [s.tenant.id]);
    }
    // Back to active: the session works again (suspension did not end it).
    expect(dataOf(await u.client.request(ME)).me.id).toBe(u.id);
  });
});

describe('refreshSession', () => {
  test('rotates the refresh token; reusing an old one ends the session for good', async () => {
    const t = await harness.createTenant();
    const u = await signUp(harness, t);
    const sid = decodeJwt(u.session.accessToken).sid as string;
    const first = dataOf(await harness.anonymous.request(REFRESH, { input: { refreshToken: u.session.refreshToken } })).refreshSession;
    expect(first.refreshToken).not.toBe(u.session.refreshToken);
    expect(first.userId).toBe(u.id);
    expect(decodeJwt(first.accessToken)).toMatchObject({ sid, sub: u.uuid, tid: t.tenant.id });
    expect(dataOf(await harness.client(first.accessToken).request(ME)).me.id).toBe(u.id);
    const second = dataOf(await harness.anonymous.request(REFRESH, { input: { refreshToken: first.refreshToken } })).refreshSession;
    expect((await sessionRow(t, sid)).revoked_at).toBeNull();

    // The first refresh token again: a thief (or a bug) holds it; the session ends.
    const reused = await harness.anonymous.request(REFRESH, { input: { refreshToken: first.refreshToken } });
    expect(errorCodes(reused)).toEqual(['UNAUTHENTICATED']);
    expect(reused.data ?? null).toBeNull();
    expect(await sessionRow(t, sid)).toMatchObject({ revoked_at: expect.any(Date), revoked_reason: 'refresh_token_reused' });
    // The newest refresh token and every access token of the session stop working too.
    expect(errorCodes(await harness.anonymous.request(REFRESH, { input: { refreshToken: second.refreshToken } }))).toEqual(['UNAUTHENTICATED']);
    for (const token of [u.session.accessToken, first.accessToken, second.accessToken]) expectUnauthenticated(await harness.client(token).request(ME));
  });

  test('renews the session expiry', async () => {
    const t = await harness.createTenant();
    const u = await signUp(harness, t);
    const sid = decodeJwt(u.session.accessToken).sid as string;
    await inSchema(harness, t.tenant, "UPDATE user_sessions SET expires_at = now() + interval '1 minute' WHERE id = $1", [sid]);
    const refreshed = dataOf(await harness.anonymous.request(REFRESH, { input: { refreshToken: u.session.refreshToken } })).refreshSession;
    expect(secondsFromNow(refreshed.refreshTokenExpiresAt)).toBeGreaterThan(3590);
    expect(new Date((await sessionRow(t, sid)).expires_at).toISOString()).toBe(new Date(refreshed.refreshTokenExpiresAt).toISOString());
  });

  type RefreshCase = [string, (u: SignedInUser, t: TestTenant) => Promise<string>];
  const invalid: RefreshCase[] = [
    ['garbage', async () => 'not-a-token'],
    ['an invitation token', async (_u, t) => (await invite(t.client)).token],
    ['right session, wrong tenant in the token', async (u) => u.session.refreshToken.replace(/^tnt_refresh_[0-9a-f-]{36}/, `tnt_refresh_${randomUUID()}`)],
    ['unknown session', async (u) => u.session.refreshToken.replace(/^(tnt_refresh_[0-9a-f-]{36}_)[0-9a-f-]{36}/, `$1${randomUUID()}`)],
    [
      'expired session',
      async (u, t) => {
        await inSchema(harness, t.tenant, "UPDATE user_sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1", [u.uuid]);
        return u.session.refreshToken;
      },
    ],
    [
      'logged-out session',
      async (u) => {
        dataOf(await u.client.request(LOGOUT, { input: { allSessions: false } }));
        return u.session.refreshToken;
      },
    ],
    [
      'deactivated user',
      async (u, t) => {
        dataOf(await t.client.request('mutation($id: ID!) { deactivateUser(input: { id: $id }) { userErrors { code } } }', { id: u.id }));
        return u.session.refreshToken;
      },
    ],
  ];
  test.each(invalid)('refused (%s): UNAUTHENTICATED, nothing written', async (_name, prepare) => {
    const t = await harness.createTenant();
    const u = await signUp(harness, t);
    const refreshToken = await prepare(u, t);
    const before = await authState(harness, t.tenant);
    const sessionsBefore = await inSchema(harness, t.tenant, 'SELECT * FROM user_sessions ORDER BY id');
    const response = await harness.anonymous.request(REFRESH, { input: { refreshToken } });
    expect(response.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
    expect(response.data ?? null).toBeNull();
    expect(await authState(harness, t.tenant)).toEqual(before);
    expect(await inSchema(harness, t.tenant, 'SELECT * FROM user_sessions ORDER BY id')).toEqual(sessionsBefore);
  });
});

describe('logout', () => {
  test('ends this session only; allSessions ends the others; their tokens stop working at once', async () => {
    const t = await harness.createTenant();
    const u = await signUp(harness, t);
    const second = await loginOk(harness, t.tenant, u);
    const third = await loginOk(harness, t.tenant, u);
    const bystander = await signUp(harness, t);

    expect(dataOf(await u.client.request(LOGOUT, { input: { allSessions: false } })).logout.endedSessions).toBe(1);
    expectUnauthenticated(await u.client.request(ME));
    expect(errorCodes(await harness.anonymous.request(REFRESH, { input: { refreshToken: u.session.refreshToken } }))).toEqual(['UNAUTHENTICATED']);
    // The user's other sessions are untouched.
    expect(dataOf(await harness.client(second.accessToken).request(ME)).me.id).toBe(u.id);
    const secondRefreshed = dataOf(await harness.anonymous.request(REFRESH, { input: { refreshToken: second.refreshToken } })).refreshSession;

    // The default input ends just this session, too.
    expect(dataOf(await harness.client(secondRefreshed.accessToken).request('mutation { logout { endedSessions } }')).logout.endedSessions).toBe(1);
    expect(dataOf(await harness.client(third.accessToken).request(ME)).me.id).toBe(u.id);

    const fourth = await loginOk(harness, t.tenant, u);
    expect(dataOf(await harness.client(fourth.accessToken).request(LOGOUT, { input: { allSessions: true } })).logout.endedSessions).toBe(2);
    for (const token of [third.accessToken, fourth.accessToken]) expectUnauthenticated(await harness.client(token).request(ME));
    const reasons = await inSchema(harness, t.tenant, 'SELECT revoked_reason AS reason, count(*)::int AS n FROM user_sessions WHERE user_id = $1 GROUP BY 1', [u.uuid]);
    expect(reasons).toEqual([{ reason: 'logout', n: 4 }]);
    // Another user's session is not anyone's to end.
    expect(dataOf(await bystander.client.request(ME)).me.id).toBe(bystander.id);
  });

  test.each([
    ['an API key acting for the user', 'FORBIDDEN'],
    ['an API key acting for nobody', 'FORBIDDEN'],
  ])('%s has no session to end: %s', async (name, code) => {
    const t = await harness.createTenant();
    const u = await signUp(harness, t);
    const { client } = await harness.keyFor(t.tenant, { role: 'admin', userId: name.includes('for the user') ? u.uuid : null });
    const before = await authState(harness, t.tenant);
    const response = await client.request(LOGOUT, { input: { allSessions: true } });
    expect(errorCodes(response)).toEqual([code]);
    expect(await authState(harness, t.tenant)).toEqual(before);
  });

  test('anonymous callers are refused', async () => {
    const response = await harness.anonymous.request(LOGOUT, { input: { allSessions: true } });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.data ?? null).toBeNull();
  });
});

describe('changePassword', () => {
  test('checks the current password, refuses weak ones and ends the other sessions', async () => {
    const t = await harness.createTenant();
    const u = await signUp(harness, t, { name: 'Pavel Passwordchanger' });
    const other = await loginOk(harness, t.tenant, u);
    const third = await loginOk(harness, t.tenant, u);
    const newPassword = strongPassword();

    const refusals: [string, Record<string, string>, string, string[]][] = [
      ['wrong current password', { currentPassword: `${u.password}!`, newPassword }, 'INVALID', ['input', 'currentPassword']],
      ['weak new password', { currentPassword: u.password, newPassword: 'short-one' }, 'WEAK', ['input', 'newPassword']],
      ['new password with the name', { currentPassword: u.password, newPassword: 'pavel-river-lantern-9' }, 'WEAK', ['input', 'newPassword']],
    ];
    for (const [name, input, code, field] of refusals) {
      const before = await authState(harness, t.tenant);
      const payload = dataOf(await u.client.request(CHANGE_PASSWORD, { input })).changePassword;
      expect({ name, payload }).toEqual({ name, payload: { endedSessions: null, userErrors: [{ code, field, message: expect.any(String) }] } });
      expect(await authState(harness, t.tenant)).toEqual(before);
    }

    const changed = dataOf(await u.client.request(CHANGE_PASSWORD, { input: { currentPassword: u.password, newPassword } })).changePassword;
    expect(changed).toEqual({ endedSessions: 2, userErrors: [] });
    // This session stays; the others end at once, refresh tokens included.
    expect(dataOf(await u.client.request(ME)).me.id).toBe(u.id);
    for (const s of [other, third]) {
      expectUnauthenticated(await harness.client(s.accessToken).request(ME));
      expect(errorCodes(await harness.anonymous.request(REFRESH, { input: { refreshToken: s.refreshToken } }))).toEqual(['UNAUTHENTICATED']);
    }
    const oldLogin = await login(harness, { workspace: t.tenant.slug, email: u.email, password: u.password }, uniqueAddress());
    expect(errorCodes(oldLogin)).toEqual(['UNAUTHENTICATED']);
    expect((await loginOk(harness, t.tenant, { email: u.email, password: newPassword })).userId).toBe(u.id);
  });

  test('an API key acting for the user cannot change the password (FORBIDDEN), nothing written', async () => {
    const t = await harness.createTenant();
    const u = await signUp(harness, t);
    const { client } = await harness.keyFor(t.tenant, { role: 'sales_rep', userId: u.uuid });
    const before = await authState(harness, t.tenant);
    const response = await client.request(CHANGE_PASSWORD, { input: { currentPassword: u.password, newPassword: strongPassword() } });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(await authState(harness, t.tenant)).toEqual(before);
  });
});

describe('access tokens', () => {
  const SIGNING_KEY = `known-test-signing-key-${randomBytes(16).toString('hex')}`;
  const key = new TextEncoder().encode(SIGNING_KEY);
  let known: RunningApp;
  let a: TestTenant;
  let b: TestTenant;
  let alice: SignedInUser;
  let bob: SignedInUser;
  beforeAll(async () => {
    known = await startApp(testAppConfig({ sessionSigningKey: SIGNING_KEY }), harness.dataSource);
    [a, b] = await Promise.all([harness.createTenant({ name: 'Workspace A' }), harness.createTenant({ name: 'Workspace B' })]);
    [alice, bob] = await Promise.all([signUp(harness, a, { role: 'admin' }), signUp(harness, b, { role: 'admin' })]);
    dataOf(await a.client.request(CREATE_ACCOUNT, { input: { name: 'Account of A' } }));
    dataOf(await b.client.request(CREATE_ACCOUNT, { input: { name: 'Account of B' } }));
  });
  afterAll(async () => {
    await known?.stop();
  });

  const claimsOf = (u: SignedInUser) => decodeJwt(u.session.accessToken) as { sub: string; tid: string; sid: string };
  const sign = (payload: Record<string, unknown>, options: { alg?: string; iss?: string; aud?: string; iat?: number; exp?: number; signingKey?: Uint8Array } = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(payload)
      .setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' })
      .setIssuer(options.iss ?? 'tenantry')
      .setAudience(options.aud ?? 'tenantry-api')
      .setIssuedAt(options.iat ?? now)
      .setExpirationTime(options.exp ?? now + 300)
      .sign(options.signingKey ?? key);
  };

  test('a token signed with the known key by hand works there (the forging cases below are meaningful)', async () => {
    const { sub, tid, sid } = claimsOf(alice);
    const token = await sign({ sub, tid, sid });
    expect(dataOf(await clientOf(known.url, token).request(ME)).me.id).toBe(alice.id);
  });

  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const forged: [string, () => Promise<{ url: () => string; token: string }>][] = [
    [
      'signature altered',
      async () => {
        const [h, p, s] = alice.session.accessToken.split('.');
        const flipped = s.slice(0, 10) + (s[10] === 'A' ? 'B' : 'A') + s.slice(11);
        return { url: () => harness.url, token: [h, p, flipped].join('.') };
      },
    ],
    [
      'payload altered (another user, same signature)',
      async () => {
        const [h, p, s] = alice.session.accessToken.split('.');
        const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
        return { url: () => harness.url, token: [h, b64({ ...claims, sub: claimsOf(bob).sub, tid: b.tenant.id, sid: claimsOf(bob).sid }), s].join('.') };
      },
    ],
    [
      'alg none',
      async () => {
        const claims = decodeJwt(alice.session.accessToken);
        return { url: () => harness.url, token: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.` };
      },
    ],
    ['signed with a foreign key', async () => ({ url: () => harness.url, token: await sign(claimsOf(alice), { signingKey: randomBytes(32) }) })],
    ['a valid token of another deployment (other key)', async () => ({ url: () => harness.url, token: await sign(claimsOf(alice)) })],
    ['expired', async () => ({ url: () => known.url, token: await sign(claimsOf(alice), { iat: Math.floor(Date.now() / 1000) - 1000, exp: Math.floor(Date.now() / 1000) - 60 }) })],
    ['wrong issuer', async () => ({ url: () => known.url, token: await sign(claimsOf(alice), { iss: 'someone-else' }) })],
    ['wrong audience', async () => ({ url: () => known.url, token: await sign(claimsOf(alice), { aud: 'another-api' }) })],
    ['HS512 with the right key', async () => ({ url: () => known.url, token: await sign(claimsOf(alice), { alg: 'HS512' }) })],
    ['no session claim', async () => ({ url: () => known.url, token: await sign({ sub: claimsOf(alice).sub, tid: a.tenant.id }) })],
    ['a session that does not exist', async () => ({ url: () => known.url, token: await sign({ ...claimsOf(alice), sid: randomUUID() }) })],
    ['another user’s session', async () => ({ url: () => known.url, token: await sign({ ...claimsOf(alice), sid: claimsOf(bob).sid }) })],
    ['workspace B named with A’s user and session', async () => ({ url: () => known.url, token: await sign({ ...claimsOf(alice), tid: b.tenant.id }) })],
    ['workspace B named with B’s user and A’s session', async () => ({ url: () => known.url, token: await sign({ sub: claimsOf(bob).sub, sid: claimsOf(alice).sid, tid: b.tenant.id }) })],
    ['an unknown workspace', async () => ({ url: () => known.url, token: await sign({ ...claimsOf(alice), tid: randomUUID() }) })],
    ['a user ID that is not a UUID', async () => ({ url: () => known.url, token: await sign({ ...claimsOf(alice), sub: 'admin' }) })],
  ];
  test.each(forged)('%s: 401 UNAUTHENTICATED, no data', async (_name, make) => {
    const { url, token } = await make();
    for (const query of [ME, '{ accounts { nodes { name } } }']) expectUnauthenticated(await clientOf(url(), token).request(query));
  });

  test('a token of workspace A reads workspace A only', async () => {
    const accounts = dataOf(await alice.client.request('{ accounts { nodes { name } } viewer { workspace { slug } } }'));
    expect(accounts.accounts.nodes.map((n: { name: string }) => n.name)).toEqual(['Account of A']);
    expect(accounts.viewer.workspace.slug).toBe(a.tenant.slug);
    // B's user, looked up by B's global ID, does not exist for A.
    const node = await alice.client.request('query($id: ID!) { node(id: $id) { id } }', { id: toGlobalId('User', bob.uuid) });
    expect(node.data?.node ?? null).toBeNull();
    expect(errorCodes(node)).toEqual(['NOT_FOUND']);
  });
});
