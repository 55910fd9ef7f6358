/** Opportunities: create with the pipeline's and workspace's defaults, overrides, updates, the recycle bin, bad input. */
import { Client, dataOf, errorCodes, useHarness } from '../support/harness';
import { Row, createAccount, createContact } from '../support/crm-operations';
import { CREATE, DELETE, LIST, RESTORE, UPDATE, ok, refused, stagesByName } from './opportunity-helpers';

const harness = useHarness();
let client: Client;
let schema: string;
let stages: Record<string, Row>;
let acme: Row;
let globex: Row;
let acmeContact: Row;
let globexContact: Row;

beforeAll(async () => {
  const created = await harness.createTenant();
  client = created.client;
  schema = created.tenant.schemaName;
  stages = await stagesByName(client);
  acme = await createAccount(client, { name: 'Acme' });
  globex = await createAccount(client, { name: 'Globex' });
  acmeContact = await createContact(client, { lastName: 'Aster', accountId: acme.id });
  globexContact = await createContact(client, { lastName: 'Gale', accountId: globex.id });
});

describe('createOpportunity', () => {
  test('defaults: first open stage with its probability and forecast category, the workspace currency, status OPEN', async () => {
    const opp = await ok(client, CREATE, { name: 'Seats', accountId: acme.id, amount: null });
    expect(opp).toMatchObject({
      name: 'Seats',
      status: 'OPEN',
      stage: { name: 'Prospecting' },
      probability: 10,
      probabilityOverridden: false,
      forecastCategory: 'PIPELINE',
      amount: null,
      closedAt: null,
      version: 1,
      account: { id: acme.id, name: 'Acme' },
    });
    const withAmount = await ok(client, CREATE, { name: 'Licences', accountId: acme.id, amount: { amount: '1250.50', currency: 'usd' } });
    expect(withAmount.amount).toEqual({ amount: '1250.50', currency: 'USD' });
  });

  test('the currency defaults to the workspace default currency', async () => {
    const { updateWorkspaceSettings } = dataOf(
      await client.request(`mutation { updateWorkspaceSettings(input: { defaultCurrency: "CHF" }) { userErrors { code } } }`),
    );
    expect(updateWorkspaceSettings.userErrors).toEqual([]);
    // MoneyInput always names its currency; an opportunity without an amount keeps the workspace's.
    await ok(client, CREATE, { name: 'Support', accountId: acme.id });
    const stored = await harness.dataSource.query(`SELECT currency FROM ${schema}.opportunities WHERE name = 'Support'`);
    expect(stored[0].currency).toBe('CHF');
  });

  test('explicit stage, probability and forecast category override the stage; fields are stored as given', async () => {
    const opp = await ok(client, CREATE, {
      name: 'Expansion',
      accountId: acme.id,
      primaryContactId: acmeContact.id,
      stageId: stages.Proposal.id,
      probability: 65,
      forecastCategory: 'COMMIT',
      closeDate: '2027-03-31',
      nextStep: 'Send quote',
      leadSource: 'Referral',
      description: 'Second site',
    });
    expect(opp).toMatchObject({
      stage: { name: 'Proposal' },
      probability: 65,
      probabilityOverridden: true,
      forecastCategory: 'COMMIT',
      closeDate: '2027-03-31',
      nextStep: 'Send quote',
      leadSource: 'Referral',
      description: 'Second site',
      primaryContact: { id: acmeContact.id },
    });
  });

  test('bad input is refused with userErrors and writes nothing', async () => {
    const before = (await dataOf(await client.request(LIST, { first: 100 }))).opportunities.totalCount;
    expect(await refused(client, CREATE, { name: 'X', accountId: acme.id, stageId: stages['Closed Won'].id })).toEqual([{ code: 'INVALID', field: 'input.stageId' }]);
    expect(await refused(client, CREATE, { name: 'X', accountId: acme.id, stageId: acme.id })).toEqual([{ code: 'INVALID', field: 'input.stageId' }]);
    const unknownStage = Buffer.from('PipelineStage:01900000-0000-7000-8000-000000000000').toString('base64url');
    expect(await refused(client, CREATE, { name: 'X', accountId: acme.id, stageId: unknownStage })).toEqual([{ code: 'NOT_FOUND', field: 'input.stageId' }]);
    expect(await refused(client, CREATE, { name: 'X', accountId: acme.id, primaryContactId: globexContact.id })).toEqual([{ code: 'INVALID', field: 'input.primaryContactId' }]);
    expect(await refused(client, CREATE, { name: 'X', accountId: acmeContact.id })).toEqual([{ code: 'INVALID', field: 'input.accountId' }]);
    expect(await refused(client, CREATE, { name: 'X', accountId: acme.id, leadSource: 'Carrier pigeon' })).toEqual([{ code: 'INVALID', field: 'input.leadSource' }]);
    expect(await refused(client, CREATE, { name: 'X', accountId: acme.id, probability: 101 })).toEqual([{ code: 'OUT_OF_RANGE', field: 'input.probability' }]);
    expect(await refused(client, CREATE, { name: 'X', accountId: acme.id, forecastCategory: 'CLOSED' })).toEqual([{ code: 'INVALID', field: 'input.forecastCategory' }]);
    expect(await refused(client, CREATE, { name: 'X', accountId: acme.id, amount: { amount: '-1', currency: 'EUR' } })).toEqual([{ code: 'INVALID', field: 'input.amount.amount' }]);
    expect(await refused(client, CREATE, { name: 'X', accountId: acme.id, amount: { amount: '1000000000000', currency: 'EUR' } })).toEqual([{ code: 'OUT_OF_RANGE', field: 'input.amount' }]);
    expect(await refused(client, CREATE, { name: '', accountId: acme.id })).toEqual([{ code: 'REQUIRED', field: 'input.name' }]);
    expect((await dataOf(await client.request(LIST, { first: 100 }))).opportunities.totalCount).toBe(before);
  });

  test('a retry with the same idempotency key returns the first result', async () => {
    const input = { name: 'Once', accountId: globex.id, idempotencyKey: 'opp-once' };
    const first = await ok(client, CREATE, input);
    const second = await ok(client, CREATE, input);
    expect(second.id).toBe(first.id);
    const { opportunities } = dataOf(await client.request(LIST, { where: { name: { eq: 'Once' } } }));
    expect(opportunities.totalCount).toBe(1);
  });
});

