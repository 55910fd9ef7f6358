/**
 * Admins manage users: list and filter them, change roles (in force from the user's next request),
 * deactivate (sessions, invitations and API keys end at once; the seat is freed) and reactivate
 * (a seat permitting). The last active admin stays; every change is in the admin audit log.
 */
import { randomUUID } from 'node:crypto';
import { GraphQLResponse, TestTenant, dataOf, errorCodes, useHarness } from '../support/harness';
import { toGlobalId } from '../../src/graphql/global-id';
import {
  AUDIT,
  CREATE_KEY,
  DEACTIVATE,
  INVITE,
  ME,
  REACTIVATE,
  REFRESH,
  RESEND,
  SignedInUser,
  UPDATE_USER,
  USERS,
  accept,
  authState,
  eventually,
  inSchema,
  invite,
  login,
  loginOk,
  seatsUsed,
  signUp,
  strongPassword,
  uniqueAddress,
  uniqueEmail,
} from './auth-helpers';

const harness = useHarness();

function expectUnauthenticated(response: GraphQLResponse): void {
  expect({ status: response.status, codes: errorCodes(response), data: response.data ?? null }).toEqual({ status: 401, codes: ['UNAUTHENTICATED'], data: null });
}

const names = (response: GraphQLResponse) => dataOf(response).users.nodes.map((u: { name: string }) => u.name);
const CHANGE_PLAN = `mutation($input: ChangeTenantPlanInput!) { changeTenantPlan(input: $input) { tenant { seats seatsUsed } userErrors { code field message } } }`;

describe('listing users', () => {
  let t: TestTenant;
  beforeAll(async () => {
    t = await harness.createTenant();
    await harness.addUser(t.tenant, { role: 'admin', name: 'Ada Admin', email: uniqueEmail('ada') });
    await harness.addUser(t.tenant, { role: 'sales_rep', name: 'Bert Rep', email: uniqueEmail('bert') });
    await invite(t.client, { role: 'sales_rep', name: 'Cleo Invited' });
    const dora = await harness.addUser(t.tenant, { role: 'analyst', name: 'Dora Gone', email: uniqueEmail('dora') });
    expect(dataOf(await t.client.request(DEACTIVATE, { input: { id: dora.id } })).deactivateUser.userErrors).toEqual([]);
    await harness.addUser(t.tenant, { role: 'sales_rep', name: 'Emil Rep', email: uniqueEmail('emil') });
  });

  test.each([
    ['everyone, by name', {}, ['Ada Admin', 'Bert Rep', 'Cleo Invited', 'Dora Gone', 'Emil Rep']],
    ['status ACTIVE', { status: 'ACTIVE' }, ['Ada Admin', 'Bert Rep', 'Emil Rep']],
    ['status INVITED', { status: 'INVITED' }, ['Cleo Invited']],
    ['status DEACTIVATED', { status: 'DEACTIVATED' }, ['Dora Gone']],
    ['role sales_rep', { role: 'sales_rep' }, ['Bert Rep', 'Cleo Invited', 'Emil Rep']],
    ['role sales_rep and ACTIVE', { role: 'sales_rep', status: 'ACTIVE' }, ['Bert Rep', 'Emil Rep']],
    ['an unknown role', { role: 'wizard' }, []],
  ])('%s', async (_name, filter, expected) => {
    const response = await t.client.request(USERS, filter);
    expect(names(response)).toEqual(expected);
    expect(dataOf(response).users.totalCount).toBe(expected.length);
  });

  test('pages forward with first/after', async () => {
    const first = dataOf(await t.client.request(USERS, { first: 2 })).users;
    expect(first.nodes.map((u: { name: string }) => u.name)).toEqual(['Ada Admin', 'Bert Rep']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = dataOf(await t.client.request(USERS, { first: 2, after: first.pageInfo.endCursor })).users;
    expect(second.nodes.map((u: { name: string }) => u.name)).toEqual(['Cleo Invited', 'Dora Gone']);
    const third = dataOf(await t.client.request(USERS, { first: 2, after: second.pageInfo.endCursor })).users;
    expect(third.nodes.map((u: { name: string }) => u.name)).toEqual(['Emil Rep']);
    expect(third.pageInfo.hasNextPage).toBe(false);
  });

  test.each([['sales_manager'], ['read_only'], ['analyst']])('key with role %s may not list users (FORBIDDEN)', async (role) => {
    const { client } = await harness.keyFor(t.tenant, { role });
    const response = await client.request(USERS, {});
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.data?.users ?? null).toBeNull();
  });
});

