/**
 * Custom field values on accounts and contacts: set and read each type, refusals with a path and
 * nothing written, required fields, and merge / remove on update.
 */
import { Client, TestTenant, dataOf, useHarness } from '../support/harness';
import { CREATE_ACCOUNT, CREATE_CONTACT, UPDATE_ACCOUNT, UPDATE_CONTACT, UPDATE_DEFINITION, create, define, mutate, read } from './custom-field-helpers';

const harness = useHarness();
let workspace: TestTenant;
let client: Client;

const FULL = {
  notes: 'Signed at the fair',
  seats: 12.5,
  budget: { amount: '125000.50', currency: 'EUR' },
  renewsOn: '2027-02-28',
  strategic: true,
  tier: 'Gold',
};

beforeAll(async () => {
  workspace = await harness.createTenant({ name: 'Custom field values' });
  client = workspace.client;
  for (const input of [
    { key: 'notes', label: 'Notes', type: 'TEXT' },
    { key: 'seats', label: 'Seats', type: 'NUMBER' },
    { key: 'budget', label: 'Budget', type: 'MONEY' },
    { key: 'renewsOn', label: 'Renews on', type: 'DATE' },
    { key: 'strategic', label: 'Strategic', type: 'BOOLEAN' },
    { key: 'tier', label: 'Tier', type: 'PICKLIST', picklistValues: ['Gold', 'Silver', 'Bronze'] },
  ]) {
    await define(client, { object: 'ACCOUNT', ...input });
  }
  await define(client, { object: 'CONTACT', key: 'nickname', label: 'Nickname', type: 'TEXT' });
  await define(client, { object: 'CONTACT', key: 'vip', label: 'VIP', type: 'BOOLEAN' });
});

/** Number of accounts (live and in the recycle bin) with this name, read through the API. */
async function accountsNamed(name: string): Promise<number> {
  const data = dataOf(
    await client.request(`query($w: AccountFilter) { live: accounts(where: $w) { totalCount } bin: accounts(where: $w, inRecycleBin: true) { totalCount } }`, { w: { name: { eq: name } } }),
  );
  return data.live.totalCount + data.bin.totalCount;
}

describe('setting and reading values', () => {
  test('every type is stored and read back as given', async () => {
    const account = await create(client, 'account', { name: 'All types', customFields: FULL });
    expect(account.customFields).toEqual(FULL);
    expect((await read(client, 'account', account.id)).customFields).toEqual(FULL);
    const listed = dataOf(await client.request(`query($w: AccountFilter) { accounts(where: $w) { nodes { customFields } } }`, { w: { id: { eq: account.id } } }));
    expect(listed.accounts.nodes).toEqual([{ customFields: FULL }]);
  });

  test('a record without values has an empty object', async () => {
    expect((await create(client, 'account', { name: 'No values' })).customFields).toEqual({});
    expect((await create(client, 'account', { name: 'Null values', customFields: null })).customFields).toEqual({});
    expect((await create(client, 'contact', { lastName: 'Nobody special' })).customFields).toEqual({});
  });

  test('null entries on create are left out', async () => {
    expect((await create(client, 'account', { name: 'Partly set', customFields: { notes: 'x', seats: null } })).customFields).toEqual({ notes: 'x' });
  });

  test('numbers may be whole, negative or fractional; money amounts may be negative', async () => {
    const account = await create(client, 'account', { name: 'Numbers', customFields: { seats: -3, budget: { amount: '-10', currency: 'USD' } } });
    expect(account.customFields).toEqual({ seats: -3, budget: { amount: '-10', currency: 'USD' } });
  });

  test('contacts carry values too, also through account.contacts', async () => {
    const account = await create(client, 'account', { name: 'Has a VIP' });
    const contact = await create(client, 'contact', { lastName: 'Smith', accountId: account.id, customFields: { nickname: 'Smithy', vip: false } });
    expect(contact.customFields).toEqual({ nickname: 'Smithy', vip: false });
    const nested = dataOf(await client.request(`query($id: ID!) { account(id: $id) { contacts { nodes { customFields } } } }`, { id: account.id }));
    expect(nested.account.contacts.nodes).toEqual([{ customFields: { nickname: 'Smithy', vip: false } }]);
  });

  test('a retried create with the same idempotency key returns the first result', async () => {
    const input = { name: 'Idempotent', idempotencyKey: `cf-${Date.now()}`, customFields: { tier: 'Silver' } };
    const first = await create(client, 'account', input);
    const second = await create(client, 'account', input);
    expect(second).toEqual(first);
    expect(await accountsNamed('Idempotent')).toBe(1);
  });
});

