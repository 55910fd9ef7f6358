/**
 * Every built-in role against every module: what it may read, create, update, delete and restore
 * (accounts, contacts, users), what it sees of personal fields (full values, masked values, or
 * FORBIDDEN), whether it may filter and sort by them, and that configuration is readable by all
 * while configuration writes, roles, keys and the admin audit log are for admins only. The
 * expectations are written out here, independently of the role model's code.
 */
import { Client, TestUser, dataOf, errorCodes, useHarness } from '../support/harness';
import { auditCount } from '../configuration/configuration-helpers';
import {
  BUILT_IN_ROLES,
  BuiltInRole,
  RECORD_TYPES,
  RecordType,
  Row,
  Verb,
  createRecord,
  expectForbidden,
  keyClient,
  newRecord,
  payloadOf,
  recordCount,
  recordMutation,
  storedRecord,
} from './access-helpers';
import type { TestTenant } from '../support/harness';

type Access = 'full' | 'masked' | 'none';

interface Expected {
  /** Operations on accounts and contacts, as letters C, R, U, D. */
  Account: string;
  Contact: string;
  scope: 'OWN' | 'TEAM' | 'ALL';
  /** Personal fields of contacts (and accounts' personal custom fields). */
  personal: Access;
  /** Personal fields of users (colleagues). */
  userPersonal: Access;
  administers: boolean;
}

const MATRIX: Record<BuiltInRole, Expected> = {
  admin: { Account: 'CRUD', Contact: 'CRUD', scope: 'ALL', personal: 'full', userPersonal: 'full', administers: true },
  sales_manager: { Account: 'CRUD', Contact: 'CRUD', scope: 'TEAM', personal: 'full', userPersonal: 'full', administers: false },
  sales_rep: { Account: 'CRUD', Contact: 'CRUD', scope: 'OWN', personal: 'full', userPersonal: 'full', administers: false },
  service_agent: { Account: 'CRU', Contact: 'CRUD', scope: 'ALL', personal: 'full', userPersonal: 'full', administers: false },
  dispatcher: { Account: 'R', Contact: 'R', scope: 'ALL', personal: 'full', userPersonal: 'full', administers: false },
  technician: { Account: 'R', Contact: 'R', scope: 'OWN', personal: 'masked', userPersonal: 'full', administers: false },
  analyst: { Account: 'R', Contact: 'R', scope: 'ALL', personal: 'none', userPersonal: 'none', administers: false },
  read_only: { Account: 'R', Contact: 'R', scope: 'ALL', personal: 'masked', userPersonal: 'masked', administers: false },
};

const harness = useHarness();
let workspace: TestTenant;
let admin: Client;
/** Per role: a user with the role and a key with the role acting for them. */
const actors = {} as Record<BuiltInRole, { user: TestUser; client: Client }>;
/** A contact per role, owned by the role's user, with every personal field set. */
const contacts = {} as Record<BuiltInRole, string>;
let colleague: TestUser;

const GRACE = {
  firstName: 'Grace',
  lastName: 'Hopper',
  email: 'grace@acme.example',
  additionalEmails: ['g.hopper@navy.example'],
  phone: '+14155550157',
  mobilePhone: '+4915123456789',
  jobTitle: 'Rear Admiral',
  mailingAddress: { street: '1 Navy Way', street2: 'Suite 9', city: 'Arlington', region: 'VA', postalCode: '22202', country: 'US' },
};

beforeAll(async () => {
  workspace = await harness.createTenant({ name: 'Role matrix' });
  admin = workspace.client;
  colleague = await harness.addUser(workspace.tenant, { role: 'sales_rep', name: 'Rosa Parks', email: 'rosa@crm.example' });
  for (const role of BUILT_IN_ROLES) {
    const user = await harness.addUser(workspace.tenant, { role, name: `The ${role}`, email: `${role}@matrix.example` });
    actors[role] = { user, client: await keyClient(harness, workspace, role, user) };
    contacts[role] = await createRecord(admin, 'Contact', { ...GRACE, ownerId: user.id });
  }
});

const ops = (letters: string) => ({ create: letters.includes('C'), read: letters.includes('R'), update: letters.includes('U'), delete: letters.includes('D') });