describe('changing a role', () => {
  test('applies from the user’s next request, with the same access token; audited with before/after and actor', async () => {
    const t = await harness.createTenant();
    const admin = await signUp(harness, t, { role: 'admin', name: 'Irma Admin' });
    const rep = await signUp(harness, t, { role: 'sales_rep', name: 'Sam Rep' });
    expect(dataOf(await rep.client.request(ME)).viewer.role).toBe('sales_rep');
    expect(errorCodes(await rep.client.request(USERS, {}))).toEqual(['FORBIDDEN']);

    const promoted = dataOf(await admin.client.request(UPDATE_USER, { input: { id: rep.id, role: 'admin', expectedVersion: 2 } })).updateUser;
    expect(promoted.userErrors).toEqual([]);
    expect(promoted.user).toMatchObject({ roleKey: 'admin', version: 3 });
    expect(dataOf(await rep.client.request(ME)).viewer.role).toBe('admin');
    expect(names(await rep.client.request(USERS, {}))).toEqual(['Irma Admin', 'Sam Rep']);

    const demoted = dataOf(await admin.client.request(UPDATE_USER, { input: { id: rep.id, role: 'read_only' } })).updateUser;
    expect(demoted.userErrors).toEqual([]);
    expect(errorCodes(await rep.client.request(USERS, {}))).toEqual(['FORBIDDEN']);
    expect(dataOf(await rep.client.request(ME)).viewer.role).toBe('read_only');

    const entries = dataOf(await admin.client.request(AUDIT, { action: 'user.update' })).adminAuditLog.nodes;
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({
      actorKind: 'user',
      actorId: admin.id,
      targetType: 'User',
      targetId: rep.id,
      before: { id: rep.id, role: 'sales_rep', status: 'active', version: 2, name: 'Sam Rep' },
      after: { id: rep.id, role: 'admin', status: 'active', version: 3, name: 'Sam Rep' },
    });
    expect(entries[0]).toMatchObject({ before: { role: 'admin' }, after: { role: 'read_only', version: 4 } });
  });

  describe('refusals write nothing', () => {
    let t: TestTenant;
    let rep: SignedInUser;
    beforeAll(async () => {
      t = await harness.createTenant();
      rep = await signUp(harness, t, { role: 'sales_rep' });
    });
    const cases: [string, () => Record<string, unknown>, string, string[]][] = [
      ['unknown role', () => ({ id: rep.id, role: 'wizard' }), 'NOT_FOUND', ['input', 'role']],
      ['stale version', () => ({ id: rep.id, role: 'admin', expectedVersion: 1 }), 'CONFLICT', ['input', 'expectedVersion']],
      ['blank name', () => ({ id: rep.id, name: '  ' }), 'REQUIRED', ['input', 'name']],
      ['unknown user', () => ({ id: toGlobalId('User', randomUUID()), role: 'admin' }), 'NOT_FOUND', ['input', 'id']],
      ['not a User ID', () => ({ id: toGlobalId('Account', randomUUID()), role: 'admin' }), 'INVALID', ['input', 'id']],
    ];
    test.each(cases)('%s', async (_name, input, code, field) => {
      const before = await authState(harness, t.tenant);
      const payload = dataOf(await t.client.request(UPDATE_USER, { input: input() })).updateUser;
      expect(payload).toEqual({ user: null, userErrors: [{ code, field, message: expect.any(String) }] });
      expect(await authState(harness, t.tenant)).toEqual(before);
      expect(dataOf(await rep.client.request(ME)).viewer.role).toBe('sales_rep');
    });

    test('a sales rep may not change roles (their own included)', async () => {
      const before = await authState(harness, t.tenant);
      const response = await rep.client.request(UPDATE_USER, { input: { id: rep.id, role: 'admin' } });
      expect(errorCodes(response)).toEqual(['FORBIDDEN']);
      expect(await authState(harness, t.tenant)).toEqual(before);
    });
  });
});