describe('updateOpportunity', () => {
  test('a stage move resets probability and forecast to the new stage’s, unless given in the same update', async () => {
    const opp = await ok(client, CREATE, { name: 'Mover', accountId: globex.id, probability: 33 });
    expect(opp.probabilityOverridden).toBe(true);
    const moved = await ok(client, UPDATE, { id: opp.id, stageId: stages.Negotiation.id, expectedVersion: opp.version });
    expect(moved).toMatchObject({ stage: { name: 'Negotiation' }, probability: 80, probabilityOverridden: false, forecastCategory: 'COMMIT', version: 2 });
    const overridden = await ok(client, UPDATE, { id: opp.id, stageId: stages.Proposal.id, probability: 45, forecastCategory: 'PIPELINE' });
    expect(overridden).toMatchObject({ stage: { name: 'Proposal' }, probability: 45, probabilityOverridden: true, forecastCategory: 'PIPELINE' });
    const reset = await ok(client, UPDATE, { id: opp.id, probability: null, forecastCategory: null });
    expect(reset).toMatchObject({ stage: { name: 'Proposal' }, probability: 50, probabilityOverridden: false, forecastCategory: 'BEST_CASE' });
  });

  test('refuses stale versions, closed stages, unknown stages and contacts of another account', async () => {
    const opp = await ok(client, CREATE, { name: 'Refused', accountId: acme.id, primaryContactId: acmeContact.id });
    expect(await refused(client, UPDATE, { id: opp.id, name: 'Y', expectedVersion: 7 })).toEqual([{ code: 'CONFLICT', field: 'input.expectedVersion' }]);
    expect(await refused(client, UPDATE, { id: opp.id, stageId: stages['Closed Lost'].id })).toEqual([{ code: 'INVALID', field: 'input.stageId' }]);
    const unknownStage = Buffer.from('PipelineStage:01900000-0000-7000-8000-000000000001').toString('base64url');
    expect(await refused(client, UPDATE, { id: opp.id, stageId: unknownStage })).toEqual([{ code: 'NOT_FOUND', field: 'input.stageId' }]);
    // Moving to another account keeps the contact, which is not one of that account's.
    expect(await refused(client, UPDATE, { id: opp.id, accountId: globex.id })).toEqual([{ code: 'INVALID', field: 'input.primaryContactId' }]);
    const moved = await ok(client, UPDATE, { id: opp.id, accountId: globex.id, primaryContactId: globexContact.id });
    expect(moved).toMatchObject({ account: { id: globex.id }, primaryContact: { id: globexContact.id }, version: 2 });
  });

  test('custom fields are validated and merged', async () => {
    const define = await client.request(
      `mutation { createCustomFieldDefinition(input: { object: OPPORTUNITY, key: "competitor", label: "Competitor", type: TEXT }) { userErrors { code } } }`,
    );
    expect(errorCodes(define)).toEqual([]);
    const opp = await ok(client, CREATE, { name: 'Custom', accountId: acme.id, customFields: { competitor: 'Initech' } });
    expect(opp.customFields).toEqual({ competitor: 'Initech' });
    expect(await refused(client, UPDATE, { id: opp.id, customFields: { unknownKey: 1 } })).toEqual([expect.objectContaining({ field: expect.stringContaining('customFields') })]);
    const { opportunities } = dataOf(await client.request(LIST, { where: { customFields: [{ key: 'competitor', eq: 'Initech' }] } }));
    expect(opportunities.nodes.map((n: Row) => n.id)).toEqual([opp.id]);
  });
});

