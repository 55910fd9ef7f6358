/**
 * Bad input gets a clear code (a top-level code for malformed requests, a userError with a path for
 * refused mutation input) and writes nothing: every case re-counts the rows through the API.
 */
import { Client, GraphQLResponse, TestTenant, dataOf, errorCodes, useHarness, uniqueSlug } from '../support/harness';
import { CREATE_ACCOUNT, CREATE_CONTACT, DELETE_ACCOUNT, UPDATE_ACCOUNT } from '../support/operations';
import { globalId, tenantObjectCounts, uuidOfId } from '../support/security-helpers';

const PROVISION = `mutation($input: ProvisionTenantInput!) {
  provisionTenant(input: $input) { adminApiKey tenant { id slug } userErrors { field message code } }
}`;

const harness = useHarness();
let workspace: TestTenant;
let client: Client;
let acme: { id: string; version: number };

interface Counts {
  accounts: number;
  deletedAccounts: number;
  contacts: number;
  deletedContacts: number;
  acme: { name: string; version: number; domain: string | null; employeeCount: number | null; annualRevenue: unknown } | null;
}

/** Everything a bad request could have written, read back through the API. */
async function counts(): Promise<Counts> {
  const data = dataOf(
    await client.request(
      `query($acme: ID!) {
        accounts { totalCount } deletedAccounts: accounts(inRecycleBin: true) { totalCount }
        contacts { totalCount } deletedContacts: contacts(inRecycleBin: true) { totalCount }
        acme: account(id: $acme) { name version domain employeeCount annualRevenue { amount currency } }
      }`,
      { acme: acme.id },
    ),
  );
  return {
    accounts: data.accounts.totalCount,
    deletedAccounts: data.deletedAccounts.totalCount,
    contacts: data.contacts.totalCount,
    deletedContacts: data.deletedContacts.totalCount,
    acme: data.acme,
  };
}

/** Runs `act` and checks that nothing changed. */
async function writesNothing<T>(act: () => Promise<T>): Promise<T> {
  const before = await counts();
  const result = await act();
  expect(await counts()).toEqual(before);
  return result;
}

const payload = (response: GraphQLResponse) => Object.values(dataOf(response))[0] as { userErrors: { field: string[]; code: string; message: string }[] } & Record<string, unknown>;

beforeAll(async () => {
  workspace = await harness.createTenant({ name: 'Bad input' });
  client = workspace.client;
  acme = dataOf(await client.request(CREATE_ACCOUNT, { input: { name: 'Acme', domain: 'acme.example', employeeCount: 10 } })).createAccount.account;
  dataOf(await client.request(CREATE_CONTACT, { input: { lastName: 'Doe', email: 'jane@acme.example', accountId: acme.id } }));
});

describe('malformed IDs', () => {
  test.each([
    ['account(id: "garbage")', '{ account(id: "garbage") { id } }'],
    ['account with a Contact ID', `{ account(id: "${globalId('Contact', '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b')}") { id } }`],
    ['account with a non-UUID inside', `{ account(id: "${Buffer.from('Account:123').toString('base64url')}") { id } }`],
    ['contact(id: "")', '{ contact(id: "") { id } }'],
    ['node(id: "garbage")', '{ node(id: "garbage") { id } }'],
    ['node of an unknown type', `{ node(id: "${globalId('Invoice', '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b')}") { id } }`],
    ['where: { id: { eq: "garbage" } }', '{ accounts(where: { id: { eq: "garbage" } }) { totalCount } }'],
  ])('%s → BAD_USER_INPUT', async (_name, query) => {
    const response = await client.request(query);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  test('updateAccount with a malformed id → userError INVALID on ["input","id"], nothing written', async () => {
    const result = await writesNothing(async () => payload(await client.request(UPDATE_ACCOUNT, { input: { id: 'garbage', name: 'Changed' } })));
    expect(result.account).toBeNull();
    expect(result.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'id'] })]);
  });

  test('deleteAccount with a Contact ID → userError INVALID, nothing written', async () => {
    const contactId = globalId('Contact', uuidOfId(acme.id));
    const result = await writesNothing(async () => payload(await client.request(DELETE_ACCOUNT, { input: { id: contactId } })));
    expect(result.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'id'] })]);
  });

  test('createContact with a malformed accountId → userError INVALID on ["input","accountId"], nothing written', async () => {
    const result = await writesNothing(async () => payload(await client.request(CREATE_CONTACT, { input: { lastName: 'X', accountId: 'garbage' } })));
    expect(result.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'accountId'] })]);
  });
});

