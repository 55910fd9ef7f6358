/** `accounts(where:)`: every operator on every kind of field, and and/or/not. */
import { Client, TestTenant, errorCodes, useHarness } from '../support/harness';
import { LIST_ACCOUNTS, Row, addUser, createAccount, createContact, idsMatching, listPage, missingId, sleep } from '../support/crm-operations';

const harness = useHarness();
let tenant: TestTenant;
let client: Client;
const a: Record<'alpha' | 'beta' | 'gamma' | 'gammax' | 'alphabeta', Row> = {} as never;
let ownerOne: string;
let ownerTwo: string;

beforeAll(async () => {
  tenant = await harness.createTenant();
  client = tenant.client;
  ownerOne = await addUser(harness, tenant, { email: 'one@owners.example', name: 'Owner One' });
  ownerTwo = await addUser(harness, tenant, { email: 'two@owners.example', name: 'Owner Two' });
  const seeds: [keyof typeof a, Record<string, unknown>][] = [
    ['alpha', { name: 'Alpha Industries', domain: 'alpha.example', industry: 'Manufacturing', type: 'CUSTOMER', lifecycleStage: 'ACTIVE', annualRevenue: { amount: '5000000.00', currency: 'EUR' }, employeeCount: 1200, tags: ['vip', 'emea'], ownerId: ownerOne }],
    ['beta', { name: 'Beta 100% Organic', domain: 'BETA.example', industry: 'Food', type: 'PROSPECT', lifecycleStage: 'PROSPECT', annualRevenue: { amount: '250000.00', currency: 'USD' }, employeeCount: 40, tags: ['emea'], ownerId: ownerTwo }],
    ['gamma', { name: 'Gamma_Labs', type: 'PARTNER', lifecycleStage: 'LOYAL', tags: [] }],
    ['gammax', { name: 'GammaXLabs', domain: 'gammax.example', industry: 'Software', type: 'RESELLER', lifecycleStage: 'AT_RISK', annualRevenue: { amount: '999.99', currency: 'USD' }, employeeCount: 5, tags: ['vip', 'apac'], ownerId: ownerOne }],
    ['alphabeta', { name: 'alpha beta', domain: 'alphabeta.example', industry: 'Software', type: 'COMPETITOR', lifecycleStage: 'LOST', annualRevenue: { amount: '250000.00', currency: 'EUR' }, employeeCount: 40, tags: ['apac'] }],
  ];
  for (const [key, input] of seeds) {
    a[key] = await createAccount(client, input);
    await sleep(15); // distinct createdAt values for the range filters
  }
});

/** The seeded keys a filter matches, sorted, so expectations read as names. */
async function matching(where: unknown): Promise<string[]> {
  const found = await idsMatching(client, LIST_ACCOUNTS, where);
  const byId = new Map(Object.entries(a).map(([key, row]) => [row.id, key]));
  return found.map((id) => byId.get(id) ?? `unexpected:${id}`).sort();
}

