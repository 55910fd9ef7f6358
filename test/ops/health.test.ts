/**
 * Probes: /healthz (liveness, no database access) and /readyz (database reachable, control-plane
 * migrations applied, no workspace schema behind the code).
 *
 * "Not ready" states are made in a database of their own (same server, created and dropped here):
 * a workspace behind or a missing migration in the shared test database would disturb the other
 * test files that check the whole fleet. The throwaway workspace is a control row only, so no
 * cluster-wide role is created.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { allEntities } from '../../src/modules';
import { createOps } from '../../src/ops/ops';
import { latestTenantVersion, runControlMigrations } from '../../src/platform/migrations';
import { RunningApp, startApp } from '../../src/server';
import { testAppConfig, useHarness } from '../support/harness';
import { baseOf, send } from './ops-helpers';

const harness = useHarness();

test('/healthz and /readyz of a migrated instance answer 200', async () => {
  const base = baseOf(harness.url);
  const health = await send(`${base}/healthz`);
  expect(health.status).toBe(200);
  expect(health.body).toEqual({ status: 'ok' });
  const ready = await send(`${base}/readyz`);
  expect(ready.status).toBe(200);
  expect(ready.body).toEqual({ status: 'ready', checks: { database: 'ok', controlMigrations: 'current', tenantSchemas: 'current' } });
});

test('once shutdown has begun, /readyz answers 503 so that load balancers stop sending traffic', async () => {
  const ops = createOps({ production: false, logLevel: 'silent', corsOrigins: [], maxBodyBytes: 1024 }, harness.dataSource);
  const server = http.createServer(express().use(ops.probes)).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/readyz`;
  try {
    expect((await send(url)).status).toBe(200);
    ops.beginShutdown();
    const stopping = await send(url);
    expect(stopping.status).toBe(503);
    expect(stopping.body).toEqual({ status: 'not_ready', reason: 'shutting down' });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('in a database of its own', () => {
  const name = `ops_ready_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;
  let app: RunningApp;
  let base: string;

  beforeAll(async () => {
    await harness.dataSource.query(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    dataSource = await createDataSource({ url: url.toString(), poolSize: 2, entities: allEntities() });
    app = await startApp(testAppConfig(), dataSource);
    base = baseOf(app.url);
  });

  afterAll(async () => {
    await app?.stop();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await harness.dataSource.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  test('before the migrations ran: 503 with the reason', async () => {
    const ready = await send(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'not_ready', reason: expect.stringMatching(/migrations not run/) });
    expect((await send(`${base}/healthz`)).status).toBe(200);
  });

  test('migrated: 200; a workspace schema behind: 503 until it is brought back', async () => {
    await runControlMigrations(dataSource);
    const id = randomUUID();
    const suffix = randomBytes(6).toString('hex');
    await dataSource.query(
      `INSERT INTO control.tenants (id, slug, name, schema_name, role_name, schema_version, plan_code, seats) VALUES ($1, $2, 'Throwaway', $3, $4, $5, 'starter', 5)`,
      [id, `ready-${suffix}`, `t_ready_${suffix}`, `t_ready_${suffix}_role`, latestTenantVersion()],
    );
    expect((await send(`${base}/readyz`)).status).toBe(200);

    await dataSource.query('UPDATE control.tenants SET schema_version = schema_version - 1 WHERE id = $1', [id]);
    const behind = await send(`${base}/readyz`);
    expect(behind.status).toBe(503);
    expect(behind.body).toEqual({ status: 'not_ready', reason: "1 workspace schema(s) behind the code's version" });
    // The reason names no workspace: /readyz is unauthenticated.
    expect(behind.text).not.toContain(suffix);

    await dataSource.query('UPDATE control.tenants SET schema_version = $2 WHERE id = $1', [id, latestTenantVersion()]);
    expect((await send(`${base}/readyz`)).status).toBe(200);
  });

  test('a control-plane migration not applied: 503', async () => {
    const [last] = await dataSource.query('SELECT name, applied_at FROM control.migrations ORDER BY name DESC LIMIT 1');
    await dataSource.query('DELETE FROM control.migrations WHERE name = $1', [last.name]);
    try {
      const ready = await send(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(ready.body.reason).toBe('1 control-plane migration(s) not applied');
    } finally {
      await dataSource.query('INSERT INTO control.migrations (name, applied_at) VALUES ($1, $2)', [last.name, last.applied_at]);
    }
    expect((await send(`${base}/readyz`)).status).toBe(200);
  });

  test('no free connection for the check within 3 s: 503, while /healthz still answers', async () => {
    const holders = await Promise.all([1, 2].map(async () => {
      const runner = dataSource.createQueryRunner();
      await runner.connect();
      return runner;
    }));
    try {
      const started = Date.now();
      const [ready, health] = await Promise.all([send(`${base}/readyz`), send(`${base}/healthz`)]);
      expect(ready.status).toBe(503);
      expect(ready.body.reason).toMatch(/did not answer within 3000 ms/);
      expect(Date.now() - started).toBeLessThan(6000);
      expect(health.status).toBe(200);
    } finally {
      for (const runner of holders) await runner.release();
    }
    expect((await send(`${base}/readyz`)).status).toBe(200);
  });

  test('the database gone: /readyz 503, /healthz (liveness, no database access) 200', async () => {
    await dataSource.destroy();
    const ready = await send(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.body.status).toBe('not_ready');
    expect((await send(`${base}/healthz`)).body).toEqual({ status: 'ok' });
  });
});
