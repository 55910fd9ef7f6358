/**
 * salesFunnel: hand-computed counts, rates, sales cycle and time per stage of the cohorts created
 * in a period; what is left out; record scope; the analyst; the empty workspace; statement count.
 */
import { Client, TestUser, dataOf, errorCodes, useHarness } from '../support/harness';
import { Row, Workspace, ask, insertAccounts, insertLeads, insertOpportunities, insertStageHistory, setUpWorkspace } from './insights-helpers';

const harness = useHarness();
let ws: Workspace;
let ann: TestUser;
let accountId: string;

const JANUARY = { from: '2027-01-01', to: '2027-01-31' };
const FUNNEL = `query($period: InsightsPeriodInput!) {
  salesFunnel(period: $period) {
    from to leadsCreated leadsConverted leadsConvertedToOpportunity leadToOpportunityRate
    opportunitiesCreated opportunitiesWon opportunitiesLost opportunityToWonRate winRate averageSalesCycleDays
    stageDurations { stage { name } averageDays opportunities }
  }
}`;

const funnelOf = async (client: Client, period = JANUARY): Promise<Row> => dataOf(await ask(client, FUNNEL, period)).salesFunnel;
const durations = (f: Row) => f.stageDurations.map((d: Row) => [d.stage.name, d.averageDays, d.opportunities]);

beforeAll(async () => {
  ws = await setUpWorkspace(harness);
  ann = await harness.addUser(ws.tenant, { role: 'sales_rep', name: 'Ann' });
  [accountId] = await insertAccounts(harness, ws, 1);
  const [won10, won5, lost, , outside] = await insertOpportunities(harness, ws, [
    // Won after 10 days (Ann's), won after 5.5 days, lost, still open.
    { accountId, status: 'WON', createdAt: '2027-01-01T00:00:00Z', closedAt: '2027-01-11T00:00:00Z', ownerUuid: ann.uuid },
    { accountId, status: 'WON', createdAt: '2027-01-05T00:00:00Z', closedAt: '2027-01-10T12:00:00Z' },
    { accountId, status: 'LOST', createdAt: '2027-01-10T00:00:00Z', closedAt: '2027-01-20T00:00:00Z' },
    { accountId, status: 'OPEN', createdAt: '2027-01-20T00:00:00Z' },
    // Not in the cohort: created the day before, in the recycle bin.
    { accountId, status: 'WON', createdAt: '2026-12-31T23:59:00Z', closedAt: '2027-01-02T00:00:00Z' },
    { accountId, status: 'WON', createdAt: '2027-01-15T00:00:00Z', closedAt: '2027-01-16T00:00:00Z', deleted: true },
  ]);
  // Prospecting 2 days then Qualification 8 days; Prospecting 1, Qualification 4.5; Prospecting 10.
  await insertStageHistory(harness, ws, won10, [['Prospecting', '2027-01-01T00:00:00Z'], ['Qualification', '2027-01-03T00:00:00Z'], ['Closed Won', '2027-01-11T00:00:00Z']]);
  await insertStageHistory(harness, ws, won5, [['Prospecting', '2027-01-05T00:00:00Z'], ['Qualification', '2027-01-06T00:00:00Z'], ['Closed Won', '2027-01-10T12:00:00Z']]);
  await insertStageHistory(harness, ws, lost, [['Prospecting', '2027-01-10T00:00:00Z'], ['Closed Lost', '2027-01-20T00:00:00Z']]);
  await insertStageHistory(harness, ws, outside, [['Prospecting', '2026-12-31T23:59:00Z'], ['Proposal', '2027-01-01T00:00:00Z'], ['Closed Won', '2027-01-02T00:00:00Z']]);
  await insertLeads(harness, ws, [
    { createdAt: '2027-01-02T00:00:00Z', status: 'CONVERTED', convertedOpportunityId: won10, ownerUuid: ann.uuid },
    { createdAt: '2027-01-03T00:00:00Z', status: 'CONVERTED' },
    { createdAt: '2027-01-04T00:00:00Z', ownerUuid: ann.uuid },
    { createdAt: '2027-01-31T23:59:00Z', status: 'WORKING' },
    // Not in the cohort.
    { createdAt: '2027-01-05T00:00:00Z', deleted: true },
    { createdAt: '2027-02-01T00:00:00Z' },
  ]);
});

