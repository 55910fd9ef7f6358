/**
 * revenueConcentration: a hand-computed Pareto curve (ties, an amount-less won deal, a converted
 * currency and one without a rate), what is not revenue, percentiles above 100 customers with a
 * constant statement count, the empty workspace, record scope, the analyst, and bad periods.
 */
import { Client, TestUser, dataOf, errorCodes, useHarness } from '../support/harness';
import { Row, Workspace, ask, insertAccounts, insertOpportunities, setRates, setUpWorkspace } from './insights-helpers';

const harness = useHarness();
let ws: Workspace;
let ann: TestUser;
let annClient: Client;

const Q1 = { from: '2027-01-01', to: '2027-03-31' };
const CONCENTRATION = `query($period: InsightsPeriodInput!) {
  revenueConcentration(period: $period) {
    from to currency totalRevenue { amount currency } customerCount topFifthShare unconvertedOpportunities
    curve { customerShare revenueShare customersCounted }
  }
}`;

const concentrationOf = async (client: Client, period = Q1): Promise<Row> => dataOf(await ask(client, CONCENTRATION, period)).revenueConcentration;
const points = (c: Row) => c.curve.map((p: Row) => [p.customersCounted, p.customerShare, p.revenueShare]);

beforeAll(async () => {
  ws = await setUpWorkspace(harness);
  ann = await harness.addUser(ws.tenant, { role: 'sales_rep', name: 'Ann' });
  annClient = (await harness.keyFor(ws.tenant, { role: 'sales_rep', userId: ann.uuid })).client;
  await setRates(harness, ws, { USD: '1.5' });
  const [a, b, c, d, e, f] = await insertAccounts(harness, ws, 6);
  await insertOpportunities(harness, ws, [
    // A: 300 + 200 = 500, Ann's.
    { accountId: a, status: 'WON', amount: '300', closeDate: '2027-01-10', ownerUuid: ann.uuid },
    { accountId: a, status: 'WON', amount: '200', closeDate: '2027-03-31', ownerUuid: ann.uuid },
    // B and C tie at 300 (C: 200 USD × 1.5).
    { accountId: b, status: 'WON', amount: '300', closeDate: '2027-02-01' },
    { accountId: c, status: 'WON', amount: '200', currency: 'USD', closeDate: '2027-02-01' },
    // D: 100, Ann's; without a close date it counts on the day it was closed.
    { accountId: d, status: 'WON', amount: '100', closeDate: null, closedAt: '2027-01-01T12:00:00Z', ownerUuid: ann.uuid },
    // E: a won deal without amount: a customer with 0.
    { accountId: e, status: 'WON', amount: null, closeDate: '2027-02-15' },
    // Not revenue: no GBP rate (F is then no customer), lost, open, outside the period, in the recycle bin.
    { accountId: f, status: 'WON', amount: '5000', currency: 'GBP', closeDate: '2027-02-01' },
    { accountId: b, status: 'LOST', amount: '9000', closeDate: '2027-02-01' },
    { accountId: b, status: 'OPEN', amount: '9000', closeDate: '2027-02-01' },
    { accountId: b, status: 'WON', amount: '9000', closeDate: '2027-04-01' },
    { accountId: b, status: 'WON', amount: '9000', closeDate: '2026-12-31' },
    { accountId: b, status: 'WON', amount: '9000', closeDate: '2027-02-01', deleted: true },
  ]);
});

test('ranks customers by converted won revenue into a Pareto curve from (0, 0) to (1, 1)', async () => {
  const c = await concentrationOf(ws.client);
  // Total 500 + 300 + 300 + 100 + 0 = 1200; the top fifth is ceil(0.2 × 5) = 1 customer: 500 / 1200.
  expect(c).toMatchObject({ ...Q1, currency: 'EUR', totalRevenue: { amount: '1200', currency: 'EUR' }, customerCount: 5, topFifthShare: 0.416667, unconvertedOpportunities: 1 });
  expect(points(c)).toEqual([
    [0, 0, 0],
    [1, 0.2, 0.416667],
    [2, 0.4, 0.666667],
    [3, 0.6, 0.916667],
    [4, 0.8, 1],
    [5, 1, 1],
  ]);
});

