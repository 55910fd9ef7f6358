/**
 * Custom roles: created, read, changed and deleted by admins, based on another role or not; bad
 * input (names and keys colliding with built-in or existing roles, unknown object types, grants an
 * object type cannot have) writes nothing; every change is audited; a change applies to a key
 * already in use from its next request; built-in roles are immutable; deleting a role moves its
 * users, is refused while keys use it, and the workspace never loses its last active admin.
 */
import { auditCount, auditLog } from '../configuration/configuration-helpers';
import { Client, TestTenant, dataOf, errorCodes, useHarness } from '../support/harness';
import { Row, createRecord, expectForbidden, keyClient, listed, payloadOf, setUserStatus, userErrorsOf, userRole } from './access-helpers';

const harness = useHarness();

const ROLE_FIELDS = 'key name description builtIn administersWorkspace version grants { objectType create read update delete recordScope personalData }';
const CREATE_ROLE = `mutation($input: CreateRoleInput!) { createRole(input: $input) { role { ${ROLE_FIELDS} } userErrors { field code message } } }`;
const UPDATE_ROLE = `mutation($input: UpdateRoleInput!) { updateRole(input: $input) { role { ${ROLE_FIELDS} } userErrors { field code message } } }`;
const DELETE_ROLE = `mutation($input: DeleteRoleInput!) { deleteRole(input: $input) { deletedRoleKey reassignedUsers userErrors { field code message } } }`;
const GET_ROLE = `query($key: String!) { role(key: $key) { ${ROLE_FIELDS} } }`;
const ROLE_KEYS = `{ roles { key } }`;

/** Runs a role mutation as the workspace's admin key and returns its payload. */
const roleMutation = async (client: Client, operation: string, input: Row): Promise<Row> => payloadOf(await client.request(operation, { input }));

async function roleOk(client: Client, operation: string, input: Row): Promise<Row> {
  const payload = await roleMutation(client, operation, input);
  if (payload.userErrors.length) throw new Error(`Refused: ${JSON.stringify(payload.userErrors)}`);
  return payload;
}

const roleKeys = async (client: Client): Promise<string[]> => dataOf(await client.request(ROLE_KEYS)).roles.map((r: Row) => r.key);

/** A grant as the API shows it, from a compact description. */
const grant = (objectType: string, ops: string, recordScope: string, personalData: string) => ({
  objectType,
  create: ops.includes('C'),
  read: ops.includes('R'),
  update: ops.includes('U'),
  delete: ops.includes('D'),
  recordScope,
  personalData,
});

let workspace: TestTenant;
let admin: Client;

beforeAll(async () => {
  workspace = await harness.createTenant({ name: 'Custom roles' });
  admin = workspace.client;
});

test('the object types roles grant: CRM records with owners, the catalogue without, users read-only', async () => {
  const crud = ['create', 'read', 'update', 'delete'];
  expect(dataOf(await admin.request('{ roleObjectTypes { name operations ownedRecords } }')).roleObjectTypes).toEqual([
    { name: 'Account', operations: crud, ownedRecords: true },
    { name: 'Activity', operations: crud, ownedRecords: true },
    { name: 'Campaign', operations: crud, ownedRecords: true },
    { name: 'Contact', operations: crud, ownedRecords: true },
    { name: 'Contract', operations: crud, ownedRecords: true },
    { name: 'Lead', operations: crud, ownedRecords: true },
    { name: 'MaintenancePlan', operations: crud, ownedRecords: false },
    { name: 'Opportunity', operations: crud, ownedRecords: true },
    { name: 'PriceBook', operations: crud, ownedRecords: false },
    { name: 'Product', operations: crud, ownedRecords: false },
    { name: 'Segment', operations: crud, ownedRecords: true },
    { name: 'ServiceCase', operations: crud, ownedRecords: true },
    { name: 'Technician', operations: crud, ownedRecords: false },
    { name: 'User', operations: ['read'], ownedRecords: false },
    { name: 'WorkOrder', operations: crud, ownedRecords: true },
  ]);
});

