/**
 * Value metrics against a hand-computed fixture: revenue from won opportunities and activated
 * contracts in the window (converted; an unconvertible purchase counts without revenue), ABC with
 * ties, RFM quintiles with ties, lifetime value, every lifecycle stage, the filters and sorts on
 * accounts, recomputation (idempotent, scheduled, paced), and who may read and recompute.
 */
import { createLogger } from '../../src/ops/logger';
import { sweepValueMetrics } from '../../src/modules/analytics/value-metrics.sweep';
import { dataOf, errorCodes, useHarness } from '../support/harness';
import { Row, Workspace, insertOpportunities, setRates, setUpWorkspace } from './insights-helpers';
import { METRICS, daysAgo, insertActivities, insertContracts, insertNamedAccounts, metricsByName, namesWhere, recompute } from './value-helpers';

const harness = useHarness();
let ws: Workspace;
let ids: Record<string, string>;

beforeAll(async () => {
  ws = await setUpWorkspace(harness);
  await setRates(harness, ws, { USD: '1.5' });
  ids = await insertNamedAccounts(harness, ws, ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel']);
  const [alphaBig] = await insertOpportunities(harness, ws, [
    // Alpha: 500 + 300 + 200 = 1000 in three purchases, the first 200 days ago.
    { accountId: ids.Alpha, status: 'WON', amount: '500', closeDate: daysAgo(10) },
    { accountId: ids.Alpha, status: 'WON', amount: '300', closeDate: daysAgo(100) },
    { accountId: ids.Alpha, status: 'WON', amount: '200', closeDate: daysAgo(200) },
    // Not purchases: lost, open, in the recycle bin.
    { accountId: ids.Alpha, status: 'LOST', amount: '9000', closeDate: daysAgo(5) },
    { accountId: ids.Alpha, status: 'OPEN', amount: '9000', closeDate: daysAgo(5) },
    { accountId: ids.Alpha, status: 'WON', amount: '9000', closeDate: daysAgo(5), deleted: true },
    // Bravo: 600 won, plus a 400 contract below: 1000 (a tie with Alpha) in two purchases.
    { accountId: ids.Bravo, status: 'WON', amount: '600', closeDate: daysAgo(30) },
    // Charlie: 200 USD × 1.5 = 300.
    { accountId: ids.Charlie, status: 'WON', amount: '200', currency: 'USD', closeDate: daysAgo(300) },
    // Delta and Echo tie at 50; Delta has had a call since.
    { accountId: ids.Delta, status: 'WON', amount: '50', closeDate: daysAgo(500) },
    { accountId: ids.Echo, status: 'WON', amount: '50', closeDate: daysAgo(700) },
    // Foxtrot: a purchase in a currency without a rate: a new customer without revenue.
    { accountId: ids.Foxtrot, status: 'WON', amount: '5000', currency: 'GBP', closeDate: daysAgo(20) },
    // Golf: only an open deal (a prospect). Hotel: a purchase before the 24-month window.
    { accountId: ids.Golf, status: 'OPEN', amount: '700', closeDate: daysAgo(1) },
    { accountId: ids.Hotel, status: 'WON', amount: '1000', closeDate: daysAgo(800) },
  ]);
  await insertContracts(harness, ws, [
    { accountId: ids.Bravo, value: '400', startDate: daysAgo(400) },
    // Made from Alpha's won deal: that deal is the purchase. A draft is none.
    { accountId: ids.Alpha, value: '500', startDate: daysAgo(10), opportunityId: alphaBig },
    { accountId: ids.Charlie, value: '10000', startDate: daysAgo(10), status: 'DRAFT' },
  ]);
  await insertActivities(harness, ws, [
    { accountId: ids.Delta, kind: 'CALL', occurredAt: `${daysAgo(10)}T10:00:00Z` },
    // An open task and a future meeting are no contact with the customer yet.
    { accountId: ids.Echo, kind: 'TASK', occurredAt: `${daysAgo(5)}T10:00:00Z` },
    { accountId: ids.Echo, kind: 'MEETING', occurredAt: `${daysAgo(-3)}T10:00:00Z` },
  ]);
});

test('nothing is computed until the first run: metrics and computedAt are null', async () => {
  expect(Object.values(await metricsByName(ws.client))).toEqual(Array(8).fill(null));
  expect(dataOf(await ws.client.request('{ analyticsSettings { computedAt windowMonths abcAShare abcBShare } }')).analyticsSettings).toEqual({
    computedAt: null,
    windowMonths: 24,
    abcAShare: 0.8,
    abcBShare: 0.95,
  });
});

describe('after a recomputation', () => {
  let computedAt: string;
  beforeAll(async () => {
    const run = await recompute(ws.client);
    expect(run.accountCount).toBe(8);
    computedAt = run.computedAt;
  });

  test('revenue, purchases, ABC (ties share a class), RFM (ties share a score), lifetime value and lifecycle match the hand computation', async () => {
    const m = await metricsByName(ws.client);
    const pick = (name: string) => {
      const { revenue, purchaseCount, firstPurchaseOn, lastPurchaseOn, abcClass, rfmScore, lifetimeValue, lifecycleStage } = m[name]!;
      return [revenue.amount, purchaseCount, firstPurchaseOn, lastPurchaseOn, abcClass, rfmScore, lifetimeValue?.amount ?? null, lifecycleStage];
    };
    // Revenue 2400 in all: A-limit 0.8 × 2400 = 1920, B-limit 2280. Alpha and Bravo (1000 each) have
    // nothing above them: A. Charlie has 2000 above: B. Delta and Echo have 2300 above: C.
    // RFM among the 6 with purchases in the window, score = 1 + ⌊5 × (rank − 1) / 6⌋:
    // recency ranks Echo 1, Delta 2, Charlie 3, Bravo 4, Foxtrot 5, Alpha 6 → 1 1 2 3 4 5;
    // frequency: four with 1 purchase share rank 1 → 1, Bravo (2) rank 5 → 4, Alpha (3) rank 6 → 5;
    // monetary: Foxtrot 0 → 1, Delta/Echo rank 2 → 1, Charlie rank 4 → 3, Alpha/Bravo rank 5 → 4.
    // Lifetime value = revenue × 12/24 × 0.30 × 0.80 / (1 + 0.10 − 0.80) = revenue × 0.4.
    expect(pick('Alpha')).toEqual(['1000.00', 3, daysAgo(200), daysAgo(10), 'A', '554', '400.00', 'LOYAL']);
    expect(pick('Bravo')).toEqual(['1000.00', 2, daysAgo(400), daysAgo(30), 'A', '344', '400.00', 'ACTIVE']);
    expect(pick('Charlie')).toEqual(['300.00', 1, daysAgo(300), daysAgo(300), 'B', '213', '120.00', 'AT_RISK']);
    // Delta's last purchase is 500 days old, but the call 10 days ago keeps it from being lost.
    expect(pick('Delta')).toEqual(['50.00', 1, daysAgo(500), daysAgo(500), 'C', '111', '20.00', 'AT_RISK']);
    expect(pick('Echo')).toEqual(['50.00', 1, daysAgo(700), daysAgo(700), 'C', '111', '20.00', 'LOST']);
    expect(pick('Foxtrot')).toEqual(['0.00', 1, daysAgo(20), daysAgo(20), null, '411', null, 'NEW_CUSTOMER']);
    expect(pick('Golf')).toEqual(['0.00', 0, null, null, null, null, null, 'PROSPECT']);
    expect(pick('Hotel')).toEqual(['0.00', 0, daysAgo(800), daysAgo(800), null, null, null, 'LOST']);
    expect(m.Alpha!.revenue.currency).toBe('EUR');
    expect(m.Delta!.lastActivityAt).toBe(`${daysAgo(10)}T10:00:00.000Z`);
    expect(m.Echo!.lastActivityAt).toBeNull();
    expect(m.Alpha!.computedAt).toBe(computedAt);
    expect(dataOf(await ws.client.request('{ analyticsSettings { computedAt } }')).analyticsSettings.computedAt).toBe(computedAt);
  });

  test('accounts filter and sort by value metrics, with working cursors', async () => {
    expect(await namesWhere(ws.client, { abcClass: { eq: 'A' } })).toEqual(['Alpha', 'Bravo']);
    expect(await namesWhere(ws.client, { abcClass: { isNull: true } })).toEqual(['Foxtrot', 'Golf', 'Hotel']);
    expect(await namesWhere(ws.client, { computedLifecycleStage: { in: ['AT_RISK', 'LOST'] } })).toEqual(['Charlie', 'Delta', 'Echo', 'Hotel']);
    // The account's own lifecycleStage (set by users: ACTIVE for all here) is another field.
    expect(await namesWhere(ws.client, { lifecycleStage: { eq: 'ACTIVE' }, computedLifecycleStage: { eq: 'LOYAL' } })).toEqual(['Alpha']);
    expect(await namesWhere(ws.client, { revenue: { gte: '300' }, recencyScore: { gte: 3 } })).toEqual(['Alpha', 'Bravo']);
    expect(await namesWhere(ws.client, { frequencyScore: { eq: 1 }, monetaryScore: { lte: 1 }, lastPurchaseOn: { gte: daysAgo(600) } })).toEqual(['Delta', 'Foxtrot']);
    expect(await namesWhere(ws.client, { lifetimeValue: { gt: '100' }, purchaseCount: { lt: 3 } })).toEqual(['Bravo', 'Charlie']);
    expect(await namesWhere(ws.client, { not: { abcClass: { eq: 'C' } }, revenue: { gt: '0' } })).toEqual(['Alpha', 'Bravo', 'Charlie']);

    const byRevenue = [{ field: 'REVENUE', direction: 'DESC' }, { field: 'NAME', direction: 'ASC' }];
    expect(await namesWhere(ws.client, {}, byRevenue)).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel']);
    expect(await namesWhere(ws.client, { revenue: { gt: '0' } }, [{ field: 'LIFETIME_VALUE', direction: 'ASC' }, { field: 'NAME', direction: 'DESC' }])).toEqual(['Echo', 'Delta', 'Charlie', 'Bravo', 'Alpha']);
    // Paging through the order by revenue: the cursor carries the metric.
    const page = (after: string | null) =>
      ws.client.request('query($after: String) { accounts(first: 3, after: $after, orderBy: [{ field: REVENUE, direction: DESC }]) { nodes { name valueMetrics { revenue { amount } } } pageInfo { endCursor hasNextPage } } }', {
        after,
      });
    const seen: Row[] = [];
    let after: string | null = null;
    for (let more = true; more; ) {
      const { nodes, pageInfo }: Row = dataOf(await page(after)).accounts;
      seen.push(...nodes);
      [after, more] = [pageInfo.endCursor, pageInfo.hasNextPage];
    }
    expect(new Set(seen.map((n) => n.name)).size).toBe(8);
    const revenues = seen.map((n) => Number(n.valueMetrics.revenue.amount));
    expect(revenues).toEqual([1000, 1000, 300, 50, 50, 0, 0, 0]);
  });

  test('recomputing is idempotent: the same metrics, a later computedAt', async () => {
    const before = await metricsByName(ws.client);
    const run = await recompute(ws.client);
    const after = await metricsByName(ws.client);
    expect(Date.parse(run.computedAt)).toBeGreaterThanOrEqual(Date.parse(computedAt));
    const withoutTime = (m: Record<string, Row | null>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, { ...v, computedAt: undefined }]));
    expect(withoutTime(after)).toEqual(withoutTime(before));
    expect(after.Alpha!.computedAt).toBe(run.computedAt);
  });

  test('a new account has no metrics until the next computation; a won deal changes them then', async () => {
    const created = dataOf(await ws.client.request('mutation { createAccount(input: { name: "India" }) { account { id valueMetrics { abcClass } } } }')).createAccount.account;
    expect(created.valueMetrics).toBeNull();
    await insertOpportunities(harness, ws, [{ accountId: ids.Golf, status: 'WON', amount: '2000', closeDate: daysAgo(0) }]);
    await recompute(ws.client);
    const m = await metricsByName(ws.client);
    expect(m.India).toMatchObject({ lifecycleStage: 'PROSPECT', purchaseCount: 0, abcClass: null });
    // Golf now leads with 2000 of 4400: A; Alpha and Bravo have 2000 above them (< 0.8 × 4400 = 3520): A.
    expect([m.Golf!.abcClass, m.Golf!.lifecycleStage, m.Golf!.revenue.amount]).toEqual(['A', 'NEW_CUSTOMER', '2000.00']);
    expect(m.Alpha!.abcClass).toBe('A');
  });
});

