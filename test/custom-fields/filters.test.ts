/**
 * `where: { customFields: [...] }` on accounts, contacts and account.contacts: every operator per
 * type, combinations, and refusals (unknown keys, operands of the wrong type, operators that do not
 * apply) as BAD_USER_INPUT.
 */
import { Client, TestTenant, dataOf, useHarness } from '../support/harness';
import { LIST_ACCOUNTS, LIST_CONTACTS, idsMatching } from '../support/crm-operations';
import { codes, create, define } from './custom-field-helpers';

const harness = useHarness();
let workspace: TestTenant;
let client: Client;
type AccountName = 'alpha' | 'beta' | 'gamma' | 'delta' | 'epsilon';
const accounts = {} as Record<AccountName, Record<string, any>>;
const contacts = {} as Record<'c1' | 'c2' | 'c3' | 'c4', Record<string, any>>;

beforeAll(async () => {
  workspace = await harness.createTenant({ name: 'Custom field filters' });
  client = workspace.client;
  for (const input of [
    { key: 'code', label: 'Code', type: 'TEXT' },
    { key: 'score', label: 'Score', type: 'NUMBER' },
    { key: 'budget', label: 'Budget', type: 'MONEY' },
    { key: 'since', label: 'Customer since', type: 'DATE' },
    { key: 'active', label: 'Active', type: 'BOOLEAN' },
    { key: 'level', label: 'Level', type: 'PICKLIST', picklistValues: ['Low', 'Mid', 'High'] },
  ]) {
    await define(client, { object: 'ACCOUNT', ...input });
  }
  await define(client, { object: 'CONTACT', key: 'rating', label: 'Rating', type: 'NUMBER' });
  await define(client, { object: 'CONTACT', key: 'channel', label: 'Channel', type: 'PICKLIST', picklistValues: ['Mail', 'Phone'] });

  const seeds: [AccountName, Record<string, unknown>][] = [
    ['alpha', { code: 'A-100%', score: 1, budget: { amount: '100.00', currency: 'EUR' }, since: '2024-01-15', active: true, level: 'Low' }],
    ['beta', { code: 'b_200', score: 2.5, budget: { amount: '100', currency: 'USD' }, since: '2024-12-31', active: false, level: 'High' }],
    ['gamma', { code: 'GAMMA', score: 10, budget: { amount: '99.99', currency: 'EUR' }, since: '2023-06-01', level: 'Mid' }],
    ['delta', {}],
    ['epsilon', { score: -1, budget: { amount: '1000000.000001', currency: 'JPY' }, since: '2025-03-01' }],
  ];
  for (const [name, customFields] of seeds) accounts[name] = await create(client, 'account', { name: `CF ${name}`, customFields });

  contacts.c1 = await create(client, 'contact', { lastName: 'One', accountId: accounts.alpha.id, customFields: { rating: 5, channel: 'Mail' } });
  contacts.c2 = await create(client, 'contact', { lastName: 'Two', accountId: accounts.alpha.id, customFields: { rating: 3 } });
  contacts.c3 = await create(client, 'contact', { lastName: 'Three', accountId: accounts.alpha.id });
  contacts.c4 = await create(client, 'contact', { lastName: 'Four', accountId: accounts.beta.id, customFields: { rating: 5, channel: 'Phone' } });
});

/** The seeded accounts a filter matches, by name, sorted. */
async function matching(where: unknown): Promise<string[]> {
  const found = await idsMatching(client, LIST_ACCOUNTS, where);
  const byId = new Map(Object.entries(accounts).map(([name, row]) => [row.id, name]));
  return found.map((id) => byId.get(id) ?? `unexpected:${id}`).sort();
}

const cf = (key: string, ops: Record<string, unknown>) => ({ customFields: [{ key, ...ops }] });

