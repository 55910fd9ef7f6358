/** Accounts: optimistic locking with expectedVersion and idempotent creates. */
import { TestTenant, dataOf, useHarness } from '../support/harness';
import {
  CREATE_ACCOUNT_FULL,
  CREATE_CONTACT_FULL,
  DELETE_ACCOUNT_FULL,
  GET_ACCOUNT,
  LIST_ACCOUNTS,
  UPDATE_ACCOUNT_FULL,
  createAccount,
  listPage,
  missingId,
  mutate,
} from '../support/crm-operations';

const harness = useHarness();

const readAccount = async (tenant: TestTenant, id: string) => dataOf(await tenant.client.request(GET_ACCOUNT, { id })).account;
const allAccounts = async (tenant: TestTenant) => (await listPage(tenant.client, LIST_ACCOUNTS, { first: 100 })).edges.map((e) => e.node);

describe('optimistic locking', () => {
  test('every write increments the version by one', async () => {
    const tenant = await harness.createTenant();
    const created = await createAccount(tenant.client, { name: 'Versioned' });
    expect(created.version).toBe(1);
    for (const [i, name] of ['Two', 'Three', 'Four'].entries()) {
      const payload = await mutate(tenant.client, UPDATE_ACCOUNT_FULL, { id: created.id, name });
      expect(payload.account.version).toBe(i + 2);
    }
    expect((await readAccount(tenant, created.id)).version).toBe(4);
  });

  test('an update at the current expectedVersion succeeds', async () => {
    const tenant = await harness.createTenant();
    const created = await createAccount(tenant.client, { name: 'Current' });
    const payload = await mutate(tenant.client, UPDATE_ACCOUNT_FULL, { id: created.id, name: 'Changed', expectedVersion: 1 });
    expect(payload.userErrors).toEqual([]);
    expect(payload.account).toMatchObject({ name: 'Changed', version: 2 });
  });

  test('a stale expectedVersion is a CONFLICT and writes nothing', async () => {
    const tenant = await harness.createTenant();
    const created = await createAccount(tenant.client, { name: 'Original', employeeCount: 1, tags: ['a'] });
    // Someone else saves first.
    const first = await mutate(tenant.client, UPDATE_ACCOUNT_FULL, { id: created.id, name: 'First Writer', expectedVersion: 1 });
    expect(first.userErrors).toEqual([]);

    const stale = await mutate(tenant.client, UPDATE_ACCOUNT_FULL, { id: created.id, name: 'Second Writer', employeeCount: 99, tags: ['b'], expectedVersion: 1 });
    expect(stale.account).toBeNull();
    expect(stale.userErrors).toEqual([expect.objectContaining({ field: ['input', 'expectedVersion'], code: 'CONFLICT' })]);

    const read = await readAccount(tenant, created.id);
    expect(read).toMatchObject({ name: 'First Writer', employeeCount: 1, tags: ['a'], version: 2 });
    expect(read.updatedAt).toBe(first.account.updatedAt);
  });

  test('an expectedVersion ahead of the record is a CONFLICT too', async () => {
    const tenant = await harness.createTenant();
    const created = await createAccount(tenant.client, { name: 'Ahead' });
    const payload = await mutate(tenant.client, UPDATE_ACCOUNT_FULL, { id: created.id, name: 'Nope', expectedVersion: 5 });
    expect(payload.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT' })]);
    expect(await readAccount(tenant, created.id)).toMatchObject({ name: 'Ahead', version: 1 });
  });

  test('without expectedVersion the last write wins', async () => {
    const tenant = await harness.createTenant();
    const created = await createAccount(tenant.client, { name: 'Race' });
    await mutate(tenant.client, UPDATE_ACCOUNT_FULL, { id: created.id, name: 'A' });
    const payload = await mutate(tenant.client, UPDATE_ACCOUNT_FULL, { id: created.id, name: 'B' });
    expect(payload.account).toMatchObject({ name: 'B', version: 3 });
  });

  test('deleteAccount with a stale expectedVersion is a CONFLICT and leaves the account live', async () => {
    const tenant = await harness.createTenant();
    const created = await createAccount(tenant.client, { name: 'Keep Me' });
    await mutate(tenant.client, UPDATE_ACCOUNT_FULL, { id: created.id, industry: 'Retail' });
    const payload = await mutate(tenant.client, DELETE_ACCOUNT_FULL, { id: created.id, expectedVersion: 1 });
    expect(payload.account).toBeNull();
    expect(payload.userErrors).toEqual([expect.objectContaining({ field: ['input', 'expectedVersion'], code: 'CONFLICT' })]);
    expect(await readAccount(tenant, created.id)).toMatchObject({ name: 'Keep Me', deletedAt: null, version: 2 });

    const current = await mutate(tenant.client, DELETE_ACCOUNT_FULL, { id: created.id, expectedVersion: 2 });
    expect(current.userErrors).toEqual([]);
    expect(current.account.version).toBe(3);
  });

  test('concurrent updates at the same expectedVersion: exactly one wins', async () => {
    const tenant = await harness.createTenant();
    const created = await createAccount(tenant.client, { name: 'Contended' });
    const names = ['W1', 'W2', 'W3', 'W4', 'W5'];
    const results = await Promise.all(names.map((name) => mutate(tenant.client, UPDATE_ACCOUNT_FULL, { id: created.id, name, expectedVersion: 1 })));
    const winners = results.filter((r) => r.userErrors.length === 0);
    const losers = results.filter((r) => r.userErrors.length > 0);
    expect(winners).toHaveLength(1);
    for (const loser of losers) expect(loser.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT' })]);
    expect(await readAccount(tenant, created.id)).toMatchObject({ name: winners[0].account.name, version: 2 });
  });
});

describe('idempotent createAccount', () => {
  const input = {
    name: 'Idempotent Ltd',
    domain: 'idem.example',
    annualRevenue: { amount: '10.00', currency: 'EUR' },
    tags: ['x'],
  };

  test('the same key and input returns the same account and creates it once', async () => {
    const tenant = await harness.createTenant();
    const first = await mutate(tenant.client, CREATE_ACCOUNT_FULL, { ...input, idempotencyKey: 'key-1' });
    const retry = await mutate(tenant.client, CREATE_ACCOUNT_FULL, { ...input, idempotencyKey: 'key-1' });
    expect(first.userErrors).toEqual([]);
    expect(retry.userErrors).toEqual([]);
    expect(retry.account.id).toBe(first.account.id);
    expect(retry.account).toEqual(first.account);
    const accounts = await allAccounts(tenant);
    expect(accounts.map((x) => x.id)).toEqual([first.account.id]);
  });

  test('a retry returns the first result even after the account changed', async () => {
    const tenant = await harness.createTenant();
    const first = await mutate(tenant.client, CREATE_ACCOUNT_FULL, { ...input, idempotencyKey: 'key-changed' });
    await mutate(tenant.client, UPDATE_ACCOUNT_FULL, { id: first.account.id, name: 'Renamed Since' });
    const retry = await mutate(tenant.client, CREATE_ACCOUNT_FULL, { ...input, idempotencyKey: 'key-changed' });
    expect(retry.userErrors).toEqual([]);
    expect(retry.account.id).toBe(first.account.id);
    expect(await allAccounts(tenant)).toHaveLength(1);
  });

  test('the same key with a different input is a CONFLICT and writes nothing', async () => {
    const tenant = await harness.createTenant();
    const first = await mutate(tenant.client, CREATE_ACCOUNT_FULL, { ...input, idempotencyKey: 'key-2' });
    const other = await mutate(tenant.client, CREATE_ACCOUNT_FULL, { ...input, name: 'Something Else', idempotencyKey: 'key-2' });
    expect(other.account).toBeNull();
    expect(other.userErrors).toEqual([expect.objectContaining({ field: ['input', 'idempotencyKey'], code: 'CONFLICT' })]);
    const accounts = await allAccounts(tenant);
    expect(accounts.map((x) => x.id)).toEqual([first.account.id]);
    expect(accounts[0].name).toBe('Idempotent Ltd');
  });

  test('the order of fields in a retried request does not matter', async () => {
    const tenant = await harness.createTenant();
    const first = await mutate(tenant.client, CREATE_ACCOUNT_FULL, {
      idempotencyKey: 'key-order',
      name: 'Ordered',
      billingAddress: { city: 'Lyon', country: 'FR' },
      annualRevenue: { amount: '5.00', currency: 'EUR' },
    });
    const retry = await mutate(tenant.client, CREATE_ACCOUNT_FULL, {
      annualRevenue: { currency: 'EUR', amount: '5.00' },
      billingAddress: { country: 'FR', city: 'Lyon' },
      name: 'Ordered',
      idempotencyKey: 'key-order',
    });
    expect(retry.userErrors).toEqual([]);
    expect(retry.account.id).toBe(first.account.id);
    expect(await allAccounts(tenant)).toHaveLength(1);
  });

  test('a key used by createAccount conflicts when reused by createContact', async () => {
    const tenant = await harness.createTenant();
    await mutate(tenant.client, CREATE_ACCOUNT_FULL, { ...input, idempotencyKey: 'shared-key' });
    const contact = await mutate(tenant.client, CREATE_CONTACT_FULL, { lastName: 'Keyed', idempotencyKey: 'shared-key' });
    expect(contact.contact).toBeNull();
    expect(contact.userErrors).toEqual([expect.objectContaining({ field: ['input', 'idempotencyKey'], code: 'CONFLICT' })]);
  });

  test('different keys create different accounts', async () => {
    const tenant = await harness.createTenant();
    const one = await mutate(tenant.client, CREATE_ACCOUNT_FULL, { ...input, idempotencyKey: 'key-a' });
    const two = await mutate(tenant.client, CREATE_ACCOUNT_FULL, { ...input, idempotencyKey: 'key-b' });
    expect(one.account.id).not.toBe(two.account.id);
    expect(await allAccounts(tenant)).toHaveLength(2);
  });

  test('without a key every call creates', async () => {
    const tenant = await harness.createTenant();
    await mutate(tenant.client, CREATE_ACCOUNT_FULL, input);
    await mutate(tenant.client, CREATE_ACCOUNT_FULL, input);
    expect(await allAccounts(tenant)).toHaveLength(2);
  });

  test('a refused create does not use up its key', async () => {
    const tenant = await harness.createTenant();
    const refused = await mutate(tenant.client, CREATE_ACCOUNT_FULL, { ...input, ownerId: missingId('User'), idempotencyKey: 'key-refused' });
    expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    const fixed = await mutate(tenant.client, CREATE_ACCOUNT_FULL, { ...input, idempotencyKey: 'key-refused' });
    expect(fixed.userErrors).toEqual([]);
    expect(fixed.account.name).toBe('Idempotent Ltd');
    expect(await allAccounts(tenant)).toHaveLength(1);
  });

  test('keys are per workspace', async () => {
    const one = await harness.createTenant();
    const two = await harness.createTenant();
    const a = await mutate(one.client, CREATE_ACCOUNT_FULL, { ...input, idempotencyKey: 'same-key' });
    const b = await mutate(two.client, CREATE_ACCOUNT_FULL, { ...input, name: 'Other Workspace', idempotencyKey: 'same-key' });
    expect(b.userErrors).toEqual([]);
    expect(b.account.id).not.toBe(a.account.id);
    expect(b.account.name).toBe('Other Workspace');
  });

  test('concurrent retries with one key create one account', async () => {
    const tenant = await harness.createTenant();
    const results = await Promise.all(Array.from({ length: 5 }, () => mutate(tenant.client, CREATE_ACCOUNT_FULL, { ...input, idempotencyKey: 'key-race' })));
    for (const result of results) expect(result.userErrors).toEqual([]);
    expect(new Set(results.map((r) => r.account.id)).size).toBe(1);
    expect(await allAccounts(tenant)).toHaveLength(1);
  });
});
