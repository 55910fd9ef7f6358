/**
 * The cost model of docs/api.md ("Limits and cost"), table-driven: scalars free, objects 1,
 * connections page size × (1 + each item's selections), other object lists × the ids asked for or
 * 20, mutations 10 + their selections; fragments counted where they apply, the most expensive
 * member of an interface; variables, defaults and @include/@skip honoured. Then the actual cost
 * (what came back), `extensions.cost` on every response and the refund of the difference.
 */
import { GraphQLResponse, TestTenant, dataOf, useHarness } from '../support/harness';
import { CREATE_ACCOUNT, CREATE_CONTACT } from '../support/operations';
import { randomGlobalId } from '../support/security-helpers';
import { costOf, planWithBucket } from './limits-helpers';

const harness = useHarness();
let empty: TestTenant;
let data: TestTenant;

beforeAll(async () => {
  empty = await harness.createTenant({ name: 'Cost table' });
  // Refills 1 point per second: refunds are visible in throttleStatus.
  data = await harness.createTenant({ name: 'Actual cost', planCode: await planWithBucket(harness, { size: 5000, refillPerSecond: 1 }) });
  const acme = dataOf(await data.client.request(CREATE_ACCOUNT, { input: { name: 'Acme' } })).createAccount.account;
  for (const name of ['Beta', 'Gamma']) dataOf(await data.client.request(CREATE_ACCOUNT, { input: { name } }));
  for (const lastName of ['One', 'Two']) {
    dataOf(await data.client.request(CREATE_CONTACT, { input: { lastName, email: `${lastName.toLowerCase()}@acme.example`, accountId: acme.id } }));
  }
});

const requested: [string, string, Record<string, unknown>, number][] = [
  ['__typename only', '{ __typename }', {}, 0],
  ['an object with scalars', '{ viewer { kind role } }', {}, 1],
  ['an object in an object', '{ viewer { workspace { slug } } }', {}, 2],
  ['a connection at the default page size (20), totalCount only', '{ accounts { totalCount } }', {}, 20],
  ['a connection at the default page size, scalar fields', '{ accounts { nodes { name tags } } }', {}, 20],
  ['first: 5, an object per item', '{ accounts(first: 5) { nodes { name annualRevenue { amount } } } }', {}, 10],
  ['first from a variable', 'query($n: Int) { accounts(first: $n) { nodes { name } } }', { n: 7 }, 7],
  ['a variable default', 'query($n: Int = 6) { accounts(first: $n) { nodes { id } } }', {}, 6],
  ['last, edges, pageInfo and totalCount', '{ accounts(last: 3) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } totalCount } }', {}, 3],
  ['nodes and edges both counted per item', '{ accounts(first: 4) { nodes { owner { name } } edges { node { owner { name } } } } }', {}, 12],
  ['nested connections multiply', '{ accounts(first: 10) { nodes { contacts(first: 5) { nodes { email } } } } }', {}, 60],
  ['nested connection sizes from variables', 'query($a: Int!, $c: Int!) { accounts(first: $a) { nodes { contacts(first: $c) { nodes { email } } } } }', { a: 3, c: 4 }, 15],
  [
    'named fragments',
    'query { accounts(first: 2) { ...Page } } fragment Page on AccountConnection { nodes { ...Item } } fragment Item on Account { owner { name } contacts(first: 3) { totalCount } }',
    {},
    10,
  ],
  [
    'inline fragments on an interface: the dearest member',
    'query($id: ID!) { node(id: $id) { id ... on Account { owner { name } contacts(first: 4) { nodes { name } } } ... on Contact { account { name } } } }',
    { id: randomGlobalId('Account') },
    6,
  ],
  ['a list sized by its ids', 'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Account { name owner { name } } } }', { ids: ['a', 'b', 'c'].map(() => randomGlobalId('Account')) }, 6],
  ['an unpaged list of objects counts 20', '{ teams(first: 2) { nodes { members { name } } } }', {}, 42],
  ['@include(if: false) leaves a field out', 'query($deep: Boolean!) { accounts(first: 2) { nodes { name contacts(first: 10) @include(if: $deep) { nodes { email } } } } }', { deep: false }, 2],
  ['@include(if: true) keeps it', 'query($deep: Boolean!) { accounts(first: 2) { nodes { name contacts(first: 10) @include(if: $deep) { nodes { email } } } } }', { deep: true }, 22],
  ['@skip(if: true) leaves it out', 'query($s: Boolean!) { accounts(first: 2) { nodes { name contacts(first: 10) @skip(if: $s) { nodes { email } } } } }', { s: true }, 2],
  ['the same field twice (merged) counts once', '{ accounts(first: 5) { nodes { name } } accounts(first: 5) { nodes { id } } }', {}, 5],
  ['introspection is free', '{ __schema { types { name fields { name type { name ofType { name } } } } } }', {}, 0],
  ['a mutation: 10 + its selections', 'mutation { createAccount(input: { name: "Costed" }) { account { id owner { name } } userErrors { message } } }', {}, 10 + 2 + 20],
  [
    'two root mutation fields',
    'mutation { a: createAccount(input: { name: "" }) { userErrors { message } } b: createAccount(input: { name: "" }) { account { id } } }',
    {},
    2 * 10 + 20 + 1,
  ],
];

