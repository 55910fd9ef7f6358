/**
 * One transaction per operation on the shared pool: queries run READ ONLY, everything is scoped
 * with SET LOCAL (never a session SET), the transaction always ends, and pooled connections come
 * back clean even after a burst of parallel and failing requests.
 */
import pg from 'pg';
import { Client, TestTenant, dataOf, useHarness } from '../support/harness';
import { CREATE_ACCOUNT, CREATE_CONTACT, DELETE_ACCOUNT, UPDATE_ACCOUNT } from '../support/operations';
import { poolBackendPids, randomGlobalId } from '../support/security-helpers';

interface Statement {
  text: string;
  pid?: number;
}

const harness = useHarness();
let workspace: TestTenant;
let client: Client;
let acmeId: string;

const statements: Statement[] = [];
let recording = false;
const countedQuery = pg.Client.prototype.query;

/** Records the SQL text the server sends while `act` runs (the server runs in this process). */
async function record<T>(act: () => Promise<T>): Promise<{ result: T; sql: Statement[] }> {
  statements.length = 0;
  recording = true;
  try {
    const result = await act();
    return { result, sql: [...statements] };
  } finally {
    recording = false;
  }
}

const tenantStatements = (sql: Statement[]) => sql.filter((s) => !/control\.api_keys/.test(s.text));
const isBegin = (s: Statement) => /^\s*BEGIN\b/i.test(s.text);