describe('deactivating', () => {
  test('ends sessions, refresh tokens and API keys of the user at once, frees the seat, is audited', async () => {
    const t = await harness.createTenant();
    const admin = await signUp(harness, t, { role: 'admin' });
    const rep = await signUp(harness, t, { role: 'sales_rep' });
    const second = await loginOk(harness, t.tenant, rep);
    const key = dataOf(await admin.client.request(CREATE_KEY, { input: { name: 'Rep integration', role: 'sales_rep', userId: rep.id } })).createApiKey;
    const keyClient = harness.client(key.token);
    const bystanderKey = dataOf(await admin.client.request(CREATE_KEY, { input: { name: 'Admin integration', role: 'admin', userId: admin.id } })).createApiKey;
    expect(dataOf(await keyClient.request(ME)).me.id).toBe(rep.id);
    expect(await eventually(() => seatsUsed(harness, t.tenant), 2)).toBe(2);

    const payload = dataOf(await admin.client.request(DEACTIVATE, { input: { id: rep.id } })).deactivateUser;
    expect(payload.userErrors).toEqual([]);
    expect(payload.user).toMatchObject({ id: rep.id, status: 'DEACTIVATED', active: false });

    // At once: both sessions' access tokens, the refresh tokens and the key acting for the user.
    for (const token of [rep.session.accessToken, second.accessToken, key.token]) expectUnauthenticated(await harness.client(token).request(ME));
    for (const refreshToken of [rep.session.refreshToken, second.refreshToken]) {
      expect(errorCodes(await harness.anonymous.request(REFRESH, { input: { refreshToken } }))).toEqual(['UNAUTHENTICATED']);
    }
    expect(errorCodes(await login(harness, { workspace: t.tenant.slug, email: rep.email, password: rep.password }, uniqueAddress()))).toEqual(['UNAUTHENTICATED']);
    const sessions = await inSchema(harness, t.tenant, 'SELECT revoked_reason AS reason FROM user_sessions WHERE user_id = $1', [rep.uuid]);
    expect(sessions).toEqual([{ reason: 'user_deactivated' }, { reason: 'user_deactivated' }]);
    // The key is revoked for good in the control plane; keys of others are untouched.
    const keys = async () =>
      (await harness.dataSource.query('SELECT user_id AS "userId", revoked_at IS NOT NULL AS revoked FROM control.api_keys WHERE tenant_id = $1 AND user_id IS NOT NULL ORDER BY user_id = $2', [t.tenant.id, rep.uuid])).map(
        (k: { revoked: boolean }) => k.revoked,
      );
    expect(await keys()).toEqual([false, true]);
    expect(dataOf(await harness.client(bystanderKey.token).request(ME)).me.id).toBe(admin.id);
    // The seat is free.
    expect(await eventually(() => seatsUsed(harness, t.tenant), 1)).toBe(1);

    const [entry] = dataOf(await admin.client.request(AUDIT, { action: 'user.deactivate' })).adminAuditLog.nodes;
    expect(entry).toMatchObject({
      actorKind: 'user',
      actorId: admin.id,
      targetType: 'User',
      targetId: rep.id,
      before: { status: 'active', role: 'sales_rep' },
      after: { status: 'deactivated', role: 'sales_rep', endedSessions: 2 },
    });

    // Deactivating again changes nothing and records nothing.
    const before = await authState(harness, t.tenant);
    expect(dataOf(await admin.client.request(DEACTIVATE, { input: { id: rep.id } })).deactivateUser).toMatchObject({ userErrors: [], user: { status: 'DEACTIVATED' } });
    expect(await authState(harness, t.tenant)).toEqual(before);
  });

  test('an invited user: the invitation ends and the seat is freed', async () => {
    const t = await harness.createTenant();
    const invited = await invite(t.client);
    expect(await eventually(() => seatsUsed(harness, t.tenant), 1)).toBe(1);
    expect(dataOf(await t.client.request(DEACTIVATE, { input: { id: invited.id } })).deactivateUser.userErrors).toEqual([]);
    const refused = dataOf(await harness.anonymous.request('mutation($t: String!) { acceptInvitation(input: { token: $t, password: "violet-harbour-lamp" }) { userErrors { code } } }', { t: invited.token }));
    expect(refused.acceptInvitation.userErrors).toEqual([{ code: 'INVALID_STATE' }]);
    expect(await eventually(() => seatsUsed(harness, t.tenant), 0)).toBe(0);
  });

  test.each([
    ['unknown user', () => toGlobalId('User', randomUUID()), 'NOT_FOUND'],
    ['not a User ID', () => 'garbage', 'INVALID'],
  ])('refused for %s, nothing written', async (_name, id, code) => {
    const t = await harness.createTenant();
    const before = await authState(harness, t.tenant);
    const payload = dataOf(await t.client.request(DEACTIVATE, { input: { id: id() } })).deactivateUser;
    expect(payload).toEqual({ user: null, userErrors: [{ code, field: ['input', 'id'], message: expect.any(String) }] });
    expect(await authState(harness, t.tenant)).toEqual(before);
  });
});

