/**
 * forecast: amounts per forecast category and status within the period, grouped by owner,
 * territory or stage, fiscal periods of a year that starts in April, conversion, record scope,
 * bad periods, and a statement count that does not grow with the number of opportunities.
 */
import { fiscalPeriod } from '../../src/modules/forecasts/forecast-period';
import { CREATE_TERRITORY, UPDATE_SETTINGS, mutateOk } from '../configuration/configuration-helpers';
import { Client, TestUser, errorCodes, useHarness } from '../support/harness';
import { uuidOfId } from '../support/security-helpers';
import { FORECAST, Row, Workspace, clearOpportunities, forecastAmounts, forecastOf, insertOpportunities, setRates, setUpWorkspace } from './forecast-helpers';

const harness = useHarness();
let ws: Workspace;
let ann: TestUser;
let bob: TestUser;
let north: string;

const Q1_2027 = { from: '2027-01-01', to: '2027-03-31' };

beforeAll(async () => {
  ws = await setUpWorkspace(harness);
  ann = await harness.addUser(ws.tenant, { role: 'sales_rep', name: 'Ann' });
  bob = await harness.addUser(ws.tenant, { role: 'sales_rep', name: 'Bob' });
  north = uuidOfId((await mutateOk(ws.client, CREATE_TERRITORY, { name: 'North' })).territory.id);
});

beforeEach(async () => {
  await clearOpportunities(harness, ws);
  await setRates(harness, ws, {});
});

/** One of each kind for an owner, all closing in Q1 2027, plus some that must not count. */
const mix = (ownerUuid: string | null, territoryUuid: string | null = null) => [
  { stage: 'Closed Won', status: 'WON' as const, amount: '1000.50', closeDate: '2027-01-15', ownerUuid, territoryUuid },
  { stage: 'Negotiation', amount: '200', closeDate: '2027-02-01', ownerUuid, territoryUuid },
  { stage: 'Proposal', amount: '30.25', closeDate: '2027-03-31', ownerUuid, territoryUuid },
  { stage: 'Prospecting', amount: '4', closeDate: '2027-01-01', ownerUuid, territoryUuid },
  { stage: 'Qualification', amount: '0.5', forecastCategory: 'OMITTED', closeDate: '2027-02-02', ownerUuid, territoryUuid },
  // Not counted: lost, outside the period, without a close date, in the recycle bin.
  { stage: 'Closed Lost', status: 'LOST' as const, amount: '9000', closeDate: '2027-02-01', ownerUuid, territoryUuid },
  { stage: 'Negotiation', amount: '9000', closeDate: '2027-04-01', ownerUuid, territoryUuid },
  { stage: 'Negotiation', amount: '9000', closeDate: '2026-12-31', ownerUuid, territoryUuid },
  { stage: 'Negotiation', amount: '9000', closeDate: null, ownerUuid, territoryUuid },
  { stage: 'Negotiation', amount: '9000', closeDate: '2027-02-01', ownerUuid, territoryUuid, deleted: true },
];

test('sums closed won, commit, best case (with commit), pipeline and omitted per owner, unowned last', async () => {
  await insertOpportunities(harness, ws, [...mix(bob.uuid), ...mix(ann.uuid), ...mix(null)]);
  const forecast = await forecastOf(ws.client, Q1_2027, 'OWNER');
  expect(forecast).toMatchObject({ ...Q1_2027, groupBy: 'OWNER', currency: 'EUR' });
  expect(forecast.rows.map((r: Row) => r.owner?.name ?? null)).toEqual(['Ann', 'Bob', null]);
  for (const row of forecast.rows) {
    expect(row.territory).toBeNull();
    expect(row.stage).toBeNull();
    expect(forecastAmounts(row)).toEqual(['1000.5', '200', '230.25', '234.25', '0.5', 5]);
  }
  expect(forecast.rows[0].closedWon.currency).toBe('EUR');
  expect(forecastAmounts(forecast.total)).toEqual(['3001.5', '600', '690.75', '702.75', '1.5', 15]);
});

test('groups by territory (a row for none) and by stage in pipeline order; filters by owner', async () => {
  await insertOpportunities(harness, ws, [...mix(ann.uuid, north), ...mix(bob.uuid)]);
  const byTerritory = await forecastOf(ws.client, Q1_2027, 'TERRITORY');
  expect(byTerritory.rows.map((r: Row) => [r.territory?.name ?? null, r.owner, r.pipeline.amount])).toEqual([
    ['North', null, '234.25'],
    [null, null, '234.25'],
  ]);
  const byStage = await forecastOf(ws.client, Q1_2027, 'STAGE');
  expect(byStage.rows.map((r: Row) => [r.stage.name, ...forecastAmounts(r)])).toEqual([
    ['Prospecting', '0', '0', '0', '8', '0', 2],
    ['Qualification', '0', '0', '0', '0', '1', 2],
    ['Proposal', '0', '0', '60.5', '60.5', '0', 2],
    ['Negotiation', '0', '400', '400', '400', '0', 2],
    ['Closed Won', '2001', '0', '0', '0', '0', 2],
  ]);
  const annsOnly = await forecastOf(ws.client, Q1_2027, 'STAGE', { ownerId: ann.id });
  expect(forecastAmounts(annsOnly.total)).toEqual(['1000.5', '200', '230.25', '234.25', '0.5', 5]);
});

