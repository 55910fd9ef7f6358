/**
 * Test harness: the real server (Apollo + Express on an ephemeral port) against the real database,
 * with helpers to provision tenants and call the API over HTTP as a client would.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { allEntities } from '../../src/modules';
import { createApiKey } from '../../src/platform/api-keys';
import { runControlMigrations } from '../../src/platform/migrations';
import { TenantRecord, provisionTenant } from '../../src/platform/tenants';
import { RunningApp, startApp } from '../../src/server';

export interface GraphQLResponse<D = Record<string, any>> {
  status: number;
  data?: D | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
  extensions?: Record<string, any>;
}

export interface Client {
  request<D = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<D>>;
}

export interface TestTenant {
  tenant: TenantRecord;
  token: string;
  client: Client;
}

export interface Harness {
  dataSource: DataSource;
  app: RunningApp;
  url: string;
  platform: Client;
  anonymous: Client;
  client(token?: string): Client;
  createTenant(options?: { role?: 'admin' | 'member'; name?: string; planCode?: string; resellerId?: string }): Promise<TestTenant>;
  close(): Promise<void>;
}

export const uniqueSlug = (prefix = 't'): string => `${prefix}-${randomBytes(5).toString('hex')}`;

export async function startHarness(): Promise<Harness> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (the jest global setup starts a database)');
  const dataSource = await createDataSource({ url, poolSize: 5, entities: allEntities() });
  await runControlMigrations(dataSource);
  const app = await startApp({ port: 0, host: '127.0.0.1', usageFlushMs: 60_000, jobsIntervalMs: 0, statementTimeoutMs: 5000, exposeSqlCount: true, introspection: true, production: false }, dataSource);
  const client = (token?: string): Client => ({
    async request(query, variables) {
      const response = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
  });
  const { token: platformToken } = await createApiKey(dataSource, { kind: 'platform', name: 'test platform key' });
  return {
    dataSource,
    app,
    url: app.url,
    platform: client(platformToken),
    anonymous: client(),
    client,
    async createTenant(options = {}) {
      const tenant = await provisionTenant(
        dataSource,
        { kind: 'system', id: 'test-harness' },
        { slug: uniqueSlug(), name: options.name ?? 'Test workspace', planCode: options.planCode ?? 'professional', seats: 10, resellerId: options.resellerId },
      );
      const { token } = await createApiKey(dataSource, { kind: 'tenant', tenantId: tenant.id, role: options.role ?? 'admin', name: 'test key' });
      return { tenant, token, client: client(token) };
    },
    async close() {
      await app.stop();
      await dataSource.destroy();
    },
  };
}

/** Asserts a response without top-level errors and returns its data. */
export function dataOf<D = Record<string, any>>(response: GraphQLResponse<D>): D {
  if (response.errors?.length) throw new Error(`Unexpected errors: ${JSON.stringify(response.errors)}`);
  return response.data as D;
}

/** The `extensions.code` of each top-level error. */
export const errorCodes = (response: GraphQLResponse): string[] => (response.errors ?? []).map((e) => e.extensions?.code);

/**
 * One harness per test file: started before the file's tests and closed after them. Call it at
 * the top of the file, before other beforeAll hooks that use it.
 */
export function useHarness(): Harness {
  let current: Harness | undefined;
  beforeAll(async () => {
    current = await startHarness();
  });
  afterAll(async () => {
    await current?.close();
  });
  return new Proxy({} as Harness, {
    get(_target, property) {
      if (!current) throw new Error('The harness is only available inside hooks and tests');
      const value = (current as unknown as Record<string | symbol, unknown>)[property];
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}