describe('reactivating', () => {
  test('a user with a password is active again and signs in; old sessions and keys stay ended', async () => {
    const t = await harness.createTenant();
    const rep = await signUp(harness, t, { role: 'sales_rep' });
    const key = dataOf(await t.client.request(CREATE_KEY, { input: { name: 'Rep key', role: 'sales_rep', userId: rep.id } })).createApiKey;
    dataOf(await t.client.request(DEACTIVATE, { input: { id: rep.id } }));
    expect(await eventually(() => seatsUsed(harness, t.tenant), 0)).toBe(0);

    const payload = dataOf(await t.client.request(REACTIVATE, { input: { id: rep.id } })).reactivateUser;
    expect(payload.userErrors).toEqual([]);
    expect(payload.user).toMatchObject({ status: 'ACTIVE', active: true, roleKey: 'sales_rep' });
    expect(await eventually(() => seatsUsed(harness, t.tenant), 1)).toBe(1);
    expectUnauthenticated(await rep.client.request(ME));
    expectUnauthenticated(await harness.client(key.token).request(ME));
    const fresh = await loginOk(harness, t.tenant, rep);
    expect(dataOf(await harness.client(fresh.accessToken).request(ME)).me.status).toBe('ACTIVE');

    const [entry] = dataOf(await t.client.request(AUDIT, { action: 'user.reactivate' })).adminAuditLog.nodes;
    expect(entry).toMatchObject({ actorKind: 'api_key', targetId: rep.id, before: { status: 'deactivated' }, after: { status: 'active' } });
  });

  test('a user who never set a password is invited again (and can be sent a new invitation)', async () => {
    const t = await harness.createTenant();
    const invited = await invite(t.client);
    dataOf(await t.client.request(DEACTIVATE, { input: { id: invited.id } }));
    const payload = dataOf(await t.client.request(REACTIVATE, { input: { id: invited.id } })).reactivateUser;
    expect(payload.user).toMatchObject({ status: 'INVITED', active: false });
    // The old invitation ended with the deactivation; a new one works.
    const resent = dataOf(await t.client.request(RESEND, { input: { userId: invited.id } })).resendInvitation;
    expect(resent.userErrors).toEqual([]);
    expect((await accept(harness, resent.invitationToken, strongPassword())).userId).toBe(invited.id);
  });

  test('an active user: nothing to do, nothing written', async () => {
    const t = await harness.createTenant();
    const rep = await signUp(harness, t);
    const before = await authState(harness, t.tenant);
    expect(dataOf(await t.client.request(REACTIVATE, { input: { id: rep.id } })).reactivateUser).toMatchObject({ userErrors: [], user: { status: 'ACTIVE' } });
    expect(await authState(harness, t.tenant)).toEqual(before);
  });
});

