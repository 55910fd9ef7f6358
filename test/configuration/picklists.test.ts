/**
 * Picklists: the seeded lists, adding, relabelling, moving, deactivating and deleting values
 * (with replacement when in use), account industries validated against the picklist, permissions
 * and the admin audit log.
 */
import { GET_ACCOUNT, createAccount, deleteAccount, mutate as mutateCrm, CREATE_ACCOUNT_FULL, UPDATE_ACCOUNT_FULL } from '../support/crm-operations';
import { Client, dataOf, errorCodes, useHarness } from '../support/harness';
import { ADD_VALUE, DELETE_VALUE, GET_PICKLISTS, UPDATE_VALUE, auditCount, auditLog, memberOf, mutate, mutateOk, picklist, valueOf } from './configuration-helpers';

const harness = useHarness();

const values = async (client: Client, key: string): Promise<string[]> => (await picklist(client, key)).values.map((v: { value: string }) => v.value);
const industryOf = async (client: Client, id: string): Promise<string | null> => dataOf(await client.request(GET_ACCOUNT, { id })).account.industry;

describe('seeded picklists', () => {
  test('industry, lead source and loss reason exist with active values in order; industry is used by accounts', async () => {
    const { client } = await harness.createTenant();
    const { picklists } = dataOf(await client.request(GET_PICKLISTS));
    expect(picklists.map((p: { key: string }) => p.key)).toEqual(['industry', 'lead_source', 'loss_reason']);
    for (const list of picklists) {
      expect(list.values.length).toBeGreaterThan(5);
      expect(list.values.map((v: { position: number }) => v.position)).toEqual(list.values.map((_: unknown, i: number) => i + 1));
      expect(list.values.every((v: { active: boolean }) => v.active)).toBe(true);
    }
    const industry = picklists.find((p: { key: string }) => p.key === 'industry');
    expect(industry.usedBy).toEqual(['accounts.industry']);
    expect(industry.values.map((v: { value: string }) => v.value)).toEqual(expect.arrayContaining(['Manufacturing', 'Software', 'Retail', 'Energy', 'Food']));
    expect(industry.values.find((v: { value: string }) => v.value === 'Pharma').label).toBe('Pharmaceuticals');
    expect(errorCodes(await client.request('{ picklist(key: "no_such_list") { key } }'))).toEqual(['NOT_FOUND']);
  });

  test('picklist values are nodes', async () => {
    const { client } = await harness.createTenant();
    const software = await valueOf(client, 'industry', 'Software');
    const { node } = dataOf(await client.request('query($id: ID!) { node(id: $id) { __typename id ... on PicklistValue { value picklistKey } } }', { id: software.id }));
    expect(node).toEqual({ __typename: 'PicklistValue', id: software.id, value: 'Software', picklistKey: 'industry' });
  });
});