describe('accounts', () => {
  test.each([
    ['TEXT eq is exact', cf('code', { eq: 'GAMMA' }), ['gamma']],
    ['TEXT eq is case-sensitive', cf('code', { eq: 'gamma' }), []],
    ['TEXT neq keeps records without a value', cf('code', { neq: 'GAMMA' }), ['alpha', 'beta', 'delta', 'epsilon']],
    ['TEXT in', cf('code', { in: ['A-100%', 'b_200', 'nobody'] }), ['alpha', 'beta']],
    ['TEXT contains ignores case', cf('code', { contains: 'gam' }), ['gamma']],
    ['TEXT contains matches % literally', cf('code', { contains: '100%' }), ['alpha']],
    ['TEXT contains matches _ literally', cf('code', { contains: '_' }), ['beta']],
    ['TEXT isNull true', cf('code', { isNull: true }), ['delta', 'epsilon']],
    ['TEXT isNull false', cf('code', { isNull: false }), ['alpha', 'beta', 'gamma']],
    ['NUMBER eq', cf('score', { eq: 2.5 }), ['beta']],
    ['NUMBER eq on a whole number', cf('score', { eq: 1 }), ['alpha']],
    ['NUMBER neq', cf('score', { neq: 1 }), ['beta', 'delta', 'epsilon', 'gamma']],
    ['NUMBER in', cf('score', { in: [1, 10, 99] }), ['alpha', 'gamma']],
    ['NUMBER lt', cf('score', { lt: 2.5 }), ['alpha', 'epsilon']],
    ['NUMBER lte', cf('score', { lte: 2.5 }), ['alpha', 'beta', 'epsilon']],
    ['NUMBER gt compares numerically (10 > 9)', cf('score', { gt: 9 }), ['gamma']],
    ['NUMBER gte', cf('score', { gte: 2.5 }), ['beta', 'gamma']],
    ['NUMBER range', cf('score', { gt: 0, lt: 5 }), ['alpha', 'beta']],
    ['NUMBER isNull', cf('score', { isNull: true }), ['delta']],
    ['MONEY eq compares the amount as a number', cf('budget', { eq: '100' }), ['alpha', 'beta']],
    ['MONEY neq', cf('budget', { neq: '100.0' }), ['delta', 'epsilon', 'gamma']],
    ['MONEY lt', cf('budget', { lt: '100' }), ['gamma']],
    ['MONEY gt', cf('budget', { gt: '99.99' }), ['alpha', 'beta', 'epsilon']],
    ['MONEY gte with fractions', cf('budget', { gte: '1000000.000001' }), ['epsilon']],
    ['MONEY in', cf('budget', { in: ['99.99', '1000000.000001'] }), ['epsilon', 'gamma']],
    ['MONEY isNull', cf('budget', { isNull: true }), ['delta']],
    ['DATE eq', cf('since', { eq: '2024-12-31' }), ['beta']],
    ['DATE lt', cf('since', { lt: '2024-01-01' }), ['gamma']],
    ['DATE gte', cf('since', { gte: '2024-01-15' }), ['alpha', 'beta', 'epsilon']],
    ['DATE range', cf('since', { gt: '2024-01-15', lte: '2025-01-01' }), ['beta']],
    ['DATE in', cf('since', { in: ['2023-06-01', '2025-03-01'] }), ['epsilon', 'gamma']],
    ['BOOLEAN eq true', cf('active', { eq: true }), ['alpha']],
    ['BOOLEAN eq false', cf('active', { eq: false }), ['beta']],
    ['BOOLEAN neq true keeps records without a value', cf('active', { neq: true }), ['beta', 'delta', 'epsilon', 'gamma']],
    ['BOOLEAN isNull false', cf('active', { isNull: false }), ['alpha', 'beta']],
    ['PICKLIST eq', cf('level', { eq: 'Mid' }), ['gamma']],
    ['PICKLIST in', cf('level', { in: ['Low', 'High'] }), ['alpha', 'beta']],
    ['PICKLIST neq', cf('level', { neq: 'Low' }), ['beta', 'delta', 'epsilon', 'gamma']],
    ['PICKLIST eq with a value no longer listed matches nothing', cf('level', { eq: 'Gone' }), []],
  ])('%s', async (_label, where, expected) => {
    expect(await matching(where)).toEqual(expected);
  });

  test.each([
    ['conditions in one list all hold', { customFields: [{ key: 'score', gte: 1 }, { key: 'budget', lt: '100.01' }, { key: 'active', isNull: false }] }, ['alpha', 'beta']],
    ['or', { or: [cf('level', { eq: 'Low' }), cf('score', { gt: 5 })] }, ['alpha', 'gamma']],
    ['and', { and: [cf('level', { in: ['Low', 'High'] }), cf('active', { eq: false })] }, ['beta']],
    ['not', { not: cf('active', { eq: true }) }, ['beta', 'delta', 'epsilon', 'gamma']],
    ['with a regular field', { name: { startsWith: 'CF ' }, ...cf('since', { lt: '2024-06-01' }) }, ['alpha', 'gamma']],
    ['nested not inside or', { or: [{ not: cf('score', { isNull: false }) }, cf('code', { eq: 'GAMMA' })] }, ['delta', 'gamma']],
    ['an empty list', { customFields: [] }, ['alpha', 'beta', 'delta', 'epsilon', 'gamma']],
    ['a condition without operators', cf('score', {}), ['alpha', 'beta', 'delta', 'epsilon', 'gamma']],
  ])('%s', async (_label, where, expected) => {
    expect(await matching(where)).toEqual(expected);
  });

  test('totalCount counts with the same filter', async () => {
    const data = dataOf(await client.request(`query($w: AccountFilter) { accounts(where: $w, first: 1) { totalCount nodes { id } pageInfo { hasNextPage } } }`, { w: cf('score', { gte: 1 }) }));
    expect(data.accounts).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
  });

  test('a filter on custom fields costs one statement for the definitions, no more', async () => {
    const query = `query($w: AccountFilter) { accounts(where: $w) { nodes { id } } }`;
    const plain = await client.request(query, { w: { name: { startsWith: 'CF ' } } });
    const filtered = await client.request(query, { w: { name: { startsWith: 'CF ' }, ...cf('score', { gte: 1 }), or: [cf('level', { eq: 'Low' }), cf('code', { isNull: false })] } });
    expect(filtered.errors).toBeUndefined();
    expect(filtered.extensions?.sqlStatements).toBe(plain.extensions?.sqlStatements + 1);
    // Reading the values needs the same definitions (which are personal, for the access log): loaded once.
    const withValues = `query($w: AccountFilter) { accounts(where: $w) { nodes { id customFields } } }`;
    const filteredWithValues = await client.request(withValues, { w: { name: { startsWith: 'CF ' }, ...cf('score', { gte: 1 }) } });
    expect(filteredWithValues.extensions?.sqlStatements).toBe(filtered.extensions?.sqlStatements);
  });

  test('malformed stored values do not break typed comparisons', async () => {
    const broken = await create(client, 'account', { name: 'CF broken' });
    const uuid = Buffer.from(broken.id, 'base64url').toString().split(':')[1];
    await harness.dataSource.query(
      `UPDATE "${workspace.tenant.schemaName}".accounts SET custom_fields = '{"score": "abc", "budget": {"amount": "lots"}, "since": "someday"}' WHERE id = $1`,
      [uuid],
    );
    try {
      expect(await matching(cf('score', { lt: 100 }))).toEqual(['alpha', 'beta', 'epsilon', 'gamma']);
      expect(await matching(cf('budget', { gt: '0' }))).toEqual(['alpha', 'beta', 'epsilon', 'gamma']);
      expect(await matching(cf('since', { gt: '2000-01-01' }))).toEqual(['alpha', 'beta', 'epsilon', 'gamma']);
    } finally {
      await harness.dataSource.query(`UPDATE "${workspace.tenant.schemaName}".accounts SET custom_fields = '{}', deleted_at = now() WHERE id = $1`, [uuid]);
    }
  });
});