describe('the last active admin', () => {
  test('cannot be deactivated or demoted; with a second admin they can', async () => {
    const t = await harness.createTenant();
    const first = await signUp(harness, t, { role: 'admin', name: 'First Admin' });
    // Neither an invited nor a deactivated admin counts.
    await invite(t.client, { role: 'admin', name: 'Invited Admin' });
    const gone = await harness.addUser(t.tenant, { role: 'admin', name: 'Gone Admin' });
    expect(dataOf(await t.client.request(DEACTIVATE, { input: { id: gone.id } })).deactivateUser.userErrors).toEqual([]);

    const refusals: [string, string, Record<string, unknown>, string[]][] = [
      ['deactivate', DEACTIVATE, { id: first.id }, ['input', 'id']],
      ['demote', UPDATE_USER, { id: first.id, role: 'sales_manager' }, ['input', 'role']],
    ];
    for (const [what, mutation, input, field] of refusals) {
      for (const client of [t.client, first.client]) {
        const before = await authState(harness, t.tenant);
        const data = dataOf(await client.request(mutation, { input }));
        const payload = data.deactivateUser ?? data.updateUser;
        expect({ what, payload }).toEqual({ what, payload: { user: null, userErrors: [{ code: 'INVALID_STATE', field, message: expect.stringMatching(/no active admin/) }] } });
        expect(await authState(harness, t.tenant)).toEqual(before);
      }
    }
    // Renaming the last admin is fine.
    expect(dataOf(await t.client.request(UPDATE_USER, { input: { id: first.id, name: 'First Admin Renamed' } })).updateUser.userErrors).toEqual([]);

    const second = await signUp(harness, t, { role: 'admin', name: 'Second Admin' });
    expect(dataOf(await second.client.request(UPDATE_USER, { input: { id: first.id, role: 'sales_manager' } })).updateUser.userErrors).toEqual([]);
    // Now the second is the last one: not even they may deactivate themselves.
    const self = dataOf(await second.client.request(DEACTIVATE, { input: { id: second.id } })).deactivateUser;
    expect(self.userErrors.map((e: { code: string }) => e.code)).toEqual(['INVALID_STATE']);
    // Reactivating the other admin makes room.
    expect(dataOf(await t.client.request(REACTIVATE, { input: { id: gone.id } })).reactivateUser.user.status).toBe('INVITED');
    expect(dataOf(await t.client.request(UPDATE_USER, { input: { id: first.id, role: 'admin' } })).updateUser.userErrors).toEqual([]);
    expect(dataOf(await second.client.request(DEACTIVATE, { input: { id: second.id } })).deactivateUser.userErrors).toEqual([]);
    expectUnauthenticated(await second.client.request(ME));
  });
});

describe('the last active admin, concurrently', () => {
  test.each([
    ['both deactivated at once', (id: string) => ({ mutation: DEACTIVATE, input: { id } })],
    ['both demoted at once', (id: string) => ({ mutation: UPDATE_USER, input: { id, role: 'sales_rep' } })],
    ['one deactivated, one demoted at once', (id: string, i: number) => (i === 0 ? { mutation: DEACTIVATE, input: { id } } : { mutation: UPDATE_USER, input: { id, role: 'sales_rep' } })],
  ])('two admins, %s: exactly one change goes through', async (_name, change) => {
    const t = await harness.createTenant();
    const admins = await Promise.all([1, 2].map((i) => harness.addUser(t.tenant, { role: 'admin', name: `Admin ${i}` })));
    const responses = await Promise.all(admins.map((a, i) => t.client.request(change(a.id, i).mutation, { input: change(a.id, i).input })));
    const codes = responses.map((r) => Object.values(dataOf(r))[0] as { userErrors: { code: string }[] }).map((p) => p.userErrors.map((e) => e.code).join() || 'OK').sort();
    expect(codes).toEqual(['INVALID_STATE', 'OK']);
    const [{ count }] = await inSchema(harness, t.tenant, "SELECT count(*)::int AS count FROM users WHERE status = 'active' AND role_key = 'admin'");
    expect(count).toBe(1);
  });
});

