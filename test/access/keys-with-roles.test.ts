/**
 * Workspace API keys carry a role (built-in or custom) and may act for a user: the key does what
 * its role allows, with the user's record scope. Unknown roles and unknown or inactive users are
 * refused with nothing written; a read-only key writes nothing whatever its role; a key acting for
 * a user stops working once the user is no longer active.
 */
import { Client, TestTenant, TestUser, dataOf, useHarness } from '../support/harness';
import {
  RECORD_TYPES,
  Row,
  createRecord,
  expectForbidden,
  keyClient,
  listed,
  missingId,
  newRecord,
  payloadOf,
  recordCount,
  recordMutation,
  setUserStatus,
  storedRecord,
  userErrorsOf,
} from './access-helpers';

const harness = useHarness();

const KEY_FIELDS = 'id name role userId readOnly revokedAt';
const CREATE_KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { ${KEY_FIELDS} } token userErrors { field code message } } }`;
const API_KEYS = `{ apiKeys { ${KEY_FIELDS} } }`;

let workspace: TestTenant;
let admin: Client;
let rep: TestUser;
let other: TestUser;

beforeAll(async () => {
  workspace = await harness.createTenant({ name: 'Keys with roles' });
  admin = workspace.client;
  rep = await harness.addUser(workspace.tenant, { role: 'sales_rep', name: 'Kim Rep' });
  other = await harness.addUser(workspace.tenant, { role: 'sales_rep', name: 'Lee Other' });
});

/** The workspace's keys made through the API (the harness names the keys it makes "test key"). */
const apiKeys = async (): Promise<Row[]> => dataOf(await admin.request(API_KEYS)).apiKeys.filter((k: Row) => k.name !== 'test key');

test('an admin creates a key with a built-in role acting for a user; it works with that role and scope', async () => {
  const mine = await createRecord(admin, 'Account', { name: 'Kim Co', ownerId: rep.id });
  await createRecord(admin, 'Account', { name: 'Lee Co', ownerId: other.id });
  const payload = payloadOf(await admin.request(CREATE_KEY, { input: { name: 'Kim’s phone', role: 'sales_rep', userId: rep.id } }));
  expect(payload.userErrors).toEqual([]);
  expect(payload.apiKey).toMatchObject({ name: 'Kim’s phone', role: 'sales_rep', userId: rep.id, readOnly: false, revokedAt: null });
  expect(await apiKeys()).toContainEqual(payload.apiKey);

  const key = harness.client(payload.token);
  expect(dataOf(await key.request('{ viewer { role } }')).viewer.role).toBe('sales_rep');
  expect(await listed(key, 'Account')).toEqual({ ids: [mine], totalCount: 1 });
  const created = payloadOf(await key.request(recordMutation('create', 'Account'), { input: { name: 'Kim Two' } }));
  expect(await storedRecord(harness, workspace, 'Account', created.account.id)).toMatchObject({ ownerId: rep.uuid });
});

test('a key with a custom role, and a key without a user', async () => {
  const role = payloadOf(
    await admin.request(`mutation { createRole(input: { name: "Auditor", grants: [{ objectType: "Account", read: true, recordScope: ALL }] }) { role { key } userErrors { code } } }`),
  );
  expect(role).toEqual({ role: { key: 'auditor' }, userErrors: [] });
  const payload = payloadOf(await admin.request(CREATE_KEY, { input: { name: 'Auditors', role: 'auditor' } }));
  expect(payload.apiKey).toMatchObject({ role: 'auditor', userId: null });
  const key = harness.client(payload.token);
  expect(dataOf(await key.request('{ viewer { role } accounts { totalCount } }')).accounts.totalCount).toBe(await recordCount(harness, workspace, 'Account'));
  expectForbidden(await key.request(recordMutation('create', 'Account'), { input: { name: 'Nope' } }), 'Your role may not create Account records');
});

describe('bad input writes nothing', () => {
  const CASES: [string, (users: { rep: TestUser; inactive: TestUser }) => Row, [string[], string][]][] = [
    ['an unknown role', () => ({ role: 'chief' }), [[['input', 'role'], 'NOT_FOUND']]],
    ['a role key in capitals', () => ({ role: 'ADMIN' }), [[['input', 'role'], 'NOT_FOUND']]],
    ['a blank role', () => ({ role: '' }), [[['input', 'role'], 'REQUIRED']]],
    ['an unknown user', () => ({ role: 'sales_rep', userId: missingId('User') }), [[['input', 'userId'], 'NOT_FOUND']]],
    ['a deactivated user', ({ inactive }) => ({ role: 'sales_rep', userId: inactive.id }), [[['input', 'userId'], 'NOT_FOUND']]],
    ['an ID of another type', ({ rep: user }) => ({ role: 'sales_rep', userId: user.id.replace(/^VXNlcj/, 'QWNjb3VudD') }), [[['input', 'userId'], 'INVALID']]],
    [
      'both an unknown role and an unknown user',
      () => ({ role: 'chief', userId: missingId('User') }),
      [
        [['input', 'role'], 'NOT_FOUND'],
        [['input', 'userId'], 'NOT_FOUND'],
      ],
    ],
  ];
  let inactive: TestUser;

  beforeAll(async () => {
    inactive = await harness.addUser(workspace.tenant, { role: 'sales_rep' });
    await setUserStatus(harness, workspace, inactive, 'deactivated');
  });

  test.each(CASES)('createApiKey with %s', async (_label, input, expected) => {
    const before = await apiKeys();
    const payload = payloadOf(await admin.request(CREATE_KEY, { input: { name: 'Refused', ...input({ rep, inactive }) } }));
    expect(userErrorsOf(payload)).toEqual(expected);
    expect(payload).toMatchObject({ apiKey: null, token: null });
    expect(await apiKeys()).toEqual(before);
  });
});

test('only admins manage keys', async () => {
  const before = await apiKeys();
  expect(before.length).toBeGreaterThan(0);
  for (const role of ['sales_manager', 'service_agent', 'read_only']) {
    const client = await keyClient(harness, workspace, role, rep);
    expectForbidden(await client.request(API_KEYS));
    expectForbidden(await client.request(CREATE_KEY, { input: { name: 'Escalation', role: 'admin' } }));
    expectForbidden(await client.request('mutation($id: ID!) { revokeApiKey(input: { id: $id }) { userErrors { code } } }', { id: before[0].id }));
  }
  expect(await apiKeys()).toEqual(before);
});

describe('a read-only key writes nothing, whatever its role', () => {
  const CASES = RECORD_TYPES.flatMap((type) => (['create', 'update', 'delete', 'restore'] as const).map((verb) => [verb, type] as const));

  test.each(CASES)('%s of a %s with a read-only sales rep key', async (verb, type) => {
    const target = await createRecord(admin, type, newRecord(type, `Read-only ${verb}`, { ownerId: rep.id }));
    if (verb === 'restore') expect(payloadOf(await admin.request(recordMutation('delete', type), { input: { id: target } })).userErrors).toEqual([]);
    const before = await storedRecord(harness, workspace, type, target);
    const count = await recordCount(harness, workspace, type);
    const key = await keyClient(harness, workspace, 'sales_rep', rep, true);
    expect((await listed(key, type, { inRecycleBin: verb === 'restore' })).ids).toContain(target);

    const input = verb === 'create' ? newRecord(type, 'Never') : verb === 'update' ? { id: target, ...newRecord(type, 'Never') } : { id: target };
    expectForbidden(await key.request(recordMutation(verb, type), { input }), `Your role may not ${verb === 'restore' ? 'delete' : verb} ${type} records`);
    expect(await storedRecord(harness, workspace, type, target)).toEqual(before);
    expect(await recordCount(harness, workspace, type)).toBe(count);
  });

  test('a read-only admin key reads records but administers nothing', async () => {
    const key = await keyClient(harness, workspace, 'admin', null, true);
    expect(dataOf(await key.request('{ viewer { role } accounts { totalCount } }')).viewer.role).toBe('admin');
    const before = await apiKeys();
    const attempts: [string, Row][] = [
      [CREATE_KEY, { name: 'Sneaky', role: 'admin' }],
      ['mutation($input: CreateRoleInput!) { createRole(input: $input) { userErrors { code } } }', { name: 'Sneaky' }],
      ['mutation($input: CreateTeamInput!) { createTeam(input: $input) { userErrors { code } } }', { name: 'Sneaky' }],
      ['mutation($input: UpdateWorkspaceSettingsInput!) { updateWorkspaceSettings(input: $input) { userErrors { code } } }', { fiscalYearStartMonth: 7 }],
      [recordMutation('create', 'Account'), { name: 'Sneaky' }],
    ];
    for (const [operation, input] of attempts) expectForbidden(await key.request(operation, { input }));
    expect(await apiKeys()).toEqual(before);
    expect(dataOf(await admin.request('{ roles { key } }')).roles.map((r: Row) => r.key)).not.toContain('sneaky');
  });
});

test("the key's role governs, not the role of the user it acts for", async () => {
  const key = await keyClient(harness, workspace, 'dispatcher', rep);
  expect(dataOf(await key.request('{ viewer { role } }')).viewer.role).toBe('dispatcher');
  // A dispatcher reads all accounts (the rep's own scope does not apply) and creates none.
  expect((await listed(key, 'Account')).totalCount).toBe(await recordCount(harness, workspace, 'Account'));
  expectForbidden(await key.request(recordMutation('create', 'Account'), { input: { name: 'Dispatched' } }), 'Your role may not create Account records');
});

test('a key acting for a user stops working while the user is not active, from the next request', async () => {
  const user = await harness.addUser(workspace.tenant, { role: 'sales_rep' });
  const key = await keyClient(harness, workspace, 'sales_rep', user);
  expect(dataOf(await key.request('{ viewer { role } }')).viewer.role).toBe('sales_rep');
  await setUserStatus(harness, workspace, user, 'deactivated');
  const refused = await key.request('{ accounts { totalCount } }');
  expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  expect(refused.data ?? null).toBeNull();
  await setUserStatus(harness, workspace, user, 'active');
  expect(dataOf(await key.request('{ accounts { totalCount } }')).accounts.totalCount).toBe(0);
});
