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
import { developmentKeyring } from '../../src/platform/encryption';
import { runControlMigrations } from '../../src/platform/migrations';
import { toGlobalId } from '../../src/graphql/global-id';
import { ensureUser } from '../../src/modules/workspace';
import { TenantRecord, inTenantScope, provisionTenant } from '../../src/platform/tenants';
import { AppConfig, RunningApp, startApp } from '../../src/server';

export interface GraphQLResponse<D = Record<string, any>> {
  status: number;
  data?: D | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
  extensions?: Record<string, any>;
}

export interface Client {
  request<D = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<D>>;
}

export interface TestTenant {
  tenant: TenantRecord;
  token: string;
  client: Client;
}

export interface TestUser {
  uuid: string;
  id: string;
  email: string;
  name: string;
}

export interface Harness {
  dataSource: DataSource;
  app: RunningApp;
  url: string;
  platform: Client;
  anonymous: Client;
  client(token?: string): Client;
  /** A fresh workspace and a key for it (role: a role key, default admin). */
  createTenant(options?: { role?: string; name?: string; planCode?: string; resellerId?: string; seats?: number }): Promise<TestTenant>;
  /** Adds an active user straight into the workspace's schema (no invitation); returns its UUID and global ID. */
  addUser(tenant: TenantRecord, user: { email?: string; name?: string; role: string; teamIds?: string[] }): Promise<TestUser>;
  /** A new workspace key with a role, optionally acting for a user (UUID). */
  keyFor(tenant: TenantRecord, options: { role: string; userId?: string | null; readOnly?: boolean }): Promise<{ token: string; client: Client }>;
  close(): Promise<void>;
}

/** The server settings tests run with (development defaults, a random signing key, jobs off). */
export const testAppConfig = (overrides: Partial<AppConfig> = {}): AppConfig => ({
  port: 0,
  host: '127.0.0.1',
  usageFlushMs: 60_000,
  jobsIntervalMs: 0,
  statementTimeoutMs: 5000,
  exposeSqlCount: true,
  introspection: true,
  production: false,
  sessionSigningKey: randomBytes(32).toString('base64url'),
  accessTokenTtlSeconds: 900,
  refreshTokenTtlSeconds: 3600,
  invitationTtlSeconds: 3600,
  // Tests name their client address with X-Forwarded-For (sign-in throttling counts per address).
  trustProxy: 'loopback',
  // The production defaults of the operation limits (src/config.ts); a test needing more passes its own.
  maxQueryDepth: 10,
  maxQueryCost: 1000,
  maxAliases: 30,
  maxRootFields: 20,
  maxDocumentBytes: 32 * 1024,
  maxBatchOperations: 10,
  rateLimitStore: 'memory',
  // Quiet unless LOG_LEVEL is set; a test that reads log lines passes its own `logger`.
  logLevel: process.env.LOG_LEVEL || 'silent',
  corsOrigins: ['http://localhost:*', 'http://127.0.0.1:*'],
  maxBodyBytes: 1024 * 1024,
  shutdownGraceMs: 5000,
  dataMasterKeys: developmentKeyring(),
  ...overrides,
});

export const uniqueSlug = (prefix = 't'): string => `${prefix}-${randomBytes(5).toString('hex')}`;

/** `appConfig`: settings of the harness's app beyond testAppConfig's defaults (e.g. a `logger` to read). */
export async function startHarness(appConfig: Partial<AppConfig> = {}): Promise<Harness> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (the jest global setup starts a database)');
  const dataSource = await createDataSource({ url, poolSize: 5, entities: allEntities() });
  await runControlMigrations(dataSource);
  const config = testAppConfig(appConfig);
  const app = await startApp(config, dataSource);
  const client = (token?: string): Client => ({
    async request(query, variables, headers = {}) {
      const response = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
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
        { slug: uniqueSlug(), name: options.name ?? 'Test workspace', planCode: options.planCode ?? 'professional', seats: options.seats ?? 10, resellerId: options.resellerId },
        { keyring: config.dataMasterKeys },
      );
      const { token } = await createApiKey(dataSource, { kind: 'tenant', tenantId: tenant.id, role: options.role ?? 'admin', name: 'test key' });
      return { tenant, token, client: client(token) };
    },
    async addUser(tenant, user) {
      const email = user.email ?? `${randomBytes(4).toString('hex')}@users.example`;
      const name = user.name ?? email.split('@')[0];
      const runner = dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.query('BEGIN');
        const created = await inTenantScope(runner, tenant, async (db) => {
          const row = await ensureUser(db, { email, name, role: user.role });
          for (const teamId of user.teamIds ?? []) await db.query('INSERT INTO team_members (team_id, user_id) VALUES ($1, $2)', [teamId, row.id]);
          return row;
        });
        await runner.query('COMMIT');
        return { uuid: created.id, id: toGlobalId('User', created.id), email, name };
      } catch (error) {
        await runner.query('ROLLBACK');
        throw error;
      } finally {
        await runner.release();
      }
    },
    async keyFor(tenant, options) {
      const { token } = await createApiKey(dataSource, { kind: 'tenant', tenantId: tenant.id, role: options.role, userId: options.userId ?? null, readOnly: options.readOnly, name: 'test key' });
      return { token, client: client(token) };
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
export function useHarness(appConfig: Partial<AppConfig> = {}): Harness {
  let current: Harness | undefined;
  beforeAll(async () => {
    current = await startHarness(appConfig);
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