describe('seats', () => {
  test('invited and active users take the seats the workspace bought; the control plane follows', async () => {
    const t = await harness.createTenant({ seats: 3 });
    const active = await signUp(harness, t);
    const invited = await invite(t.client);
    await invite(t.client);
    expect(await eventually(() => seatsUsed(harness, t.tenant), 3)).toBe(3);

    // Full: the next invitation is refused, and nothing is written.
    const before = await authState(harness, t.tenant);
    const refused = dataOf(await t.client.request(INVITE, { input: { email: uniqueEmail(), name: 'One Too Many', role: 'sales_rep' } })).inviteUser;
    expect(refused).toMatchObject({ user: null, invitationToken: null, userErrors: [{ code: 'QUOTA_EXCEEDED', field: ['input', 'email'], message: expect.stringMatching(/3 seats/) }] });
    expect(await authState(harness, t.tenant)).toEqual(before);

    // Deactivating frees a seat; the freed seat can be used; then reactivation finds none.
    dataOf(await t.client.request(DEACTIVATE, { input: { id: invited.id } }));
    expect(await eventually(() => seatsUsed(harness, t.tenant), 2)).toBe(2);
    await invite(t.client);
    expect(await eventually(() => seatsUsed(harness, t.tenant), 3)).toBe(3);
    const beforeReactivation = await authState(harness, t.tenant);
    const noSeat = dataOf(await t.client.request(REACTIVATE, { input: { id: invited.id } })).reactivateUser;
    expect(noSeat).toEqual({ user: null, userErrors: [{ code: 'QUOTA_EXCEEDED', field: ['input', 'id'], message: expect.any(String) }] });
    expect(await authState(harness, t.tenant)).toEqual(beforeReactivation);

    // Buying a seat (the platform changes the plan's seats) makes room at once.
    const tenantId = toGlobalId('Tenant', t.tenant.id);
    const below = dataOf(await harness.platform.request(CHANGE_PLAN, { input: { tenantId, seats: 2 } })).changeTenantPlan;
    expect(below.userErrors.map((e: { code: string }) => e.code)).toEqual(['OUT_OF_RANGE']);
    // Not beyond the plan's seat limit either.
    const [{ seatLimit }] = await harness.dataSource.query('SELECT seat_limit AS "seatLimit" FROM control.plans WHERE code = $1', [t.tenant.planCode]);
    const beyond = dataOf(await harness.platform.request(CHANGE_PLAN, { input: { tenantId, seats: seatLimit + 1 } })).changeTenantPlan;
    expect(beyond.userErrors).toEqual([expect.objectContaining({ code: 'OUT_OF_RANGE', message: expect.stringContaining(`at most ${seatLimit} seats`) })]);
    const bought = dataOf(await harness.platform.request(CHANGE_PLAN, { input: { tenantId, seats: 4 } })).changeTenantPlan;
    expect(bought).toEqual({ tenant: { seats: 4, seatsUsed: 3 }, userErrors: [] });
    expect(dataOf(await t.client.request(REACTIVATE, { input: { id: invited.id } })).reactivateUser.userErrors).toEqual([]);
    expect(await eventually(() => seatsUsed(harness, t.tenant), 4)).toBe(4);
    // The active user is unaffected throughout.
    expect(dataOf(await active.client.request(ME)).me.status).toBe('ACTIVE');
  });

  test('two invitations racing for the last seat: exactly one wins', async () => {
    const t = await harness.createTenant({ seats: 1 });
    const responses = await Promise.all(
      [1, 2, 3].map((i) => t.client.request(INVITE, { input: { email: uniqueEmail(`race${i}`), name: `Racer ${i}`, role: 'sales_rep' } })),
    );
    const codes = responses.map((r) => dataOf(r).inviteUser.userErrors.map((e: { code: string }) => e.code).join() || 'OK').sort();
    expect(codes).toEqual(['OK', 'QUOTA_EXCEEDED', 'QUOTA_EXCEEDED']);
    const [{ count }] = await inSchema(harness, t.tenant, "SELECT count(*)::int AS count FROM users WHERE status IN ('invited', 'active')");
    expect(count).toBe(1);
    expect(await eventually(() => seatsUsed(harness, t.tenant), 1)).toBe(1);
  });
});

describe('admin audit log', () => {
  test('lists user changes newest first, filterable by target type; admins only', async () => {
    const t = await harness.createTenant();
    const invited = await invite(t.client, { name: 'Audit Target' });
    dataOf(await t.client.request(UPDATE_USER, { input: { id: invited.id, name: 'Audit Target Renamed' } }));
    dataOf(await t.client.request(DEACTIVATE, { input: { id: invited.id } }));
    dataOf(await t.client.request(REACTIVATE, { input: { id: invited.id } }));
    const entries = dataOf(await t.client.request(AUDIT, { targetType: 'User' })).adminAuditLog.nodes;
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['user.reactivate', 'user.deactivate', 'user.update', 'user.invite']);
    expect(entries.every((e: { targetId: string }) => e.targetId === invited.id)).toBe(true);
    expect(entries[2]).toMatchObject({ before: { name: 'Audit Target' }, after: { name: 'Audit Target Renamed' } });
    expect(entries[1]).toMatchObject({ before: { status: 'invited' }, after: { status: 'deactivated', endedSessions: 0 } });
    expect(entries[0]).toMatchObject({ before: { status: 'deactivated' }, after: { status: 'invited' } });

    const rep = await signUp(harness, t, { role: 'sales_rep' });
    expect(errorCodes(await rep.client.request(AUDIT, {}))).toEqual(['FORBIDDEN']);
  });
});