describe('string filters', () => {
  test.each([
    ['eq is exact', { name: { eq: 'Alpha Industries' } }, ['alpha']],
    ['eq is case-sensitive on name', { name: { eq: 'alpha industries' } }, []],
    ['neq', { name: { neq: 'Alpha Industries' } }, ['alphabeta', 'beta', 'gamma', 'gammax']],
    ['neq keeps rows without a value', { industry: { neq: 'Software' } }, ['alpha', 'beta', 'gamma']],
    ['in', { name: { in: ['GammaXLabs', 'Beta 100% Organic', 'Nobody'] } }, ['beta', 'gammax']],
    ['contains ignores case', { name: { contains: 'GAMMA' } }, ['gamma', 'gammax']],
    ['startsWith ignores case', { name: { startsWith: 'alpha' } }, ['alpha', 'alphabeta']],
    ['isNull: true', { industry: { isNull: true } }, ['gamma']],
    ['isNull: false', { industry: { isNull: false } }, ['alpha', 'alphabeta', 'beta', 'gammax']],
    ['domain eq ignores case', { domain: { eq: 'beta.example' } }, ['beta']],
    ['domain in ignores case', { domain: { in: ['ALPHA.EXAMPLE', 'gammax.example'] } }, ['alpha', 'gammax']],
    ['domain neq ignores case', { domain: { neq: 'Beta.Example' } }, ['alpha', 'alphabeta', 'gamma', 'gammax']],
    ['currency eq', { annualRevenueCurrency: { eq: 'EUR' } }, ['alpha', 'alphabeta']],
  ])('%s', async (_label, where, expected) => {
    expect(await matching(where)).toEqual(expected);
  });

  describe('% and _ are matched literally', () => {
    test.each([
      ['contains "%"', { name: { contains: '%' } }, ['beta']],
      ['contains "100%"', { name: { contains: '100%' } }, ['beta']],
      ['contains "_"', { name: { contains: '_' } }, ['gamma']],
      ['startsWith "Gamma_"', { name: { startsWith: 'Gamma_' } }, ['gamma']],
      ['startsWith "%"', { name: { startsWith: '%' } }, []],
      ['contains "a_l" (only the literal underscore)', { name: { contains: 'a_l' } }, ['gamma']],
      ['contains "a_b" (a wildcard would match "alpha beta")', { name: { contains: 'a_b' } }, []],
      ['contains a backslash', { name: { contains: '\\' } }, []],
    ])('%s', async (_label, where, expected) => {
      expect(await matching(where)).toEqual(expected);
    });
  });
});

describe('number and decimal filters', () => {
  test.each([
    ['employeeCount lt', { employeeCount: { lt: 40 } }, ['gammax']],
    ['employeeCount lte', { employeeCount: { lte: 40 } }, ['alphabeta', 'beta', 'gammax']],
    ['employeeCount gte', { employeeCount: { gte: 40 } }, ['alpha', 'alphabeta', 'beta']],
    ['employeeCount gt', { employeeCount: { gt: 40 } }, ['alpha']],
    ['employeeCount eq', { employeeCount: { eq: 40 } }, ['alphabeta', 'beta']],
    ['employeeCount neq keeps NULL', { employeeCount: { neq: 40 } }, ['alpha', 'gamma', 'gammax']],
    ['employeeCount in', { employeeCount: { in: [5, 1200] } }, ['alpha', 'gammax']],
    ['employeeCount isNull', { employeeCount: { isNull: true } }, ['gamma']],
    ['employeeCount range', { employeeCount: { gte: 5, lt: 1200 } }, ['alphabeta', 'beta', 'gammax']],
    ['annualRevenueAmount lt', { annualRevenueAmount: { lt: '250000.00' } }, ['gammax']],
    ['annualRevenueAmount gte', { annualRevenueAmount: { gte: '250000' } }, ['alpha', 'alphabeta', 'beta']],
    ['annualRevenueAmount eq compares numerically', { annualRevenueAmount: { eq: '250000' } }, ['alphabeta', 'beta']],
    ['annualRevenueAmount gt a fraction', { annualRevenueAmount: { gt: '999.98' } }, ['alpha', 'alphabeta', 'beta', 'gammax']],
    ['annualRevenueAmount lte', { annualRevenueAmount: { lte: '999.99' } }, ['gammax']],
    ['annualRevenueAmount isNull', { annualRevenueAmount: { isNull: true } }, ['gamma']],
    ['annualRevenueAmount neq keeps NULL', { annualRevenueAmount: { neq: '250000.00' } }, ['alpha', 'gamma', 'gammax']],
  ])('%s', async (_label, where, expected) => {
    expect(await matching(where)).toEqual(expected);
  });
});

