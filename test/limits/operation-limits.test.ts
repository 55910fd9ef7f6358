/**
 * Limits of one operation, at their defaults (testAppConfig = src/config.ts): depth 10, cost 1,000,
 * aliases 30, root fields 20, page size 100, document 32 KiB, batch 10. Over a limit the operation
 * is refused with a code and a message naming the numbers, before anything runs: the only SQL is
 * the credential lookup (the same count a trivial accepted query's authentication costs), even for
 * a key whose permissions are otherwise read from the workspace first. At the limit it is accepted.
 */
import { getIntrospectionQuery } from 'graphql';
import { Client, GraphQLResponse, TestTenant, dataOf, errorCodes, testAppConfig, useHarness } from '../support/harness';
import { startApp } from '../../src/server';
import { CREATE_ACCOUNT } from '../support/operations';
import { aliases, clientOf, costOf, postJson, viewers } from './limits-helpers';

const harness = useHarness();
let workspace: TestTenant;
/** A key acting for a user: its permissions are read in the workspace's schema before execution. */
let actingForUser: Client;
/** SQL statements a trivial accepted query runs with the admin key: the credential lookup only. */
let credentialLookup: number;

beforeAll(async () => {
  workspace = await harness.createTenant({ name: 'Limits' });
  const rep = await harness.addUser(workspace.tenant, { role: 'sales_rep', email: 'rep@limits.example' });
  actingForUser = (await harness.keyFor(workspace.tenant, { role: 'sales_rep', userId: rep.uuid })).client;
  const baseline = await workspace.client.request('{ viewer { kind } }');
  dataOf(baseline);
  credentialLookup = baseline.extensions?.sqlStatements;
  expect(credentialLookup).toBeGreaterThan(0);
  // The user-acting key runs more than the lookup when it executes: its role is read first.
  const userBaseline = await actingForUser.request('{ viewer { kind } }');
  expect(userBaseline.extensions?.sqlStatements).toBeGreaterThan(credentialLookup);
});

const nest = (levels: string[], leaf: string): string => levels.reduceRight((inner, level) => `${level} { ${inner} }`, leaf);

/** accounts → nodes → contacts → nodes → account → contacts → nodes → account → owner → name: 10 fields deep (cost 6). */
const DEPTH_10 = `{ ${nest(['accounts(first: 1)', 'nodes', 'contacts(first: 1)', 'nodes', 'account', 'contacts(first: 1)', 'nodes', 'account', 'owner'], 'name')} }`;
const DEPTH_11 = `{ ${nest(['accounts(first: 1)', 'nodes', 'contacts(first: 1)', 'nodes', 'account', 'contacts(first: 1)', 'nodes', 'account', 'owner', 'teams'], 'name')} }`;
/** 100 × (1 + 9) = 1,000 points: exactly the budget. */
const COST_1000 = '{ accounts(first: 100) { nodes { contacts(first: 9) { totalCount } } } }';
/** 100 × (1 + 10) = 1,100 points. */
const COST_1100 = '{ accounts(first: 100) { nodes { contacts(first: 10) { totalCount } } } }';

interface LimitCase {
  name: string;
  atLimit: string;
  over: string;
  code: string;
  message: RegExp;
  extensions?: Record<string, unknown>;
}

