/**
 * Invitations: an admin invites a person (taking a seat); the single-use token expires and is
 * replaced by a newer one; accepting sets the password, activates the user and signs them in.
 * Bad input gets a clear userError and writes nothing.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { dataOf, errorCodes, testAppConfig, useHarness, TestTenant } from '../support/harness';
import { RunningApp, startApp } from '../../src/server';
import {
  ACCEPT,
  AUDIT,
  CREATE_TEAM,
  INVITE,
  ME,
  RESEND,
  accept,
  authState,
  clientOf,
  eventually,
  inSchema,
  invite,
  loginOk,
  secondsFromNow,
  seatsUsed,
  signUp,
  sleep,
  strongPassword,
  uniqueEmail,
} from './auth-helpers';

const harness = useHarness();

const TOKEN_FORMAT = /^tnt_invite_([0-9a-f-]{36})_([0-9a-f-]{36})_[A-Za-z0-9_-]{43}$/;

describe('inviting', () => {
  test('creates an invited user with a single-use token that expires after the configured time', async () => {
    const t = await harness.createTenant();
    const team = dataOf(await t.client.request(CREATE_TEAM, { input: { name: 'Field sales' } })).createTeam.team;
    const email = uniqueEmail('ines');
    const response = dataOf(await t.client.request(INVITE, { input: { email, name: '  Ines Invitee ', role: 'sales_manager', teamIds: [team.id] } })).inviteUser;
    expect(response.userErrors).toEqual([]);
    expect(response.user).toMatchObject({ email, name: 'Ines Invitee', status: 'INVITED', roleKey: 'sales_manager', active: false, lastLoginAt: null });
    const [, tenantId, invitationId] = TOKEN_FORMAT.exec(response.invitationToken) ?? [];
    expect(tenantId).toBe(t.tenant.id);
    // testAppConfig: invitationTtlSeconds 3600.
    expect(secondsFromNow(response.invitationExpiresAt)).toBeGreaterThan(3590);
    expect(secondsFromNow(response.invitationExpiresAt)).toBeLessThanOrEqual(3601);

    const [row] = await inSchema(
      harness,
      t.tenant,
      `SELECT u.status, u.password_hash, i.id AS "invitationId", i.accepted_at, i.revoked_at, encode(i.token_hash, 'hex') AS hash,
              (SELECT array_agg(team_id::text) FROM team_members m WHERE m.user_id = u.id) AS teams
         FROM users u JOIN user_invitations i ON i.user_id = u.id WHERE lower(u.email) = lower($1)`,
      [email],
    );
    expect(row).toMatchObject({ status: 'invited', password_hash: null, invitationId, accepted_at: null, revoked_at: null });
    // Only a hash of the secret is stored.
    expect(response.invitationToken).not.toContain(row.hash);
    expect(row.hash).toHaveLength(64);
    expect(row.teams).toHaveLength(1);
    // The invited user takes a seat; the control plane's count follows.
    expect(await eventually(() => seatsUsed(harness, t.tenant), 1)).toBe(1);
  });

  test('is recorded in the admin audit log (actor, after state with teams)', async () => {
    const t = await harness.createTenant();
    const invited = await invite(t.client, { role: 'analyst', name: 'Audited Person' });
    const entries = dataOf(await t.client.request(AUDIT, { action: 'user.invite' })).adminAuditLog.nodes;
    expect(entries).toHaveLength(1);
    const keyId = t.token.split('_')[2];
    expect(entries[0]).toMatchObject({
      action: 'user.invite',
      actorKind: 'api_key',
      actorId: keyId,
      targetType: 'User',
      targetId: invited.id,
      before: null,
      after: { id: invited.id, email: invited.email, name: 'Audited Person', role: 'analyst', status: 'invited', teamIds: [] },
    });
  });

  test('by a signed-in admin: the audit actor is that user', async () => {
    const t = await harness.createTenant();
    const admin = await signUp(harness, t, { role: 'admin' });
    const invited = dataOf(await admin.client.request(INVITE, { input: { email: uniqueEmail(), name: 'By Admin', role: 'sales_rep' } })).inviteUser;
    expect(invited.userErrors).toEqual([]);
    const entries = dataOf(await admin.client.request(AUDIT, { action: 'user.invite' })).adminAuditLog.nodes;
    expect(entries.find((e: { targetId: string }) => e.targetId === invited.user.id)).toMatchObject({ actorKind: 'user', actorId: admin.id });
  });

  describe('refuses bad input and writes nothing', () => {
    let t: TestTenant;
    const existing: Record<string, string> = {};
    beforeAll(async () => {
      t = await harness.createTenant();
      existing.active = (await harness.addUser(t.tenant, { role: 'sales_rep', email: uniqueEmail('active') })).email;
      existing.invited = (await invite(t.client)).email;
      const deactivated = await invite(t.client);
      dataOf(await t.client.request('mutation($id: ID!) { deactivateUser(input: { id: $id }) { userErrors { code } } }', { id: deactivated.id }));
      existing.deactivated = deactivated.email;
    });

    const cases: [string, () => Record<string, unknown>, { code: string; field: string[]; message?: RegExp }[]][] = [
      ['duplicate e-mail (active user)', () => ({ email: existing.active }), [{ code: 'DUPLICATE', field: ['input', 'email'] }]],
      ['duplicate e-mail, other case', () => ({ email: existing.active.toUpperCase() }), [{ code: 'DUPLICATE', field: ['input', 'email'] }]],
      ['duplicate e-mail (invited user)', () => ({ email: existing.invited }), [{ code: 'DUPLICATE', field: ['input', 'email'], message: /resend the invitation/ }]],
      ['duplicate e-mail (deactivated user)', () => ({ email: existing.deactivated }), [{ code: 'DUPLICATE', field: ['input', 'email'], message: /reactivate/ }]],
      ['unknown role', () => ({ role: 'wizard' }), [{ code: 'NOT_FOUND', field: ['input', 'role'] }]],
      ['unknown team', () => ({ teamIds: [Buffer.from(`Team:${randomUUID()}`).toString('base64url')] }), [{ code: 'NOT_FOUND', field: ['input', 'teamIds', '0'] }]],
      ['malformed team ID', () => ({ teamIds: ['not-an-id'] }), [{ code: 'NOT_FOUND', field: ['input', 'teamIds', '0'] }]],
      ['blank name', () => ({ name: '   ' }), [{ code: 'REQUIRED', field: ['input', 'name'] }]],
      [
        'several problems at once',
        () => ({ email: existing.active, role: 'wizard' }),
        [
          { code: 'DUPLICATE', field: ['input', 'email'] },
          { code: 'NOT_FOUND', field: ['input', 'role'] },
        ],
      ],
    ];

    test.each(cases)('%s', async (_name, override, expected) => {
      const before = await authState(harness, t.tenant);
      const input = { email: uniqueEmail(), name: 'Bad Input', role: 'sales_rep', ...override() };
      const payload = dataOf(await t.client.request(INVITE, { input })).inviteUser;
      expect(payload.userErrors).toEqual(expected.map((e) => ({ code: e.code, field: e.field, message: e.message ? expect.stringMatching(e.message) : expect.any(String) })));
      expect(payload.user).toBeNull();
      expect(payload.invitationToken).toBeNull();
      expect(await authState(harness, t.tenant)).toEqual(before);
    });

    test('the same address invited three times at once: one user, the others DUPLICATE', async () => {
      const email = uniqueEmail('race');
      const responses = await Promise.all([1, 2, 3].map(() => t.client.request(INVITE, { input: { email, name: 'Raced Person', role: 'sales_rep' } })));
      const codes = responses.map((r) => dataOf(r).inviteUser.userErrors.map((e: { code: string }) => e.code).join() || 'OK').sort();
      expect(codes).toEqual(['DUPLICATE', 'DUPLICATE', 'OK']);
      const [{ count }] = await inSchema(harness, t.tenant, 'SELECT count(*)::int AS count FROM users WHERE lower(email) = lower($1)', [email]);
      expect(count).toBe(1);
    });

    test('an e-mail that is not an address: refused before anything runs', async () => {
      const before = await authState(harness, t.tenant);
      const response = await t.client.request(INVITE, { input: { email: 'not-an-email', name: 'X Y', role: 'sales_rep' } });
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(await authState(harness, t.tenant)).toEqual(before);
    });

    test.each([
      ['a sales rep key', { role: 'sales_rep' }],
      ['a read-only admin key', { role: 'admin', readOnly: true }],
    ])('%s may not invite (FORBIDDEN)', async (_name, key) => {
      const before = await authState(harness, t.tenant);
      const { client } = await harness.keyFor(t.tenant, key);
      const response = await client.request(INVITE, { input: { email: uniqueEmail(), name: 'Not Allowed', role: 'admin' } });
      expect(errorCodes(response)).toEqual(['FORBIDDEN']);
      expect(await authState(harness, t.tenant)).toEqual(before);
    });
  });
});

describe('accepting', () => {
  test('sets the password, activates the user and signs them in; the token is then used up', async () => {
    const t = await harness.createTenant();
    const invited = await invite(t.client, { role: 'service_agent', name: 'Amelie Accepter' });
    const password = strongPassword();
    const session = await accept(harness, invited.token, password);
    expect(session.userId).toBe(invited.id);
    const me = dataOf(await harness.client(session.accessToken).request(ME));
    expect(me.me).toMatchObject({ id: invited.id, status: 'ACTIVE', active: true, roleKey: 'service_agent', lastLoginAt: expect.any(String) });
    expect(me.viewer).toEqual({ kind: 'TENANT', role: 'service_agent', workspace: { slug: t.tenant.slug } });
    const [row] = await inSchema(
      harness,
      t.tenant,
      `SELECT u.status, u.password_hash IS NOT NULL AS "hasPassword", u.password_changed_at IS NOT NULL AS "changedAt", i.accepted_at IS NOT NULL AS accepted,
              (SELECT count(*)::int FROM user_sessions s WHERE s.user_id = u.id AND s.revoked_at IS NULL) AS sessions
         FROM users u JOIN user_invitations i ON i.user_id = u.id WHERE u.id = $1`,
      [invited.uuid],
    );
    expect(row).toEqual({ status: 'active', hasPassword: true, changedAt: true, accepted: true, sessions: 1 });
    // The password works for signing in.
    expect((await loginOk(harness, t.tenant, { email: invited.email, password })).userId).toBe(invited.id);
    // Still one seat: accepting does not take another.
    expect(await eventually(() => seatsUsed(harness, t.tenant), 1)).toBe(1);
  });

  describe('refusals write nothing', () => {
    type Setup = { t: TestTenant; token: string; userUuid: string };
    const fresh = async (): Promise<Setup> => {
      const t = await harness.createTenant();
      const invited = await invite(t.client, { email: `zora.quill-${randomBytes(3).toString('hex')}@auth.example`, name: 'Zora Quillfeather' });
      return { t, token: invited.token, userUuid: invited.uuid };
    };
    const replaceSecret = (token: string) => token.slice(0, -43) + randomBytes(32).toString('base64url');

    const cases: [string, (s: Setup) => Promise<{ token: string; password?: string }>, string, RegExp][] = [
      ['garbage token', async () => ({ token: 'hello' }), 'INVALID', /not a valid invitation/],
      ['right row, wrong secret', async (s) => ({ token: replaceSecret(s.token) }), 'INVALID', /not a valid invitation/],
      ['unknown workspace', async (s) => ({ token: s.token.replace(s.t.tenant.id, randomUUID()) }), 'INVALID', /not a valid invitation/],
      ['unknown invitation row', async (s) => ({ token: s.token.replace(TOKEN_FORMAT.exec(s.token)![2], randomUUID()) }), 'INVALID', /not a valid invitation/],
      ['a refresh token', async (s) => ({ token: s.token.replace('tnt_invite_', 'tnt_refresh_') }), 'INVALID', /not a valid invitation/],
      [
        'used already',
        async (s) => {
          await accept(harness, s.token, strongPassword());
          return { token: s.token };
        },
        'INVALID_STATE',
        /already used/,
      ],
      [
        'replaced by a newer invitation',
        async (s) => {
          const userId = Buffer.from(`User:${s.userUuid}`).toString('base64url');
          expect(dataOf(await s.t.client.request(RESEND, { input: { userId } })).resendInvitation.userErrors).toEqual([]);
          return { token: s.token };
        },
        'INVALID_STATE',
        /replaced or withdrawn/,
      ],
      [
        'withdrawn (user deactivated)',
        async (s) => {
          const id = Buffer.from(`User:${s.userUuid}`).toString('base64url');
          expect(dataOf(await s.t.client.request('mutation($id: ID!) { deactivateUser(input: { id: $id }) { userErrors { code } } }', { id })).deactivateUser.userErrors).toEqual([]);
          return { token: s.token };
        },
        'INVALID_STATE',
        /replaced or withdrawn/,
      ],
      [
        'expired',
        async (s) => {
          await inSchema(harness, s.t.tenant, "UPDATE user_invitations SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 second' WHERE user_id = $1", [s.userUuid]);
          return { token: s.token };
        },
        'INVALID_STATE',
        /expired/,
      ],
      [
        'workspace suspended',
        async (s) => {
          await harness.dataSource.query("UPDATE control.tenants SET status = 'suspended' WHERE id = $1", [s.t.tenant.id]);
          return { token: s.token };
        },
        'INVALID_STATE',
        /suspended/,
      ],
    ];

    test.each(cases)('%s', async (_name, prepare, code, message) => {
      const s = await fresh();
      const { token } = await prepare(s);
      const before = await authState(harness, s.t.tenant);
      const payload = dataOf(await harness.anonymous.request(ACCEPT, { input: { token, password: strongPassword() } })).acceptInvitation;
      expect(payload).toEqual({ session: null, userErrors: [{ code, field: ['input', 'token'], message: expect.stringMatching(message) }] });
      expect(await authState(harness, s.t.tenant)).toEqual(before);
    });

    // The invitee is "Zora Quillfeather" <zora.quill-…@auth.example>.
    const weak: [string, string][] = [
      ['shorter than 12 characters', 'k7#mPq2!xZ'],
      ['too few different characters', 'abababababababab'],
      ['contains "password"', 'MyPassword-for-2024'],
      ['contains "qwerty"', 'zz-QWERTY-river-88'],
      ['contains "123456"', 'lantern-123456-moss'],
      ['contains the product name', 'i-love-Tenantry-2024'],
      ['contains a name part', 'quillfeather-rocks-77'],
      ['contains the first name', 'river-ZORA-lantern-9'],
    ];
    test.each(weak)('weak password: %s', async (_name, password) => {
      const s = await fresh();
      const before = await authState(harness, s.t.tenant);
      const payload = dataOf(await harness.anonymous.request(ACCEPT, { input: { token: s.token, password } })).acceptInvitation;
      expect(payload).toEqual({ session: null, userErrors: [{ code: 'WEAK', field: ['input', 'password'], message: expect.any(String) }] });
      expect(await authState(harness, s.t.tenant)).toEqual(before);
      // The invitation is still good for a strong password.
      await accept(harness, s.token, strongPassword());
    });

    test('weak password: contains the e-mail local part', async () => {
      const t = await harness.createTenant();
      const invited = await invite(t.client, { email: `marlowe${randomBytes(2).toString('hex')}@auth.example`, name: 'M B' });
      const local = invited.email.split('@')[0];
      const payload = dataOf(await harness.anonymous.request(ACCEPT, { input: { token: invited.token, password: `green-${local}-tree` } })).acceptInvitation;
      expect(payload.userErrors).toEqual([{ code: 'WEAK', field: ['input', 'password'], message: expect.stringMatching(/name or e-mail/) }]);
    });

    test('an empty password is refused by input validation', async () => {
      const s = await fresh();
      const before = await authState(harness, s.t.tenant);
      const payload = dataOf(await harness.anonymous.request(ACCEPT, { input: { token: s.token, password: '' } })).acceptInvitation;
      expect(payload.session).toBeNull();
      expect(payload.userErrors.map((e: { field: string[] }) => e.field)).toEqual([['input', 'password']]);
      expect(await authState(harness, s.t.tenant)).toEqual(before);
    });
  });

  test('an invitation expires after invitationTtlSeconds (second app, 1 s)', async () => {
    let app: RunningApp | undefined;
    try {
      app = await startApp(testAppConfig({ invitationTtlSeconds: 1 }), harness.dataSource);
      const t = await harness.createTenant();
      const invited = await invite(clientOf(app.url, t.token));
      expect(secondsFromNow(invited.expiresAt)).toBeLessThanOrEqual(1.05);
      await sleep(Math.max(0, secondsFromNow(invited.expiresAt) * 1000) + 300);
      const payload = dataOf(await harness.anonymous.request(ACCEPT, { input: { token: invited.token, password: strongPassword() } })).acceptInvitation;
      expect(payload.userErrors).toEqual([{ code: 'INVALID_STATE', field: ['input', 'token'], message: expect.stringMatching(/expired/) }]);
    } finally {
      await app?.stop();
    }
  });
});

describe('resending', () => {
  test('issues a new token, ends the earlier ones and is audited', async () => {
    const t = await harness.createTenant();
    const invited = await invite(t.client);
    const first = dataOf(await t.client.request(RESEND, { input: { userId: invited.id } })).resendInvitation;
    const second = dataOf(await t.client.request(RESEND, { input: { userId: invited.id } })).resendInvitation;
    for (const payload of [first, second]) {
      expect(payload.userErrors).toEqual([]);
      expect(payload.user).toMatchObject({ id: invited.id, status: 'INVITED' });
      expect(payload.invitationToken).toMatch(TOKEN_FORMAT);
    }
    expect(new Set([invited.token, first.invitationToken, second.invitationToken]).size).toBe(3);
    const rows = await inSchema(harness, t.tenant, 'SELECT (revoked_at IS NULL) AS open FROM user_invitations WHERE user_id = $1 ORDER BY id', [invited.uuid]);
    expect(rows.map((r) => r.open)).toEqual([false, false, true]);
    for (const old of [invited.token, first.invitationToken]) {
      const refused = dataOf(await harness.anonymous.request(ACCEPT, { input: { token: old, password: strongPassword() } })).acceptInvitation;
      expect(refused.userErrors.map((e: { code: string }) => e.code)).toEqual(['INVALID_STATE']);
    }
    await accept(harness, second.invitationToken, strongPassword());
    const entries = dataOf(await t.client.request(AUDIT, { action: 'user.resend_invitation' })).adminAuditLog.nodes;
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ targetType: 'User', targetId: invited.id, actorKind: 'api_key', after: { id: invited.id, status: 'invited' } });
    // Resending does not take another seat.
    expect(await eventually(() => seatsUsed(harness, t.tenant), 1)).toBe(1);
  });

  test('an active user who never set a password (e.g. from a tenant manifest) can be invited to set one', async () => {
    const t = await harness.createTenant();
    const added = await harness.addUser(t.tenant, { role: 'sales_rep', name: 'Manifest Person' });
    const payload = dataOf(await t.client.request(RESEND, { input: { userId: added.id } })).resendInvitation;
    expect(payload.userErrors).toEqual([]);
    const password = strongPassword();
    expect((await accept(harness, payload.invitationToken, password)).userId).toBe(added.id);
    expect((await loginOk(harness, t.tenant, { email: added.email, password })).userId).toBe(added.id);
  });

  const refusals: [string, (t: TestTenant) => Promise<string>, string][] = [
    ['an active user with a password', async (t) => (await signUp(harness, t)).id, 'INVALID_STATE'],
    [
      'a deactivated user',
      async (t) => {
        const invited = await invite(t.client);
        expect(dataOf(await t.client.request('mutation($id: ID!) { deactivateUser(input: { id: $id }) { userErrors { code } } }', { id: invited.id })).deactivateUser.userErrors).toEqual([]);
        return invited.id;
      },
      'INVALID_STATE',
    ],
    ['an unknown user', async () => Buffer.from(`User:${randomUUID()}`).toString('base64url'), 'NOT_FOUND'],
    ['a malformed ID', async () => 'garbage', 'INVALID'],
  ];
  test.each(refusals)('refused for %s, nothing written', async (_name, target, code) => {
    const t = await harness.createTenant();
    const userId = await target(t);
    const before = await authState(harness, t.tenant);
    const payload = dataOf(await t.client.request(RESEND, { input: { userId } })).resendInvitation;
    expect(payload.invitationToken).toBeNull();
    expect(payload.userErrors).toEqual([{ code, field: ['input', 'userId'], message: expect.any(String) }]);
    expect(await authState(harness, t.tenant)).toEqual(before);
  });
});