describe('changing values', () => {
  test('add at a position, relabel, move and deactivate; each change is audited with before and after', async () => {
    const { client } = await harness.createTenant();
    const added = await mutateOk(client, ADD_VALUE, { picklistKey: 'lead_source', value: 'Webinar', label: 'Webinar (live)', position: 2 });
    expect(added.picklistValue).toMatchObject({ picklistKey: 'lead_source', value: 'Webinar', label: 'Webinar (live)', position: 2, active: true, version: 1 });
    const order = await values(client, 'lead_source');
    expect(order.slice(0, 3)).toEqual(['Web', 'Webinar', 'Referral']);
    expect(added.picklist.values.map((v: { value: string }) => v.value)).toEqual(order);

    const moved = await mutateOk(client, UPDATE_VALUE, { id: added.picklistValue.id, label: 'Webinar', position: order.length, expectedVersion: 1 });
    expect(moved.picklistValue).toMatchObject({ label: 'Webinar', position: order.length, version: 2 });
    const after = await values(client, 'lead_source');
    expect(after[after.length - 1]).toBe('Webinar');
    expect((await picklist(client, 'lead_source')).values.map((v: { position: number }) => v.position)).toEqual(after.map((_, i) => i + 1));

    const deactivated = await mutateOk(client, UPDATE_VALUE, { id: added.picklistValue.id, active: false });
    expect(deactivated.picklistValue).toMatchObject({ active: false, version: 3 });
    const chosen = dataOf(await client.request(`query { picklist(key: "lead_source") { values(includeInactive: false) { value } } }`)).picklist.values;
    expect(chosen.map((v: { value: string }) => v.value)).not.toContain('Webinar');

    const entries = await auditLog(client, { targetType: 'Picklist' });
    expect(entries.map((e) => e.action)).toEqual(['picklist.update_value', 'picklist.update_value', 'picklist.add_value']);
    expect(entries.every((e) => e.targetId === 'lead_source')).toBe(true);
    expect(entries[2]).toMatchObject({ before: null, after: { value: 'Webinar', label: 'Webinar (live)', position: 2, active: true } });
    expect(entries[1]).toMatchObject({ before: { label: 'Webinar (live)', position: 2 }, after: { label: 'Webinar', position: order.length } });
    expect(entries[0]).toMatchObject({ before: { active: true }, after: { active: false } });
  });

  test('delete an unused value: positions close up, audited', async () => {
    const { client } = await harness.createTenant();
    const timing = await valueOf(client, 'loss_reason', 'Timing');
    const before = await values(client, 'loss_reason');
    const payload = await mutateOk(client, DELETE_VALUE, { id: timing.id });
    expect(payload).toMatchObject({ deletedPicklistValueId: timing.id, replacedInRecords: 0 });
    expect(payload.picklist.values.map((v: { value: string }) => v.value)).toEqual(before.filter((v) => v !== 'Timing'));
    expect(payload.picklist.values.map((v: { position: number }) => v.position)).toEqual(payload.picklist.values.map((_: unknown, i: number) => i + 1));
    const [entry] = await auditLog(client, { action: 'picklist.delete_value' });
    expect(entry).toMatchObject({ targetType: 'Picklist', targetId: 'loss_reason', before: { id: timing.id, value: 'Timing' }, after: null });
  });
});

test('adding a value retried with the same idempotency key returns the first value', async () => {
  const { client } = await harness.createTenant();
  const first = await mutateOk(client, ADD_VALUE, { picklistKey: 'loss_reason', value: 'Lost to Status Quo', idempotencyKey: 'value-key' });
  const again = await mutateOk(client, ADD_VALUE, { picklistKey: 'loss_reason', value: 'Lost to Status Quo', idempotencyKey: 'value-key' });
  expect(again.picklistValue).toEqual(first.picklistValue);
  expect((await values(client, 'loss_reason')).filter((v) => v === 'Lost to Status Quo')).toHaveLength(1);
  expect(await auditCount(client)).toBe(1);
});

