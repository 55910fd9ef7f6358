/**
 * GET /metrics: Prometheus text with request durations by operation type, errors by code, pool
 * usage, active workspaces and process metrics; labels from fixed sets only (no label per
 * workspace, operation name or client value); guarded by METRICS_TOKEN, off in production without one.
 */
import { ERROR_CODES, REQUEST_ERROR_CODES } from '../../src/graphql/errors';
import { ACTIVE_TENANT_WINDOW_MS, AppMetrics, OPERATION_TYPES, errorCodeLabel } from '../../src/ops/metrics';
import { RunningApp, startApp } from '../../src/server';
import { TestTenant, dataOf, testAppConfig, useHarness } from '../support/harness';
import { CREATE_ACCOUNT } from '../support/operations';
import { baseOf, post, send } from './ops-helpers';

const harness = useHarness();
let tenants: TestTenant[];

beforeAll(async () => {
  tenants = await Promise.all([1, 2, 3].map(() => harness.createTenant()));
});

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of an exposition text (comment lines skipped). */
function samples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels: Record<string, string> = {};
      for (const pair of (match[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]] = pair[2];
      return { name: match[1], labels, value: Number(match[4]) };
    });
}

const value = (all: Sample[], name: string, labels: Record<string, string> = {}): number | undefined =>
  all.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

