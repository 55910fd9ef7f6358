/**
 * pipelineSummary: per open stage in pipeline order (zeros included), exact weighted amounts,
 * conversion into the workspace currency and what cannot be converted, filters, record scope,
 * the recycle bin, and a statement count that does not grow with the number of opportunities.
 */
import { CREATE_TEAM, mutateOk } from '../configuration/configuration-helpers';
import { Client, TestUser, dataOf, errorCodes, useHarness } from '../support/harness';
import { PIPELINE_SUMMARY, Workspace, clearOpportunities, insertOpportunities, setRates, setUpWorkspace, stageAmounts, summaryOf } from './forecast-helpers';

const harness = useHarness();
let ws: Workspace;

beforeAll(async () => {
  ws = await setUpWorkspace(harness);
});

beforeEach(async () => {
  await clearOpportunities(harness, ws);
  await setRates(harness, ws, {});
});

test('sums each open stage in pipeline order with exact weighted amounts; empty stages are zeros; won, lost and deleted are left out', async () => {
  await insertOpportunities(harness, ws, [
    { stage: 'Proposal', amount: '1000.10', probability: 35 },
    { stage: 'Proposal', amount: '0.01', probability: 33 },
    { stage: 'Negotiation', amount: '2500', probability: 80 },
    { stage: 'Negotiation', amount: null },
    { stage: 'Negotiation', amount: '999999', deleted: true },
    { stage: 'Closed Won', amount: '5000', status: 'WON' },
    { stage: 'Closed Lost', amount: '7000', status: 'LOST' },
  ]);
  const summary = await summaryOf(ws.client);
  expect(summary.currency).toBe('EUR');
  expect(summary.stages.map((s: any) => s.stage.name)).toEqual(['Prospecting', 'Qualification', 'Proposal', 'Negotiation']);
  expect(stageAmounts(summary)).toEqual({
    Prospecting: [0, '0', '0'],
    Qualification: [0, '0', '0'],
    // 1000.10 × 35 % = 350.035 and 0.01 × 33 % = 0.0033: exact, no float noise.
    Proposal: [2, '1000.11', '350.0383'],
    // An opportunity without an amount is counted as 0.
    Negotiation: [2, '2500', '2000'],
  });
  expect(summary.total).toMatchObject({ count: 4, amount: { amount: '3500.11', currency: 'EUR' }, weightedAmount: { amount: '2350.0383', currency: 'EUR' }, unconvertedCount: 0, unconverted: [] });
});

test('converts other currencies with the configured rates and reports those without a rate separately, in their own currency', async () => {
  await setRates(harness, ws, { USD: '0.9', GBP: '1.123456789012' });
  await insertOpportunities(harness, ws, [
    { stage: 'Prospecting', amount: '100', currency: 'EUR', probability: 10 },
    { stage: 'Prospecting', amount: '100', currency: 'USD', probability: 10 },
    { stage: 'Prospecting', amount: '1', currency: 'GBP', probability: 50 },
    { stage: 'Prospecting', amount: '300', currency: 'CHF', probability: 10 },
    { stage: 'Proposal', amount: '50.5', currency: 'CHF', probability: 50 },
    { stage: 'Proposal', amount: '1000', currency: 'JPY', probability: 50 },
  ]);
  const summary = await summaryOf(ws.client);
  const prospecting = summary.stages.find((s: any) => s.stage.name === 'Prospecting');
  // 100 + 100 × 0.9 + 1 × 1.123456789012 = 191.123456789012 → 191.123457 (rounded once, at the end).
  expect(prospecting).toMatchObject({ count: 4, amount: { amount: '191.123457', currency: 'EUR' }, weightedAmount: { amount: '19.561728' }, unconvertedCount: 1 });
  expect(summary.stages.find((s: any) => s.stage.name === 'Proposal')).toMatchObject({ count: 2, amount: { amount: '0' }, unconvertedCount: 2 });
  expect(summary.total.count).toBe(6);
  expect(summary.total.unconvertedCount).toBe(3);
  expect(summary.total.amount.amount).toBe('191.123457');
  expect(summary.total.unconverted).toEqual([
    { currency: 'CHF', count: 2, amount: { amount: '350.5', currency: 'CHF' }, weightedAmount: { amount: '55.25', currency: 'CHF' } },
    { currency: 'JPY', count: 1, amount: { amount: '1000', currency: 'JPY' }, weightedAmount: { amount: '500', currency: 'JPY' } },
  ]);
});

