/**
 * Graceful shutdown: RunningApp.stop() stops accepting connections at once, lets a request in
 * flight finish and commit, then closes; past the grace period it closes the connections still open.
 * A request is held in flight by a row lock taken from another connection.
 */
import { DataSource } from 'typeorm';
import { RunningApp, startApp } from '../../src/server';
import { TestTenant, dataOf, testAppConfig, useHarness } from '../support/harness';
import { CREATE_ACCOUNT, UPDATE_ACCOUNT } from '../support/operations';
import { tenantRow, uuidOfId } from '../support/security-helpers';
import { poolPids, post, sleep, smallPool, waitUntil, withRowLock } from './ops-helpers';

const harness = useHarness();
let pool: DataSource;
let workspace: TestTenant;

beforeAll(async () => {
  pool = await smallPool(3);
  workspace = await harness.createTenant();
});
afterAll(async () => {
  await pool?.destroy();
});

async function newAccount(name: string): Promise<{ id: string; uuid: string }> {
  const id = dataOf(await workspace.client.request(CREATE_ACCOUNT, { input: { name } })).createAccount.account.id;
  return { id, uuid: uuidOfId(id) };
}

/** Whether one of the app's pooled connections is waiting for a lock (the request is in flight). */
const appWaitsOnLock = async (): Promise<boolean> =>
  (await harness.dataSource.query(`SELECT 1 FROM pg_stat_activity WHERE pid = ANY($1::int[]) AND wait_event_type = 'Lock'`, [poolPids(pool)])).length > 0;

const refused = (url: string) =>
  post(url, workspace.token, '{ viewer { kind } }').then(
    () => false,
    (error: Error & { cause?: { code?: string } }) => error.cause?.code === 'ECONNREFUSED',
  );

test('a request in flight when stop() is called completes and commits; new connections are refused meanwhile and after', async () => {
  const app: RunningApp = await startApp(testAppConfig({ shutdownGraceMs: 10_000 }), pool);
  const account = await newAccount('Before shutdown');
  let stopped = false;
  let stopping: Promise<void> | undefined;

  const inFlight = await withRowLock(harness.dataSource, workspace.tenant.schemaName, account.uuid, async (release) => {
    const request = post(app.url, workspace.token, UPDATE_ACCOUNT, { input: { id: account.id, name: 'Renamed during shutdown' } });
    await waitUntil(appWaitsOnLock, 5000, 'the update to wait on the row lock');

    stopping = app.stop().then(() => {
      stopped = true;
    });
    await sleep(100);
    // Listening has stopped, the in-flight request has not been cut.
    expect(await refused(app.url)).toBe(true);
    expect(stopped).toBe(false);

    await release();
    return request;
  });

  expect(inFlight.status).toBe(200);
  expect(inFlight.body.errors).toBeUndefined();
  expect(inFlight.body.data.updateAccount).toMatchObject({ account: { name: 'Renamed during shutdown' }, userErrors: [] });
  await stopping;
  expect(stopped).toBe(true);
  expect((await tenantRow(harness.dataSource, workspace.tenant.schemaName, 'accounts', account.uuid)).name).toBe('Renamed during shutdown');
  expect(await refused(app.url)).toBe(true);
});

test('past the grace period, stop() closes the connections still open instead of waiting for them', async () => {
  const app = await startApp(testAppConfig({ shutdownGraceMs: 300, statementTimeoutMs: 2000 }), pool);
  const account = await newAccount('Held past the grace period');
  await withRowLock(harness.dataSource, workspace.tenant.schemaName, account.uuid, async () => {
    const request = post(app.url, workspace.token, UPDATE_ACCOUNT, { input: { id: account.id, name: 'Too late' } }).then(
      () => 'answered',
      () => 'connection closed',
    );
    await waitUntil(appWaitsOnLock, 5000, 'the update to wait on the row lock');
    const started = Date.now();
    await app.stop();
    expect(Date.now() - started).toBeLessThan(1500);
    expect(await request).toBe('connection closed');
  });
  // The cut request's transaction ends on its own (here: the lock is gone, or its statement timeout).
  await waitUntil(async () => !(await appWaitsOnLock()), 5000, 'the cut request to end');
});
