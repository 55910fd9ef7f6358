/**
 * Defining custom fields: each type, keys (invalid, reserved, duplicate), picklists, changes,
 * required, deletion cleaning every record, the admin audit trail, and who may do what.
 */
import { Client, TestTenant, dataOf, useHarness } from '../support/harness';
import {
  CREATE_DEFINITION,
  DELETE_DEFINITION,
  LIST_DEFINITIONS,
  UPDATE_DEFINITION,
  UPDATE_ACCOUNT,
  auditEntries,
  codes,
  create,
  define,
  definitions,
  memberClient,
  mutate,
  read,
} from './custom-field-helpers';

const harness = useHarness();
let workspace: TestTenant;
let admin: Client;
let member: Client;

beforeAll(async () => {
  workspace = await harness.createTenant({ name: 'Custom field definitions' });
  admin = workspace.client;
  member = await memberClient(harness, workspace);
});

/** Definitions and audit entries before and after `act`: a refused change leaves both as they were. */
async function writesNothing<T>(act: () => Promise<T>): Promise<T> {
  const before = { definitions: await definitions(admin), audit: await auditEntries(admin) };
  const result = await act();
  expect({ definitions: await definitions(admin), audit: await auditEntries(admin) }).toEqual(before);
  return result;
}

describe('defining fields', () => {
  test('each type can be defined; the definitions query documents them for any workspace credential', async () => {
    const inputs = [
      { object: 'ACCOUNT', key: 'contractNotes', label: 'Contract notes', type: 'TEXT', description: 'Anything about the contract' },
      { object: 'ACCOUNT', key: 'seatCount', label: 'Seats', type: 'NUMBER' },
      { object: 'ACCOUNT', key: 'budget', label: 'Budget', type: 'MONEY' },
      { object: 'ACCOUNT', key: 'renewalDate', label: 'Renewal date', type: 'DATE' },
      { object: 'ACCOUNT', key: 'isStrategic', label: 'Strategic', type: 'BOOLEAN' },
      { object: 'ACCOUNT', key: 'tier', label: 'Tier', type: 'PICKLIST', picklistValues: [' Gold ', 'Silver', 'Bronze'] },
      { object: 'CONTACT', key: 'hobby', label: 'Hobby', type: 'TEXT', personal: true },
    ];
    const created = [];
    for (const input of inputs) created.push(await define(admin, input));
    expect(created.map((d) => [d.object, d.key, d.type, d.required, d.personal, d.version, d.visibleToCaller])).toEqual([
      ['ACCOUNT', 'contractNotes', 'TEXT', false, false, 1, true],
      ['ACCOUNT', 'seatCount', 'NUMBER', false, false, 1, true],
      ['ACCOUNT', 'budget', 'MONEY', false, false, 1, true],
      ['ACCOUNT', 'renewalDate', 'DATE', false, false, 1, true],
      ['ACCOUNT', 'isStrategic', 'BOOLEAN', false, false, 1, true],
      ['ACCOUNT', 'tier', 'PICKLIST', false, false, 1, true],
      ['CONTACT', 'hobby', 'TEXT', false, true, 1, true],
    ]);
    expect(created[0].description).toBe('Anything about the contract');
    expect(created[5].picklistValues).toEqual(['Gold', 'Silver', 'Bronze']);
    expect(created[1].picklistValues).toEqual([]);

    const accountFields = await definitions(member, 'ACCOUNT');
    expect(accountFields.map((d) => d.key)).toEqual(['contractNotes', 'seatCount', 'budget', 'renewalDate', 'isStrategic', 'tier']);
    expect(accountFields).toEqual(created.slice(0, 6));
    expect((await definitions(member, 'CONTACT')).map((d) => d.key)).toEqual(['hobby']);
    expect((await definitions(member)).map((d) => d.key)).toEqual([...accountFields.map((d) => d.key), 'hobby']);
  });

  test('another workspace sees none of them', async () => {
    const other = await harness.createTenant({ name: 'Other workspace' });
    expect(await definitions(other.client)).toEqual([]);
  });

  test('the platform credential cannot read definitions', async () => {
    expect(codes(await harness.platform.request(LIST_DEFINITIONS))).toEqual(['FORBIDDEN']);
    expect(codes(await harness.anonymous.request(LIST_DEFINITIONS))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('keys', () => {
  test.each([
    ['an upper-case first letter', 'Renewal'],
    ['a digit first', '1stContact'],
    ['an underscore', 'renewal_date'],
    ['a dash', 'renewal-date'],
    ['a space', 'renewal date'],
    ['an empty key', ''],
    ['41 characters', `a${'b'.repeat(40)}`],
    ['non-ASCII letters', 'größe'],
    ['SQL', "x'); DROP TABLE accounts; --"],
    ['a leading underscore', '__typename'],
  ])('a key with %s is INVALID and nothing is written', async (_label, key) => {
    const payload = await writesNothing(() => mutate(admin, CREATE_DEFINITION, { object: 'ACCOUNT', key, label: 'Bad key', type: 'TEXT' }));
    expect(payload.customFieldDefinition).toBeNull();
    expect(payload.userErrors).toEqual([{ field: ['input', 'key'], code: 'INVALID', message: expect.stringContaining('is invalid') }]);
  });

  test('40 characters are fine', async () => {
    expect((await define(admin, { object: 'ACCOUNT', key: `a${'b'.repeat(39)}`, label: 'Long key', type: 'TEXT' })).key).toHaveLength(40);
  });

  test.each([
    ['ACCOUNT', 'name', 'Account already has a field "name"'],
    ['ACCOUNT', 'domain', 'Account already has a field "domain"'],
    ['ACCOUNT', 'tags', 'Account already has a field "tags"'],
    ['ACCOUNT', 'contacts', 'Account already has a field "contacts"'],
    ['ACCOUNT', 'ownerId', 'Account already has a field "ownerId"'],
    ['ACCOUNT', 'expectedVersion', 'Account already has a field "expectedVersion"'],
    ['ACCOUNT', 'createdat', 'Account already has a field "createdAt"'],
    ['CONTACT', 'email', 'Contact already has a field "email"'],
    ['CONTACT', 'firstName', 'Contact already has a field "firstName"'],
    ['CONTACT', 'lastname', 'Contact already has a field "lastName"'],
    ['CONTACT', 'account', 'Contact already has a field "account"'],
    ['ACCOUNT', 'id', '"id" is a reserved word'],
    ['ACCOUNT', 'and', '"and" is a reserved word'],
    ['CONTACT', 'or', '"or" is a reserved word'],
    ['CONTACT', 'not', '"not" is a reserved word'],
    ['ACCOUNT', 'customFields', '"customFields" is a reserved word'],
    ['ACCOUNT', 'constructor', '"constructor" is a reserved word'],
    ['CONTACT', 'hasOwnProperty', '"hasOwnProperty" is a reserved word'],
  ])('%s key "%s" is reserved', async (object, key, reason) => {
    const payload = await writesNothing(() => mutate(admin, CREATE_DEFINITION, { object, key, label: 'Reserved', type: 'TEXT' }));
    expect(payload.userErrors).toEqual([{ field: ['input', 'key'], code: 'INVALID', message: `Custom field key "${key}" is reserved: ${reason}` }]);
  });

  test('a name reserved on one object is free on another', async () => {
    expect((await define(admin, { object: 'ACCOUNT', key: 'email', label: 'Company e-mail', type: 'TEXT' })).key).toBe('email');
  });

  test('keys are unique per object, without regard to case', async () => {
    await define(admin, { object: 'ACCOUNT', key: 'region', label: 'Region', type: 'TEXT' });
    for (const key of ['region', 'Region'.toLowerCase(), 'reGion']) {
      const payload = await writesNothing(() => mutate(admin, CREATE_DEFINITION, { object: 'ACCOUNT', key, label: 'Region again', type: 'NUMBER' }));
      expect(payload.userErrors).toEqual([{ field: ['input', 'key'], code: 'DUPLICATE', message: expect.stringContaining('already has a custom field') }]);
    }
    expect((await define(admin, { object: 'CONTACT', key: 'region', label: 'Region', type: 'TEXT' })).object).toBe('CONTACT');
  });

  test('concurrent creates of one key: one wins, the other is DUPLICATE', async () => {
    const results = await Promise.all([0, 1, 2].map(() => mutate(admin, CREATE_DEFINITION, { object: 'CONTACT', key: 'raceKey', label: 'Race', type: 'TEXT' })));
    expect(results.filter((r) => r.customFieldDefinition).length).toBe(1);
    for (const loser of results.filter((r) => !r.customFieldDefinition)) expect(loser.userErrors.map((e) => e.code)).toEqual(['DUPLICATE']);
  });
});

describe('other bad definitions', () => {
  test.each([
    ['a PICKLIST without values', { type: 'PICKLIST' }, [{ field: ['input', 'picklistValues'], code: 'REQUIRED' }]],
    ['a PICKLIST with an empty list', { type: 'PICKLIST', picklistValues: [] }, [{ field: ['input', 'picklistValues'], code: 'REQUIRED' }]],
    ['values on a TEXT field', { type: 'TEXT', picklistValues: ['a'] }, [{ field: ['input', 'picklistValues'], code: 'INVALID' }]],
    ['a value twice', { type: 'PICKLIST', picklistValues: ['a', 'b', ' a'] }, [{ field: ['input', 'picklistValues', '2'], code: 'DUPLICATE' }]],
    ['a blank value', { type: 'PICKLIST', picklistValues: ['a', '  '] }, [{ field: ['input', 'picklistValues', '1'], code: 'REQUIRED' }]],
    ['a long value', { type: 'PICKLIST', picklistValues: ['x'.repeat(101)] }, [{ field: ['input', 'picklistValues', '0'], code: 'TOO_LONG' }]],
    ['a blank label', { type: 'TEXT', label: '   ' }, [{ field: ['input', 'label'], code: 'REQUIRED' }]],
    ['an empty label', { type: 'TEXT', label: '' }, [{ field: ['input', 'label'], code: 'REQUIRED' }]],
    ['a long label', { type: 'TEXT', label: 'x'.repeat(101) }, [{ field: ['input', 'label'], code: 'TOO_LONG' }]],
    ['a long description', { type: 'TEXT', description: 'x'.repeat(1001) }, [{ field: ['input', 'description'], code: 'TOO_LONG' }]],
    ['a bad key and a bad picklist at once', { key: 'Bad', type: 'PICKLIST' }, [{ field: ['input', 'key'], code: 'INVALID' }, { field: ['input', 'picklistValues'], code: 'REQUIRED' }]],
  ])('%s is refused and nothing is written', async (_label, overrides, expected) => {
    const input = { object: 'ACCOUNT', key: 'fine', label: 'Fine', ...overrides };
    const payload = await writesNothing(() => mutate(admin, CREATE_DEFINITION, input));
    expect(payload.customFieldDefinition).toBeNull();
    expect(payload.userErrors.map(({ field, code }) => ({ field, code }))).toEqual(expected);
  });

  test('an unknown type or object is a GraphQL validation error', async () => {
    const response = await admin.request(CREATE_DEFINITION, { input: { object: 'SPACESHIP', key: 'x', label: 'X', type: 'TEXT' } });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(codes(await admin.request(CREATE_DEFINITION, { input: { object: 'ACCOUNT', key: 'x', label: 'X', type: 'EMAIL' } }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('changing definitions', () => {
  let tier: Record<string, any>;

  beforeAll(async () => {
    tier = await define(admin, { object: 'ACCOUNT', key: 'serviceLevel', label: 'Service level', type: 'PICKLIST', picklistValues: ['Basic', 'Premium'] });
  });

  test('label, description and picklist values change; the version increases', async () => {
    const payload = await mutate(admin, UPDATE_DEFINITION, { id: tier.id, label: 'SLA', description: 'Agreed support level', picklistValues: ['Basic', 'Premium', 'Platinum'], expectedVersion: 1 });
    expect(payload.userErrors).toEqual([]);
    expect(payload.customFieldDefinition).toMatchObject({ id: tier.id, key: 'serviceLevel', type: 'PICKLIST', label: 'SLA', description: 'Agreed support level', picklistValues: ['Basic', 'Premium', 'Platinum'], version: 2 });
    const cleared = await mutate(admin, UPDATE_DEFINITION, { id: tier.id, description: null });
    expect(cleared.customFieldDefinition).toMatchObject({ label: 'SLA', description: null, version: 3 });
    tier = cleared.customFieldDefinition;
  });

  test('key and type cannot be changed: the input has no such fields', async () => {
    expect(codes(await admin.request(UPDATE_DEFINITION, { input: { id: tier.id, key: 'other' } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await admin.request(UPDATE_DEFINITION, { input: { id: tier.id, type: 'TEXT' } }))).toEqual(['BAD_USER_INPUT']);
  });

  test.each([
    ['a stale version', () => ({ id: tier.id, label: 'Old', expectedVersion: 1 }), ['input', 'expectedVersion'], 'CONFLICT'],
    ['an empty picklist', () => ({ id: tier.id, picklistValues: [] }), ['input', 'picklistValues'], 'REQUIRED'],
    ['a null picklist', () => ({ id: tier.id, picklistValues: null }), ['input', 'picklistValues'], 'REQUIRED'],
    ['a null label', () => ({ id: tier.id, label: null }), ['input', 'label'], 'REQUIRED'],
    ['a blank label', () => ({ id: tier.id, label: ' ' }), ['input', 'label'], 'REQUIRED'],
    ['a malformed id', () => ({ id: 'nope', label: 'X' }), ['input', 'id'], 'INVALID'],
    ['an account id', () => ({ id: Buffer.from('Account:0190d9c8-6a5e-7000-8000-000000000000').toString('base64url'), label: 'X' }), ['input', 'id'], 'INVALID'],
    ['an unknown id', () => ({ id: Buffer.from('CustomFieldDefinition:0190d9c8-6a5e-7000-8000-000000000000').toString('base64url'), label: 'X' }), ['input', 'id'], 'NOT_FOUND'],
  ])('%s is refused and nothing is written', async (_label, input, field, code) => {
    const payload = await writesNothing(() => mutate(admin, UPDATE_DEFINITION, input()));
    expect(payload.userErrors).toEqual([{ field, code, message: expect.any(String) }]);
  });

  test('picklist values on a non-picklist field are refused', async () => {
    const text = await define(admin, { object: 'CONTACT', key: 'motto', label: 'Motto', type: 'TEXT' });
    const payload = await writesNothing(() => mutate(admin, UPDATE_DEFINITION, { id: text.id, picklistValues: ['a'] }));
    expect(payload.userErrors.map((e) => e.code)).toEqual(['INVALID']);
  });
});

describe('required', () => {
  test('making a field required while records lack a value is refused (INVALID_STATE); after filling them it works', async () => {
    const field = await define(admin, { object: 'ACCOUNT', key: 'accountCode', label: 'Account code', type: 'TEXT' });
    const a = await create(admin, 'account', { name: 'Needs code A', customFields: { accountCode: 'A-1' } });
    const b = await create(admin, 'account', { name: 'Needs code B' });
    const countBefore = await accountsWithoutCode();

    const refused = await writesNothing(() => mutate(admin, UPDATE_DEFINITION, { id: field.id, required: true }));
    expect(refused.userErrors).toEqual([
      { field: ['input', 'required'], code: 'INVALID_STATE', message: `Cannot make "accountCode" required: ${countBefore} accounts (the recycle bin included) have no value for it; give every record a value first` },
    ]);

    // Give every account a value (the ones created by other tests of this file too), then it is accepted.
    const ids = dataOf(await admin.request('{ accounts(first: 100) { nodes { id customFields } } }')).accounts.nodes.filter((n: any) => !('accountCode' in n.customFields));
    for (const { id } of ids) expect((await mutate(admin, UPDATE_ACCOUNT, { id, customFields: { accountCode: 'X' } })).userErrors).toEqual([]);
    const accepted = await mutate(admin, UPDATE_DEFINITION, { id: field.id, required: true });
    expect(accepted.userErrors).toEqual([]);
    expect(accepted.customFieldDefinition.required).toBe(true);
    expect((await read(admin, 'account', a.id)).customFields.accountCode).toBe('A-1');
    expect((await read(admin, 'account', b.id)).customFields.accountCode).toBe('X');

    // Optional again.
    expect((await mutate(admin, UPDATE_DEFINITION, { id: field.id, required: false })).customFieldDefinition.required).toBe(false);
  });

  test('a new required field is refused while records of the object exist, accepted when there are none', async () => {
    await create(admin, 'account', { name: 'Exists' });
    const refused = await writesNothing(() => mutate(admin, CREATE_DEFINITION, { object: 'ACCOUNT', key: 'mustHave', label: 'Must have', type: 'NUMBER', required: true }));
    expect(refused.userErrors.map(({ field, code }) => ({ field, code }))).toEqual([{ field: ['input', 'required'], code: 'INVALID_STATE' }]);
    expect(refused.userErrors[0].message).toContain('create it as optional, give every record a value, then make it required');

    const empty = await harness.createTenant({ name: 'No records yet' });
    expect((await define(empty.client, { object: 'CONTACT', key: 'mustHave', label: 'Must have', type: 'NUMBER', required: true })).required).toBe(true);
  });

  async function accountsWithoutCode(): Promise<number> {
    const rows = await harness.dataSource.query(`SELECT count(*)::int AS n FROM "${workspace.tenant.schemaName}".accounts WHERE NOT custom_fields ? 'accountCode'`);
    return rows[0].n;
  }
});

describe('deleting definitions', () => {
  test('removes the field and its values from every record (the recycle bin included) in one transaction', async () => {
    const doomed = await define(admin, { object: 'CONTACT', key: 'shoeSize', label: 'Shoe size', type: 'NUMBER' });
    await define(admin, { object: 'CONTACT', key: 'teamName', label: 'Team', type: 'TEXT' });
    const kept = await create(admin, 'contact', { lastName: 'Keeps team', customFields: { shoeSize: 42, teamName: 'Blue' } });
    const binned = await create(admin, 'contact', { lastName: 'In the bin', customFields: { shoeSize: 38 } });
    const untouched = await create(admin, 'contact', { lastName: 'No shoe size', customFields: { teamName: 'Red' } });
    expect((await mutate(admin, 'mutation($input: DeleteContactInput!) { deleteContact(input: $input) { userErrors { code } } }', { id: binned.id })).userErrors).toEqual([]);

    const payload = await mutate(admin, DELETE_DEFINITION, { id: doomed.id, expectedVersion: 1 });
    expect(payload.userErrors).toEqual([]);
    expect(payload.customFieldDefinition).toMatchObject({ id: doomed.id, key: 'shoeSize' });
    expect(payload.clearedRecordCount).toBe(2);

    expect((await definitions(admin, 'CONTACT')).map((d) => d.key)).not.toContain('shoeSize');
    const after = await read(admin, 'contact', kept.id);
    expect(after.customFields).toEqual({ teamName: 'Blue' });
    expect(after.version).toBe(kept.version + 1);
    expect((await read(admin, 'contact', untouched.id))).toMatchObject({ customFields: { teamName: 'Red' }, version: untouched.version });
    const binnedUuid = Buffer.from(binned.id, 'base64url').toString().split(':')[1];
    const [binnedRow] = await harness.dataSource.query(`SELECT custom_fields, deleted_at FROM "${workspace.tenant.schemaName}".contacts WHERE id = $1`, [binnedUuid]);
    expect(binnedRow.deleted_at).not.toBeNull();
    expect(binnedRow.custom_fields).toEqual({});

    // The key is unknown now, and free to define again.
    const refused = await mutate(admin, 'mutation($input: UpdateContactInput!) { updateContact(input: $input) { userErrors { field code } } }', { id: kept.id, customFields: { shoeSize: 40 } });
    expect(refused.userErrors).toEqual([{ field: ['input', 'customFields', 'shoeSize'], code: 'INVALID' }]);
    expect((await define(admin, { object: 'CONTACT', key: 'shoeSize', label: 'Shoe size (EU)', type: 'TEXT' })).type).toBe('TEXT');
  });

  test('a stale version or unknown id deletes nothing', async () => {
    const field = await define(admin, { object: 'ACCOUNT', key: 'keepMe', label: 'Keep me', type: 'BOOLEAN' });
    const stale = await writesNothing(() => mutate(admin, DELETE_DEFINITION, { id: field.id, expectedVersion: 7 }));
    expect(stale.userErrors.map((e) => e.code)).toEqual(['CONFLICT']);
    expect(stale.clearedRecordCount).toBeNull();
    const missing = await writesNothing(() => mutate(admin, DELETE_DEFINITION, { id: Buffer.from('CustomFieldDefinition:0190d9c8-6a5e-7000-8000-000000000001').toString('base64url') }));
    expect(missing.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
  });
});

describe('admin audit', () => {
  test('every definition change is recorded with who, what, before and after', async () => {
    const tenant = await harness.createTenant({ name: 'Audited' });
    const client = tenant.client;
    const field = await define(client, { object: 'ACCOUNT', key: 'segment', label: 'Segment', type: 'PICKLIST', picklistValues: ['SMB', 'Enterprise'] });
    await mutate(client, UPDATE_DEFINITION, { id: field.id, label: 'Market segment', picklistValues: ['SMB', 'Mid', 'Enterprise'] });
    await mutate(client, CREATE_DEFINITION, { object: 'ACCOUNT', key: 'Bad', label: 'Refused', type: 'TEXT' });
    await mutate(client, DELETE_DEFINITION, { id: field.id });

    const entries = await auditEntries(client);
    expect(entries.map((e) => e.action)).toEqual(['custom_field.delete', 'custom_field.update', 'custom_field.create']);
    const [deleted, updated, created] = entries;
    for (const entry of entries) {
      expect(entry).toMatchObject({ actorKind: 'api_key', targetType: 'CustomFieldDefinition', targetId: field.id });
      expect(tenant.token).toContain(`_${entry.actorId}_`);
    }
    const base = { object: 'ACCOUNT', key: 'segment', type: 'PICKLIST', required: false, personal: false, sensitive: false, description: null };
    expect(created.before).toBeNull();
    expect(created.after).toEqual({ ...base, label: 'Segment', picklistValues: ['SMB', 'Enterprise'], version: 1 });
    expect(updated.before).toEqual(created.after);
    expect(updated.after).toEqual({ ...base, label: 'Market segment', picklistValues: ['SMB', 'Mid', 'Enterprise'], version: 2 });
    expect(deleted.before).toEqual(updated.after);
    expect(deleted.after).toBeNull();
  });
});

describe('permissions', () => {
  test('a non-admin (service_agent) key reads definitions but cannot create, change or delete them', async () => {
    const field = await define(admin, { object: 'ACCOUNT', key: 'memberProof', label: 'Member proof', type: 'TEXT' });
    expect((await definitions(member, 'ACCOUNT')).map((d) => d.key)).toContain('memberProof');
    await writesNothing(async () => {
      expect(codes(await member.request(CREATE_DEFINITION, { input: { object: 'ACCOUNT', key: 'byMember', label: 'By member', type: 'TEXT' } }))).toEqual(['FORBIDDEN']);
      expect(codes(await member.request(UPDATE_DEFINITION, { input: { id: field.id, label: 'Changed by member' } }))).toEqual(['FORBIDDEN']);
      expect(codes(await member.request(DELETE_DEFINITION, { input: { id: field.id } }))).toEqual(['FORBIDDEN']);
    });
  });

  test('a non-admin (service_agent) key can still set values of defined fields', async () => {
    const account = await create(member, 'account', { name: 'Member writes', customFields: { memberProof: 'yes' } });
    expect(account.customFields).toEqual({ memberProof: 'yes' });
  });
});