test('after requests from several workspaces: durations by operation type, errors by code, pool, active workspaces, process', async () => {
  for (const { client } of tenants) {
    dataOf(await client.request('query ListForMetrics { accounts { totalCount } }'));
    dataOf(await client.request(CREATE_ACCOUNT, { input: { name: 'Metered' } }));
  }
  await post(harness.url, 'tnt_tenant_abcdefghijkl_' + 'x'.repeat(40), '{ accounts { totalCount } }');
  await tenants[0].client.request('{ accounts { nope } }');

  // Some kernels account CPU time in scheduler ticks: a few light requests may show none yet, so
  // spend 50 ms of user time for sure; the counter must then be above zero.
  const spinFrom = process.cpuUsage().user;
  while (process.cpuUsage().user - spinFrom < 50_000) Math.sqrt(Math.random());

  const answer = await send(`${baseOf(harness.url)}/metrics`);
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const all = samples(answer.text);

  expect(value(all, 'graphql_request_duration_seconds_count', { operation_type: 'query' })).toBeGreaterThanOrEqual(3);
  expect(value(all, 'graphql_request_duration_seconds_count', { operation_type: 'mutation' })).toBeGreaterThanOrEqual(3);
  expect(value(all, 'graphql_request_duration_seconds_bucket', { operation_type: 'query', le: '+Inf' })).toBeGreaterThanOrEqual(3);
  // Refused before an operation was known.
  expect(value(all, 'graphql_request_duration_seconds_count', { operation_type: 'none' })).toBeGreaterThanOrEqual(1);
  expect(value(all, 'graphql_errors_total', { code: 'UNAUTHENTICATED' })).toBeGreaterThanOrEqual(1);
  expect(value(all, 'graphql_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBeGreaterThanOrEqual(1);
  expect(value(all, 'tenants_active')).toBeGreaterThanOrEqual(3);
  expect(value(all, 'db_pool_max_connections')).toBe(5);
  expect(value(all, 'db_pool_connections')).toBeGreaterThanOrEqual(1);
  expect(value(all, 'db_pool_idle_connections')).toBeGreaterThanOrEqual(0);
  expect(value(all, 'db_pool_waiting_requests')).toBe(0);
  expect(value(all, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  expect(value(all, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
});

test('labels are bounded: no workspace, operation name or token in any series', async () => {
  const text = (await send(`${baseOf(harness.url)}/metrics`)).text;
  for (const { tenant, token } of tenants) {
    expect(text).not.toContain(tenant.id);
    expect(text).not.toContain(tenant.slug);
    expect(text).not.toContain(token);
  }
  expect(text).not.toContain('ListForMetrics');
  const ours = samples(text).filter((s) => /^(graphql_|db_pool_|tenants_)/.test(s.name));
  const allowedCodes = new Set<string>([...ERROR_CODES, ...REQUEST_ERROR_CODES, 'OTHER']);
  for (const sample of ours) {
    for (const [label, labelValue] of Object.entries(sample.labels)) {
      expect(['operation_type', 'code', 'le']).toContain(label);
      if (label === 'operation_type') expect(OPERATION_TYPES).toContain(labelValue);
      if (label === 'code') expect(allowedCodes.has(labelValue)).toBe(true);
    }
  }
  // One series per operation type and bucket, whatever the number of workspaces.
  expect(ours.filter((s) => s.name === 'graphql_request_duration_seconds_count').length).toBeLessThanOrEqual(OPERATION_TYPES.length);
});

test('an error code outside the documented set is counted as OTHER; active workspaces leave the count after 5 minutes', async () => {
  expect(errorCodeLabel('SOMETHING_A_CLIENT_MADE_UP')).toBe('OTHER');
  expect(errorCodeLabel(undefined)).toBe('OTHER');
  expect(errorCodeLabel('TIMEOUT')).toBe('TIMEOUT');

  let now = 1_000_000;
  const metrics = new AppMetrics(harness.dataSource, () => now);
  metrics.observeRequest({ operationType: 'query', durationSeconds: 0.01, errorCodes: ['SOMETHING_A_CLIENT_MADE_UP', 'FORBIDDEN', 'FORBIDDEN'], tenantId: 'a' });
  metrics.observeRequest({ operationType: 'evil"type', durationSeconds: 0.01, errorCodes: [], tenantId: 'b' });
  now += ACTIVE_TENANT_WINDOW_MS / 2;
  metrics.observeRequest({ operationType: 'mutation', durationSeconds: 0.01, errorCodes: [], tenantId: 'a' });
  const all = samples(await metrics.registry.metrics());
  expect(value(all, 'graphql_errors_total', { code: 'OTHER' })).toBe(1);
  // Counted once per request, however many fields failed with the code.
  expect(value(all, 'graphql_errors_total', { code: 'FORBIDDEN' })).toBe(1);
  expect(value(all, 'graphql_request_duration_seconds_count', { operation_type: 'none' })).toBe(1);
  expect(value(all, 'tenants_active')).toBe(2);
  now += ACTIVE_TENANT_WINDOW_MS / 2 + 1;
  expect(metrics.activeTenants()).toBe(1);
  now += ACTIVE_TENANT_WINDOW_MS;
  expect(metrics.activeTenants()).toBe(0);
});

describe('access', () => {
  const TOKEN = 'metrics-token-0123456789';
  const apps: RunningApp[] = [];
  afterAll(async () => {
    for (const app of apps) await app.stop();
  });
  const start = async (overrides: Parameters<typeof testAppConfig>[0]) => {
    const app = await startApp(testAppConfig(overrides), harness.dataSource);
    apps.push(app);
    return `${baseOf(app.url)}/metrics`;
  };

  test('with METRICS_TOKEN set, a Bearer token is required', async () => {
    const url = await start({ metricsToken: TOKEN });
    const none = await send(url);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await send(url, { headers: { authorization: 'Bearer wrong-token-of-some-length' } })).status).toBe(401);
    expect((await send(url, { headers: { authorization: TOKEN } })).status).toBe(401);
    const ok = await send(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('graphql_request_duration_seconds');
  });

  test('in production /metrics is off without a token and guarded with one', async () => {
    const off = await send(await start({ production: true, introspection: false, exposeSqlCount: false }));
    expect(off.status).toBe(404);
    expect(off.text).not.toContain('graphql_');
    const guarded = await start({ production: true, introspection: false, exposeSqlCount: false, metricsToken: TOKEN });
    expect((await send(guarded)).status).toBe(401);
    expect((await send(guarded, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });
});