describe('contacts and account.contacts', () => {
  async function contactNames(where: unknown): Promise<string[]> {
    const found = await idsMatching(client, LIST_CONTACTS, where);
    const byId = new Map(Object.entries(contacts).map(([name, row]) => [row.id, name]));
    return found.map((id) => byId.get(id) ?? `unexpected:${id}`).sort();
  }

  test.each([
    ['NUMBER gte', cf('rating', { gte: 4 }), ['c1', 'c4']],
    ['NUMBER lt keeps only records with a value', cf('rating', { lt: 5 }), ['c2']],
    ['PICKLIST eq', cf('channel', { eq: 'Phone' }), ['c4']],
    ['isNull', cf('channel', { isNull: true }), ['c2', 'c3']],
    ['with the account filter', { account: { eq: '__alpha__' }, ...cf('rating', { isNull: false }) }, ['c1', 'c2']],
  ])('contacts: %s', async (_label, where, expected) => {
    const resolved = JSON.parse(JSON.stringify(where).replace('__alpha__', accounts.alpha.id));
    expect(await contactNames(resolved)).toEqual(expected);
  });

  test('account.contacts filters on custom fields for every account in one batch', async () => {
    const data = dataOf(
      await client.request(
        `query($accounts: AccountFilter, $contacts: ContactFilter) {
          accounts(where: $accounts) { nodes { name contacts(where: $contacts) { totalCount nodes { lastName customFields } } } }
        }`,
        { accounts: { name: { in: ['CF alpha', 'CF beta', 'CF gamma'] } }, contacts: cf('rating', { eq: 5 }) },
      ),
    );
    expect(data.accounts.nodes).toEqual([
      { name: 'CF alpha', contacts: { totalCount: 1, nodes: [{ lastName: 'One', customFields: { rating: 5, channel: 'Mail' } }] } },
      { name: 'CF beta', contacts: { totalCount: 1, nodes: [{ lastName: 'Four', customFields: { rating: 5, channel: 'Phone' } }] } },
      { name: 'CF gamma', contacts: { totalCount: 0, nodes: [] } },
    ]);
  });

  test('account.contacts with an and/or of custom field conditions', async () => {
    const data = dataOf(
      await client.request(`query($id: ID!, $w: ContactFilter) { account(id: $id) { contacts(where: $w) { nodes { lastName } } } }`, {
        id: accounts.alpha.id,
        w: { or: [cf('rating', { lt: 4 }), cf('channel', { eq: 'Mail' })] },
      }),
    );
    expect(data.account.contacts.nodes.map((n: any) => n.lastName).sort()).toEqual(['One', 'Two']);
  });

  test('an unknown key in account.contacts is BAD_USER_INPUT', async () => {
    const response = await client.request(`query($id: ID!) { account(id: $id) { contacts(where: { customFields: [{ key: "score", gt: 1 }] }) { nodes { id } } } }`, { id: accounts.alpha.id });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0].message).toBe('Unknown custom field "score" on Contact; see customFieldDefinitions');
  });
});