test('the roles query describes each built-in role as this matrix does', async () => {
  const { roles } = dataOf(
    await actors.read_only.client.request(`{ roles { key builtIn administersWorkspace version grants { objectType create read update delete recordScope personalData } } }`),
  );
  expect(roles.map((r: Row) => r.key)).toEqual([...BUILT_IN_ROLES]);
  for (const role of BUILT_IN_ROLES) {
    const m = MATRIX[role];
    const recordGrant = (objectType: RecordType) => ({ objectType, ...ops(m[objectType]), recordScope: m.scope, personalData: m.personal.toUpperCase() });
    // This matrix covers accounts, contacts and users; the sales types' grants are tested with their modules (test/opportunities, test/leads, …).
    const described = roles.find((r: Row) => r.key === role);
    expect({ ...described, grants: described.grants.filter((g: Row) => ['Account', 'Contact', 'User'].includes(g.objectType)) }).toEqual({
      key: role,
      builtIn: true,
      administersWorkspace: m.administers,
      version: 1,
      grants: [recordGrant('Account'), recordGrant('Contact'), { objectType: 'User', ...ops('R'), recordScope: 'ALL', personalData: m.userPersonal.toUpperCase() }],
    });
  }
});

test.each(BUILT_IN_ROLES)('%s: the viewer reports the role; accounts, contacts and users are readable', async (role) => {
  const { client, user } = actors[role];
  const data = dataOf(
    await client.request(`query($contact: ID!, $user: ID!) {
      viewer { role }
      accounts { totalCount }
      contacts { totalCount }
      contact(id: $contact) { id doNotCall createdAt owner { id active } }
      node(id: $user) { id ... on User { active } }
    }`, { contact: contacts[role], user: colleague.id }),
  );
  expect(data.viewer).toEqual({ role });
  expect(data.contact).toMatchObject({ id: contacts[role], doNotCall: false, owner: { id: user.id, active: true } });
  expect(data.node).toEqual({ id: colleague.id, active: true });
  expect(data.contacts.totalCount).toBeGreaterThanOrEqual(1);
});

describe('create, update, delete and restore', () => {
  const CASES = BUILT_IN_ROLES.flatMap((role) => RECORD_TYPES.map((type) => [role, type] as const));

  /** Runs the mutation as the role: either it goes through, or it is FORBIDDEN as a whole. */
  async function attempt(role: BuiltInRole, verb: Verb, type: RecordType, input: Row): Promise<boolean> {
    const operation = verb === 'restore' ? 'delete' : verb;
    const allowed = ops(MATRIX[role][type])[operation];
    const response = await actors[role].client.request(recordMutation(verb, type), { input });
    if (allowed) expect(payloadOf(response).userErrors).toEqual([]);
    else expectForbidden(response, `Your role may not ${operation} ${type} records`);
    return allowed;
  }

  test.each(CASES)('%s on %s records', async (role, type) => {
    const { user } = actors[role];
    const count = await recordCount(harness, workspace, type);
    const created = await attempt(role, 'create', type, newRecord(type, `New by ${role}`));
    expect(await recordCount(harness, workspace, type)).toBe(count + (created ? 1 : 0));

    // A record the role's user owns, so that own and team scopes include it.
    const id = await createRecord(admin, type, newRecord(type, `Owned by ${role}`, { ownerId: user.id }));
    const stored = () => storedRecord(harness, workspace, type, id);
    const updated = await attempt(role, 'update', type, type === 'Account' ? { id, name: 'Renamed' } : { id, lastName: 'Renamed' });
    expect(await stored()).toMatchObject(updated ? { label: 'Renamed', version: 2 } : { label: `Owned by ${role}`, version: 1 });

    const deleted = await attempt(role, 'delete', type, { id });
    expect(await stored()).toMatchObject({ deleted });
    if (!deleted) expect(payloadOf(await admin.request(recordMutation('delete', type), { input: { id } })).userErrors).toEqual([]);
    const restored = await attempt(role, 'restore', type, { id });
    expect(restored).toBe(deleted);
    expect(await stored()).toMatchObject({ deleted: !restored });
  });
});

