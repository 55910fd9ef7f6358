/** Accounts: create, read and update with every field; validation; node(id)/nodes(ids); tenant isolation. */
import { TestTenant, dataOf, errorCodes, useHarness } from '../support/harness';
import {
  CREATE_ACCOUNT_FULL,
  GET_ACCOUNT,
  LIST_ACCOUNTS,
  NODE,
  NODES,
  UPDATE_ACCOUNT_FULL,
  addUser,
  createAccount,
  createContact,
  deleteAccount,
  listPage,
  missingId,
  mutate,
} from '../support/crm-operations';

const harness = useHarness();

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const countAccounts = async (tenant: TestTenant): Promise<number> => (await listPage(tenant.client, LIST_ACCOUNTS, { first: 1 })).totalCount;

describe('createAccount', () => {
  test('stores and returns every field, with Money as an exact decimal string', async () => {
    const tenant = await harness.createTenant();
    const ownerId = await addUser(harness, tenant, { email: 'olivia@owner.example', name: 'Olivia Owner' });
    const account = await createAccount(tenant.client, {
      name: 'Acme Corporation',
      domain: 'acme.example',
      industry: 'Manufacturing',
      type: 'CUSTOMER',
      lifecycleStage: 'ACTIVE',
      ownerId,
      annualRevenue: { amount: '1250000.50', currency: 'EUR' },
      employeeCount: 250,
      phone: '+14155550123',
      website: 'https://acme.example/about?lang=en',
      billingAddress: { street: '1 Main Street', street2: 'Suite 5', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
      shippingAddress: { street: 'Dock 4', city: 'Rotterdam', country: 'NL' },
      tags: ['vip', 'emea'],
    });
    expect(account).toMatchObject({
      name: 'Acme Corporation',
      domain: 'acme.example',
      industry: 'Manufacturing',
      type: 'CUSTOMER',
      lifecycleStage: 'ACTIVE',
      owner: { id: ownerId, name: 'Olivia Owner', email: 'olivia@owner.example' },
      annualRevenue: { amount: '1250000.50', currency: 'EUR' },
      employeeCount: 250,
      phone: '+14155550123',
      website: 'https://acme.example/about?lang=en',
      billingAddress: { street: '1 Main Street', street2: 'Suite 5', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
      shippingAddress: { street: 'Dock 4', street2: null, city: 'Rotterdam', region: null, postalCode: null, country: 'NL' },
      tags: ['vip', 'emea'],
      version: 1,
      deletedAt: null,
    });
    expect(typeof account.id).toBe('string');
    expect(account.createdAt).toMatch(ISO_UTC);
    expect(account.updatedAt).toMatch(ISO_UTC);

    // Read back through account(id): the same values come from the database.
    const read = dataOf(await tenant.client.request(GET_ACCOUNT, { id: account.id }));
    expect(read.account).toEqual(account);
  });

  test('applies defaults when only the name is given', async () => {
    const { client } = await harness.createTenant();
    const account = await createAccount(client, { name: 'Minimal Ltd' });
    expect(account).toMatchObject({
      name: 'Minimal Ltd',
      domain: null,
      industry: null,
      type: 'PROSPECT',
      lifecycleStage: 'PROSPECT',
      owner: null,
      annualRevenue: null,
      employeeCount: null,
      phone: null,
      website: null,
      billingAddress: null,
      shippingAddress: null,
      tags: [],
      version: 1,
    });
  });

  test('keeps large amounts exact (no float rounding)', async () => {
    const { client } = await harness.createTenant();
    const account = await createAccount(client, { name: 'Big Money', annualRevenue: { amount: '123456789012345678.91', currency: 'USD' } });
    expect(account.annualRevenue).toEqual({ amount: '123456789012345678.91', currency: 'USD' });
  });

  test('never silently rounds an amount: more fraction digits are stored exactly or refused', async () => {
    // The Decimal scalar accepts up to 6 fraction digits (e.g. 3 for BHD/KWD minor units).
    const tenant = await harness.createTenant();
    const payload = await mutate(tenant.client, CREATE_ACCOUNT_FULL, { name: 'Three Decimals', annualRevenue: { amount: '1000.125', currency: 'BHD' } });
    if (payload.userErrors.length === 0) {
      expect(payload.account.annualRevenue.amount).toBe('1000.125');
    } else {
      expect(payload.account).toBeNull();
      expect(await countAccounts(tenant)).toBe(0);
    }
  });

  test('an address whose lines are all empty is stored as no address', async () => {
    const { client } = await harness.createTenant();
    const account = await createAccount(client, { name: 'Blank Address', billingAddress: { street: '', city: '' } });
    expect(account.billingAddress).toBeNull();
  });

  describe('validation writes nothing and reports the field', () => {
    test.each([
      ['empty name', { name: '' }, ['input', 'name'], 'REQUIRED'],
      ['name over 255 characters', { name: 'x'.repeat(256) }, ['input', 'name'], 'TOO_LONG'],
      ['negative employee count', { name: 'Negative', employeeCount: -1 }, ['input', 'employeeCount'], 'OUT_OF_RANGE'],
      ['negative revenue', { name: 'Negative', annualRevenue: { amount: '-5.00', currency: 'EUR' } }, ['input', 'annualRevenue', 'amount'], 'INVALID'],
      ['tag over 50 characters', { name: 'Tags', tags: ['t'.repeat(51)] }, ['input', 'tags'], 'TOO_LONG'],
      ['more than 50 tags', { name: 'Tags', tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, ['input', 'tags'], 'TOO_LONG'],
      ['domain over 255 characters', { name: 'Domain', domain: `${'d'.repeat(256)}.example` }, ['input', 'domain'], 'TOO_LONG'],
      ['street over 200 characters', { name: 'Street', billingAddress: { street: 's'.repeat(201) } }, ['input', 'billingAddress', 'street'], 'TOO_LONG'],
    ])('%s', async (_label, input, field, code) => {
      const tenant = await harness.createTenant();
      const payload = await mutate(tenant.client, CREATE_ACCOUNT_FULL, input);
      expect(payload.account).toBeNull();
      expect(payload.userErrors).toContainEqual(expect.objectContaining({ field, code }));
      expect(await countAccounts(tenant)).toBe(0);
    });

    test('an unknown owner is NOT_FOUND and a malformed owner ID is INVALID', async () => {
      const tenant = await harness.createTenant();
      const unknown = await mutate(tenant.client, CREATE_ACCOUNT_FULL, { name: 'Owned', ownerId: missingId('User') });
      expect(unknown.userErrors).toEqual([expect.objectContaining({ field: ['input', 'ownerId'], code: 'NOT_FOUND' })]);
      const malformed = await mutate(tenant.client, CREATE_ACCOUNT_FULL, { name: 'Owned', ownerId: 'not-an-id' });
      expect(malformed.userErrors).toEqual([expect.objectContaining({ field: ['input', 'ownerId'], code: 'INVALID' })]);
      const wrongType = await mutate(tenant.client, CREATE_ACCOUNT_FULL, { name: 'Owned', ownerId: missingId('Account') });
      expect(wrongType.userErrors).toEqual([expect.objectContaining({ field: ['input', 'ownerId'], code: 'INVALID' })]);
      expect(await countAccounts(tenant)).toBe(0);
    });
  });

  describe('scalars reject malformed values before anything runs', () => {
    test.each([
      ['phone', { phone: '555 not a phone' }],
      ['website', { website: 'not a url' }],
      ['currency', { annualRevenue: { amount: '10.00', currency: 'EURO' } }],
      ['decimal given as a number', { annualRevenue: { amount: 10.5, currency: 'EUR' } }],
      ['decimal with a float exponent', { annualRevenue: { amount: '1e6', currency: 'EUR' } }],
      ['country', { billingAddress: { country: 'Neverland' } }],
      ['type', { type: 'FRIEND' }],
    ])('%s', async (_label, fields) => {
      const tenant = await harness.createTenant();
      const response = await tenant.client.request(CREATE_ACCOUNT_FULL, { input: { name: 'Scalar', ...fields } });
      expect(errorCodes(response)).toContain('BAD_USER_INPUT');
      expect(response.data ?? null).toBeNull();
      expect(await countAccounts(tenant)).toBe(0);
    });
  });
});

describe('updateAccount', () => {
  test('changes the given fields, leaves omitted ones alone and increments the version', async () => {
    const tenant = await harness.createTenant();
    const ownerA = await addUser(harness, tenant, { email: 'a@owner.example', name: 'Owner A' });
    const ownerB = await addUser(harness, tenant, { email: 'b@owner.example', name: 'Owner B' });
    const created = await createAccount(tenant.client, {
      name: 'Before',
      domain: 'before.example',
      industry: 'Retail',
      ownerId: ownerA,
      annualRevenue: { amount: '100.00', currency: 'GBP' },
      employeeCount: 10,
      tags: ['one'],
      billingAddress: { city: 'Leeds', country: 'GB' },
    });
    const payload = await mutate(tenant.client, UPDATE_ACCOUNT_FULL, {
      id: created.id,
      name: 'After',
      type: 'PARTNER',
      lifecycleStage: 'LOYAL',
      ownerId: ownerB,
      annualRevenue: { amount: '2500.75', currency: 'USD' },
      employeeCount: 12,
      phone: '+442079460000',
      website: 'https://after.example/home',
      shippingAddress: { street: '2 Side Road', city: 'York', postalCode: 'YO1 7HH', country: 'GB' },
      tags: ['two', 'three'],
    });
    expect(payload.userErrors).toEqual([]);
    expect(payload.account).toMatchObject({
      id: created.id,
      name: 'After',
      domain: 'before.example',
      industry: 'Retail',
      type: 'PARTNER',
      lifecycleStage: 'LOYAL',
      owner: { id: ownerB, name: 'Owner B' },
      annualRevenue: { amount: '2500.75', currency: 'USD' },
      employeeCount: 12,
      phone: '+442079460000',
      website: 'https://after.example/home',
      billingAddress: { street: null, street2: null, city: 'Leeds', region: null, postalCode: null, country: 'GB' },
      shippingAddress: { street: '2 Side Road', street2: null, city: 'York', region: null, postalCode: 'YO1 7HH', country: 'GB' },
      tags: ['two', 'three'],
      version: 2,
      createdAt: created.createdAt,
    });
    expect(Date.parse(payload.account.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));
    const read = dataOf(await tenant.client.request(GET_ACCOUNT, { id: created.id }));
    expect(read.account).toEqual(payload.account);
  });

  test('null clears optional fields', async () => {
    const tenant = await harness.createTenant();
    const ownerId = await addUser(harness, tenant, { email: 'c@owner.example', name: 'Owner C' });
    const created = await createAccount(tenant.client, {
      name: 'Full',
      domain: 'full.example',
      industry: 'Retail',
      ownerId,
      annualRevenue: { amount: '1.00', currency: 'EUR' },
      employeeCount: 3,
      phone: '+14155550100',
      website: 'https://full.example/x',
      billingAddress: { city: 'Oslo', country: 'NO' },
      shippingAddress: { city: 'Bergen', country: 'NO' },
      tags: ['x'],
    });
    const payload = await mutate(tenant.client, UPDATE_ACCOUNT_FULL, {
      id: created.id,
      domain: null,
      industry: null,
      ownerId: null,
      annualRevenue: null,
      employeeCount: null,
      phone: null,
      website: null,
      billingAddress: null,
      shippingAddress: null,
      tags: null,
    });
    expect(payload.userErrors).toEqual([]);
    expect(payload.account).toMatchObject({
      name: 'Full',
      domain: null,
      industry: null,
      owner: null,
      annualRevenue: null,
      employeeCount: null,
      phone: null,
      website: null,
      billingAddress: null,
      shippingAddress: null,
      tags: [],
      version: 2,
    });
  });

  test('name: null is refused with a userError on the name, not an internal error', async () => {
    const tenant = await harness.createTenant();
    const created = await createAccount(tenant.client, { name: 'Keeps Its Name' });
    const response = await tenant.client.request(UPDATE_ACCOUNT_FULL, { input: { id: created.id, name: null } });
    expect(response.errors ?? []).toEqual([]);
    expect(response.data!.updateAccount.account).toBeNull();
    expect(response.data!.updateAccount.userErrors).toContainEqual(expect.objectContaining({ field: ['input', 'name'] }));
    const read = dataOf(await tenant.client.request(GET_ACCOUNT, { id: created.id }));
    expect(read.account).toMatchObject({ name: 'Keeps Its Name', version: 1 });
  });

  test('an unknown id is a NOT_FOUND userError and a malformed or mistyped id is INVALID', async () => {
    const tenant = await harness.createTenant();
    const contact = await createContact(tenant.client, { lastName: 'Contact' });
    const missing = await mutate(tenant.client, UPDATE_ACCOUNT_FULL, { id: missingId('Account'), name: 'X' });
    expect(missing).toEqual({ account: null, userErrors: [expect.objectContaining({ field: ['input', 'id'], code: 'NOT_FOUND' })] });
    const malformed = await mutate(tenant.client, UPDATE_ACCOUNT_FULL, { id: 'garbage', name: 'X' });
    expect(malformed).toEqual({ account: null, userErrors: [expect.objectContaining({ field: ['input', 'id'], code: 'INVALID' })] });
    const mistyped = await mutate(tenant.client, UPDATE_ACCOUNT_FULL, { id: contact.id, name: 'X' });
    expect(mistyped).toEqual({ account: null, userErrors: [expect.objectContaining({ field: ['input', 'id'], code: 'INVALID' })] });
  });

  test('a validation error on update writes nothing', async () => {
    const tenant = await harness.createTenant();
    const created = await createAccount(tenant.client, { name: 'Valid', employeeCount: 5 });
    const payload = await mutate(tenant.client, UPDATE_ACCOUNT_FULL, { id: created.id, name: 'Renamed', employeeCount: -3 });
    expect(payload.userErrors).toContainEqual(expect.objectContaining({ field: ['input', 'employeeCount'], code: 'OUT_OF_RANGE' }));
    const read = dataOf(await tenant.client.request(GET_ACCOUNT, { id: created.id }));
    expect(read.account).toMatchObject({ name: 'Valid', employeeCount: 5, version: 1 });
  });
});

describe('account(id)', () => {
  test('an unknown id is a NOT_FOUND error; a malformed or mistyped id is BAD_USER_INPUT', async () => {
    const tenant = await harness.createTenant();
    const contact = await createContact(tenant.client, { lastName: 'Someone' });
    const missing = await tenant.client.request(GET_ACCOUNT, { id: missingId('Account') });
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
    expect(missing.data?.account ?? null).toBeNull();
    expect(errorCodes(await tenant.client.request(GET_ACCOUNT, { id: 'garbage' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await tenant.client.request(GET_ACCOUNT, { id: contact.id }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('node(id) and nodes(ids)', () => {
  test('resolve accounts and contacts to their types', async () => {
    const { client } = await harness.createTenant();
    const account = await createAccount(client, { name: 'Node Account' });
    const contact = await createContact(client, { lastName: 'Node Contact', accountId: account.id });

    expect(dataOf(await client.request(NODE, { id: account.id })).node).toEqual({ __typename: 'Account', id: account.id, name: 'Node Account' });
    expect(dataOf(await client.request(NODE, { id: contact.id })).node).toEqual({ __typename: 'Contact', id: contact.id, lastName: 'Node Contact' });

    const nodes = dataOf(await client.request(NODES, { ids: [contact.id, missingId('Account'), account.id, missingId('Contact')] })).nodes;
    expect(nodes).toEqual([
      { __typename: 'Contact', id: contact.id, lastName: 'Node Contact' },
      null,
      { __typename: 'Account', id: account.id, name: 'Node Account' },
      null,
    ]);
  });

  test('a deleted account is NOT_FOUND through node(id) and null in nodes(ids)', async () => {
    const { client } = await harness.createTenant();
    const live = await createAccount(client, { name: 'Live' });
    const gone = await createAccount(client, { name: 'Gone' });
    await deleteAccount(client, gone.id);
    expect(errorCodes(await client.request(NODE, { id: gone.id }))).toEqual(['NOT_FOUND']);
    const nodes = dataOf(await client.request(NODES, { ids: [gone.id, live.id] })).nodes;
    expect(nodes).toEqual([null, { __typename: 'Account', id: live.id, name: 'Live' }]);
  });

  test('nodes(ids) takes at most 100 ids', async () => {
    const { client } = await harness.createTenant();
    const account = await createAccount(client, { name: 'Many' });
    const hundred = dataOf(await client.request(NODES, { ids: Array.from({ length: 100 }, () => account.id) })).nodes;
    expect(hundred).toHaveLength(100);
    expect(hundred.every((n: { id: string }) => n.id === account.id)).toBe(true);
    expect(errorCodes(await client.request(NODES, { ids: Array.from({ length: 101 }, () => account.id) }))).toEqual(['BAD_USER_INPUT']);
  });

  test('node(id) of an unknown id is NOT_FOUND; a malformed id is BAD_USER_INPUT', async () => {
    const { client } = await harness.createTenant();
    expect(errorCodes(await client.request(NODE, { id: missingId('Account') }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await client.request(NODE, { id: 'garbage' }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('tenant isolation', () => {
  test('another workspace cannot see, list or change an account', async () => {
    const owner = await harness.createTenant();
    const other = await harness.createTenant();
    const account = await createAccount(owner.client, { name: 'Private Account' });

    expect(errorCodes(await other.client.request(GET_ACCOUNT, { id: account.id }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await other.client.request(NODE, { id: account.id }))).toEqual(['NOT_FOUND']);
    expect(await countAccounts(other)).toBe(0);
    const update = await mutate(other.client, UPDATE_ACCOUNT_FULL, { id: account.id, name: 'Hijacked' });
    expect(update.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    const contact = await mutate(other.client, `mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } userErrors { field code message } } }`, {
      lastName: 'Sneaky',
      accountId: account.id,
    });
    expect(contact.userErrors).toEqual([expect.objectContaining({ field: ['input', 'accountId'], code: 'NOT_FOUND' })]);

    const read = dataOf(await owner.client.request(GET_ACCOUNT, { id: account.id }));
    expect(read.account).toMatchObject({ name: 'Private Account', version: 1 });
  });
});