describe('bad input writes nothing', () => {
  test('duplicates (ignoring case), blank values, unknown picklists, positions out of range and stale versions', async () => {
    const { client } = await harness.createTenant();
    const before = await picklist(client, 'industry');
    const cases: [Record<string, unknown>, string[], string][] = [
      [{ picklistKey: 'industry', value: 'software' }, ['input', 'value'], 'DUPLICATE'],
      [{ picklistKey: 'industry', value: '   ' }, ['input', 'value'], 'REQUIRED'],
      [{ picklistKey: 'industry', value: 'x'.repeat(101) }, ['input', 'value'], 'TOO_LONG'],
      [{ picklistKey: 'no_such_list', value: 'Anything' }, ['input', 'picklistKey'], 'NOT_FOUND'],
      [{ picklistKey: 'industry', value: 'Aerospace', position: 99 }, ['input', 'position'], 'OUT_OF_RANGE'],
      [{ picklistKey: 'industry', value: 'Aerospace', position: 0 }, ['input', 'position'], 'OUT_OF_RANGE'],
    ];
    for (const [input, field, code] of cases) {
      const payload = await mutate(client, ADD_VALUE, input);
      expect({ input, picklistValue: payload.picklistValue, errors: payload.userErrors.map((e: { field: string[]; code: string }) => [e.field, e.code]) }).toEqual({
        input,
        picklistValue: null,
        errors: [[field, code]],
      });
    }
    const software = before.values.find((v: { value: string }) => v.value === 'Software');
    expect((await mutate(client, UPDATE_VALUE, { id: software.id, label: 'Software & SaaS', expectedVersion: 5 })).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'expectedVersion'], code: 'CONFLICT' }),
    ]);
    expect((await mutate(client, UPDATE_VALUE, { id: software.id, position: 500 })).userErrors).toEqual([expect.objectContaining({ field: ['input', 'position'], code: 'OUT_OF_RANGE' })]);
    expect((await mutate(client, UPDATE_VALUE, { id: 'not-an-id', label: 'x' })).userErrors).toEqual([expect.objectContaining({ field: ['input', 'id'], code: 'INVALID' })]);
    expect(await picklist(client, 'industry')).toEqual(before);
    expect(await auditCount(client)).toBe(0);
  });

  test('deleting a value in use — also by an account in the recycle bin — is refused without replaceWith', async () => {
    const { client } = await harness.createTenant();
    const live = await createAccount(client, { name: 'Live Retailer', industry: 'Retail' });
    const binned = await createAccount(client, { name: 'Binned Energy Co', industry: 'Energy' });
    await deleteAccount(client, binned.id);
    for (const [value, account] of [['Retail', live], ['Energy', binned]] as const) {
      const target = await valueOf(client, 'industry', value);
      const payload = await mutate(client, DELETE_VALUE, { id: target.id });
      expect(payload.deletedPicklistValueId).toBeNull();
      expect(payload.userErrors).toEqual([expect.objectContaining({ field: ['input', 'id'], code: 'INVALID_STATE' })]);
      expect(payload.userErrors[0].message).toContain('1 accounts.industry');
      expect(await values(client, 'industry')).toContain(value);
      expect(account.industry).toBe(value);
    }
    expect(await industryOf(client, live.id)).toBe('Retail');
    expect(await auditCount(client)).toBe(0);
  });

  test('replaceWith must name another active value of the same picklist', async () => {
    const { client } = await harness.createTenant();
    await createAccount(client, { name: 'Some Bank', industry: 'Banking' });
    const banking = await valueOf(client, 'industry', 'Banking');
    const insurance = await valueOf(client, 'industry', 'Insurance');
    await mutateOk(client, UPDATE_VALUE, { id: insurance.id, active: false });
    const audited = await auditCount(client);
    const cases: [string, string][] = [
      ['No Such Industry', 'NOT_FOUND'],
      ['Banking', 'INVALID'],
      ['Insurance', 'INVALID_STATE'],
      ['Web', 'NOT_FOUND'],
    ];
    for (const [replaceWith, code] of cases) {
      const payload = await mutate(client, DELETE_VALUE, { id: banking.id, replaceWith });
      expect({ replaceWith, errors: payload.userErrors.map((e: { field: string[]; code: string }) => [e.field, e.code]) }).toEqual({ replaceWith, errors: [[['input', 'replaceWith'], code]] });
    }
    expect(await values(client, 'industry')).toContain('Banking');
    expect(await auditCount(client)).toBe(audited);
  });
});

test('deleting a value in use with replaceWith moves every account (live and in the recycle bin) in the same transaction', async () => {
  const { client } = await harness.createTenant();
  const one = await createAccount(client, { name: 'Grocer One', industry: 'Food' });
  const two = await createAccount(client, { name: 'Grocer Two', industry: 'Food' });
  const other = await createAccount(client, { name: 'Unrelated', industry: 'Software' });
  await deleteAccount(client, two.id);
  const food = await valueOf(client, 'industry', 'Food');
  const payload = await mutateOk(client, DELETE_VALUE, { id: food.id, replaceWith: 'Retail', expectedVersion: food.version });
  expect(payload).toMatchObject({ deletedPicklistValueId: food.id, replacedInRecords: 2 });
  expect(await values(client, 'industry')).not.toContain('Food');

  const account = dataOf(await client.request(GET_ACCOUNT, { id: one.id })).account;
  expect(account).toMatchObject({ industry: 'Retail', version: 2 });
  expect(await industryOf(client, other.id)).toBe('Software');
  const restored = await mutateCrm(client, 'mutation($input: RestoreAccountInput!) { restoreAccount(input: $input) { account { industry } userErrors { code } } }', { id: two.id });
  expect(restored.account.industry).toBe('Retail');

  const [entry] = await auditLog(client, { action: 'picklist.delete_value' });
  expect(entry).toMatchObject({ targetId: 'industry', before: { value: 'Food', label: 'Food & Beverage' }, after: { replacedWith: 'Retail', replacedInRecords: { 'accounts.industry': 2 } } });
});

