/**
 * Usage per workspace and day: requests and cost points counted in memory and flushed in one
 * statement, record counts and storage from snapshotStorage; tenantUsage for the platform and the
 * owning reseller, resellerUsage totals, and period validation.
 */
import { GraphQLResponse, dataOf, errorCodes, useHarness } from '../support/harness';
import { CREATE_ACCOUNT, CREATE_CONTACT, DELETE_ACCOUNT } from '../support/operations';
import { randomGlobalId } from '../support/security-helpers';
import {
  ProvisionedTenant,
  RESELLER_USAGE,
  TENANT_USAGE,
  TestReseller,
  createTestReseller,
  provisionThrough,
  todayUtc,
} from '../support/tenant-lifecycle-helpers';
import { withSqlTally } from '../../src/db/sql-counter';
import { snapshotStorage } from '../../src/platform/usage';

const harness = useHarness();
let reseller: TestReseller;
let other: TestReseller;
let busy: ProvisionedTenant;
let quiet: ProvisionedTenant;
const today = todayUtc();
/** Cost points each workspace spent in beforeAll: the actual costs its responses reported (extensions.cost). */
const spent = { busy: 0, quiet: 0 };
const counted = (workspace: keyof typeof spent) => (response: GraphQLResponse): GraphQLResponse => {
  spent[workspace] += response.extensions?.cost?.actualQueryCost;
  return response;
};

beforeAll(async () => {
  [reseller, other] = await Promise.all([createTestReseller(harness, 'Usage Partners'), createTestReseller(harness, 'Other Partners')]);
  busy = await provisionThrough(harness, reseller.client, { planCode: 'professional', seats: 2 });
  quiet = await provisionThrough(harness, reseller.client, { planCode: 'starter', seats: 1 });
  // busy: 3 creates + 1 delete + 2 reads = 6 operations; quiet: 2 reads. Control-plane calls are not workspace usage.
  const created = [];
  for (const name of ['A', 'B']) created.push(dataOf(counted('busy')(await busy.admin.request(CREATE_ACCOUNT, { input: { name } }))).createAccount.account);
  dataOf(counted('busy')(await busy.admin.request(CREATE_CONTACT, { input: { lastName: 'Counted' } })));
  dataOf(counted('busy')(await busy.admin.request(DELETE_ACCOUNT, { input: { id: created[1].id } })));
  dataOf(counted('busy')(await busy.admin.request('{ accounts { totalCount } }')));
  dataOf(counted('busy')(await busy.admin.request('{ contacts { totalCount } }')));
  dataOf(counted('quiet')(await quiet.admin.request('{ accounts { totalCount } }')));
  dataOf(counted('quiet')(await quiet.admin.request('{ viewer { kind } }')));
  // Mutations cost at least 10 points each, reads at least 1.
  expect(spent.busy).toBeGreaterThanOrEqual(4 * 10 + 2);
  expect(spent.quiet).toBeGreaterThanOrEqual(2);
});

describe('request counting', () => {
  test('nothing is written per request; flush writes every pending workspace in ONE statement (and all keys\' last use in one more)', async () => {
    const before = await harness.dataSource.query('SELECT count(*)::int AS n FROM control.usage_daily WHERE tenant_id = ANY($1::uuid[])', [[busy.uuid, quiet.uuid]]);
    expect(before[0].n).toBe(0);
    const tally = { statements: 0 };
    await withSqlTally(tally, () => harness.app.usage.flush());
    expect(tally.statements).toBe(2);
    const rows = await harness.dataSource.query(
      `SELECT tenant_id, to_char(day, 'YYYY-MM-DD') AS day, api_requests::int AS requests, cost_points::int AS cost
         FROM control.usage_daily WHERE tenant_id = ANY($1::uuid[]) ORDER BY api_requests DESC`,
      [[busy.uuid, quiet.uuid]],
    );
    expect(rows).toEqual([
      { tenant_id: busy.uuid, day: today, requests: 6, cost: spent.busy },
      { tenant_id: quiet.uuid, day: today, requests: 2, cost: spent.quiet },
    ]);
  });

  test('a later flush adds to the same day row instead of replacing it', async () => {
    dataOf(counted('quiet')(await quiet.admin.request('{ viewer { kind } }')));
    await harness.app.usage.flush();
    const usage = dataOf(await harness.platform.request(TENANT_USAGE, { tenantId: quiet.id, from: today, to: today })).tenantUsage;
    expect(usage).toEqual([{ day: today, apiRequests: 3, costPoints: spent.quiet, recordCount: null, storageBytes: null }]);
  });
});