describe('refused values write nothing', () => {
  test.each([
    ['unknown key', { colour: 'red' }, 'colour', 'INVALID', 'Unknown custom field "colour" on Account'],
    ['TEXT given a number', { notes: 42 }, 'notes', 'INVALID', 'expects text'],
    ['TEXT over 1000 characters', { notes: 'x'.repeat(1001) }, 'notes', 'TOO_LONG', 'at most 1000 characters'],
    ['TEXT blank', { notes: '  ' }, 'notes', 'INVALID', 'must not be blank'],
    ['NUMBER given a string', { seats: '12' }, 'seats', 'INVALID', 'expects a number'],
    ['NUMBER given a boolean', { seats: true }, 'seats', 'INVALID', 'expects a number'],
    ['NUMBER given an object', { seats: { value: 1 } }, 'seats', 'INVALID', 'expects a number'],
    ['MONEY with a float amount', { budget: { amount: 12.5, currency: 'EUR' } }, 'budget', 'INVALID', 'expects money'],
    ['MONEY with a bad amount', { budget: { amount: '12,50', currency: 'EUR' } }, 'budget', 'INVALID', 'expects money'],
    ['MONEY with an unknown currency', { budget: { amount: '12.50', currency: 'EURO' } }, 'budget', 'INVALID', 'ISO 4217'],
    ['MONEY with a lower-case currency', { budget: { amount: '12.50', currency: 'eur' } }, 'budget', 'INVALID', 'ISO 4217'],
    ['MONEY without a currency', { budget: { amount: '12.50' } }, 'budget', 'INVALID', 'expects money'],
    ['MONEY with an extra key', { budget: { amount: '12.50', currency: 'EUR', note: 'x' } }, 'budget', 'INVALID', 'expects money'],
    ['MONEY as a string', { budget: '12.50' }, 'budget', 'INVALID', 'expects money'],
    ['DATE that does not exist', { renewsOn: '2027-02-29' }, 'renewsOn', 'INVALID', 'expects a date "YYYY-MM-DD"'],
    ['DATE without leading zeros', { renewsOn: '2027-2-1' }, 'renewsOn', 'INVALID', 'expects a date'],
    ['DATE with a time', { renewsOn: '2027-02-01T00:00:00Z' }, 'renewsOn', 'INVALID', 'expects a date'],
    ['BOOLEAN as a string', { strategic: 'true' }, 'strategic', 'INVALID', 'expects true or false'],
    ['BOOLEAN as a number', { strategic: 1 }, 'strategic', 'INVALID', 'expects true or false'],
    ['PICKLIST value not listed', { tier: 'Platinum' }, 'tier', 'INVALID', 'expects one of: "Gold", "Silver", "Bronze"'],
    ['PICKLIST value in another case', { tier: 'gold' }, 'tier', 'INVALID', 'expects one of'],
    ['PICKLIST given a list', { tier: ['Gold'] }, 'tier', 'INVALID', 'expects one of'],
  ])('%s', async (label, customFields, key, code, message) => {
    const name = `Refused ${label}`;
    const payload = await mutate(client, CREATE_ACCOUNT, { name, customFields: { notes: 'fine', ...customFields } });
    expect(payload.account).toBeNull();
    expect(payload.userErrors).toEqual([{ field: ['input', 'customFields', key], code, message: expect.stringContaining(message) }]);
    expect(await accountsNamed(name)).toBe(0);
  });

  test('all problems of one input are reported together', async () => {
    const payload = await mutate(client, CREATE_ACCOUNT, { name: 'Many problems', customFields: { seats: 'x', tier: 'x', nope: 1, notes: 'ok' } });
    expect(payload.userErrors.map((e) => e.field)).toEqual([
      ['input', 'customFields', 'seats'],
      ['input', 'customFields', 'tier'],
      ['input', 'customFields', 'nope'],
    ]);
    expect(await accountsNamed('Many problems')).toBe(0);
  });

  test('a JSON value that is not an object is a GraphQL error', async () => {
    const response = await client.request(CREATE_ACCOUNT, { input: { name: 'Array values', customFields: ['notes'] } });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await accountsNamed('Array values')).toBe(0);
  });

  test('a refused update changes nothing, not even the other fields of the input', async () => {
    const account = await create(client, 'account', { name: 'Stays as is', customFields: { notes: 'original' } });
    const payload = await mutate(client, UPDATE_ACCOUNT, { id: account.id, name: 'Renamed', customFields: { notes: 'changed', seats: 'many' } });
    expect(payload.userErrors).toEqual([{ field: ['input', 'customFields', 'seats'], code: 'INVALID', message: expect.any(String) }]);
    expect(await read(client, 'account', account.id)).toEqual(account);
  });

  test('contacts refuse bad values the same way', async () => {
    const payload = await mutate(client, CREATE_CONTACT, { lastName: 'Refused contact', customFields: { vip: 'yes', notes: 'account field' } });
    expect(payload.userErrors.map(({ field, code }) => ({ field, code }))).toEqual([
      { field: ['input', 'customFields', 'vip'], code: 'INVALID' },
      { field: ['input', 'customFields', 'notes'], code: 'INVALID' },
    ]);
    const count = dataOf(await client.request(`{ contacts(where: { lastName: { eq: "Refused contact" } }) { totalCount } }`));
    expect(count.contacts.totalCount).toBe(0);
  });
});

