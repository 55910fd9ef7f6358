/**
 * Statement and idle-in-transaction timeouts of API transactions: a statement that runs too long is
 * cancelled by PostgreSQL and answered with the code TIMEOUT naming the limit, nothing is written,
 * and the connection goes back to the pool healthy.
 *
 * A statement is made slow by holding a lock from another connection, as a concurrent transaction
 * would. The app under test has its own pool of two connections, so a connection left in a failed
 * transaction would show at once.
 */
import { DataSource } from 'typeorm';
import { OperationTransaction } from '../../src/tenancy/operation-transaction';
import { RunningApp, startApp } from '../../src/server';
import { TestTenant, dataOf, testAppConfig, useHarness } from '../support/harness';
import { CREATE_ACCOUNT, UPDATE_ACCOUNT } from '../support/operations';
import { internalsIn, tenantRow, uuidOfId } from '../support/security-helpers';
import { captureLogs } from './log-capture';
import { baseOf, poolPids, post, send, sleep, smallPool, withRowLock } from './ops-helpers';

const harness = useHarness();
const TIMEOUT_MS = 300;
const log = captureLogs('info');
let pool: DataSource;
let app: RunningApp;
let workspace: TestTenant;
let accountId: string;

beforeAll(async () => {
  pool = await smallPool(2);
  app = await startApp(testAppConfig({ statementTimeoutMs: TIMEOUT_MS, logger: log.logger }), pool);
  workspace = await harness.createTenant();
  const created = dataOf(await workspace.client.request(CREATE_ACCOUNT, { input: { name: 'Slowpoke Ltd' } }));
  accountId = created.createAccount.account.id;
});

afterAll(async () => {
  await app?.stop();
  await pool?.destroy();
});

const call = (query: string, variables?: Record<string, unknown>) => post(app.url, workspace.token, query, variables);

/** Connections of the app's pool that are inside a transaction now (there should be none between requests). */
async function poolConnectionsInTransaction(): Promise<string[]> {
  const rows = await harness.dataSource.query(`SELECT state FROM pg_stat_activity WHERE pid = ANY($1::int[]) AND state LIKE 'idle in transaction%'`, [poolPids(pool)]);
  return rows.map((row: { state: string }) => row.state);
}

test('a statement cut by statement_timeout is a TIMEOUT naming the limit, and nothing is written', async () => {
  const before = await tenantRow(harness.dataSource, workspace.tenant.schemaName, 'accounts', uuidOfId(accountId));
  const started = Date.now();
  const answer = await withRowLock(harness.dataSource, workspace.tenant.schemaName, uuidOfId(accountId), () =>
    call(UPDATE_ACCOUNT, { input: { id: accountId, name: 'Renamed while locked' } }),
  );
  const elapsed = Date.now() - started;

  expect(answer.status).toBe(200);
  expect(answer.body.errors).toHaveLength(1);
  expect(answer.body.errors[0]).toMatchObject({
    message: `The operation took longer than ${TIMEOUT_MS} ms and was cancelled; nothing was written`,
    extensions: { code: 'TIMEOUT', timeoutMs: TIMEOUT_MS },
  });
  expect(answer.body.data ?? null).toBeNull();
  expect(internalsIn(answer.body)).toEqual([]);
  expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS);
  expect(elapsed).toBeLessThan(4000);

  const after = await tenantRow(harness.dataSource, workspace.tenant.schemaName, 'accounts', uuidOfId(accountId));
  expect({ name: after.name, version: after.version }).toEqual({ name: before.name, version: before.version });
  // The lock is gone: the same update now succeeds.
  const retried = await call(UPDATE_ACCOUNT, { input: { id: accountId, name: 'Renamed later' } });
  expect(retried.body.errors).toBeUndefined();
  expect(retried.body.data.updateAccount).toMatchObject({ account: { name: 'Renamed later', version: before.version + 1 }, userErrors: [] });
});

