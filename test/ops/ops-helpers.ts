/** HTTP and database helpers of the operations tests. */
import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { allEntities } from '../../src/modules';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

/** A GraphQL POST to `url` with a bearer token and extra headers; the body parsed when it is JSON. */
export async function post(url: string, token: string | undefined, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return send(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
}

export async function send(url: string, init: RequestInit = {}): Promise<HttpAnswer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

/** The app's base address (its url without /graphql). */
export const baseOf = (graphqlUrl: string): string => graphqlUrl.replace(/\/graphql$/, '');

/** A DataSource of its own on the test database, with a small pool. */
export async function smallPool(poolSize: number): Promise<DataSource> {
  return createDataSource({ url: process.env.DATABASE_URL!, poolSize, entities: allEntities() });
}

/** Backend process ids of the pool's open connections. */
export function poolPids(dataSource: DataSource): number[] {
  const pool = (dataSource.driver as unknown as { master: { _clients: { processID: number }[] } }).master;
  return pool._clients.map((client) => client.processID);
}

/**
 * Holds a row lock on one account from a connection of its own (as another transaction would),
 * runs `work`, then releases the lock.
 */
export async function withRowLock<T>(dataSource: DataSource, schemaName: string, accountUuid: string, work: (release: () => Promise<void>) => Promise<T>): Promise<T> {
  if (!/^t_[a-z0-9_]+$/.test(schemaName)) throw new Error(`unexpected schema ${schemaName}`);
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await runner.query('ROLLBACK');
    await runner.release();
  };
  try {
    await runner.query('BEGIN');
    const locked = await runner.query(`SELECT id FROM "${schemaName}".accounts WHERE id = $1 FOR UPDATE`, [accountUuid]);
    if (locked.length !== 1) throw new Error('account to lock not found');
    return await work(release);
  } finally {
    await release();
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `condition` holds (polling), or fails after `timeoutMs`. */
export async function waitUntil(condition: () => Promise<boolean> | boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Whether some backend waits on a lock for a statement containing `text` (a request is blocked in flight). */
export async function someoneWaitsOnLock(dataSource: DataSource, text: string): Promise<boolean> {
  const rows = await dataSource.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE $1 LIMIT 1`, [`%${text}%`]);
  return rows.length > 0;
}