describe('access', () => {
  test('an analyst reads value metrics and the settings but may not recompute or change them; a sales rep sees only their accounts', async () => {
    const analyst = (await harness.keyFor(ws.tenant, { role: 'analyst' })).client;
    const metrics = await metricsByName(analyst);
    expect(metrics.Alpha).toMatchObject({ abcClass: 'A', lifecycleStage: 'LOYAL' });
    expect(dataOf(await analyst.request('{ analyticsSettings { windowMonths } }')).analyticsSettings.windowMonths).toBe(24);
    expect(errorCodes(await analyst.request('mutation { recomputeValueMetrics { accountCount } }'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await analyst.request('mutation { updateAnalyticsSettings(input: { windowMonths: 12 }) { userErrors { code } } }'))).toEqual(['FORBIDDEN']);

    const rep = await harness.addUser(ws.tenant, { role: 'sales_rep' });
    const repClient = (await harness.keyFor(ws.tenant, { role: 'sales_rep', userId: rep.uuid })).client;
    await harness.dataSource.query(`UPDATE ${ws.schema}.accounts SET owner_id = $1 WHERE id = $2`, [rep.uuid, ids.Charlie]);
    expect(await namesWhere(repClient, { abcClass: { isNull: false } })).toEqual(['Charlie']);
  });

  test('reading metrics for a page of accounts takes the same number of statements for 2 and 8 accounts', async () => {
    const statements = async (first: number) =>
      (await ws.client.request(`query($first: Int!) { accounts(first: $first) { nodes { name valueMetrics { ${METRICS} } } } }`, { first })).extensions?.sqlStatements as number;
    expect(await statements(8)).toBe(await statements(2));
  });
});

test('an empty workspace computes nothing without error, and records when it did', async () => {
  const empty = await harness.createTenant({ name: 'Empty' });
  const run = await recompute(empty.client);
  expect(run.accountCount).toBe(0);
  expect(dataOf(await empty.client.request('{ analyticsSettings { computedAt } accounts(first: 5, where: { abcClass: { eq: A } }) { totalCount } }'))).toEqual({
    analyticsSettings: { computedAt: run.computedAt },
    accounts: { totalCount: 0 },
  });
});

test('the hourly job recomputes a workspace once per hour', async () => {
  const other = await setUpWorkspace(harness);
  const { Kilo } = await insertNamedAccounts(harness, other, ['Kilo']);
  await insertOpportunities(harness, other, [{ accountId: Kilo, status: 'WON', amount: '75', closeDate: daysAgo(3) }]);
  const silent = createLogger({ level: 'silent' });
  const [result] = await sweepValueMetrics(harness.dataSource, silent, [other.tenant.id]);
  expect(result).toMatchObject({ slug: other.tenant.slug, accountCount: 1 });
  expect((await metricsByName(other.client)).Kilo).toMatchObject({ revenue: { amount: '75.00' }, abcClass: 'A', rfmScore: '111', lifecycleStage: 'NEW_CUSTOMER' });
  expect(await sweepValueMetrics(harness.dataSource, silent, [other.tenant.id])).toEqual([]);
});