test('a read blocked past the limit is a TIMEOUT too, and so is every later field of the cancelled transaction', async () => {
  const locker = harness.dataSource.createQueryRunner();
  await locker.connect();
  let answer;
  try {
    await locker.query('BEGIN');
    await locker.query(`LOCK TABLE "${workspace.tenant.schemaName}".accounts IN ACCESS EXCLUSIVE MODE`);
    answer = await call('{ accounts { totalCount } contacts { totalCount } }');
  } finally {
    await locker.query('ROLLBACK');
    await locker.release();
  }
  const codes = answer.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code);
  expect(codes).toContain('TIMEOUT');
  // Statements after the cancelled one fail as "transaction aborted": reported as the timeout, not as an internal error.
  expect(codes.every((code: string) => code === 'TIMEOUT')).toBe(true);
  expect(internalsIn(answer.body)).toEqual([]);
});

test('after timeouts the small pool is healthy: concurrent requests succeed and no connection is left in a transaction', async () => {
  await withRowLock(harness.dataSource, workspace.tenant.schemaName, uuidOfId(accountId), async () => {
    const cut = await Promise.all([1, 2].map((n) => call(UPDATE_ACCOUNT, { input: { id: accountId, name: `Blocked ${n}` } })));
    for (const answer of cut) expect(answer.body.errors[0].extensions.code).toBe('TIMEOUT');
  });
  expect(await poolConnectionsInTransaction()).toEqual([]);

  const answers = await Promise.all(Array.from({ length: 8 }, () => call('{ accounts(first: 5) { totalCount nodes { name } } }')));
  for (const answer of answers) {
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.accounts.totalCount).toBe(1);
  }
  const write = await call(CREATE_ACCOUNT, { input: { name: 'Written after the timeouts' } });
  expect(write.body.data.createAccount.userErrors).toEqual([]);
  // SET LOCAL ended with each transaction: the pooled connections carry no timeout of their own.
  const [{ statement_timeout: sessionTimeout }] = await pool.query('SHOW statement_timeout');
  expect(sessionTimeout).toBe('0');
  expect(await poolConnectionsInTransaction()).toEqual([]);
});

test('a timeout is an expected error: counted under its code, not logged as an unexpected one', async () => {
  log.clear();
  const answer = await withRowLock(harness.dataSource, workspace.tenant.schemaName, uuidOfId(accountId), () =>
    call(UPDATE_ACCOUNT, { input: { id: accountId, name: 'Logged timeout' } }),
  );
  const requestId = answer.headers.get('x-request-id');
  const line = await log.waitFor((entry) => entry.requestId === requestId && entry.msg === 'graphql request');
  expect(line).toMatchObject({ errorCodes: ['TIMEOUT'], operationType: 'mutation', tenantId: workspace.tenant.id });
  expect(log.entries().filter((entry) => entry.level === 'error')).toEqual([]);
  const metrics = await send(`${baseOf(app.url)}/metrics`);
  expect(metrics.text).toMatch(/^graphql_errors_total\{code="TIMEOUT"\} [1-9]/m);
});

test('each transaction sets statement_timeout and idle_in_transaction_session_timeout (twice the statement limit)', async () => {
  const tx = new OperationTransaction(pool, workspace.tenant, TIMEOUT_MS, log.logger);
  try {
    const db = await tx.connection();
    const [{ statement_timeout: statement }] = await db.query('SHOW statement_timeout');
    const [{ idle_in_transaction_session_timeout: idle }] = await db.query('SHOW idle_in_transaction_session_timeout');
    expect({ statement, idle }).toEqual({ statement: `${TIMEOUT_MS}ms`, idle: `${TIMEOUT_MS * 2}ms` });
  } finally {
    await tx.finish();
  }
});

test('a transaction left idle past its limit is ended by PostgreSQL; its connection is dropped and the pool goes on', async () => {
  const tx = new OperationTransaction(pool, workspace.tenant, 100, log.logger);
  const db = await tx.connection();
  const [{ pid }] = await db.query('SELECT pg_backend_pid() AS pid');
  await sleep(700); // idle_in_transaction_session_timeout is 200 ms here
  await expect(tx.finish()).rejects.toBeDefined();
  expect(poolPids(pool)).not.toContain(pid);
  const answers = await Promise.all([1, 2, 3].map(() => call('{ accounts { totalCount } }')));
  for (const answer of answers) expect(answer.body.errors).toBeUndefined();
});