test('filters by owner and close dates; a bad filter is BAD_USER_INPUT', async () => {
  const owner = await harness.addUser(ws.tenant, { role: 'sales_rep' });
  await insertOpportunities(harness, ws, [
    { stage: 'Prospecting', amount: '10', closeDate: '2027-01-01', ownerUuid: owner.uuid },
    { stage: 'Prospecting', amount: '20', closeDate: '2027-02-15' },
    { stage: 'Prospecting', amount: '40', closeDate: '2027-03-31' },
    { stage: 'Prospecting', amount: '80', closeDate: null },
  ]);
  expect((await summaryOf(ws.client, { ownerId: owner.id })).total.amount.amount).toBe('10');
  expect((await summaryOf(ws.client, { closeDateFrom: '2027-02-15', closeDateTo: '2027-03-31' })).total.amount.amount).toBe('60');
  expect((await summaryOf(ws.client, { closeDateTo: '2027-02-15' })).total.amount.amount).toBe('30');
  expect(errorCodes(await ws.client.request(PIPELINE_SUMMARY, { where: { closeDateFrom: '2027-04-01', closeDateTo: '2027-03-01' } }))).toEqual(['BAD_USER_INPUT']);
  expect(errorCodes(await ws.client.request(PIPELINE_SUMMARY, { where: { ownerId: 'nope' } }))).toEqual(['BAD_USER_INPUT']);
});

describe('record scope', () => {
  let users: Record<'manager' | 'rep' | 'teammate' | 'outsider', TestUser>;
  const clientFor = async (role: string, user: TestUser | null): Promise<Client> => (await harness.keyFor(ws.tenant, { role, userId: user?.uuid ?? null })).client;

  beforeAll(async () => {
    users = {
      manager: await harness.addUser(ws.tenant, { role: 'sales_manager' }),
      rep: await harness.addUser(ws.tenant, { role: 'sales_rep' }),
      teammate: await harness.addUser(ws.tenant, { role: 'sales_rep' }),
      outsider: await harness.addUser(ws.tenant, { role: 'sales_rep' }),
    };
    await mutateOk(ws.client, CREATE_TEAM, { name: 'East', memberIds: [users.manager.id, users.rep.id, users.teammate.id] });
  });

  test("a rep sums their own, a manager their team's, an admin everyone's; a role without read on Opportunity is FORBIDDEN", async () => {
    await insertOpportunities(harness, ws, [
      { stage: 'Proposal', amount: '1', ownerUuid: users.rep.uuid },
      { stage: 'Proposal', amount: '10', ownerUuid: users.teammate.uuid },
      { stage: 'Proposal', amount: '100', ownerUuid: users.manager.uuid },
      { stage: 'Proposal', amount: '1000', ownerUuid: users.outsider.uuid },
      { stage: 'Proposal', amount: '10000', ownerUuid: null },
    ]);
    const total = async (client: Client) => (await summaryOf(client)).total.amount.amount;
    expect(await total(await clientFor('sales_rep', users.rep))).toBe('1');
    expect(await total(await clientFor('sales_manager', users.manager))).toBe('111');
    expect(await total(await clientFor('admin', null))).toBe('11111');
    expect(await total(await clientFor('sales_rep', null))).toBe('0');
    // Filtering by someone out of scope does not reveal their amounts.
    expect((await summaryOf(await clientFor('sales_rep', users.rep), { ownerId: users.outsider.id })).total.amount.amount).toBe('0');
    // A technician has no read access to opportunities at all.
    expect(errorCodes(await (await clientFor('technician', users.rep)).request(PIPELINE_SUMMARY, {}))).toEqual(['FORBIDDEN']);
  });
});

test('runs a constant number of SQL statements whatever the number of opportunities', async () => {
  const statements = async () => (await ws.client.request(PIPELINE_SUMMARY, {})).extensions?.sqlStatements as number;
  await insertOpportunities(harness, ws, [{ stage: 'Proposal', amount: '1' }, { stage: 'Negotiation', amount: '1' }]);
  dataOf(await ws.client.request(PIPELINE_SUMMARY, {}));
  const few = await statements();
  await insertOpportunities(
    harness,
    ws,
    Array.from({ length: 60 }, (_, i) => ({ stage: ['Prospecting', 'Qualification', 'Proposal', 'Negotiation'][i % 4], amount: String(i), currency: i % 3 ? 'EUR' : 'USD' })),
  );
  expect(few).toBeGreaterThan(0);
  expect(await statements()).toBe(few);
});