test('create, read, update and delete a custom role; each change is audited with before and after', async () => {
  const created = await roleOk(admin, CREATE_ROLE, {
    name: '  Field Supervisor ',
    description: 'Leads the technicians',
    grants: [
      { objectType: 'Contact', read: true, update: true, recordScope: 'TEAM', personalData: 'MASKED' },
      { objectType: 'Account', read: true },
      // Users have no owner: the scope is ALL whatever is asked.
      { objectType: 'User', read: true, recordScope: 'OWN', personalData: 'FULL' },
    ],
  });
  const expectedRole = {
    key: 'field_supervisor',
    name: 'Field Supervisor',
    description: 'Leads the technicians',
    builtIn: false,
    administersWorkspace: false,
    version: 1,
    grants: [grant('Account', 'R', 'OWN', 'NONE'), grant('Contact', 'RU', 'TEAM', 'MASKED'), grant('User', 'R', 'ALL', 'FULL')],
  };
  expect(created.role).toEqual(expectedRole);
  expect(dataOf(await admin.request(GET_ROLE, { key: 'field_supervisor' })).role).toEqual(expectedRole);
  expect(await roleKeys(admin)).toEqual(['admin', 'sales_manager', 'sales_rep', 'service_agent', 'dispatcher', 'technician', 'analyst', 'read_only', 'field_supervisor']);

  const updated = await roleOk(admin, UPDATE_ROLE, {
    key: 'field_supervisor',
    name: 'Field Lead',
    description: null,
    grants: [{ objectType: 'Account', read: true, update: true, recordScope: 'ALL', personalData: 'FULL' }],
    expectedVersion: 1,
  });
  // Only the listed object type's grant is replaced.
  expect(updated.role).toEqual({ ...expectedRole, name: 'Field Lead', description: null, version: 2, grants: [grant('Account', 'RU', 'ALL', 'FULL'), ...expectedRole.grants.slice(1)] });

  expect(await roleMutation(admin, DELETE_ROLE, { key: 'field_supervisor' })).toEqual({ deletedRoleKey: 'field_supervisor', reassignedUsers: 0, userErrors: [] });
  expect(errorCodes(await admin.request(GET_ROLE, { key: 'field_supervisor' }))).toEqual(['NOT_FOUND']);
  expect(await roleKeys(admin)).not.toContain('field_supervisor');

  const entries = await auditLog(admin, { targetType: 'Role' });
  expect(entries.map((e) => [e.action, e.targetId])).toEqual([
    ['role.delete', 'field_supervisor'],
    ['role.update', 'field_supervisor'],
    ['role.create', 'field_supervisor'],
  ]);
  expect(entries[2]).toMatchObject({ before: null, after: { key: 'field_supervisor', name: 'Field Supervisor', version: 1, grants: { Contact: { scope: 'team', personal: 'masked' } } } });
  expect(entries[1]).toMatchObject({ before: { name: 'Field Supervisor', version: 1 }, after: { name: 'Field Lead', description: null, version: 2, grants: { Account: { update: true, scope: 'all' } } } });
  expect(entries[0]).toMatchObject({ before: { name: 'Field Lead', version: 2 }, after: null });
});

test('a role based on another starts from its grants; listed grants override per object type', async () => {
  const created = await roleOk(admin, CREATE_ROLE, {
    name: 'Senior technician',
    basedOn: 'technician',
    grants: [{ objectType: 'Contact', read: true, update: true, recordScope: 'ALL', personalData: 'FULL' }],
  });
  expect(created.role).toMatchObject({
    key: 'senior_technician',
    administersWorkspace: false,
    grants: [
      grant('Account', 'R', 'OWN', 'MASKED'),
      grant('Activity', 'CRU', 'OWN', 'MASKED'),
      grant('Contact', 'RU', 'ALL', 'FULL'),
      grant('PriceBook', 'R', 'ALL', 'FULL'),
      grant('Product', 'R', 'ALL', 'FULL'),
      grant('Technician', 'R', 'ALL', 'MASKED'),
      grant('User', 'R', 'ALL', 'FULL'),
      grant('WorkOrder', 'RU', 'OWN', 'FULL'),
    ],
  });
  const onCustom = await roleOk(admin, CREATE_ROLE, { name: 'Senior technician (nights)', key: 'night_technician', basedOn: 'senior_technician' });
  expect(onCustom.role.grants).toEqual(created.role.grants);
  // Basing copies: a later change to the base does not reach the copy.
  await roleOk(admin, UPDATE_ROLE, { key: 'senior_technician', grants: [{ objectType: 'Account', read: false }] });
  expect(dataOf(await admin.request(GET_ROLE, { key: 'night_technician' })).role.grants).toEqual(created.role.grants);
});