test.each(requested)('requested cost: %s', async (_name, query, variables, expected) => {
  const response = await empty.client.request(query, variables);
  expect(costOf(response).requestedQueryCost).toBe(expected);
  expect(costOf(response).actualQueryCost).toBeLessThanOrEqual(expected);
});

describe('actual cost: what came back (3 accounts; Acme has 2 contacts)', () => {
  const actual: [string, string, number, number][] = [
    ['a short page', '{ accounts(first: 10) { nodes { name } } }', 10, 3],
    ['nested pages: an empty list still costs 1', '{ accounts(first: 10) { nodes { name contacts(first: 5) { nodes { email } } } } }', 60, 3 + 2 + 1 + 1],
    ['edges count like nodes', '{ accounts(first: 2) { edges { node { name } } } }', 2, 2],
    ['nothing found', '{ accounts(first: 10, where: { name: { eq: "Nobody" } }) { nodes { name } } }', 10, 1],
    ['a null object costs nothing', '{ accounts(first: 3) { nodes { owner { name } } } }', 6, 3],
  ];

  test.each(actual)('%s', async (_name, query, requestedCost, actualCost) => {
    const response = await data.client.request(query);
    dataOf(response);
    expect(costOf(response)).toMatchObject({ requestedQueryCost: requestedCost, actualQueryCost: actualCost });
  });

  test('a mutation costs its 10 points even when it writes nothing (userErrors)', async () => {
    const response = await data.client.request('mutation { createAccount(input: { name: "" }) { account { id } userErrors { message } } }');
    expect(dataOf(response).createAccount.userErrors).toHaveLength(1);
    // 10 + 1 for the (one-item) userErrors list; account is null.
    expect(costOf(response)).toEqual({ requestedQueryCost: 31, actualQueryCost: 11, throttleStatus: expect.any(Object) });
  });
});

describe('extensions.cost on every response', () => {
  const shape = (response: GraphQLResponse) => costOf(response);

  test('a workspace caller: requested, actual and the bucket (size, what is left, refill per second)', async () => {
    const response = await data.client.request('{ viewer { kind } }');
    expect(shape(response)).toEqual({
      requestedQueryCost: 1,
      actualQueryCost: 1,
      throttleStatus: { maximumAvailable: 5000, currentlyAvailable: expect.any(Number), restoreRate: 1 },
    });
  });

  test('the unused points are refunded: the bucket drops by the actual cost, not the requested one', async () => {
    const before = shape(await data.client.request('{ viewer { kind } }')).throttleStatus.currentlyAvailable;
    const response = await data.client.request('{ accounts(first: 10) { nodes { name contacts(first: 5) { nodes { email } } } } }');
    const cost = shape(response);
    expect(cost).toMatchObject({ requestedQueryCost: 60, actualQueryCost: 7 });
    // At most a second or two of refill (1 point per second) in between.
    expect(cost.throttleStatus.currentlyAvailable).toBeGreaterThanOrEqual(before - 7);
    expect(cost.throttleStatus.currentlyAvailable).toBeLessThanOrEqual(before - 7 + 2);
  });

  test('refused requests and request errors carry it too, spending nothing', async () => {
    for (const query of ['{ accounts(first: 100) { nodes { contacts(first: 100) { totalCount } } } }', '{ nosuchfield }', '{ viewer { ']) {
      const response = await data.client.request(query);
      expect(response.errors?.length).toBeGreaterThan(0);
      expect(shape(response)).toMatchObject({ actualQueryCost: 0, throttleStatus: { maximumAvailable: 5000 } });
    }
  });

  test('platform keys and anonymous callers: costs, and no bucket (throttleStatus null)', async () => {
    const platform = await harness.platform.request('{ plans { code } }');
    expect(shape(platform)).toEqual({ requestedQueryCost: 20, actualQueryCost: expect.any(Number), throttleStatus: null });
    const anonymous = await harness.anonymous.request('{ __typename }');
    expect(shape(anonymous)).toEqual({ requestedQueryCost: 0, actualQueryCost: 0, throttleStatus: null });
  });
});