test('counts the cohorts created in the period, their rates, sales cycle and time per stage', async () => {
  const f = await funnelOf(ws.client);
  expect(f).toMatchObject({
    ...JANUARY,
    leadsCreated: 4,
    leadsConverted: 2,
    leadsConvertedToOpportunity: 1,
    leadToOpportunityRate: 0.25,
    opportunitiesCreated: 4,
    opportunitiesWon: 2,
    opportunitiesLost: 1,
    opportunityToWonRate: 0.5,
    winRate: 0.666667,
    // (10 + 5.5) / 2.
    averageSalesCycleDays: 7.75,
  });
  // Prospecting (2 + 1 + 10) / 3 = 4.33; Qualification (8 + 4.5) / 2; closed stages were never left.
  expect(durations(f)).toEqual([
    ['Prospecting', 4.33, 3],
    ['Qualification', 6.25, 2],
  ]);
});

test("a sales rep's funnel covers their own leads and opportunities; the analyst sees all; others are refused", async () => {
  const rep = (await harness.keyFor(ws.tenant, { role: 'sales_rep', userId: ann.uuid })).client;
  const mine = await funnelOf(rep);
  expect(mine).toMatchObject({ leadsCreated: 2, leadsConverted: 1, leadToOpportunityRate: 0.5, opportunitiesCreated: 1, opportunitiesWon: 1, winRate: 1, averageSalesCycleDays: 10 });
  expect(durations(mine)).toEqual([
    ['Prospecting', 2, 1],
    ['Qualification', 8, 1],
  ]);
  const analyst = (await harness.keyFor(ws.tenant, { role: 'analyst' })).client;
  expect(await funnelOf(analyst)).toEqual(await funnelOf(ws.client));
  const dispatcher = (await harness.keyFor(ws.tenant, { role: 'dispatcher' })).client;
  expect(errorCodes(await ask(dispatcher, FUNNEL, JANUARY))).toEqual(['FORBIDDEN']);
});

test('an empty period has zero counts and no rates', async () => {
  expect(await funnelOf(ws.client, { from: '2030-01-01', to: '2030-01-31' })).toEqual({
    from: '2030-01-01',
    to: '2030-01-31',
    leadsCreated: 0,
    leadsConverted: 0,
    leadsConvertedToOpportunity: 0,
    leadToOpportunityRate: null,
    opportunitiesCreated: 0,
    opportunitiesWon: 0,
    opportunitiesLost: 0,
    opportunityToWonRate: null,
    winRate: null,
    averageSalesCycleDays: null,
    stageDurations: [],
  });
  expect(errorCodes(await ask(ws.client, FUNNEL, { from: '2027-02-01', to: '2027-01-01' }))).toEqual(['BAD_USER_INPUT']);
});

test('runs a constant number of SQL statements whatever the number of opportunities and stages', async () => {
  const other = await setUpWorkspace(harness);
  const [account] = await insertAccounts(harness, other, 1);
  const statements = async () => (await ask(other.client, FUNNEL, JANUARY)).extensions?.sqlStatements as number;
  const [first] = await insertOpportunities(harness, other, [{ accountId: account, createdAt: '2027-01-02T00:00:00Z' }]);
  await insertStageHistory(harness, other, first, [['Prospecting', '2027-01-02T00:00:00Z'], ['Qualification', '2027-01-03T00:00:00Z']]);
  const few = await statements();
  const more = await insertOpportunities(harness, other, Array.from({ length: 10 }, () => ({ accountId: account, createdAt: '2027-01-02T00:00:00Z' })));
  for (const id of more) {
    await insertStageHistory(harness, other, id, [['Prospecting', '2027-01-02T00:00:00Z'], ['Proposal', '2027-01-04T00:00:00Z'], ['Negotiation', '2027-01-05T00:00:00Z']]);
  }
  expect(await statements()).toBe(few);
  expect(durations(await funnelOf(other.client)).map((d: unknown[]) => d[0])).toEqual(['Prospecting', 'Proposal']);
});