describe('bad input writes nothing', () => {
  beforeAll(async () => {
    await roleOk(admin, CREATE_ROLE, { name: 'Collections', key: 'collections' });
  });

  const CREATES: [string, Row, [string[], string][]][] = [
    ['a built-in name', { name: 'Sales Rep' }, [[['input', 'name'], 'DUPLICATE']]],
    ['a built-in name written as a key', { name: 'sales-rep' }, [[['input', 'name'], 'DUPLICATE']]],
    ['a built-in name in capitals', { name: 'ADMIN' }, [[['input', 'name'], 'DUPLICATE']]],
    ['a built-in name spelt differently', { name: 'Read only' }, [[['input', 'name'], 'DUPLICATE']]],
    ['a built-in display name with its hyphen', { name: 'read-only', key: 'viewer' }, [[['input', 'name'], 'DUPLICATE']]],
    ['a built-in key', { name: 'Boss', key: 'admin' }, [[['input', 'key'], 'DUPLICATE']]],
    ['a built-in key in capitals', { name: 'Boss', key: 'SALES_MANAGER' }, [[['input', 'key'], 'DUPLICATE']]],
    ['an existing name in another case', { name: 'COLLECTIONS', key: 'collections_two' }, [[['input', 'name'], 'DUPLICATE']]],
    ['an existing key', { name: 'Debt collection', key: 'collections' }, [[['input', 'key'], 'DUPLICATE']]],
    ['an invalid key', { name: 'Boss', key: 'Big Boss!' }, [[['input', 'key'], 'INVALID']]],
    ['a blank name', { name: '   ' }, [[['input', 'name'], 'REQUIRED']]],
    ['a name too long', { name: 'x'.repeat(101) }, [[['input', 'name'], 'TOO_LONG']]],
    ['an unknown base role', { name: 'Boss', basedOn: 'chief' }, [[['input', 'basedOn'], 'NOT_FOUND']]],
    ['an unknown object type', { name: 'Boss', grants: [{ objectType: 'Spaceship', read: true }] }, [[['input', 'grants', '0', 'objectType'], 'INVALID']]],
    [
      'writes on users',
      { name: 'Boss', grants: [{ objectType: 'User', read: true, create: true, delete: true }] },
      [
        [['input', 'grants', '0', 'create'], 'INVALID'],
        [['input', 'grants', '0', 'delete'], 'INVALID'],
      ],
    ],
    ['an object type twice', { name: 'Boss', grants: [{ objectType: 'Account', read: true }, { objectType: 'Account', create: true }] }, [[['input', 'grants', '1', 'objectType'], 'DUPLICATE']]],
  ];

  test.each(CREATES)('createRole with %s', async (_label, input, expected) => {
    const [keys, audited] = [await roleKeys(admin), await auditCount(admin)];
    expect(userErrorsOf(await roleMutation(admin, CREATE_ROLE, input))).toEqual(expected);
    expect(await roleKeys(admin)).toEqual(keys);
    expect(await auditCount(admin)).toBe(audited);
  });

  const UPDATES: [string, Row, [string[], string][]][] = [
    ['a built-in role', { key: 'sales_rep', name: 'Closer' }, [[['input', 'key'], 'INVALID_STATE']]],
    ['the admin role', { key: 'admin', administersWorkspace: false }, [[['input', 'key'], 'INVALID_STATE']]],
    ['an unknown role', { key: 'nobody_here', name: 'Ghost' }, [[['input', 'key'], 'NOT_FOUND']]],
    ['a stale version', { key: 'collections', name: 'Collections EU', expectedVersion: 7 }, [[['input', 'expectedVersion'], 'CONFLICT']]],
    ['a built-in name', { key: 'collections', name: 'Dispatcher' }, [[['input', 'name'], 'DUPLICATE']]],
    ['an unknown object type', { key: 'collections', grants: [{ objectType: 'Invoice', read: true }] }, [[['input', 'grants', '0', 'objectType'], 'INVALID']]],
  ];

  test.each(UPDATES)('updateRole of %s', async (_label, input, expected) => {
    const [before, audited] = [dataOf(await admin.request(`{ roles { ${ROLE_FIELDS} } }`)).roles, await auditCount(admin)];
    expect(userErrorsOf(await roleMutation(admin, UPDATE_ROLE, input))).toEqual(expected);
    expect(dataOf(await admin.request(`{ roles { ${ROLE_FIELDS} } }`)).roles).toEqual(before);
    expect(await auditCount(admin)).toBe(audited);
  });

  test('renaming onto another custom role’s name, and deleting built-in or unknown roles', async () => {
    await roleOk(admin, CREATE_ROLE, { name: 'Renewals' });
    const audited = await auditCount(admin);
    expect(userErrorsOf(await roleMutation(admin, UPDATE_ROLE, { key: 'renewals', name: 'collections' }))).toEqual([[['input', 'name'], 'DUPLICATE']]);
    expect(userErrorsOf(await roleMutation(admin, DELETE_ROLE, { key: 'read_only' }))).toEqual([[['input', 'key'], 'INVALID_STATE']]);
    expect(userErrorsOf(await roleMutation(admin, DELETE_ROLE, { key: 'nobody_here' }))).toEqual([[['input', 'key'], 'NOT_FOUND']]);
    expect(dataOf(await admin.request(GET_ROLE, { key: 'renewals' })).role).toMatchObject({ name: 'Renewals', version: 1 });
    expect(await auditCount(admin)).toBe(audited);
  });

  test('keys other than admins may read roles but not change them', async () => {
    const rep = await keyClient(harness, workspace, 'sales_rep');
    expect(dataOf(await rep.request(GET_ROLE, { key: 'collections' })).role.key).toBe('collections');
    const attempts: [string, Row][] = [
      [CREATE_ROLE, { name: 'Self-made' }],
      [UPDATE_ROLE, { key: 'collections', administersWorkspace: true }],
      [DELETE_ROLE, { key: 'collections' }],
    ];
    for (const [operation, input] of attempts) expectForbidden(await rep.request(operation, { input }));
    expect(dataOf(await admin.request(GET_ROLE, { key: 'collections' })).role).toMatchObject({ administersWorkspace: false, version: 1 });
    expect(await roleKeys(admin)).not.toContain('self_made');
  });
});