describe('refused filters', () => {
  test.each([
    ['an unknown key', cf('colour', { eq: 'red' }), 'Unknown custom field "colour" on Account; see customFieldDefinitions'],
    ['a key of another object', cf('rating', { eq: 5 }), 'Unknown custom field "rating" on Account; see customFieldDefinitions'],
    ['a key in another case', cf('Score', { eq: 1 }), 'Unknown custom field "Score" on Account; see customFieldDefinitions'],
    ['SQL in the key', cf("score' OR '1'='1", { eq: 1 }), `Unknown custom field "score' OR '1'='1" on Account; see customFieldDefinitions`],
    ['an unknown key inside or', { or: [cf('score', { eq: 1 }), cf('nope', { isNull: true })] }, 'Unknown custom field "nope" on Account; see customFieldDefinitions'],
    ['a string for a NUMBER', cf('score', { eq: '1' }), 'Filter on custom field "score" (NUMBER): "eq" expects a number'],
    ['a number for a MONEY amount', cf('budget', { gt: 100 }), 'Filter on custom field "budget" (MONEY): "gt" expects the amount as a decimal string, e.g. "1250.00"'],
    ['a Money object', cf('budget', { eq: { amount: '1', currency: 'EUR' } }), 'Filter on custom field "budget" (MONEY): "eq" expects the amount as a decimal string, e.g. "1250.00"'],
    ['an impossible DATE', cf('since', { lt: '2024-13-01' }), 'Filter on custom field "since" (DATE): "lt" expects a date "YYYY-MM-DD"'],
    ['a string for a BOOLEAN', cf('active', { eq: 'true' }), 'Filter on custom field "active" (BOOLEAN): "eq" expects true or false'],
    ['a number for TEXT', cf('code', { eq: 5 }), 'Filter on custom field "code" (TEXT): "eq" expects a string'],
    ['a wrong value inside in', cf('score', { in: [1, 'two'] }), 'Filter on custom field "score" (NUMBER): "in" expects a number'],
    ['lt on TEXT', cf('code', { lt: 'b' }), '"lt" applies to NUMBER, MONEY and DATE custom fields, not to "code" (TEXT)'],
    ['gte on PICKLIST', cf('level', { gte: 'Low' }), '"gte" applies to NUMBER, MONEY and DATE custom fields, not to "level" (PICKLIST)'],
    ['gt on BOOLEAN', cf('active', { gt: false }), '"gt" applies to NUMBER, MONEY and DATE custom fields, not to "active" (BOOLEAN)'],
    ['contains on NUMBER', cf('score', { contains: '1' }), '"contains" applies to TEXT custom fields, not to "score" (NUMBER)'],
    ['contains on PICKLIST', cf('level', { contains: 'L' }), '"contains" applies to TEXT custom fields, not to "level" (PICKLIST)'],
    ['more than 100 values in in', cf('score', { in: Array.from({ length: 101 }, (_, i) => i) }), '"in" takes at most 100 values'],
  ])('%s is BAD_USER_INPUT', async (_label, where, message) => {
    const response = await client.request(LIST_ACCOUNTS, { where });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors?.[0]).toMatchObject({ message, extensions: { argument: 'where.customFields' } });
  });

  test('a filter without a key is a GraphQL validation error', async () => {
    expect(codes(await client.request(LIST_ACCOUNTS, { where: { customFields: [{ eq: 1 }] } }))).toEqual(['BAD_USER_INPUT']);
  });
});