const cases: LimitCase[] = [
  {
    name: 'depth',
    atLimit: DEPTH_10,
    over: DEPTH_11,
    code: 'QUERY_TOO_COMPLEX',
    message: /nests 11 fields deep; the maximum is 10/,
    extensions: { limit: 'depth', requested: 11, maximum: 10 },
  },
  {
    name: 'cost',
    atLimit: COST_1000,
    over: COST_1100,
    code: 'QUERY_TOO_COMPLEX',
    message: /costs 1100 points; the maximum is 1000 per operation/,
    extensions: { limit: 'cost', requested: 1100, maximum: 1000 },
  },
  {
    name: 'aliases',
    atLimit: aliases(30),
    over: aliases(31),
    code: 'QUERY_TOO_COMPLEX',
    message: /uses 31 aliases; the maximum is 30/,
    extensions: { limit: 'aliases', requested: 31, maximum: 30 },
  },
  {
    name: 'root fields',
    atLimit: viewers(20),
    over: viewers(21),
    code: 'QUERY_TOO_COMPLEX',
    message: /has 21 root fields; the maximum is 20/,
    extensions: { limit: 'rootFields', requested: 21, maximum: 20 },
  },
  {
    name: 'page size',
    atLimit: '{ accounts(first: 100) { nodes { name } } }',
    over: '{ accounts(first: 101) { nodes { name } } }',
    code: 'BAD_USER_INPUT',
    message: /Page size must be between 1 and 100, got 101/,
    extensions: { argument: 'first', max: 100 },
  },
  {
    name: 'page size (last, nested)',
    atLimit: '{ accounts(first: 1) { nodes { contacts(last: 100) { totalCount } } } }',
    over: '{ accounts(first: 1) { nodes { contacts(last: 101) { totalCount } } } }',
    code: 'BAD_USER_INPUT',
    message: /Page size must be between 1 and 100, got 101/,
    extensions: { argument: 'last', max: 100 },
  },
];

describe.each(cases)('$name', ({ atLimit, over, code, message, extensions }) => {
  test('over the limit: refused with its code and numbers, having run only the credential lookup', async () => {
    for (const client of [workspace.client, actingForUser]) {
      const refused = await client.request(over);
      expect(errorCodes(refused)).toEqual([code]);
      expect(refused.errors![0].message).toMatch(message);
      if (extensions) expect(refused.errors![0].extensions).toMatchObject(extensions);
      expect(refused.data ?? null).toBeNull();
      expect(refused.extensions?.sqlStatements).toBe(credentialLookup);
      // Nothing was spent.
      expect(costOf(refused).actualQueryCost).toBe(0);
    }
  });

  test('at the limit: accepted', async () => {
    const accepted = await workspace.client.request(atLimit);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data).toBeTruthy();
  });
});

test('the cost refusal reports the computed cost in extensions.cost as well', async () => {
  const refused = await workspace.client.request(COST_1100);
  expect(costOf(refused)).toMatchObject({ requestedQueryCost: 1100, actualQueryCost: 0, throttleStatus: { maximumAvailable: 10000 } });
  expect(refused.status).toBe(400);
});

test('introspection does not count ofType towards depth: the standard introspection query is accepted', async () => {
  const response = await workspace.client.request(getIntrospectionQuery());
  expect(response.errors).toBeUndefined();
  expect(costOf(response).requestedQueryCost).toBe(0);
});

test('fragments count towards depth and aliases', async () => {
  const deep = `{ ...A } fragment A on Query { accounts(first: 1) { ...B } } fragment B on AccountConnection { nodes { ...C } }
    fragment C on Account { contacts(first: 1) { nodes { account { contacts(first: 1) { nodes { account { owner { teams { name } } } } } } } } }`;
  const refused = await workspace.client.request(deep);
  expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth', requested: 11 });
  const aliased = `{ viewer { ...K } } fragment K on Viewer { ${Array.from({ length: 31 }, (_, i) => `k${i}: kind`).join(' ')} }`;
  expect((await workspace.client.request(aliased)).errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases', requested: 31 });
});

describe('document size (32 KiB), checked on the HTTP body before authentication', () => {
  const padded = (bytes: number): string => {
    const query = '{ viewer { kind } }';
    return query + ' '.repeat(bytes - Buffer.byteLength(query));
  };

  test('over: HTTP 413 PAYLOAD_TOO_LARGE naming the sizes; no SQL at all', async () => {
    const answer = await postJson(harness.url, { query: padded(32 * 1024 + 1) }, workspace.token);
    expect(answer.status).toBe(413);
    expect(answer.body.errors[0]).toMatchObject({
      message: 'The GraphQL document is 32769 bytes; the maximum is 32768',
      extensions: { code: 'PAYLOAD_TOO_LARGE', limit: 'documentBytes', requested: 32769, maximum: 32768 },
    });
    expect(answer.body.extensions.sqlStatements).toBe(0);
  });

  test('at the limit: accepted', async () => {
    const answer = await postJson(harness.url, { query: padded(32 * 1024) }, workspace.token);
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ viewer: { kind: 'TENANT' } });
  });
});