test('a change to a role applies to a key already in use from its next request', async () => {
  const owner = await harness.addUser(workspace.tenant, { role: 'sales_rep', name: 'Owen Owner' });
  const other = await harness.addUser(workspace.tenant, { role: 'sales_rep', name: 'Olga Other' });
  const mine = await createRecord(admin, 'Account', { name: 'Owen Co', ownerId: owner.id });
  const theirs = await createRecord(admin, 'Account', { name: 'Olga Co', ownerId: other.id });
  await createRecord(admin, 'Contact', { lastName: 'Ortega', email: 'ortega@owen.example', accountId: mine, ownerId: owner.id });
  await roleOk(admin, CREATE_ROLE, { name: 'Evolving', grants: [{ objectType: 'Account', read: true, recordScope: 'ALL' }] });
  const key = await keyClient(harness, workspace, 'evolving', owner);
  const CONTACT_EMAILS = '{ contacts { nodes { email } } }';

  expect(dataOf(await key.request('{ viewer { role } }')).viewer.role).toBe('evolving');
  expect((await listed(key, 'Account')).ids).toEqual([mine, theirs].sort());
  expectForbidden(await key.request(CONTACT_EMAILS), 'Your role may not read Contact records');
  expectForbidden(await key.request(`mutation { createTeam(input: { name: "Evolvers" }) { userErrors { code } } }`));

  await roleOk(admin, UPDATE_ROLE, {
    key: 'evolving',
    grants: [
      { objectType: 'Account', read: true, recordScope: 'OWN' },
      { objectType: 'Contact', read: true, recordScope: 'OWN', personalData: 'FULL' },
    ],
  });
  expect(await listed(key, 'Account')).toEqual({ ids: [mine], totalCount: 1 });
  expect(dataOf(await key.request(CONTACT_EMAILS)).contacts.nodes).toEqual([{ email: 'ortega@owen.example' }]);

  await roleOk(admin, UPDATE_ROLE, { key: 'evolving', administersWorkspace: true, grants: [{ objectType: 'Contact', read: true, recordScope: 'OWN', personalData: 'NONE' }] });
  expect(errorCodes(await key.request(CONTACT_EMAILS))).toEqual(['FORBIDDEN']);
  expect(payloadOf(await key.request(`mutation { createTeam(input: { name: "Evolvers" }) { userErrors { code } } }`)).userErrors).toEqual([]);

  await roleOk(admin, UPDATE_ROLE, { key: 'evolving', administersWorkspace: false, grants: [{ objectType: 'Account', read: false }] });
  expectForbidden(await key.request('{ accounts { totalCount } }'), 'Your role may not read Account records');
  expectForbidden(await key.request('query($id: ID!) { node(id: $id) { id } }', { id: mine }));
});