describe('personal fields', () => {
  const SELECTIONS: Record<string, string> = { mailingAddress: 'mailingAddress { street street2 city region postalCode country }' };
  const FULL: Record<string, unknown> = { ...GRACE, name: 'Grace Hopper' };
  const MASKED: Record<string, unknown> = {
    firstName: 'G•••',
    lastName: 'H•••',
    name: 'G•••',
    email: 'g•••@acme.example',
    additionalEmails: ['g•••@navy.example'],
    phone: '+•••••••••57',
    mobilePhone: '+•••••••••••89',
    jobTitle: 'R•••',
    mailingAddress: { street: null, street2: null, city: 'Arlington', region: 'VA', postalCode: null, country: 'US' },
  };
  const CONTACT_FIELDS = Object.keys(MASKED);
  const CONTACT_CASES = BUILT_IN_ROLES.flatMap((role) => CONTACT_FIELDS.map((field) => [role, field, MATRIX[role].personal] as const));

  test.each(CONTACT_CASES)('%s reads Contact.%s: %s', async (role, field, access) => {
    const response = await actors[role].client.request(`query($id: ID!) { contact(id: $id) { id doNotEmail ${SELECTIONS[field] ?? field} } }`, { id: contacts[role] });
    if (access === 'none') {
      expect(response.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['contact', field], 'FORBIDDEN']]);
      return;
    }
    expect(dataOf(response).contact).toEqual({ id: contacts[role], doNotEmail: false, [field]: (access === 'full' ? FULL : MASKED)[field] });
  });

  const USER_VALUES = { full: { name: 'Rosa Parks', email: 'rosa@crm.example' }, masked: { name: 'R•••', email: 'r•••@crm.example' } };
  const USER_CASES = BUILT_IN_ROLES.flatMap((role) => (['name', 'email'] as const).map((field) => [role, field, MATRIX[role].userPersonal] as const));

  test.each(USER_CASES)("%s reads a colleague's User.%s: %s", async (role, field, access) => {
    const response = await actors[role].client.request(`query($id: ID!) { node(id: $id) { id ... on User { active ${field} } } }`, { id: colleague.id });
    if (access === 'none') {
      expect(response.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['node', field], 'FORBIDDEN']]);
      return;
    }
    expect(dataOf(response).node).toEqual({ id: colleague.id, active: true, [field]: USER_VALUES[access][field] });
  });

  const FILTERS: [string, string, Row][] = [
    ['filter by last name', 'contacts', { where: { lastName: { eq: 'Hopper' } } }],
    ['filter by e-mail', 'contacts', { where: { email: { eq: 'grace@acme.example' } } }],
    ['filter by first name inside or', 'contacts', { where: { or: [{ doNotContact: { eq: true } }, { firstName: { eq: 'Grace' } }] } }],
    ['sort by last name', 'contacts', { orderBy: [{ field: 'LAST_NAME' }] }],
    ['sort by e-mail', 'contacts', { orderBy: [{ field: 'EMAIL', direction: 'DESC' }] }],
    ["filter an account's contacts by last name", 'nested', { where: { lastName: { eq: 'Hopper' } } }],
    ["sort an account's contacts by first name", 'nested', { orderBy: [{ field: 'FIRST_NAME' }] }],
  ];
  const FILTER_CASES = BUILT_IN_ROLES.flatMap((role) => FILTERS.map(([label, where, variables]) => [role, label, where, variables] as const));
  const CONTACTS = `query($where: ContactFilter, $orderBy: [ContactOrder!]) { contacts(first: 100, where: $where, orderBy: $orderBy) { totalCount nodes { id } } }`;
  const NESTED = `query($account: ID!, $where: ContactFilter, $orderBy: [ContactOrder!]) { account(id: $account) { contacts(where: $where, orderBy: $orderBy) { totalCount } } }`;

  test.each(FILTER_CASES)('%s may %s only with full personal access', async (role, _label, where, variables) => {
    // The role's own account, so that every record scope reaches it.
    const nested = where === 'nested' ? { account: await createRecord(admin, 'Account', { name: `Nested for ${role}`, ownerId: actors[role].user.id }) } : {};
    const response = await actors[role].client.request(where === 'nested' ? NESTED : CONTACTS, { ...variables, ...nested });
    if (MATRIX[role].personal === 'full') {
      expect(response.errors).toBeUndefined();
      if (where === 'contacts') expect(dataOf(response).contacts.nodes.map((n: Row) => n.id)).toContain(contacts[role]);
    } else {
      expect(errorCodes(response)).toEqual(['FORBIDDEN']);
      // The list is non-null (no data at all); the nested one's account is nullable (null).
      expect(response.data).toEqual(where === 'nested' ? { account: null } : null);
    }
  });

  test.each(BUILT_IN_ROLES)('%s may filter and sort contacts by impersonal fields', async (role) => {
    const listed = async (doNotContact: boolean) =>
      dataOf(await actors[role].client.request(CONTACTS, { where: { doNotContact: { eq: doNotContact }, owner: { eq: actors[role].user.id } }, orderBy: [{ field: 'CREATED_AT' }] }))
        .contacts.nodes.map((n: Row) => n.id);
    expect((await listed(false))[0]).toBe(contacts[role]);
    expect(await listed(true)).toEqual([]);
  });

  const ORDER_ROLES = BUILT_IN_ROLES.filter((role) => MATRIX[role].scope === 'ALL').map((role) => [role, MATRIX[role].personal === 'full' ? 'last name' : 'creation'] as const);

  test.each(ORDER_ROLES)("%s: contacts come in the default order by %s", async (role, order) => {
    const account = await createRecord(admin, 'Account', { name: `Ordering for ${role}` });
    const created: Record<string, string> = {};
    for (const lastName of ['Zed', 'Abe', 'Max']) created[lastName] = await createRecord(admin, 'Contact', { lastName, accountId: account });
    const expected = (order === 'last name' ? ['Abe', 'Max', 'Zed'] : ['Zed', 'Abe', 'Max']).map((name) => ({ id: created[name] }));
    const { contacts: list } = dataOf(await actors[role].client.request(CONTACTS, { where: { account: { eq: account } } }));
    expect(list.nodes).toEqual(expected);
    const nested = dataOf(await actors[role].client.request(`query($id: ID!) { account(id: $id) { contacts { nodes { id } } } }`, { id: account }));
    expect(nested.account.contacts.nodes).toEqual(expected);
  });
});