test("a sales rep's concentration covers only their own opportunities; the analyst sees all", async () => {
  const mine = await concentrationOf(annClient);
  // A 500 and D 100: the top fifth is ceil(0.4) = 1 customer, 500 / 600.
  expect(mine).toMatchObject({ totalRevenue: { amount: '600' }, customerCount: 2, topFifthShare: 0.833333, unconvertedOpportunities: 0 });
  expect(points(mine)).toEqual([
    [0, 0, 0],
    [1, 0.5, 0.833333],
    [2, 1, 1],
  ]);
  const analyst = (await harness.keyFor(ws.tenant, { role: 'analyst' })).client;
  expect((await concentrationOf(analyst)).totalRevenue.amount).toBe('1200');
  const dispatcher = (await harness.keyFor(ws.tenant, { role: 'dispatcher' })).client;
  expect(errorCodes(await ask(dispatcher, CONCENTRATION, Q1))).toEqual(['FORBIDDEN']);
});

test('a period without won revenue has no customers and an empty curve', async () => {
  const empty = await concentrationOf(ws.client, { from: '2030-01-01', to: '2030-12-31' });
  expect(empty).toMatchObject({ totalRevenue: { amount: '0', currency: 'EUR' }, customerCount: 0, topFifthShare: null, curve: [], unconvertedOpportunities: 0 });
  const fresh = await setUpWorkspace(harness);
  expect(await concentrationOf(fresh.client)).toMatchObject({ customerCount: 0, topFifthShare: null, curve: [], totalRevenue: { amount: '0' } });
});

test('above 100 customers the curve has one point per percentile, in a constant number of statements', async () => {
  const other = await setUpWorkspace(harness);
  const statements = async () => (await ask(other.client, CONCENTRATION, Q1)).extensions?.sqlStatements as number;
  const small = await insertAccounts(harness, other, 3);
  await insertOpportunities(harness, other, small.map((accountId, i) => ({ accountId, status: 'WON' as const, amount: String(i + 1), closeDate: '2027-02-01' })));
  dataOf(await ask(other.client, CONCENTRATION, Q1));
  const few = await statements();
  // 200 more customers with 1 each: 203 customers, 6 + 200 = 206 in all.
  const many = await insertAccounts(harness, other, 200);
  await insertOpportunities(harness, other, many.map((accountId) => ({ accountId, status: 'WON' as const, amount: '1', closeDate: '2027-02-01' })));
  expect(await statements()).toBe(few);
  const c = await concentrationOf(other.client);
  expect(c).toMatchObject({ customerCount: 203, totalRevenue: { amount: '206' } });
  expect(c.curve).toHaveLength(101);
  // Percentile p covers the ceil(p × 203 / 100) largest: 3, 2, 1, then ones.
  const expected = (p: number) => {
    const k = Math.ceil((p * 203) / 100);
    const revenue = k <= 3 ? [3, 5, 6][k - 1] : k + 3;
    return [k, Math.round((k / 203) * 1e6) / 1e6, Math.round((revenue / 206) * 1e6) / 1e6];
  };
  expect(points(c).slice(1)).toEqual(Array.from({ length: 100 }, (_, i) => expected(i + 1)));
  // ceil(0.2 × 203) = 41 customers: 6 + 38 = 44 of 206.
  expect(c.topFifthShare).toBe(Math.round((44 / 206) * 1e6) / 1e6);
});

test('a period that ends before it starts is refused', async () => {
  expect(errorCodes(await ask(ws.client, CONCENTRATION, { from: '2027-02-01', to: '2027-01-31' }))).toEqual(['BAD_USER_INPUT']);
});