beforeAll(async () => {
  pg.Client.prototype.query = function recordingQuery(this: pg.Client, ...args: unknown[]) {
    if (recording) {
      const first = args[0] as string | { text?: string };
      statements.push({ text: typeof first === 'string' ? first : (first?.text ?? ''), pid: (this as unknown as { processID?: number }).processID });
    }
    return (countedQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof countedQuery;
  workspace = await harness.createTenant({ name: 'Transactions' });
  client = workspace.client;
  acmeId = dataOf(await client.request(CREATE_ACCOUNT, { input: { name: 'Acme' } })).createAccount.account.id;
  for (const name of ['Ann', 'Bob', 'Cid']) {
    dataOf(await client.request(CREATE_CONTACT, { input: { lastName: name, email: `${name.toLowerCase()}@acme.example`, accountId: acmeId } }));
  }
});
afterAll(() => {
  pg.Client.prototype.query = countedQuery;
});

describe('one transaction per operation', () => {
  test('a query runs in ONE transaction begun READ ONLY with SET LOCAL search_path, role and timeout, and committed', async () => {
    const { result, sql } = await record(() =>
      // No personal field: reading one makes the transaction read-write, for its access-log entry.
      client.request(`query($id: ID!) { accounts { nodes { name } } contacts { nodes { id account { name } } } node(id: $id) { id } }`, { id: acmeId }),
    );
    expect(result.errors).toBeUndefined();
    const tenant = tenantStatements(sql);
    const begins = tenant.filter(isBegin);
    expect(begins).toHaveLength(1);
    const begin = begins[0].text;
    expect(begin).toMatch(/^\s*BEGIN READ ONLY\s*;/);
    expect(begin).toContain(`SET LOCAL search_path TO "${workspace.tenant.schemaName}"`);
    expect(begin).toContain(`SET LOCAL ROLE "${workspace.tenant.roleName}"`);
    expect(begin).toMatch(/SET LOCAL statement_timeout = \d+/);
    expect(tenant[0]).toBe(begins[0]);
    expect(tenant[tenant.length - 1].text.trim()).toBe('COMMIT');
    // Every statement of the operation used the same connection.
    expect(new Set(tenant.map((s) => s.pid)).size).toBe(1);
  });

  test('a mutation begins read-write', async () => {
    const { result, sql } = await record(() => client.request(UPDATE_ACCOUNT, { input: { id: acmeId, domain: 'acme.example' } }));
    expect(dataOf(result).updateAccount.userErrors).toEqual([]);
    const begins = tenantStatements(sql).filter(isBegin);
    expect(begins).toHaveLength(1);
    expect(begins[0].text).toMatch(/^\s*BEGIN\s*;/);
    expect(begins[0].text).not.toMatch(/READ ONLY/);
  });

  test('a refused mutation ends with ROLLBACK', async () => {
    const { result, sql } = await record(() => client.request(UPDATE_ACCOUNT, { input: { id: acmeId, employeeCount: 5, expectedVersion: 9999 } }));
    expect(dataOf(result).updateAccount.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT' })]);
    const tenant = tenantStatements(sql);
    expect(tenant[tenant.length - 1].text.trim()).toBe('ROLLBACK');
  });

  test('an operation that reads nothing of the tenant opens no transaction', async () => {
    const { sql } = await record(() => client.request('{ viewer { kind workspace { slug } } }'));
    expect(tenantStatements(sql)).toEqual([]);
  });

  test('no request ever issues a session-level SET (only SET LOCAL)', async () => {
    const { sql } = await record(async () => {
      await client.request('{ accounts { nodes { name contacts { nodes { email } } } } }');
      await client.request(CREATE_ACCOUNT, { input: { name: 'Temp' } });
      await client.request(`{ account(id: "${randomGlobalId('Account')}") { id } }`);
      await client.request(`mutation { a: createAccount(input: { name: "X1" }) { account { id } } b: createAccount(input: { name: "X2", employeeCount: -1 }) { account { id } } }`);
    });
    const sets = sql.flatMap((s) => s.text.split(';')).map((part) => part.trim()).filter((part) => /^SET\b/i.test(part));
    expect(sets.length).toBeGreaterThan(0);
    for (const set of sets) expect(set).toMatch(/^SET LOCAL\b/i);
    expect(sql.some((s) => /\bRESET\b|set_config\([^)]*false\)/i.test(s.text))).toBe(false);
  });

  test('the same contact list costs the same SQL every time', async () => {
    const query = '{ contacts(first: 50) { totalCount nodes { email account { name } } } }';
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await client.request(query);
      expect(dataOf(response).contacts.totalCount).toBeGreaterThanOrEqual(3);
      counts.push(response.extensions?.sqlStatements);
    }
    expect(typeof counts[0]).toBe('number');
    expect(counts).toEqual([counts[0], counts[0], counts[0]]);
  });
});

describe('connections come back clean', () => {
  const idleInTransaction = async (pids: number[]): Promise<number> => {
    const [row] = await harness.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE state LIKE 'idle in transaction%' AND application_name = 'tenantry' AND pid = ANY($1::int[])`,
      [pids],
    );
    return row.n;
  };

  test('after 20 parallel requests (reads, writes, failures) no connection is left idle in transaction', async () => {
    const other = await harness.createTenant({ name: 'Parallel' });
    const requests: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i++) {
      const who = i % 2 ? client : other.client;
      switch (i % 5) {
        case 0:
          requests.push(who.request('{ accounts { totalCount nodes { name contacts { nodes { email } } } } }'));
          break;
        case 1:
          requests.push(who.request(CREATE_ACCOUNT, { input: { name: `Burst ${i}` } }));
          break;
        case 2:
          requests.push(who.request(`{ account(id: "${randomGlobalId('Account')}") { id } }`));
          break;
        case 3:
          requests.push(who.request(UPDATE_ACCOUNT, { input: { id: randomGlobalId('Account'), name: 'Nobody' } }));
          break;
        case 4:
          requests.push(who.request('{ accounts(first: 500) { totalCount } }'));
          break;
      }
    }
    const responses = (await Promise.all(requests)) as { status: number }[];
    expect(responses.every((r) => r.status === 200)).toBe(true);

    const pids = poolBackendPids(harness.dataSource);
    expect(pids.length).toBeGreaterThan(0);
    expect(await idleInTransaction(pids)).toBe(0);
    const pool = (harness.dataSource.driver as unknown as { master: { idleCount: number; totalCount: number; waitingCount: number } }).master;
    expect(pool.waitingCount).toBe(0);
    expect(pool.idleCount).toBe(pool.totalCount);

    const [tenants] = await harness.dataSource.query(
      `SELECT (SELECT count(*)::int FROM "${workspace.tenant.schemaName}".accounts WHERE name LIKE 'Burst %') +
              (SELECT count(*)::int FROM "${other.tenant.schemaName}".accounts WHERE name LIKE 'Burst %') AS n`,
    );
    expect(tenants.n).toBe(4);
  });

  test('every pooled connection is back to the login role and default search_path', async () => {
    await Promise.all(Array.from({ length: 10 }, () => client.request('{ contacts { nodes { email } } }')));
    const pool = (harness.dataSource.driver as unknown as { master: { totalCount: number } }).master;
    const runners = await Promise.all(Array.from({ length: pool.totalCount }, () => harness.dataSource.createQueryRunner()));
    try {
      await Promise.all(runners.map((r) => r.connect()));
      const settings = await Promise.all(
        runners.map(async (r) => (await r.query(`SELECT current_user = session_user AS own_role, current_setting('search_path') AS path, now() = statement_timestamp() AS no_tx`))[0]),
      );
      for (const s of settings) expect(s).toEqual({ own_role: true, path: '"$user", public', no_tx: true });
    } finally {
      await Promise.all(runners.map((r) => r.release()));
    }
  });

  test('parallel reads by two tenants on the shared pool never mix their data', async () => {
    const other = await harness.createTenant({ name: 'Mix' });
    const created = dataOf(await other.client.request(CREATE_ACCOUNT, { input: { name: 'Other only' } })).createAccount.account;
    const reads = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? client : other.client).request('{ viewer { workspace { slug } } accounts(first: 100) { nodes { id name } } }')),
    );
    reads.forEach((response, i) => {
      const data = dataOf(response);
      const mine = i % 2 ? workspace : other;
      expect(data.viewer.workspace.slug).toBe(mine.tenant.slug);
      const ids = data.accounts.nodes.map((n: { id: string }) => n.id);
      if (mine === other) expect(ids).toEqual([created.id]);
      else expect(ids).not.toContain(created.id);
    });
    dataOf(await other.client.request(DELETE_ACCOUNT, { input: { id: created.id } }));
  });
});