describe('lists', () => {
  test('filters by account, stage, status, amount and close date, sorted by amount or close date', async () => {
    const account = await createAccount(client, { name: 'Listed' });
    const a = await ok(client, CREATE, { name: 'L-a', accountId: account.id, amount: { amount: '300', currency: 'EUR' }, closeDate: '2027-01-10' });
    const b = await ok(client, CREATE, { name: 'L-b', accountId: account.id, amount: { amount: '100', currency: 'EUR' }, closeDate: '2027-02-10', stageId: stages.Proposal.id });
    const c = await ok(client, CREATE, { name: 'L-c', accountId: account.id, closeDate: '2026-12-01' });
    const ids = async (where: unknown, orderBy?: unknown) => dataOf(await client.request(LIST, { where, orderBy })).opportunities.nodes.map((n: Row) => n.id);
    const mine = { account: { eq: account.id } };
    expect(await ids(mine)).toEqual([a.id, b.id, c.id]);
    expect(await ids({ ...mine, stage: { eq: stages.Proposal.id } })).toEqual([b.id]);
    expect(await ids({ ...mine, amount: { gt: '150' } })).toEqual([a.id]);
    expect(await ids({ ...mine, closeDate: { gte: '2027-01-01' } })).toEqual([a.id, b.id]);
    expect(await ids({ ...mine, status: { eq: 'OPEN' } })).toEqual([a.id, b.id, c.id]);
    expect(await ids(mine, [{ field: 'AMOUNT', direction: 'DESC' }])).toEqual([c.id, a.id, b.id]);
    expect(await ids(mine, [{ field: 'CLOSE_DATE', direction: 'ASC' }])).toEqual([c.id, a.id, b.id]);
    // Keyset paging on the date key.
    const first = dataOf(await client.request(LIST, { where: mine, orderBy: [{ field: 'CLOSE_DATE', direction: 'ASC' }], first: 2 })).opportunities;
    const next = dataOf(await client.request(LIST, { where: mine, orderBy: [{ field: 'CLOSE_DATE', direction: 'ASC' }], first: 2, after: first.pageInfo.endCursor })).opportunities;
    expect([...first.nodes, ...next.nodes].map((n: Row) => n.id)).toEqual([c.id, a.id, b.id]);
    const nested = dataOf(await client.request(`query($id: ID!) { account(id: $id) { opportunities(first: 2) { totalCount nodes { id } } } }`, { id: account.id }));
    expect(nested.account.opportunities).toEqual({ totalCount: 3, nodes: [{ id: a.id }, { id: b.id }] });
  });

  test('delete moves to the recycle bin, restore brings it back; opportunity(id) of a deleted one is NOT_FOUND', async () => {
    const opp = await ok(client, CREATE, { name: 'Binned', accountId: acme.id });
    const deleted = await ok(client, DELETE, { id: opp.id });
    expect(deleted.deletedAt).not.toBeNull();
    expect(errorCodes(await client.request(`query($id: ID!) { opportunity(id: $id) { id } }`, { id: opp.id }))).toEqual(['NOT_FOUND']);
    const bin = dataOf(await client.request(LIST, { inRecycleBin: true, where: { id: { eq: opp.id } } })).opportunities;
    expect(bin.nodes).toEqual([{ id: opp.id, name: 'Binned' }]);
    expect(await refused(client, UPDATE, { id: opp.id, name: 'Z' })).toEqual([{ code: 'NOT_FOUND', field: 'input.id' }]);
    const restored = await ok(client, RESTORE, { id: opp.id });
    expect(restored.deletedAt).toBeNull();
    expect(dataOf(await client.request(`query($id: ID!) { node(id: $id) { __typename id } }`, { id: opp.id })).node).toEqual({ __typename: 'Opportunity', id: opp.id });
  });
});

test('a territory can be set (for forecasts by territory), filtered on, and must exist', async () => {
  const { createTerritory } = dataOf(await client.request(`mutation { createTerritory(input: { name: "North" }) { territory { id } userErrors { code } } }`));
  expect(createTerritory.userErrors).toEqual([]);
  const north = createTerritory.territory.id;
  const opp = await ok(client, CREATE, { name: 'Northern', accountId: acme.id, territoryId: north });
  const read = dataOf(await client.request(`query($id: ID!) { opportunity(id: $id) { territory { id name } } }`, { id: opp.id }));
  expect(read.opportunity.territory).toEqual({ id: north, name: 'North' });
  const { opportunities } = dataOf(await client.request(LIST, { where: { territory: { eq: north } } }));
  expect(opportunities.nodes.map((n: Row) => n.id)).toEqual([opp.id]);
  const gone = Buffer.from('Territory:01900000-0000-7000-8000-000000000002').toString('base64url');
  expect(await refused(client, UPDATE, { id: opp.id, territoryId: gone })).toEqual([{ code: 'NOT_FOUND', field: 'input.territoryId' }]);
  expect(await refused(client, UPDATE, { id: opp.id, territoryId: acme.id })).toEqual([{ code: 'INVALID', field: 'input.territoryId' }]);
  const cleared = dataOf(await client.request(`mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { opportunity { territory { id } } userErrors { code } } }`, { input: { id: opp.id, territoryId: null } }));
  expect(cleared.updateOpportunity).toEqual({ opportunity: { territory: null }, userErrors: [] });
});