describe('updates merge', () => {
  test('given keys are set, others kept, null removes a key', async () => {
    const account = await create(client, 'account', { name: 'Merging', customFields: { notes: 'first', seats: 1, tier: 'Bronze' } });
    const merged = await mutate(client, UPDATE_ACCOUNT, { id: account.id, customFields: { seats: 2, strategic: false } });
    expect(merged.userErrors).toEqual([]);
    expect(merged.account.customFields).toEqual({ notes: 'first', seats: 2, tier: 'Bronze', strategic: false });
    expect(merged.account.version).toBe(account.version + 1);

    const removed = await mutate(client, UPDATE_ACCOUNT, { id: account.id, customFields: { notes: null, tier: 'Silver' } });
    expect(removed.account.customFields).toEqual({ seats: 2, tier: 'Silver', strategic: false });

    const untouched = await mutate(client, UPDATE_ACCOUNT, { id: account.id, name: 'Merging renamed' });
    expect(untouched.account).toMatchObject({ name: 'Merging renamed', customFields: { seats: 2, tier: 'Silver', strategic: false } });
    const empty = await mutate(client, UPDATE_ACCOUNT, { id: account.id, customFields: {} });
    expect(empty.account.customFields).toEqual({ seats: 2, tier: 'Silver', strategic: false });

    const cleared = await mutate(client, UPDATE_ACCOUNT, { id: account.id, customFields: null });
    expect(cleared.account.customFields).toEqual({});
    expect((await read(client, 'account', account.id)).customFields).toEqual({});
  });

  test('removing a key that has no value is fine', async () => {
    const account = await create(client, 'account', { name: 'Remove absent' });
    expect((await mutate(client, UPDATE_ACCOUNT, { id: account.id, customFields: { notes: null } })).account.customFields).toEqual({});
  });

  test('concurrent updates of different keys both survive (merged in the database)', async () => {
    const account = await create(client, 'account', { name: 'Concurrent merge' });
    const results = await Promise.all([
      mutate(client, UPDATE_ACCOUNT, { id: account.id, customFields: { notes: 'from one' } }),
      mutate(client, UPDATE_ACCOUNT, { id: account.id, customFields: { seats: 2 } }),
      mutate(client, UPDATE_ACCOUNT, { id: account.id, customFields: { tier: 'Gold' } }),
      mutate(client, UPDATE_ACCOUNT, { id: account.id, customFields: { strategic: true } }),
    ]);
    for (const result of results) expect(result.userErrors).toEqual([]);
    expect(await read(client, 'account', account.id)).toMatchObject({ version: account.version + 4, customFields: { notes: 'from one', seats: 2, tier: 'Gold', strategic: true } });
  });

  test('a stale expectedVersion refuses the custom field change too', async () => {
    const account = await create(client, 'account', { name: 'Stale', customFields: { seats: 1 } });
    await mutate(client, UPDATE_ACCOUNT, { id: account.id, customFields: { seats: 2 } });
    const stale = await mutate(client, UPDATE_ACCOUNT, { id: account.id, expectedVersion: account.version, customFields: { seats: 3 } });
    expect(stale.userErrors.map((e) => e.code)).toEqual(['CONFLICT']);
    expect((await read(client, 'account', account.id)).customFields).toEqual({ seats: 2 });
  });

  test('contacts merge the same way', async () => {
    const contact = await create(client, 'contact', { lastName: 'Merge contact', customFields: { nickname: 'M' } });
    const payload = await mutate(client, UPDATE_CONTACT, { id: contact.id, customFields: { vip: true } });
    expect(payload.contact.customFields).toEqual({ nickname: 'M', vip: true });
    expect((await mutate(client, UPDATE_CONTACT, { id: contact.id, customFields: { nickname: null } })).contact.customFields).toEqual({ vip: true });
  });

  test('a value removed from a picklist stays on records until changed; new writes must use a listed value', async () => {
    const field = (await client.request(`{ customFieldDefinitions(object: ACCOUNT) { id key version } }`)).data!.customFieldDefinitions.find((d: any) => d.key === 'tier');
    const account = await create(client, 'account', { name: 'Bronze customer', customFields: { tier: 'Bronze', seats: 1 } });
    expect((await mutate(client, UPDATE_DEFINITION, { id: field.id, picklistValues: ['Gold', 'Silver'] })).userErrors).toEqual([]);
    try {
      expect((await read(client, 'account', account.id)).customFields.tier).toBe('Bronze');
      expect((await mutate(client, UPDATE_ACCOUNT, { id: account.id, customFields: { seats: 2 } })).userErrors).toEqual([]);
      const refused = await mutate(client, UPDATE_ACCOUNT, { id: account.id, customFields: { tier: 'Bronze' } });
      expect(refused.userErrors.map((e) => e.code)).toEqual(['INVALID']);
    } finally {
      await mutate(client, UPDATE_DEFINITION, { id: field.id, picklistValues: ['Gold', 'Silver', 'Bronze'] });
    }
  });
});