describe('storage snapshot', () => {
  test('snapshotStorage records live records (recycle bin excluded) and schema size for the day', async () => {
    expect(await snapshotStorage(harness.dataSource, [busy.uuid])).toBe(1);
    const [day] = dataOf(await harness.platform.request(TENANT_USAGE, { tenantId: busy.id, from: today, to: today })).tenantUsage;
    // Accounts A (B is in the recycle bin) + contact Counted.
    expect(day).toMatchObject({ day: today, apiRequests: 6, costPoints: spent.busy, recordCount: 2 });
    expect(day.storageBytes).toBeGreaterThan(0);

    // A second snapshot the same day replaces the counts and keeps the request totals.
    dataOf(await busy.admin.request(CREATE_ACCOUNT, { input: { name: 'C' } }));
    await snapshotStorage(harness.dataSource, [busy.uuid]);
    const [again] = dataOf(await harness.platform.request(TENANT_USAGE, { tenantId: busy.id, from: today, to: today })).tenantUsage;
    expect(again).toMatchObject({ apiRequests: 6, recordCount: 3 });
    await harness.app.usage.flush();
  });
});

describe('who may read usage', () => {
  test('the owning reseller reads the same rows as the platform', async () => {
    const byPlatform = dataOf(await harness.platform.request(TENANT_USAGE, { tenantId: busy.id, from: today, to: today })).tenantUsage;
    const byReseller = dataOf(await reseller.client.request(TENANT_USAGE, { tenantId: busy.id, from: today, to: today })).tenantUsage;
    expect(byReseller).toEqual(byPlatform);
    expect(byReseller).toHaveLength(1);
  });

  test('another reseller: NOT_FOUND, exactly as for an unknown workspace, and no numbers', async () => {
    const foreign = await other.client.request(TENANT_USAGE, { tenantId: busy.id, from: today, to: today });
    const unknown = await other.client.request(TENANT_USAGE, { tenantId: randomGlobalId('Tenant'), from: today, to: today });
    expect(errorCodes(foreign)).toEqual(['NOT_FOUND']);
    expect(foreign.data ?? null).toBeNull();
    expect(foreign.errors!.map((e) => e.message)).toEqual(unknown.errors!.map((e) => e.message));
  });

  test('a workspace key may not read usage (FORBIDDEN)', async () => {
    expect(errorCodes(await busy.admin.request(TENANT_USAGE, { tenantId: busy.id, from: today, to: today }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await busy.admin.request(RESELLER_USAGE, { from: today, to: today }))).toEqual(['FORBIDDEN']);
  });

  test('a period without usage answers an empty list', async () => {
    const usage = dataOf(await harness.platform.request(TENANT_USAGE, { tenantId: busy.id, from: '2020-01-01', to: '2020-12-31' })).tenantUsage;
    expect(usage).toEqual([]);
  });
});

describe('usage on the tenant list', () => {
  const LIST_WITH_USAGE = `query($first: Int, $where: TenantFilter, $from: Date!, $to: Date!) {
    tenants(first: $first, where: $where) { nodes { slug seatsUsed usage(from: $from, to: $to) { day apiRequests costPoints recordCount storageBytes } } }
  }`;

  test('a reseller lists its workspaces with their usage, the same as tenantUsage', async () => {
    const listed = dataOf(await reseller.client.request(LIST_WITH_USAGE, { first: 10, from: today, to: today })).tenants.nodes as { slug: string; usage: unknown[] }[];
    expect(listed.map((n) => n.slug).sort()).toEqual([busy.slug, quiet.slug].sort());
    for (const [workspace, node] of [busy, quiet].map((w) => [w, listed.find((n) => n.slug === w.slug)!] as const)) {
      const direct = dataOf(await reseller.client.request(TENANT_USAGE, { tenantId: workspace.id, from: today, to: today })).tenantUsage;
      expect(node.usage).toEqual(direct);
      expect(node.usage).toHaveLength(1);
    }
  });

  test('the usage of a page costs the same number of SQL statements for 1 or 2 workspaces', async () => {
    const one = await reseller.client.request(LIST_WITH_USAGE, { first: 1, from: today, to: today });
    const two = await reseller.client.request(LIST_WITH_USAGE, { first: 2, from: today, to: today });
    expect(dataOf(two).tenants.nodes).toHaveLength(2);
    expect(two.extensions?.sqlStatements).toBe(one.extensions?.sqlStatements);
  });

  test('a period over 366 days or reversed: BAD_USER_INPUT', async () => {
    for (const [from, to] of [
      ['2024-01-01', '2025-01-01'],
      ['2025-03-02', '2025-03-01'],
    ]) {
      expect(errorCodes(await reseller.client.request(LIST_WITH_USAGE, { first: 2, from, to }))).toContain('BAD_USER_INPUT');
    }
  });
});

describe('resellerUsage', () => {
  test('a reseller sees one summary, its own: workspaces, requests, cost points and storage summed', async () => {
    const summary = dataOf(await reseller.client.request(RESELLER_USAGE, { from: today, to: today })).resellerUsage;
    const busyDay = dataOf(await harness.platform.request(TENANT_USAGE, { tenantId: busy.id, from: today, to: today })).tenantUsage[0];
    const quietDay = dataOf(await harness.platform.request(TENANT_USAGE, { tenantId: quiet.id, from: today, to: today })).tenantUsage[0];
    expect(summary).toEqual([
      {
        reseller: { id: reseller.id, code: reseller.code },
        tenants: 2,
        apiRequests: busyDay.apiRequests + quietDay.apiRequests,
        costPoints: busyDay.costPoints + quietDay.costPoints,
        storageBytes: busyDay.storageBytes,
      },
    ]);
    expect(summary[0].apiRequests).toBe(7 + 3);
  });

  test('another reseller sees only itself, with nothing used', async () => {
    const summary = dataOf(await other.client.request(RESELLER_USAGE, { from: today, to: today })).resellerUsage;
    expect(summary).toEqual([{ reseller: { id: other.id, code: other.code }, tenants: 0, apiRequests: 0, costPoints: 0, storageBytes: 0 }]);
  });

  test('the platform sees every reseller, these two among them with the same numbers', async () => {
    const summary = dataOf(await harness.platform.request(RESELLER_USAGE, { from: today, to: today })).resellerUsage as { reseller: { id: string } }[];
    const mine = dataOf(await reseller.client.request(RESELLER_USAGE, { from: today, to: today })).resellerUsage[0];
    expect(summary.find((s) => s.reseller.id === reseller.id)).toEqual(mine);
    expect(summary.find((s) => s.reseller.id === other.id)).toMatchObject({ tenants: 0 });
  });
});

describe('period validation', () => {
  const periods: [string, string, string][] = [
    ['from after to', '2025-03-02', '2025-03-01'],
    ['367 days', '2024-01-01', '2025-01-01'],
    ['several years', '2020-01-01', '2025-01-01'],
  ];

  test.each(periods)('%s: BAD_USER_INPUT for tenantUsage and resellerUsage (platform and reseller)', async (_name, from, to) => {
    for (const client of [harness.platform, reseller.client]) {
      const one = await client.request(TENANT_USAGE, { tenantId: busy.id, from, to });
      expect(errorCodes(one)).toEqual(['BAD_USER_INPUT']);
      expect(one.data ?? null).toBeNull();
      expect(errorCodes(await client.request(RESELLER_USAGE, { from, to }))).toEqual(['BAD_USER_INPUT']);
    }
  });

  test('366 days (a leap year, both ends included) is accepted; one day is accepted', async () => {
    expect(errorCodes(await harness.platform.request(TENANT_USAGE, { tenantId: busy.id, from: '2024-01-01', to: '2024-12-31' }))).toEqual([]);
    expect(errorCodes(await reseller.client.request(RESELLER_USAGE, { from: '2024-01-01', to: '2024-12-31' }))).toEqual([]);
    expect(errorCodes(await harness.platform.request(TENANT_USAGE, { tenantId: busy.id, from: today, to: today }))).toEqual([]);
  });

  test('a malformed date is BAD_USER_INPUT', async () => {
    expect(errorCodes(await harness.platform.request(TENANT_USAGE, { tenantId: busy.id, from: '2024-13-01', to: '2024-12-31' }))).toEqual(['BAD_USER_INPUT']);
  });
});