test('a role without any grant reads configuration but no CRM record', async () => {
  await roleOk(admin, CREATE_ROLE, { name: 'Nothing at all', key: 'nothing' });
  const key = await keyClient(harness, workspace, 'nothing');
  expect(dataOf(await key.request('{ viewer { role } workspaceSettings { name } teams { totalCount } }')).viewer.role).toBe('nothing');
  for (const type of ['Account', 'Contact']) {
    expectForbidden(await key.request(`{ ${type.toLowerCase()}s { totalCount } }`), `Your role may not read ${type} records`);
  }
  expectForbidden(await key.request(`mutation { createAccount(input: { name: "Nope" }) { userErrors { code } } }`), 'Your role may not create Account records');
});

describe('deleting a role', () => {
  test('users move to another role; the role must name it while users have it', async () => {
    await roleOk(admin, CREATE_ROLE, { name: 'Temporary', basedOn: 'sales_rep' });
    const users = [await harness.addUser(workspace.tenant, { role: 'temporary' }), await harness.addUser(workspace.tenant, { role: 'temporary' })];
    const audited = await auditCount(admin);
    expect(userErrorsOf(await roleMutation(admin, DELETE_ROLE, { key: 'temporary' }))).toEqual([[['input', 'reassignUsersTo'], 'REQUIRED']]);
    expect(userErrorsOf(await roleMutation(admin, DELETE_ROLE, { key: 'temporary', reassignUsersTo: 'nowhere' }))).toEqual([[['input', 'reassignUsersTo'], 'NOT_FOUND']]);
    expect(userErrorsOf(await roleMutation(admin, DELETE_ROLE, { key: 'temporary', reassignUsersTo: 'temporary' }))).toEqual([[['input', 'reassignUsersTo'], 'NOT_FOUND']]);
    expect(await auditCount(admin)).toBe(audited);
    expect(await Promise.all(users.map((u) => userRole(harness, workspace, u)))).toEqual(['temporary', 'temporary']);

    expect(await roleMutation(admin, DELETE_ROLE, { key: 'temporary', reassignUsersTo: 'dispatcher' })).toEqual({ deletedRoleKey: 'temporary', reassignedUsers: 2, userErrors: [] });
    expect(await Promise.all(users.map((u) => userRole(harness, workspace, u)))).toEqual(['dispatcher', 'dispatcher']);
    expect((await auditLog(admin, { action: 'role.delete' }))[0]).toMatchObject({ targetId: 'temporary', before: { key: 'temporary' }, after: { reassignedUsersTo: 'dispatcher', users: 2 } });
  });

  test('is refused while a live API key works with the role, and allowed once the key is revoked', async () => {
    await roleOk(admin, CREATE_ROLE, { name: 'Integration', grants: [{ objectType: 'Account', read: true, recordScope: 'ALL' }] });
    const created = payloadOf(
      await admin.request(`mutation { createApiKey(input: { name: "ERP sync", role: "integration" }) { apiKey { id role } token userErrors { code } } }`),
    );
    expect(created.apiKey.role).toBe('integration');
    expect(userErrorsOf(await roleMutation(admin, DELETE_ROLE, { key: 'integration' }))).toEqual([[['input', 'key'], 'INVALID_STATE']]);
    expect(dataOf(await harness.client(created.token).request('{ accounts { totalCount } }')).accounts.totalCount).toBeGreaterThanOrEqual(0);

    expect(payloadOf(await admin.request('mutation($id: ID!) { revokeApiKey(input: { id: $id }) { userErrors { code } } }', { id: created.apiKey.id })).userErrors).toEqual([]);
    expect(userErrorsOf(await roleMutation(admin, DELETE_ROLE, { key: 'integration' }))).toEqual([]);
  });
});

