/**
 * Rate limiting per workspace: a token bucket of cost points sized by the workspace's plan. Over
 * budget → RATE_LIMITED (HTTP 429, Retry-After, extensions.retryAfterSeconds) and nothing runs; the
 * bucket refills over time; other workspaces and platform keys are not affected. The memory store
 * is per app instance; the PostgreSQL store is one bucket for every instance on the database.
 */
import { TestTenant, dataOf, errorCodes, testAppConfig, useHarness } from '../support/harness';
import { CHANGE_PLAN } from '../support/tenant-lifecycle-helpers';
import { globalId } from '../support/security-helpers';
import { RunningApp, startApp } from '../../src/server';
import { clientOf, costOf, planWithBucket, postJson, sleep, viewers } from './limits-helpers';

const harness = useHarness();
/** 100 points, 10 restored per second: five 20-point requests empty it. */
let tiny: string;
/** 20 root fields, 20 points requested and 20 actually spent (the viewer never comes back short), no SQL. */
const TWENTY = viewers(20);

beforeAll(async () => {
  tiny = await planWithBucket(harness, { size: 100, refillPerSecond: 10 });
});

const onTinyPlan = (name: string): Promise<TestTenant> => harness.createTenant({ name, planCode: tiny });

/** Starts another app instance on the same database; stopped by the test that started it. */
const startInstance = (rateLimitStore: 'memory' | 'postgres'): Promise<RunningApp> => startApp(testAppConfig({ rateLimitStore }), harness.dataSource);

