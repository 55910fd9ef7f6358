/**
 * The RateLimitStore contract, for both stores: take only when the points are there, refuse with
 * the seconds until they are, refund up to the bucket's size, follow a plan that shrank; and the
 * memory store's refill against a controlled clock.
 */
import { useHarness } from '../support/harness';
import { withSqlTally } from '../../src/db/sql-counter';
import { MemoryRateLimitStore, PostgresRateLimitStore, RateLimitStore } from '../../src/platform/rate-limit';

const harness = useHarness();
const bucket = { size: 100, refillPerSecond: 1 };

const stores: [string, () => RateLimitStore][] = [
  ['memory', () => new MemoryRateLimitStore()],
  ['postgres', () => new PostgresRateLimitStore(harness.dataSource)],
];

describe.each(stores)('%s store', (_name, makeStore) => {
  test('takes while the bucket holds enough, then refuses without taking; refunds up to the size', async () => {
    const store = makeStore();
    const { tenant } = await harness.createTenant();
    expect(await store.take(tenant.id, 30, bucket)).toEqual({ allowed: true, remaining: 70, retryAfterSeconds: 0 });
    const refused = await store.take(tenant.id, 80, bucket);
    expect(refused.allowed).toBe(false);
    expect(refused.remaining).toBeGreaterThanOrEqual(70);
    expect(refused.remaining).toBeLessThan(72);
    // 10 points short at 1 point per second.
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(9);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(10);
    const taken = await store.take(tenant.id, 70, bucket);
    expect(taken.allowed).toBe(true);
    expect(taken.remaining).toBeLessThan(2);
    expect(await store.refund(tenant.id, 40, bucket)).toBeGreaterThanOrEqual(40);
    expect(await store.refund(tenant.id, 500, bucket)).toBe(100);
  });

  test('a bucket that shrank (plan changed) caps what is left', async () => {
    const store = makeStore();
    const { tenant } = await harness.createTenant();
    await store.take(tenant.id, 1, bucket);
    const smaller = await store.take(tenant.id, 1, { size: 10, refillPerSecond: 1 });
    expect(smaller).toEqual({ allowed: true, remaining: 9, retryAfterSeconds: 0 });
  });

  test('workspaces have separate buckets', async () => {
    const store = makeStore();
    const [one, two] = await Promise.all([harness.createTenant(), harness.createTenant()]);
    await store.take(one.tenant.id, 100, bucket);
    expect((await store.take(one.tenant.id, 10, bucket)).allowed).toBe(false);
    expect((await store.take(two.tenant.id, 10, bucket)).allowed).toBe(true);
  });
});

test('postgres: a take is one statement, a refund one more', async () => {
  const store = new PostgresRateLimitStore(harness.dataSource);
  const { tenant } = await harness.createTenant();
  const tally = { statements: 0 };
  await withSqlTally(tally, () => store.take(tenant.id, 10, bucket));
  expect(tally.statements).toBe(1);
  await withSqlTally(tally, () => store.refund(tenant.id, 5, bucket));
  expect(tally.statements).toBe(2);
});

test('memory: refills continuously at the plan rate, never beyond the size', async () => {
  let now = 0;
  const store = new MemoryRateLimitStore(() => now);
  const fast = { size: 100, refillPerSecond: 10 };
  expect((await store.take('t', 100, fast)).remaining).toBe(0);
  expect(await store.take('t', 25, fast)).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 3 });
  now += 2500;
  expect(store.peek('t', fast)).toBe(25);
  expect(await store.take('t', 25, fast)).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 0 });
  now += 60_000;
  expect(store.peek('t', fast)).toBe(100);
  expect(store.peek('unknown', fast)).toBe(100);
});