test('converts with the rates and reports opportunities in currencies without a rate per currency', async () => {
  await setRates(harness, ws, { USD: '0.5' });
  await insertOpportunities(harness, ws, [
    { stage: 'Negotiation', amount: '100', currency: 'USD', closeDate: '2027-02-01', ownerUuid: ann.uuid },
    { stage: 'Closed Won', status: 'WON', amount: '10', currency: 'EUR', closeDate: '2027-02-01', ownerUuid: ann.uuid },
    { stage: 'Closed Won', status: 'WON', amount: '7', currency: 'SEK', closeDate: '2027-02-01', ownerUuid: ann.uuid },
  ]);
  const { rows, total } = await forecastOf(ws.client, Q1_2027, 'OWNER');
  expect(rows).toHaveLength(1);
  expect(forecastAmounts(rows[0])).toEqual(['10', '50', '50', '50', '0', 3]);
  expect(rows[0].unconvertedCount).toBe(1);
  expect(total.unconverted).toEqual([
    { currency: 'SEK', count: 1, closedWon: { amount: '7', currency: 'SEK' }, commit: { amount: '0' }, bestCase: { amount: '0' }, pipeline: { amount: '0' }, omitted: { amount: '0' } },
  ]);
});

test('a won opportunity without a close date counts on the day it was closed', async () => {
  await insertOpportunities(harness, ws, [
    { stage: 'Closed Won', status: 'WON', amount: '42', closeDate: null },
    { stage: 'Negotiation', amount: '9000', closeDate: null },
  ]);
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  expect(forecastAmounts((await forecastOf(ws.client, { from: day(-1), to: day(1) }, 'OWNER')).total)).toEqual(['42', '0', '0', '0', '0', 1]);
  expect((await forecastOf(ws.client, Q1_2027, 'OWNER')).total.count).toBe(0);
});

test("a rep's forecast is their own", async () => {
  await insertOpportunities(harness, ws, [...mix(ann.uuid), ...mix(bob.uuid)]);
  const annClient: Client = (await harness.keyFor(ws.tenant, { role: 'sales_rep', userId: ann.uuid })).client;
  const forecast = await forecastOf(annClient, Q1_2027, 'OWNER');
  expect(forecast.rows.map((r: Row) => r.owner.name)).toEqual(['Ann']);
  expect(forecast.total.count).toBe(5);
});

describe('fiscal periods (fiscal year starting in April, named after the year it ends in)', () => {
  beforeAll(async () => {
    await mutateOk(ws.client, UPDATE_SETTINGS, { fiscalYearStartMonth: 4 });
  });
  afterAll(async () => {
    await mutateOk(ws.client, UPDATE_SETTINGS, { fiscalYearStartMonth: 1 });
  });

  test.each([
    [{ fiscalYear: 2027 }, '2026-04-01', '2027-03-31'],
    [{ fiscalYear: 2027, quarter: 1 }, '2026-04-01', '2026-06-30'],
    [{ fiscalYear: 2027, quarter: 3 }, '2026-10-01', '2026-12-31'],
    [{ fiscalYear: 2027, quarter: 4 }, '2027-01-01', '2027-03-31'],
  ])('%j runs from %s to %s', async (period, from, to) => {
    expect(await forecastOf(ws.client, period, 'STAGE')).toMatchObject({ from, to });
  });

  test('counts opportunities on the first and last day of the quarter, not the days around it', async () => {
    await insertOpportunities(harness, ws, [
      { stage: 'Negotiation', amount: '1', closeDate: '2026-03-31' },
      { stage: 'Negotiation', amount: '10', closeDate: '2026-04-01' },
      { stage: 'Negotiation', amount: '100', closeDate: '2026-06-30' },
      { stage: 'Negotiation', amount: '1000', closeDate: '2026-07-01' },
    ]);
    expect((await forecastOf(ws.client, { fiscalYear: 2027, quarter: 1 }, 'OWNER')).total.commit.amount).toBe('110');
  });
});

test('fiscal periods of other start months, leap years included', () => {
  expect(fiscalPeriod(2028, null, 1)).toEqual({ from: '2028-01-01', to: '2028-12-31' });
  expect(fiscalPeriod(2028, 2, 12)).toEqual({ from: '2028-03-01', to: '2028-05-31' });
  expect(fiscalPeriod(2028, 1, 12)).toEqual({ from: '2027-12-01', to: '2028-02-29' });
  expect(fiscalPeriod(2026, 4, 10)).toEqual({ from: '2026-07-01', to: '2026-09-30' });
});

test.each([
  ['from after to', { from: '2027-02-01', to: '2027-01-31' }],
  ['only from', { from: '2027-02-01' }],
  ['an unknown quarter', { fiscalYear: 2027, quarter: 5 }],
  ['quarter 0', { fiscalYear: 2027, quarter: 0 }],
  ['a quarter without its year', { quarter: 2 }],
  ['dates and a fiscal year', { from: '2027-01-01', to: '2027-03-31', fiscalYear: 2027 }],
  ['nothing', {}],
])('refuses %s with BAD_USER_INPUT', async (_label, period) => {
  const response = await ws.client.request(FORECAST, { period, groupBy: 'OWNER' });
  expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  expect(response.data?.forecast ?? null).toBeNull();
});

test('runs a constant number of SQL statements whatever the number of opportunities and groups', async () => {
  const statements = async () => (await ws.client.request(FORECAST, { period: Q1_2027, groupBy: 'OWNER' })).extensions?.sqlStatements as number;
  await insertOpportunities(harness, ws, mix(ann.uuid));
  const few = await statements();
  const more = await Promise.all(Array.from({ length: 8 }, (_, i) => harness.addUser(ws.tenant, { role: 'sales_rep', name: `Rep ${i}` })));
  await insertOpportunities(harness, ws, [...mix(bob.uuid), ...more.flatMap((u) => mix(u.uuid))]);
  const forecast = await forecastOf(ws.client, Q1_2027, 'OWNER');
  expect(forecast.rows).toHaveLength(10);
  expect(few).toBeGreaterThan(0);
  expect(await statements()).toBe(few);
});