describe('a plan with a small bucket (memory store)', () => {
  test('the plan shows its bucket; upsertPlan keeps it when left out', async () => {
    const plans = dataOf(await harness.platform.request('{ plans { code rateLimitBucketSize rateLimitRefillPerSecond } }')).plans;
    expect(plans).toEqual(expect.arrayContaining([{ code: tiny, rateLimitBucketSize: 100, rateLimitRefillPerSecond: 10 }]));
    expect(plans.find((p: { code: string }) => p.code === 'professional')).toEqual({ code: 'professional', rateLimitBucketSize: 10000, rateLimitRefillPerSecond: 500 });
    const again = dataOf(
      await harness.platform.request(
        'mutation($input: UpsertPlanInput!) { upsertPlan(input: $input) { plan { rateLimitBucketSize rateLimitRefillPerSecond } userErrors { field code } } }',
        { input: { code: tiny, name: 'Renamed', seatLimit: 50, recordLimit: 1000 } },
      ),
    ).upsertPlan;
    expect(again).toEqual({ plan: { rateLimitBucketSize: 100, rateLimitRefillPerSecond: 10 }, userErrors: [] });
  });

  test('a bucket size below 1 is a userError', async () => {
    const payload = dataOf(
      await harness.platform.request('mutation($input: UpsertPlanInput!) { upsertPlan(input: $input) { plan { code } userErrors { field code } } }', {
        input: { code: 'rl-zero', name: 'Zero', seatLimit: 1, recordLimit: 1, rateLimitBucketSize: 0 },
      }),
    ).upsertPlan;
    expect(payload).toEqual({ plan: null, userErrors: [{ field: ['input', 'rateLimitBucketSize'], code: 'OUT_OF_RANGE' }] });
  });

  test('over budget: RATE_LIMITED with Retry-After, nothing run; refilled after that time; other workspaces unaffected', async () => {
    const drained = await onTinyPlan('Drained');
    const neighbour = await onTinyPlan('Neighbour');
    for (let i = 0; i < 5; i++) {
      const response = await drained.client.request(TWENTY);
      expect(response.errors).toBeUndefined();
      expect(costOf(response)).toMatchObject({ requestedQueryCost: 20, actualQueryCost: 20 });
    }
    const refused = await postJson(harness.url, { query: TWENTY }, drained.token);
    expect(refused.status).toBe(429);
    const error = refused.body.errors[0];
    expect(error.extensions.code).toBe('RATE_LIMITED');
    expect(error.message).toMatch(/costs 20 points and the workspace has \d+ of 100 available \(10 restored per second\); retry in \d+ s/);
    const retryAfter: number = error.extensions.retryAfterSeconds;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    expect(refused.headers.get('retry-after')).toBe(String(retryAfter));
    expect(refused.body.data ?? null).toBeNull();
    expect(refused.body.extensions.cost).toMatchObject({ requestedQueryCost: 20, actualQueryCost: 0, throttleStatus: { maximumAvailable: 100, restoreRate: 10 } });
    expect(refused.body.extensions.cost.throttleStatus.currentlyAvailable).toBeLessThan(20);

    // Another workspace on the same plan has its own bucket.
    expect((await neighbour.client.request(TWENTY)).errors).toBeUndefined();
    // A cheaper operation may still fit; this one waits for the refill.
    await sleep(retryAfter * 1000 + 100);
    const refilled = await drained.client.request(TWENTY);
    expect(refilled.errors).toBeUndefined();
  });

  test('a refused operation runs nothing: a mutation over budget writes nothing', async () => {
    const drained = await onTinyPlan('Writes');
    for (let i = 0; i < 5; i++) dataOf(await drained.client.request(TWENTY));
    // 31 points (10 + account 1 + userErrors 20): refused unless 3 s of refill went by.
    const refused = await drained.client.request('mutation { createAccount(input: { name: "Too late" }) { account { id } userErrors { message } } }');
    expect(errorCodes(refused)).toEqual(['RATE_LIMITED']);
    // Only the credential lookup ran (the memory store needs no SQL).
    const baseline = await harness.platform.request('{ viewer { kind } }');
    expect(refused.extensions?.sqlStatements).toBe(baseline.extensions?.sqlStatements);
    await sleep(1200);
    expect(dataOf(await drained.client.request('{ accounts(first: 1) { totalCount } }')).accounts.totalCount).toBe(0);
  });

  test('an operation dearer than the whole bucket is QUERY_TOO_COMPLEX (it could never run), not RATE_LIMITED', async () => {
    const small = await onTinyPlan('Small');
    const response = await small.client.request('{ accounts(first: 100) { nodes { owner { name } } } }');
    expect(errorCodes(response)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(response.errors![0].message).toMatch(/costs 200 points, more than the 100 the workspace's plan allows at once/);
  });

  test('a workspace moved to a bigger plan gets its bucket on the next request (what was left carries over, refilled at the new rate)', async () => {
    const growing = await onTinyPlan('Growing');
    for (let i = 0; i < 5; i++) dataOf(await growing.client.request(TWENTY));
    expect(errorCodes(await growing.client.request(TWENTY))).toEqual(['RATE_LIMITED']);
    const changed = dataOf(await harness.platform.request(CHANGE_PLAN, { input: { tenantId: globalId('Tenant', growing.tenant.id), planCode: 'professional' } })).changeTenantPlan;
    expect(changed.userErrors).toEqual([]);
    // 500 points per second: 100 ms is plenty for 20 points (the old plan's 10 per second would need 2 s).
    await sleep(100);
    const response = await growing.client.request(TWENTY);
    expect(response.errors).toBeUndefined();
    expect(costOf(response).throttleStatus).toMatchObject({ maximumAvailable: 10000, restoreRate: 500 });
  });

  test('platform keys have no bucket', async () => {
    for (let i = 0; i < 8; i++) {
      const response = await harness.platform.request(TWENTY);
      expect(response.errors).toBeUndefined();
      expect(costOf(response).throttleStatus).toBeNull();
    }
  });

  test('anonymous sign-in attempts are not charged to the workspace (they have their own throttle)', async () => {
    const workspace = await onTinyPlan('Sign-in');
    const before = costOf(await workspace.client.request('{ viewer { kind } }')).throttleStatus.currentlyAvailable;
    const login = 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }';
    for (let i = 0; i < 3; i++) {
      const attempt = await harness.anonymous.request(login, { input: { workspace: workspace.tenant.slug, email: 'nobody@signin.example', password: 'wrong password' } }, { 'x-forwarded-for': '203.0.113.77' });
      expect(attempt.errors?.length).toBeGreaterThan(0);
      expect(costOf(attempt).throttleStatus).toBeNull();
    }
    const after = costOf(await workspace.client.request('{ viewer { kind } }')).throttleStatus.currentlyAvailable;
    expect(after).toBeGreaterThanOrEqual(before - 1);
  });

  test('the memory store is per app instance: another instance has its own bucket', async () => {
    const workspace = await onTinyPlan('Per instance');
    const other = await startInstance('memory');
    try {
      for (let i = 0; i < 5; i++) dataOf(await workspace.client.request(TWENTY));
      expect(errorCodes(await workspace.client.request(TWENTY))).toEqual(['RATE_LIMITED']);
      const elsewhere = await clientOf(other.url, workspace.token).request(TWENTY);
      expect(elsewhere.errors).toBeUndefined();
    } finally {
      await other.stop();
    }
  });
});

describe('the PostgreSQL store: one bucket for every app instance', () => {
  test('requests spread over two instances drain the same bucket; it refills for both', async () => {
    const workspace = await onTinyPlan('Shared');
    const [a, b] = await Promise.all([startInstance('postgres'), startInstance('postgres')]);
    try {
      const clients = [clientOf(a.url, workspace.token), clientOf(b.url, workspace.token)];
      for (let i = 0; i < 5; i++) {
        const response = await clients[i % 2].request(TWENTY);
        expect(response.errors).toBeUndefined();
        expect(costOf(response).throttleStatus).toMatchObject({ maximumAvailable: 100, restoreRate: 10 });
      }
      const refused = await postJson(b.url, { query: TWENTY }, workspace.token);
      expect(refused.status).toBe(429);
      expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
      const retryAfter = refused.body.errors[0].extensions.retryAfterSeconds;
      expect(refused.headers.get('retry-after')).toBe(String(retryAfter));
      expect(errorCodes(await clients[0].request(TWENTY))).toEqual(['RATE_LIMITED']);

      // The row both instances share.
      const [row] = await harness.dataSource.query('SELECT tokens FROM control.rate_limit_buckets WHERE tenant_id = $1', [workspace.tenant.id]);
      expect(row.tokens).toBeLessThan(20);

      await sleep(retryAfter * 1000 + 100);
      expect((await clients[0].request(TWENTY)).errors).toBeUndefined();
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  test('parallel requests on both instances never overspend: exactly five of ten fit', async () => {
    const workspace = await onTinyPlan('Parallel');
    const [a, b] = await Promise.all([startInstance('postgres'), startInstance('postgres')]);
    try {
      const clients = [clientOf(a.url, workspace.token), clientOf(b.url, workspace.token)];
      const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => clients[i % 2].request(TWENTY)));
      const allowed = responses.filter((r) => !r.errors);
      expect(allowed).toHaveLength(5);
      expect(responses.filter((r) => errorCodes(r)[0] === 'RATE_LIMITED')).toHaveLength(5);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  test('refunds reach the shared bucket: a short page spends only what it returned', async () => {
    const workspace = await onTinyPlan('Refunds');
    const [a, b] = await Promise.all([startInstance('postgres'), startInstance('postgres')]);
    try {
      // 50 requested, 1 actual (no accounts): the other 49 go back; repeated, it never runs out.
      for (let i = 0; i < 6; i++) {
        const response = await clientOf([a, b][i % 2].url, workspace.token).request('{ accounts(first: 50) { nodes { name } } }');
        expect(response.errors).toBeUndefined();
        expect(costOf(response)).toMatchObject({ requestedQueryCost: 50, actualQueryCost: 1 });
      }
      const [row] = await harness.dataSource.query('SELECT tokens FROM control.rate_limit_buckets WHERE tenant_id = $1', [workspace.tenant.id]);
      expect(row.tokens).toBeGreaterThanOrEqual(100 - 6);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});