describe('personal custom fields', () => {
  const DEFINE = `mutation($input: CreateCustomFieldDefinitionInput!) { createCustomFieldDefinition(input: $input) { userErrors { code } } }`;
  const values = { Account: { ceoBirthday: '1970-05-01', segment: 'B2B' }, Contact: { hobby: 'chess', segment: 'B2B' } };
  const personalKey = { Account: 'ceoBirthday', Contact: 'hobby' } as const;
  const records = {} as Record<RecordType, string>;

  beforeAll(async () => {
    const definitions = [
      { object: 'ACCOUNT', key: 'ceoBirthday', label: 'CEO birthday', type: 'DATE', personal: true },
      { object: 'ACCOUNT', key: 'segment', label: 'Segment', type: 'TEXT' },
      { object: 'CONTACT', key: 'hobby', label: 'Hobby', type: 'TEXT', personal: true },
      { object: 'CONTACT', key: 'segment', label: 'Segment', type: 'TEXT' },
    ];
    for (const input of definitions) expect(payloadOf(await admin.request(DEFINE, { input })).userErrors).toEqual([]);
    records.Account = await createRecord(admin, 'Account', { name: 'Custom Co', customFields: values.Account });
    records.Contact = await createRecord(admin, 'Contact', { lastName: 'Custom', accountId: records.Account, customFields: values.Contact });
  });

  const CASES = BUILT_IN_ROLES.filter((role) => MATRIX[role].scope === 'ALL').flatMap((role) => RECORD_TYPES.map((type) => [role, type, MATRIX[role].personal] as const));

  test.each(CASES)('%s reads %s.customFields (personal access %s): personal values only with full access', async (role, type, access) => {
    const client = actors[role].client;
    const { node } = dataOf(await client.request(`query($id: ID!) { node(id: $id) { ... on ${type} { customFields } } }`, { id: records[type] }));
    const { [personalKey[type]]: personal, ...impersonal } = values[type] as Record<string, string>;
    expect(node.customFields).toEqual(access === 'full' ? { ...impersonal, [personalKey[type]]: personal } : impersonal);

    const where = { customFields: [{ key: personalKey[type], eq: personal }] };
    const filtered = await client.request(`query($where: ${type}Filter) { ${type.toLowerCase()}s(where: $where) { nodes { id } } }`, { where });
    if (access === 'full') expect(dataOf(filtered)[`${type.toLowerCase()}s`].nodes).toEqual([{ id: records[type] }]);
    else expect(errorCodes(filtered)).toEqual(['FORBIDDEN']);
  });
});