describe('scalars and enums', () => {
  test('an invalid e-mail in createContact variables → BAD_USER_INPUT, no contact created', async () => {
    const response = await writesNothing(() => client.request(CREATE_CONTACT, { input: { lastName: 'Invalid', email: 'not-an-email' } }));
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.data ?? null).toBeNull();
  });

  test('an invalid phone number in variables → BAD_USER_INPUT, nothing written', async () => {
    const response = await writesNothing(() => client.request(CREATE_CONTACT, { input: { lastName: 'Invalid', phone: 'call me maybe' } }));
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  test('an unknown enum value in a variable → BAD_USER_INPUT, nothing written', async () => {
    const response = await writesNothing(() => client.request(CREATE_ACCOUNT, { input: { name: 'Enum', type: 'FRIEND' } }));
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  test('an unknown enum value as a literal → GRAPHQL_VALIDATION_FAILED, nothing written', async () => {
    const response = await writesNothing(() => client.request('mutation { createAccount(input: { name: "Enum", type: FRIEND }) { account { id } } }'));
    expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  test('an unknown enum value in a filter → error, no data', async () => {
    const response = await client.request('query($t: AccountType) { accounts(where: { type: { eq: $t } }) { totalCount } }', { t: 'FRIEND' });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.data ?? null).toBeNull();
  });

  test('a Decimal given as a number in variables → BAD_USER_INPUT, nothing written', async () => {
    const response = await writesNothing(() => client.request(CREATE_ACCOUNT, { input: { name: 'Float', annualRevenue: { amount: 1000.5, currency: 'EUR' } } }));
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  test('a Decimal given as a number literal → GRAPHQL_VALIDATION_FAILED, nothing written', async () => {
    const response = await writesNothing(() =>
      client.request('mutation { createAccount(input: { name: "Float", annualRevenue: { amount: 1000.5, currency: "EUR" } }) { account { id } } }'),
    );
    expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  test('a Decimal filter given a number → BAD_USER_INPUT', async () => {
    const response = await client.request('query($d: Decimal) { accounts(where: { annualRevenueAmount: { gt: $d } }) { totalCount } }', { d: 5 });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('refused mutation input (userErrors, nothing written)', () => {
  test('a negative annualRevenue amount → userError on ["input","annualRevenue","amount"]', async () => {
    const result = await writesNothing(async () =>
      payload(await client.request(CREATE_ACCOUNT, { input: { name: 'Negative', annualRevenue: { amount: '-5.00', currency: 'EUR' } } })),
    );
    expect(result.account).toBeNull();
    expect(result.userErrors).toEqual([expect.objectContaining({ field: ['input', 'annualRevenue', 'amount'] })]);
  });

  test('a negative annualRevenue amount on update → same userError, the account unchanged', async () => {
    const result = await writesNothing(async () =>
      payload(await client.request(UPDATE_ACCOUNT, { input: { id: acme.id, annualRevenue: { amount: '-1', currency: 'EUR' } } })),
    );
    expect(result.userErrors).toEqual([expect.objectContaining({ field: ['input', 'annualRevenue', 'amount'] })]);
  });

  test('a negative employeeCount → OUT_OF_RANGE on ["input","employeeCount"]', async () => {
    const created = await writesNothing(async () => payload(await client.request(CREATE_ACCOUNT, { input: { name: 'Negative', employeeCount: -1 } })));
    expect(created.userErrors).toEqual([expect.objectContaining({ code: 'OUT_OF_RANGE', field: ['input', 'employeeCount'] })]);
    const updated = await writesNothing(async () => payload(await client.request(UPDATE_ACCOUNT, { input: { id: acme.id, employeeCount: -3 } })));
    expect(updated.userErrors).toEqual([expect.objectContaining({ code: 'OUT_OF_RANGE', field: ['input', 'employeeCount'] })]);
  });

  test('an empty or too long name → REQUIRED / TOO_LONG', async () => {
    const empty = await writesNothing(async () => payload(await client.request(CREATE_ACCOUNT, { input: { name: '' } })));
    expect(empty.userErrors).toEqual([expect.objectContaining({ code: 'REQUIRED', field: ['input', 'name'] })]);
    const long = await writesNothing(async () => payload(await client.request(CREATE_ACCOUNT, { input: { name: 'x'.repeat(256) } })));
    expect(long.userErrors).toEqual([expect.objectContaining({ code: 'TOO_LONG', field: ['input', 'name'] })]);
  });

  test('the largest Decimal amount is stored exactly or refused with a userError on the amount, never an internal error', async () => {
    const amount = '999999999999999999.999999';
    const before = await counts();
    const response = await client.request(CREATE_ACCOUNT, { input: { name: 'Huge', annualRevenue: { amount, currency: 'EUR' } } });
    expect(response.errors).toBeUndefined();
    const result = payload(response);
    if (result.userErrors.length) {
      expect(result.userErrors).toEqual([expect.objectContaining({ field: ['input', 'annualRevenue', 'amount'] })]);
      expect(await counts()).toEqual(before);
    } else {
      const stored = (result.account as any).annualRevenue.amount;
      dataOf(await client.request(DELETE_ACCOUNT, { input: { id: (result.account as any).id } }));
      expect(stored).toBe(amount);
    }
  });

  test('an amount with more decimals than stored is refused or kept exactly, never silently rounded', async () => {
    const response = await client.request(CREATE_ACCOUNT, { input: { name: 'Precise', annualRevenue: { amount: '10.125', currency: 'EUR' } } });
    const result = payload(response);
    if (result.userErrors.length) {
      expect(result.userErrors).toEqual([expect.objectContaining({ field: ['input', 'annualRevenue', 'amount'] })]);
      expect(result.account).toBeNull();
    } else {
      const stored = (result.account as any).annualRevenue.amount;
      dataOf(await client.request(DELETE_ACCOUNT, { input: { id: (result.account as any).id } }));
      expect(stored).toMatch(/^10\.1250*$/);
    }
  });

  test('a stale expectedVersion → CONFLICT on ["input","expectedVersion"], the account unchanged', async () => {
    const current = dataOf(await client.request('query($id: ID!) { account(id: $id) { version } }', { id: acme.id })).account.version;
    const update = await writesNothing(async () =>
      payload(await client.request(UPDATE_ACCOUNT, { input: { id: acme.id, name: 'Lost update', expectedVersion: current - 1 } })),
    );
    expect(update.account).toBeNull();
    expect(update.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT', field: ['input', 'expectedVersion'] })]);
    const remove = await writesNothing(async () => payload(await client.request(DELETE_ACCOUNT, { input: { id: acme.id, expectedVersion: current + 1 } })));
    expect(remove.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT' })]);
  });

  test('an idempotency key reused for a different request → CONFLICT, nothing written the second time', async () => {
    const key = `idem-${Date.now()}`;
    const first = payload(await client.request(CREATE_ACCOUNT, { input: { name: 'Idem One', idempotencyKey: key } }));
    expect(first.userErrors).toEqual([]);
    const second = await writesNothing(async () => payload(await client.request(CREATE_ACCOUNT, { input: { name: 'Idem Two', idempotencyKey: key } })));
    expect(second.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT', field: ['input', 'idempotencyKey'] })]);
    dataOf(await client.request(DELETE_ACCOUNT, { input: { id: (first.account as any).id } }));
  });

  test('in a mutation with two fields, the refused one writes nothing and the valid one commits', async () => {
    const before = await counts();
    const data = dataOf(
      await client.request(`mutation {
        good: createAccount(input: { name: "Two fields good" }) { account { id } userErrors { code } }
        bad: createAccount(input: { name: "Two fields bad", employeeCount: -1 }) { account { id } userErrors { code } }
      }`),
    );
    expect(data.good.userErrors).toEqual([]);
    expect(data.bad).toEqual({ account: null, userErrors: [{ code: 'OUT_OF_RANGE' }] });
    const after = await counts();
    expect(after.accounts).toBe(before.accounts + 1);
    const named = dataOf(await client.request('{ accounts(where: { name: { startsWith: "Two fields" } }) { nodes { name } } }'));
    expect(named.accounts.nodes).toEqual([{ name: 'Two fields good' }]);
    dataOf(await client.request(DELETE_ACCOUNT, { input: { id: data.good.account.id } }));
  });
});

describe('page sizes and cursors', () => {
  test.each([
    ['accounts(first: 101)', '{ accounts(first: 101) { totalCount } }'],
    ['accounts(first: 0)', '{ accounts(first: 0) { totalCount } }'],
    ['accounts(first: -1)', '{ accounts(first: -1) { totalCount } }'],
    ['contacts(last: 101)', '{ contacts(last: 101) { totalCount } }'],
    ['first and last together', '{ accounts(first: 5, last: 5) { totalCount } }'],
    ['nested account.contacts(first: 101)', '{ accounts { nodes { contacts(first: 101) { totalCount } } } }'],
    ['nodes with 101 ids', `{ nodes(ids: [${Array.from({ length: 101 }, () => '"garbage"').join(',')}]) { id } }`],
    ['a cursor that is not ours', '{ accounts(after: "bm90IGEgY3Vyc29y") { totalCount } }'],
    ['a cursor of another order', '{ accounts(first: 1, orderBy: [{ field: CREATED_AT }], after: "PLACEHOLDER") { totalCount } }'],
  ])('%s → BAD_USER_INPUT', async (_name, template) => {
    let query = template;
    if (query.includes('PLACEHOLDER')) {
      const page = dataOf(await client.request('{ accounts(first: 1) { pageInfo { endCursor } } }'));
      query = query.replace('PLACEHOLDER', page.accounts.pageInfo.endCursor);
    }
    const response = await client.request(query);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  test('a forged cursor with the right order but values of the wrong type → BAD_USER_INPUT, not an internal error', async () => {
    const forged = Buffer.from(JSON.stringify({ o: 'name:ASC,id:ASC', v: ['Acme', 'not-a-uuid'] })).toString('base64url');
    const response = await client.request('query($after: String) { accounts(after: $after) { totalCount } }', { after: forged });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  test('the platform tenants list refuses first: 101 with BAD_USER_INPUT', async () => {
    expect(errorCodes(await harness.platform.request('{ tenants(first: 101) { totalCount } }'))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('provisionTenant input', () => {
  async function tenantsWithSlug(slug: string): Promise<number> {
    const [row] = await harness.dataSource.query('SELECT count(*)::int AS n FROM control.tenants WHERE slug = $1', [slug]);
    return row.n;
  }

  test.each([
    ['uppercase and spaces', 'Bad Slug', 'INVALID'],
    ['too short', 'ab', 'INVALID'],
    ['too long', `a${'b'.repeat(40)}`, 'INVALID'],
    ['leading hyphen', '-acme', 'INVALID'],
    ['trailing hyphen', 'acme-', 'INVALID'],
    ['consecutive hyphens', 'ac--me', 'INVALID'],
    ['SQL in the slug', "x'; DROP SCHEMA control; --", 'INVALID'],
    ['reserved "admin"', 'admin', 'INVALID'],
    ['reserved "control"', 'control', 'INVALID'],
    ['reserved "public"', 'public', 'INVALID'],
  ])('%s (%j) → userError %s on ["input","slug"], no tenant created', async (_name, slug, code) => {
    const before = await tenantObjectCounts(harness.dataSource);
    const result = payload(await harness.platform.request(PROVISION, { input: { slug, name: 'Nope' } }));
    expect(result).toEqual({ adminApiKey: null, tenant: null, userErrors: [expect.objectContaining({ code, field: ['input', 'slug'] })] });
    expect(await tenantsWithSlug(slug)).toBe(0);
    const after = await tenantObjectCounts(harness.dataSource);
    expect(after.schemas - before.schemas).toBe(after.tenants - before.tenants);
    expect(after.orphanSchemas).toEqual([]);
    expect(after.orphanRoles).toEqual([]);
  });

  test('a duplicate slug → userError DUPLICATE, still one tenant, no orphan schema or role', async () => {
    const slug = uniqueSlug('twice');
    const first = payload(await harness.platform.request(PROVISION, { input: { slug, name: 'First' } }));
    expect(first.userErrors).toEqual([]);
    const before = await tenantObjectCounts(harness.dataSource);
    const second = payload(await harness.platform.request(PROVISION, { input: { slug, name: 'Second' } }));
    expect(second).toEqual({ adminApiKey: null, tenant: null, userErrors: [expect.objectContaining({ code: 'DUPLICATE', field: ['input', 'slug'] })] });
    expect(await tenantsWithSlug(slug)).toBe(1);
    const after = await tenantObjectCounts(harness.dataSource);
    expect(after.schemas - before.schemas).toBe(after.tenants - before.tenants);
    expect(after.roles - before.roles).toBe(after.tenants - before.tenants);
    expect(after.orphanSchemas).toEqual([]);
    expect(after.orphanRoles).toEqual([]);
  });

  test('an empty name → REQUIRED, no tenant created', async () => {
    const slug = uniqueSlug('noname');
    const result = payload(await harness.platform.request(PROVISION, { input: { slug, name: '' } }));
    expect(result.userErrors).toEqual([expect.objectContaining({ code: 'REQUIRED', field: ['input', 'name'] })]);
    expect(await tenantsWithSlug(slug)).toBe(0);
  });
});