describe('enum filters', () => {
  test.each([
    ['type eq', { type: { eq: 'PARTNER' } }, ['gamma']],
    ['type neq', { type: { neq: 'PROSPECT' } }, ['alpha', 'alphabeta', 'gamma', 'gammax']],
    ['type in', { type: { in: ['CUSTOMER', 'RESELLER'] } }, ['alpha', 'gammax']],
    ['type isNull: false', { type: { isNull: false } }, ['alpha', 'alphabeta', 'beta', 'gamma', 'gammax']],
    ['lifecycleStage eq', { lifecycleStage: { eq: 'LOST' } }, ['alphabeta']],
    ['lifecycleStage in', { lifecycleStage: { in: ['ACTIVE', 'LOYAL', 'NEW_CUSTOMER'] } }, ['alpha', 'gamma']],
  ])('%s', async (_label, where, expected) => {
    expect(await matching(where)).toEqual(expected);
  });
});

describe('tags filters', () => {
  test.each([
    ['contains', { tags: { contains: 'vip' } }, ['alpha', 'gammax']],
    ['contains an unknown tag', { tags: { contains: 'nope' } }, []],
    ['containsAny', { tags: { containsAny: ['apac', 'nope'] } }, ['alphabeta', 'gammax']],
    ['containsAll', { tags: { containsAll: ['vip', 'emea'] } }, ['alpha']],
    ['containsAll with another pair', { tags: { containsAll: ['vip', 'apac'] } }, ['gammax']],
    ['containsAll with a missing tag', { tags: { containsAll: ['vip', 'nope'] } }, []],
    ['contains and containsAny together', { tags: { contains: 'emea', containsAny: ['vip'] } }, ['alpha']],
  ])('%s', async (_label, where, expected) => {
    expect(await matching(where)).toEqual(expected);
  });
});

describe('ID filters', () => {
  test('id eq, neq and in', async () => {
    expect(await matching({ id: { eq: a.beta.id } })).toEqual(['beta']);
    expect(await matching({ id: { neq: a.beta.id } })).toEqual(['alpha', 'alphabeta', 'gamma', 'gammax']);
    expect(await matching({ id: { in: [a.alpha.id, a.gamma.id, missingId('Account')] } })).toEqual(['alpha', 'gamma']);
  });

  test('owner eq, neq, in and isNull', async () => {
    expect(await matching({ owner: { eq: ownerOne } })).toEqual(['alpha', 'gammax']);
    expect(await matching({ owner: { in: [ownerTwo] } })).toEqual(['beta']);
    expect(await matching({ owner: { neq: ownerOne } })).toEqual(['alphabeta', 'beta', 'gamma']);
    expect(await matching({ owner: { isNull: true } })).toEqual(['alphabeta', 'gamma']);
    expect(await matching({ owner: { eq: missingId('User') } })).toEqual([]);
  });

  test('an ID of the wrong type or a malformed ID is BAD_USER_INPUT', async () => {
    const contact = await createContact(client, { lastName: 'Not An Account' });
    for (const where of [{ id: { eq: contact.id } }, { id: { in: ['garbage'] } }, { owner: { eq: a.alpha.id } }, { owner: { neq: 'garbage' } }]) {
      const response = await client.request(LIST_ACCOUNTS, { first: 10, where });
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    }
  });
});

describe('createdAt ranges', () => {
  test('gte/lt select the accounts created in the window', async () => {
    expect(await matching({ createdAt: { gte: a.beta.createdAt, lt: a.gammax.createdAt } })).toEqual(['beta', 'gamma']);
    expect(await matching({ createdAt: { gt: a.beta.createdAt, lte: a.gammax.createdAt } })).toEqual(['gamma', 'gammax']);
    expect(await matching({ createdAt: { lt: a.beta.createdAt } })).toEqual(['alpha']);
    expect(await matching({ createdAt: { gte: a.alphabeta.createdAt } })).toEqual(['alphabeta']);
    expect(await matching({ createdAt: { eq: a.gamma.createdAt } })).toEqual(['gamma']);
  });

  test('a window in the future or the distant past matches nothing', async () => {
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect(await matching({ createdAt: { gt: future } })).toEqual([]);
    expect(await matching({ createdAt: { lt: '2000-01-01T00:00:00Z' } })).toEqual([]);
    expect(await matching({ createdAt: { isNull: false } })).toEqual(['alpha', 'alphabeta', 'beta', 'gamma', 'gammax']);
  });

  test('updatedAt moves with an update and can be filtered', async () => {
    const { client: own } = await harness.createTenant();
    const old = await createAccount(own, { name: 'Old' });
    const touched = await createAccount(own, { name: 'Touched' });
    await sleep(15);
    const since = new Date().toISOString();
    await sleep(15);
    const response = await own.request(`mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { account { updatedAt } userErrors { code } } }`, {
      input: { id: touched.id, employeeCount: 3 },
    });
    expect(response.data!.updateAccount.userErrors).toEqual([]);
    const found = await idsMatching(own, LIST_ACCOUNTS, { updatedAt: { gte: since } });
    expect(found).toEqual([touched.id]);
    expect(await idsMatching(own, LIST_ACCOUNTS, { updatedAt: { lt: since } })).toEqual([old.id]);
  });
});