describe('batched requests (a JSON array body, at most 10 operations)', () => {
  test('10 operations: each answered in order, each with its own cost', async () => {
    const batch = Array.from({ length: 10 }, (_, i) => ({ query: `{ accounts(first: ${i + 1}) { totalCount } }` }));
    const answer = await postJson(harness.url, batch, workspace.token);
    expect(answer.status).toBe(200);
    expect(answer.body).toHaveLength(10);
    answer.body.forEach((result: GraphQLResponse, i: number) => {
      expect(result.errors).toBeUndefined();
      expect(typeof result.data?.accounts.totalCount).toBe('number');
      expect(costOf(result).requestedQueryCost).toBe(i + 1);
    });
  });

  test('11 operations: HTTP 400 BATCH_TOO_LARGE before authentication, nothing run', async () => {
    const batch = Array.from({ length: 11 }, () => ({ query: CREATE_ACCOUNT, variables: { input: { name: 'Never' } } }));
    const answer = await postJson(harness.url, batch, workspace.token);
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]).toMatchObject({
      message: 'A batch may hold at most 10 operations, got 11',
      extensions: { code: 'BATCH_TOO_LARGE', limit: 'batchOperations', requested: 11, maximum: 10 },
    });
    expect(answer.body.extensions.sqlStatements).toBe(0);
    const never = dataOf(await workspace.client.request('{ accounts(where: { name: { eq: "Never" } }) { totalCount } }'));
    expect(never.accounts.totalCount).toBe(0);
  });

  test('each operation of a batch has its own transaction: a read and two writes, one of them refused', async () => {
    const batch = [
      { query: '{ accounts(where: { name: { startsWith: "Batched" } }) { totalCount } }' },
      { query: CREATE_ACCOUNT, variables: { input: { name: 'Batched one' } } },
      { query: CREATE_ACCOUNT, variables: { input: { name: '' } } },
    ];
    const answer = await postJson(harness.url, batch, workspace.token);
    expect(answer.status).toBe(200);
    const [read, good, bad] = answer.body as GraphQLResponse[];
    expect(read.errors).toBeUndefined();
    expect(good.data?.createAccount).toMatchObject({ account: { name: 'Batched one' }, userErrors: [] });
    expect(bad.data?.createAccount.userErrors).toHaveLength(1);
    const stored = dataOf(await workspace.client.request('{ accounts(where: { name: { startsWith: "Batched" } }) { nodes { name } } }'));
    expect(stored.accounts.nodes).toEqual([{ name: 'Batched one' }]);
  });

  test('every operation of a batch is limited on its own', async () => {
    const answer = await postJson(harness.url, [{ query: '{ viewer { kind } }' }, { query: COST_1100 }], workspace.token);
    const [ok, refused] = answer.body as GraphQLResponse[];
    expect(ok.data).toEqual({ viewer: { kind: 'TENANT' } });
    expect(errorCodes(refused)).toEqual(['QUERY_TOO_COMPLEX']);
  });
});

test('fragments spread over and over (a short document, hundreds of thousands of fields) are refused without pricing them to the end', async () => {
  // With aliases allowed freely, four fragments of 20 aliased spreads each expand to 20⁴ fields.
  const app = await startApp(testAppConfig({ maxAliases: 0 }), harness.dataSource);
  try {
    const spreads = (field: string, next: string) => Array.from({ length: 20 }, (_, i) => `${field[0]}${i}: ${field} { ${next} }`).join(' ');
    const query = `{ me { ...U1 } }
      fragment U1 on User { ${spreads('teams', '...T2')} }
      fragment T2 on Team { ${spreads('members', '...U3')} }
      fragment U3 on User { ${spreads('teams', '...T4')} }
      fragment T4 on Team { ${spreads('members', 'name')} }`;
    expect(Buffer.byteLength(query)).toBeLessThan(4096);
    const started = Date.now();
    const refused = await clientOf(app.url, workspace.token).request(query);
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/too large to price: with its fragments expanded it has more than 200000 selections/),
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'cost', maximum: 200000 },
    });
    expect(refused.extensions?.sqlStatements).toBe(credentialLookup);
    expect(Date.now() - started).toBeLessThan(2000);
  } finally {
    await app.stop();
  }
});