describe('account industry is validated against the picklist', () => {
  test('unknown values and other spellings are refused; picklist values are accepted', async () => {
    const { client } = await harness.createTenant();
    const unknown = await mutateCrm(client, CREATE_ACCOUNT_FULL, { name: 'Dragon Breeders', industry: 'Dragons' });
    expect(unknown.account).toBeNull();
    expect(unknown.userErrors).toEqual([expect.objectContaining({ field: ['input', 'industry'], code: 'INVALID' })]);
    const spelling = await mutateCrm(client, CREATE_ACCOUNT_FULL, { name: 'Lowercase Inc', industry: 'software' });
    expect(spelling.userErrors).toEqual([expect.objectContaining({ field: ['input', 'industry'], code: 'INVALID', message: expect.stringContaining('did you mean "Software"') })]);
    const ok = await createAccount(client, { name: 'Proper Inc', industry: 'Software' });
    expect(ok.industry).toBe('Software');
    const cleared = await mutateCrm(client, UPDATE_ACCOUNT_FULL, { id: ok.id, industry: null });
    expect(cleared.account.industry).toBeNull();
    const bad = await mutateCrm(client, UPDATE_ACCOUNT_FULL, { id: ok.id, industry: 'Dragons' });
    expect(bad.userErrors).toEqual([expect.objectContaining({ field: ['input', 'industry'], code: 'INVALID' })]);
    expect(await industryOf(client, ok.id)).toBeNull();
  });

  test('a value added by an admin can be chosen at once; an inactive value stays on its accounts but cannot be chosen anew', async () => {
    const { client } = await harness.createTenant();
    await mutateOk(client, ADD_VALUE, { picklistKey: 'industry', value: 'Aerospace' });
    const flying = await createAccount(client, { name: 'Sky High', industry: 'Aerospace' });
    const aerospace = await valueOf(client, 'industry', 'Aerospace');
    await mutateOk(client, UPDATE_VALUE, { id: aerospace.id, active: false });

    // The account keeps it, and may be saved with it unchanged.
    const kept = await mutateCrm(client, UPDATE_ACCOUNT_FULL, { id: flying.id, industry: 'Aerospace', name: 'Sky Higher' });
    expect(kept.userErrors).toEqual([]);
    expect(kept.account).toMatchObject({ name: 'Sky Higher', industry: 'Aerospace' });

    const fresh = await mutateCrm(client, CREATE_ACCOUNT_FULL, { name: 'New Flyer', industry: 'Aerospace' });
    expect(fresh.userErrors).toEqual([expect.objectContaining({ field: ['input', 'industry'], code: 'INVALID_STATE' })]);
    const other = await createAccount(client, { name: 'Switcher', industry: 'Software' });
    const switched = await mutateCrm(client, UPDATE_ACCOUNT_FULL, { id: other.id, industry: 'Aerospace' });
    expect(switched.userErrors).toEqual([expect.objectContaining({ field: ['input', 'industry'], code: 'INVALID_STATE' })]);
    expect(await industryOf(client, other.id)).toBe('Software');
  });
});

test('a non-admin (service_agent) key reads picklists but every change is FORBIDDEN and writes nothing', async () => {
  const tenant = await harness.createTenant();
  const member = await memberOf(harness, tenant);
  const software = await valueOf(member, 'industry', 'Software');
  const before = await picklist(tenant.client, 'industry');
  const attempts: [string, Record<string, unknown>][] = [
    [ADD_VALUE, { picklistKey: 'industry', value: 'Member Idea' }],
    [UPDATE_VALUE, { id: software.id, label: 'Changed by member' }],
    [DELETE_VALUE, { id: software.id }],
  ];
  for (const [operation, input] of attempts) expect(errorCodes(await member.request(operation, { input }))).toEqual(['FORBIDDEN']);
  expect(await picklist(tenant.client, 'industry')).toEqual(before);
  expect(await auditCount(tenant.client)).toBe(0);
  // The non-admin key still creates accounts with picklist values (its role may create accounts).
  expect((await createAccount(member, { name: 'Member Made', industry: 'Software' })).industry).toBe('Software');
});