describe('and / or / not', () => {
  test.each([
    ['fields at the top level combine with AND', { type: { in: ['CUSTOMER', 'RESELLER', 'COMPETITOR'] }, tags: { contains: 'apac' } }, ['alphabeta', 'gammax']],
    ['or', { or: [{ type: { eq: 'CUSTOMER' } }, { tags: { contains: 'apac' } }] }, ['alpha', 'alphabeta', 'gammax']],
    ['and', { and: [{ tags: { contains: 'vip' } }, { employeeCount: { lt: 100 } }] }, ['gammax']],
    ['not', { not: { tags: { contains: 'vip' } } }, ['alphabeta', 'beta', 'gamma']],
    ['not keeps rows whose field is NULL', { not: { industry: { eq: 'Software' } } }, ['alpha', 'beta', 'gamma']],
    ['not over a numeric comparison keeps NULLs', { not: { employeeCount: { gte: 40 } } }, ['gamma', 'gammax']],
    [
      'nested and/or/not',
      { and: [{ or: [{ name: { startsWith: 'alpha' } }, { name: { startsWith: 'gamma' } }] }, { not: { tags: { containsAny: ['apac'] } } }] },
      ['alpha', 'gamma'],
    ],
    ['or combined with a top-level field', { annualRevenueCurrency: { eq: 'USD' }, or: [{ employeeCount: { eq: 40 } }, { employeeCount: { eq: 5 } }] }, ['beta', 'gammax']],
    ['not of or', { not: { or: [{ type: { eq: 'CUSTOMER' } }, { type: { eq: 'PROSPECT' } }] } }, ['alphabeta', 'gamma', 'gammax']],
  ])('%s', async (_label, where, expected) => {
    expect(await matching(where)).toEqual(expected);
  });

  test('filters nested more than five levels deep are BAD_USER_INPUT', async () => {
    let where: Record<string, unknown> = { name: { eq: 'x' } };
    for (let i = 0; i < 7; i++) where = { not: where };
    expect(errorCodes(await client.request(LIST_ACCOUNTS, { first: 5, where }))).toEqual(['BAD_USER_INPUT']);
  });

  test('totalCount follows the filter', async () => {
    const page = await listPage(client, LIST_ACCOUNTS, { first: 1, where: { or: [{ type: { eq: 'CUSTOMER' } }, { tags: { contains: 'apac' } }] } });
    expect(page.edges).toHaveLength(1);
    expect(page.totalCount).toBe(3);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  test('paging through a filtered list keeps the filter', async () => {
    const first = await listPage(client, LIST_ACCOUNTS, { first: 2, where: { employeeCount: { isNull: false } } });
    const second = await listPage(client, LIST_ACCOUNTS, { first: 2, after: first.pageInfo.endCursor, where: { employeeCount: { isNull: false } } });
    const names = [...first.edges, ...second.edges].map((e) => e.node.name);
    expect([...names].sort()).toEqual(['Alpha Industries', 'Beta 100% Organic', 'GammaXLabs', 'alpha beta']);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });
});