describe('workspace configuration and administration', () => {
  const READS = `{
    workspaceSettings { name timeZone }
    picklists { key }
    pipelineStages { name }
    teams { totalCount }
    territories { totalCount }
    customFieldDefinitions { key }
    roles { key }
    roleObjectTypes { name }
  }`;

  test.each(BUILT_IN_ROLES)('%s reads the configuration and the roles', async (role) => {
    const data = dataOf(await actors[role].client.request(READS));
    expect(data.roles.map((r: Row) => r.key).slice(0, BUILT_IN_ROLES.length)).toEqual([...BUILT_IN_ROLES]);
    expect(data.roleObjectTypes.map((t: Row) => t.name)).toEqual(['Account', 'Activity', 'Campaign', 'Contact', 'Contract', 'Lead', 'MaintenancePlan', 'Opportunity', 'PriceBook', 'Product', 'Segment', 'ServiceCase', 'Technician', 'User', 'WorkOrder']);
    expect(data.picklists.length).toBeGreaterThan(0);
  });

  /** Admin-only operations, each named by a tag that keeps repeated runs distinct. */
  const ADMIN_ONLY: [string, string, (tag: string) => Row | undefined][] = [
    ['apiKeys', '{ apiKeys { id } }', () => undefined],
    ['adminAuditLog', '{ adminAuditLog(first: 1) { totalCount } }', () => undefined],
    ['updateWorkspaceSettings', 'mutation($input: UpdateWorkspaceSettingsInput!) { updateWorkspaceSettings(input: $input) { userErrors { code } } }', () => ({ fiscalYearStartMonth: 4 })],
    ['addPicklistValue', 'mutation($input: AddPicklistValueInput!) { addPicklistValue(input: $input) { userErrors { code } } }', (tag) => ({ picklistKey: 'industry', value: `industry_${tag}`, label: tag })],
    ['createTeam', 'mutation($input: CreateTeamInput!) { createTeam(input: $input) { userErrors { code } } }', (tag) => ({ name: `Team ${tag}` })],
    ['createTerritory', 'mutation($input: CreateTerritoryInput!) { createTerritory(input: $input) { userErrors { code } } }', (tag) => ({ name: `Territory ${tag}` })],
    ['createPipelineStage', 'mutation($input: CreatePipelineStageInput!) { createPipelineStage(input: $input) { userErrors { code } } }', (tag) => ({ name: `Stage ${tag}`, probability: 10 })],
    [
      'createCustomFieldDefinition',
      'mutation($input: CreateCustomFieldDefinitionInput!) { createCustomFieldDefinition(input: $input) { userErrors { code } } }',
      (tag) => ({ object: 'ACCOUNT', key: `field${tag}`, label: `Field ${tag}`, type: 'TEXT' }),
    ],
    ['createRole', 'mutation($input: CreateRoleInput!) { createRole(input: $input) { userErrors { code } } }', (tag) => ({ name: `Role ${tag}` })],
    ['updateRole', 'mutation($input: UpdateRoleInput!) { updateRole(input: $input) { userErrors { code } } }', () => ({ key: 'matrix_custom', description: 'changed' })],
    ['createApiKey', 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { userErrors { code } } }', (tag) => ({ name: `Key ${tag}`, role: 'read_only' })],
  ];
  const ADMIN_CASES = BUILT_IN_ROLES.map((role, i) => [role, MATRIX[role].administers, i] as const);

  test.each(ADMIN_CASES)('%s: admin-only operations (allowed: %s)', async (role, administers, i) => {
    await admin.request(`mutation { createRole(input: { name: "Matrix custom", key: "matrix_custom" }) { userErrors { code } } }`);
    const before = { audit: await auditCount(admin), keys: dataOf(await admin.request('{ apiKeys { id } }')).apiKeys.length };
    for (const [name, operation, input] of ADMIN_ONLY) {
      const vars = input(`x${i}`);
      const response = await actors[role].client.request(operation, vars ? { input: vars } : {});
      if (administers) {
        expect([name, response.errors]).toEqual([name, undefined]);
        const payload = Object.values(dataOf(response))[0] as Row;
        if (payload.userErrors) expect([name, payload.userErrors]).toEqual([name, []]);
      } else {
        expect([name, errorCodes(response)]).toEqual([name, ['FORBIDDEN']]);
      }
    }
    const after = { audit: await auditCount(admin), keys: dataOf(await admin.request('{ apiKeys { id } }')).apiKeys.length };
    expect(after.keys).toBe(before.keys + (administers ? 1 : 0));
    if (administers) expect(after.audit).toBeGreaterThan(before.audit);
    else expect(after.audit).toBe(before.audit);
  });
});
