/**
 * SQL per request does not grow with page size: nested lists and references are batched.
 * `extensions.sqlStatements` counts every statement at the pg client for the request
 * (authentication, BEGIN/SET, the reads, COMMIT).
 */
import { Client, GraphQLResponse, dataOf, useHarness } from '../support/harness';
import { globalId } from '../support/security-helpers';

const ACCOUNTS = 100;
const CONTACTS_PER_ACCOUNT = 3;

// Creates 100 records per request (100 aliased root fields) and reads 100 × 10 nested items: far
// beyond the default operation limits and, at machine speed, the plan's rate; test/limits covers both.
const harness = useHarness({ maxQueryCost: 5000, maxAliases: 100, maxRootFields: 100, rateLimitStore: 'off' });
let client: Client;

/** Runs `count` aliased copies of a mutation field in one request (each in its own savepoint). */
async function createMany(field: string, inputs: Record<string, unknown>[], select: string): Promise<any[]> {
  const variables = Object.fromEntries(inputs.map((input, i) => [`i${i}`, input]));
  const declarations = inputs.map((_, i) => `$i${i}: ${field === 'createAccount' ? 'CreateAccountInput!' : 'CreateContactInput!'}`).join(', ');
  const fields = inputs.map((_, i) => `f${i}: ${field}(input: $i${i}) { ${select} userErrors { message } }`).join('\n');
  const data = dataOf(await client.request(`mutation(${declarations}) {\n${fields}\n}`, variables));
  return inputs.map((_, i) => {
    expect(data[`f${i}`].userErrors).toEqual([]);
    return data[`f${i}`];
  });
}

beforeAll(async () => {
  const workspace = await harness.createTenant({ name: 'SQL budget' });
  client = workspace.client;
  // Add owners (active sales reps) in the tenant's own schema.
  const users: { id: string }[] = await harness.dataSource.query(
    `INSERT INTO "${workspace.tenant.schemaName}".users (id, email, name, role_key)
     SELECT gen_random_uuid(), 'owner' || n || '@budget.example', 'Owner ' || n, 'sales_rep' FROM generate_series(1, 5) n RETURNING id`,
  );
  const accounts = await createMany(
    'createAccount',
    Array.from({ length: ACCOUNTS }, (_, i) => ({
      name: `Account ${String(i).padStart(3, '0')}`,
      ownerId: globalId('User', users[i % users.length].id),
    })),
    'account { id }',
  );
  for (let round = 0; round < CONTACTS_PER_ACCOUNT; round++) {
    await createMany(
      'createContact',
      accounts.map((a, i) => ({ lastName: `Person ${round}`, firstName: `P${i}`, email: `p${i}-${round}@budget.example`, accountId: a.account.id })),
      'contact { id }',
    );
  }
}, 120_000);

async function statementsFor(query: string, n: number, check: (data: any) => void): Promise<number> {
  const response = await client.request(query, { n });
  check(dataOf(response));
  const count = response.extensions?.sqlStatements;
  expect(typeof count).toBe('number');
  return count;
}

test('accounts(first: N) { contacts(first: 10) { email } } costs the same SQL for N = 1, 10, 100', async () => {
  const query = `query($n: Int!) { accounts(first: $n) { nodes { name contacts(first: 10) { nodes { email } } } } }`;
  const counts: number[] = [];
  for (const n of [1, 10, 100]) {
    counts.push(
      await statementsFor(query, n, (data) => {
        expect(data.accounts.nodes).toHaveLength(n);
        for (const account of data.accounts.nodes) {
          expect(account.contacts.nodes).toHaveLength(CONTACTS_PER_ACCOUNT);
          for (const contact of account.contacts.nodes) expect(contact.email).toMatch(/@budget\.example$/);
        }
      }),
    );
  }
  expect(counts[1]).toBe(counts[0]);
  expect(counts[2]).toBe(counts[0]);
  // Authentication, BEGIN+SETs, accounts, contacts of all accounts, COMMIT.
  expect(counts[0]).toBeLessThanOrEqual(6);
});

test('three levels (accounts → contacts → account → owner) stay constant too', async () => {
  const query = `query($n: Int!) {
    accounts(first: $n) { nodes { id contacts(first: 10) { nodes { email account { id name owner { name email } } } } } }
  }`;
  const counts: number[] = [];
  for (const n of [1, 10, 100]) {
    counts.push(
      await statementsFor(query, n, (data) => {
        expect(data.accounts.nodes).toHaveLength(n);
        for (const account of data.accounts.nodes) {
          expect(account.contacts.nodes).toHaveLength(CONTACTS_PER_ACCOUNT);
          for (const contact of account.contacts.nodes) {
            expect(contact.account.id).toBe(account.id);
            expect(contact.account.owner.name).toMatch(/^Owner \d$/);
          }
        }
      }),
    );
  }
  expect(counts).toEqual([counts[0], counts[0], counts[0]]);
  expect(counts[0]).toBeLessThanOrEqual(8);
});

test('totalCount of nested lists and edges with cursors stay constant as well', async () => {
  const query = `query($n: Int!) {
    accounts(first: $n) { totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { owner { name } contacts(first: 2) { totalCount edges { cursor node { lastName } } pageInfo { hasNextPage } } } } }
  }`;
  const counts: number[] = [];
  for (const n of [1, 10, 100]) {
    counts.push(
      await statementsFor(query, n, (data) => {
        expect(data.accounts.totalCount).toBe(ACCOUNTS);
        expect(data.accounts.edges).toHaveLength(n);
        for (const edge of data.accounts.edges) {
          expect(edge.node.contacts.totalCount).toBe(CONTACTS_PER_ACCOUNT);
          expect(edge.node.contacts.edges).toHaveLength(2);
          expect(edge.node.contacts.pageInfo.hasNextPage).toBe(true);
        }
      }),
    );
  }
  expect(counts).toEqual([counts[0], counts[0], counts[0]]);
});

test('paging through all accounts with cursors costs the same per page', async () => {
  const query = `query($after: String) { accounts(first: 25, after: $after) { nodes { name contacts(first: 10) { nodes { email } } } pageInfo { hasNextPage endCursor } } }`;
  let after: string | null = null;
  const counts: number[] = [];
  const names: string[] = [];
  do {
    const response: GraphQLResponse = await client.request(query, { after });
    const data: any = dataOf(response);
    names.push(...data.accounts.nodes.map((a: { name: string }) => a.name));
    counts.push(response.extensions?.sqlStatements);
    after = data.accounts.pageInfo.hasNextPage ? data.accounts.pageInfo.endCursor : null;
  } while (after);
  expect(names).toHaveLength(ACCOUNTS);
  expect(new Set(names).size).toBe(ACCOUNTS);
  expect(new Set(counts).size).toBe(1);
});

test('a page size over the limit is refused before any tenant SQL (only the credential lookup runs)', async () => {
  const baseline = await client.request('{ viewer { kind } }');
  expect(baseline.errors).toBeUndefined();
  const refused = await client.request('{ accounts(first: 101) { nodes { name } } }');
  expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(refused.extensions?.sqlStatements).toBe(baseline.extensions?.sqlStatements);
});