describe('the workspace keeps an active admin', () => {
  test('a custom admin role cannot stop administering, nor be deleted into a non-admin role, while it holds the last active admins', async () => {
    const ws = await harness.createTenant({ name: 'Last admin' });
    const client = ws.client;
    await roleOk(client, CREATE_ROLE, { name: 'Office manager', basedOn: 'admin', administersWorkspace: true });
    const office = await harness.addUser(ws.tenant, { role: 'office_manager' });
    const formerAdmin = await harness.addUser(ws.tenant, { role: 'admin' });
    await setUserStatus(harness, ws, formerAdmin, 'deactivated');
    const audited = await auditCount(client);

    expect(userErrorsOf(await roleMutation(client, UPDATE_ROLE, { key: 'office_manager', administersWorkspace: false }))).toEqual([[['input', 'administersWorkspace'], 'INVALID_STATE']]);
    expect(userErrorsOf(await roleMutation(client, DELETE_ROLE, { key: 'office_manager', reassignUsersTo: 'sales_manager' }))).toEqual([[['input', 'reassignUsersTo'], 'INVALID_STATE']]);
    expect(dataOf(await client.request(GET_ROLE, { key: 'office_manager' })).role).toMatchObject({ administersWorkspace: true, version: 1 });
    expect(await userRole(harness, ws, office)).toBe('office_manager');
    expect(await auditCount(client)).toBe(audited);

    // Moving the users to another admin role is fine; so is any change once another admin is active.
    await roleOk(client, CREATE_ROLE, { name: 'Back office', basedOn: 'admin', administersWorkspace: true });
    expect(await roleMutation(client, DELETE_ROLE, { key: 'office_manager', reassignUsersTo: 'back_office' })).toMatchObject({ reassignedUsers: 1, userErrors: [] });
    expect(await userRole(harness, ws, office)).toBe('back_office');
    expect(userErrorsOf(await roleMutation(client, UPDATE_ROLE, { key: 'back_office', administersWorkspace: false }))).toEqual([[['input', 'administersWorkspace'], 'INVALID_STATE']]);
    await setUserStatus(harness, ws, formerAdmin, 'active');
    expect((await roleOk(client, UPDATE_ROLE, { key: 'back_office', administersWorkspace: false })).role.administersWorkspace).toBe(false);
    expect(userErrorsOf(await roleMutation(client, DELETE_ROLE, { key: 'back_office', reassignUsersTo: 'sales_manager' }))).toEqual([]);
    expect(await userRole(harness, ws, office)).toBe('sales_manager');
  });
});