describe('required fields', () => {
  let required: TestTenant;

  beforeAll(async () => {
    required = await harness.createTenant({ name: 'Required custom fields' });
    await define(required.client, { object: 'ACCOUNT', key: 'region', label: 'Region', type: 'PICKLIST', picklistValues: ['EMEA', 'APAC', 'AMER'], required: true });
    await define(required.client, { object: 'ACCOUNT', key: 'remark', label: 'Remark', type: 'TEXT' });
  });

  test.each([
    ['no customFields', {}],
    ['customFields: null', { customFields: null }],
    ['other keys only', { customFields: { remark: 'x' } }],
    ['the key set to null', { customFields: { region: null } }],
  ])('a create with %s is REQUIRED at the key', async (_label, extra) => {
    const payload = await mutate(required.client, CREATE_ACCOUNT, { name: 'Missing region', ...extra });
    expect(payload.userErrors).toEqual([{ field: ['input', 'customFields', 'region'], code: 'REQUIRED', message: expect.stringContaining('"region"') }]);
    expect(dataOf(await required.client.request('{ accounts { totalCount } }')).accounts.totalCount).toBe(0);
  });

  test('a blank value for a required TEXT field is REQUIRED', async () => {
    const field = await define(required.client, { object: 'CONTACT', key: 'badge', label: 'Badge', type: 'TEXT', required: true });
    const payload = await mutate(required.client, CREATE_CONTACT, { lastName: 'Blank badge', customFields: { badge: ' ' } });
    expect(payload.userErrors.map(({ field, code }) => ({ field, code }))).toEqual([{ field: ['input', 'customFields', 'badge'], code: 'REQUIRED' }]);
    await mutate(required.client, 'mutation($input: DeleteCustomFieldDefinitionInput!) { deleteCustomFieldDefinition(input: $input) { userErrors { code } } }', { id: field.id });
  });

  test('with the value it is created; updates may not remove it but may leave it alone', async () => {
    const account = await create(required.client, 'account', { name: 'Has region', customFields: { region: 'EMEA' } });
    expect(account.customFields).toEqual({ region: 'EMEA' });
    const removal = await mutate(required.client, UPDATE_ACCOUNT, { id: account.id, customFields: { region: null } });
    expect(removal.userErrors).toEqual([{ field: ['input', 'customFields', 'region'], code: 'REQUIRED', message: expect.any(String) }]);
    const clearAll = await mutate(required.client, UPDATE_ACCOUNT, { id: account.id, customFields: null });
    expect(clearAll.userErrors.map((e) => e.code)).toEqual(['REQUIRED']);
    const other = await mutate(required.client, UPDATE_ACCOUNT, { id: account.id, name: 'Renamed', customFields: { remark: 'ok' } });
    expect(other.account.customFields).toEqual({ region: 'EMEA', remark: 'ok' });
    const changed = await mutate(required.client, UPDATE_ACCOUNT, { id: account.id, customFields: { region: 'APAC' } });
    expect(changed.account.customFields).toEqual({ region: 'APAC', remark: 'ok' });
  });
});
