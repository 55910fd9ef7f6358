/**
 * Campaigns: the record (one currency, dates in order, the status machine, channel and purpose
 * fixed once there are members), attribution of leads and opportunities (conversion included),
 * hand-computed metrics (won revenue across currencies, cost per lead, ROI), access by role, and
 * constant SQL for the metrics of a page of campaigns.
 */
import { toGlobalId } from '../../src/graphql/global-id';
import { tenantSql } from '../access/access-helpers';
import { Client, TestTenant, dataOf, errorCodes, useHarness } from '../support/harness';
import { addMembers, createCampaign, createCampaignPayload, recordConsent, updateCampaign } from './campaign-helpers';
import { Row, createRecord } from './marketing-helpers';

const harness = useHarness();
let workspace: TestTenant;
let admin: Client;
let accountId: string;

const METRICS = `query($id: ID!) { campaign(id: $id) { metrics {
  leadCount opportunityCount wonOpportunityCount wonRevenue { amount currency } unconvertedOpportunities costPerLead { amount currency } roi
} } }`;
const metricsOf = async (id: string, client = admin): Promise<Row> => dataOf(await client.request(METRICS, { id })).campaign.metrics;

async function opportunity(input: Row, outcome?: 'WON' | 'LOST'): Promise<string> {
  const id = dataOf(await admin.request('mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id } userErrors { code } } }', { input: { accountId, ...input } }))
    .createOpportunity.opportunity.id;
  if (outcome === 'WON') dataOf(await admin.request('mutation($id: ID!) { closeOpportunityAsWon(input: { id: $id }) { userErrors { code } } }', { id }));
  if (outcome === 'LOST') dataOf(await admin.request('mutation($id: ID!) { closeOpportunityAsLost(input: { id: $id, lossReason: "Price" }) { userErrors { code } } }', { id }));
  return id;
}

async function lead(lastName: string, primaryCampaignId: string | null): Promise<string> {
  const payload = dataOf(await admin.request('mutation($input: CreateLeadInput!) { createLead(input: $input) { lead { id primaryCampaign { name } } userErrors { field code } } }', {
    input: { lastName, company: `${lastName} Ltd`, primaryCampaignId },
  })).createLead;
  expect(payload.userErrors).toEqual([]);
  return payload.lead.id;
}

beforeAll(async () => {
  workspace = await harness.createTenant({ name: 'Campaigns' });
  admin = workspace.client;
  accountId = await createRecord(admin, 'Account', { name: 'Buyer' });
  await tenantSql(harness, workspace, `INSERT INTO currency_rates (currency, rate) VALUES ('USD', 0.9)`);
});

describe('the campaign record', () => {
  test('amounts share the campaign currency, dates are in order, and bad input writes nothing', async () => {
    const created = await createCampaign(admin, {
      name: 'Trade fair',
      type: 'EVENT',
      channel: 'VISIT',
      purpose: 'MARKETING',
      startDate: '2027-03-01',
      endDate: '2027-03-03',
      budget: { amount: '5000', currency: 'usd' },
      expectedRevenue: { amount: '20000.50', currency: 'USD' },
    });
    expect(created).toMatchObject({ status: 'PLANNED', currency: 'USD', budget: { amount: '5000.00', currency: 'USD' }, expectedRevenue: { amount: '20000.50' }, actualCost: null, version: 1 });
    const bad = [
      [{ budget: { amount: '1', currency: 'EUR' }, actualCost: { amount: '1', currency: 'USD' } }, ['input', 'actualCost', 'currency'], 'INVALID'],
      [{ startDate: '2027-03-02', endDate: '2027-03-01' }, ['input', 'endDate'], 'INVALID'],
      [{ budget: { amount: '-1', currency: 'EUR' } }, ['input', 'budget', 'amount'], 'INVALID'],
    ] as const;
    for (const [fields, field, code] of bad) {
      const payload = await createCampaignPayload(admin, { name: 'Bad', type: 'OTHER', channel: 'EMAIL', ...fields });
      expect({ fields, errors: payload.userErrors.map((e: Row) => [e.field, e.code]) }).toMatchObject({ fields, errors: [[field, code]] });
    }
    const listed = dataOf(await admin.request('{ campaigns(first: 10) { nodes { name } } }')).campaigns.nodes;
    expect(listed).toEqual([{ name: 'Trade fair' }]);
    // An update is checked against the dates the campaign will have, stored ones included.
    const early = await updateCampaign(admin, { id: created.id, endDate: '2027-02-28' });
    expect(early.userErrors.map((e: Row) => [e.field, e.code])).toEqual([[['input', 'endDate'], 'INVALID']]);
    expect((await updateCampaign(admin, { id: created.id, startDate: '2027-02-27', endDate: '2027-02-28' })).campaign).toMatchObject({ startDate: '2027-02-27', endDate: '2027-02-28', version: 2 });
    expect((await updateCampaign(admin, { id: created.id, startDate: '2027-03-01' })).userErrors.map((e: Row) => [e.field, e.code])).toEqual([[['input', 'endDate'], 'INVALID']]);
    expect((await updateCampaign(admin, { id: created.id, actualCost: { amount: '10', currency: 'EUR' } })).userErrors.map((e: Row) => e.code)).toEqual(['INVALID']);
  });

  test('the status machine: PLANNED → ACTIVE → COMPLETED; finished campaigns change no more and take no members', async () => {
    const c = await createCampaign(admin, { name: 'Webinar', type: 'WEBINAR', channel: 'EMAIL' });
    expect((await updateCampaign(admin, { id: c.id, status: 'COMPLETED' })).userErrors.map((e: Row) => e.code)).toEqual(['INVALID_STATE']);
    expect((await updateCampaign(admin, { id: c.id, status: 'ACTIVE', expectedVersion: 1 })).campaign).toMatchObject({ status: 'ACTIVE', version: 2 });
    expect((await updateCampaign(admin, { id: c.id, status: 'ACTIVE', expectedVersion: 1 })).userErrors.map((e: Row) => e.code)).toEqual(['CONFLICT']);
    expect((await updateCampaign(admin, { id: c.id, status: 'COMPLETED' })).campaign.status).toBe('COMPLETED');
    expect((await updateCampaign(admin, { id: c.id, status: 'ACTIVE' })).userErrors.map((e: Row) => e.code)).toEqual(['INVALID_STATE']);
    const contact = await createRecord(admin, 'Contact', { lastName: 'Late', email: 'late@buyer.example' });
    expect((await addMembers(admin, { campaignId: c.id, contactIds: [contact] })).userErrors.map((e: Row) => e.code)).toEqual(['INVALID_STATE']);
  });

  test('channel and purpose are fixed once the campaign has members', async () => {
    const c = await createCampaign(admin, { name: 'Calls', type: 'TELEMARKETING', channel: 'PHONE', purpose: 'SERVICE' });
    expect((await updateCampaign(admin, { id: c.id, channel: 'SMS' })).campaign.channel).toBe('SMS');
    const contact = await createRecord(admin, 'Contact', { lastName: 'Caller', mobilePhone: '+447911123456' });
    // SERVICE needs no consent: reachable by SMS.
    expect((await addMembers(admin, { campaignId: c.id, contactIds: [contact] })).added).toBe(1);
    const refused = await updateCampaign(admin, { id: c.id, channel: 'EMAIL' });
    expect(refused.userErrors.map((e: Row) => [e.field, e.code])).toEqual([[['input', 'channel'], 'INVALID_STATE']]);
    expect((await updateCampaign(admin, { id: c.id, purpose: 'MARKETING' })).userErrors.map((e: Row) => e.code)).toEqual(['INVALID_STATE']);
  });
});

describe('attribution and metrics', () => {
  let eur: Row;
  let usd: Row;
  beforeAll(async () => {
    eur = await createCampaign(admin, { name: 'Spring EUR', type: 'EMAIL', channel: 'EMAIL', actualCost: { amount: '1000', currency: 'EUR' } });
    usd = await createCampaign(admin, { name: 'Spring USD', type: 'ADVERTISING', channel: 'EMAIL', actualCost: { amount: '100', currency: 'USD' } });
    for (const name of ['Ann', 'Bob', 'Cyd', 'Dee']) await lead(name, eur.id);
    const deleted = await lead('Eve', eur.id);
    dataOf(await admin.request('mutation($id: ID!) { deleteLead(input: { id: $id }) { userErrors { code } } }', { id: deleted }));
    await lead('Unattributed', null);
    await opportunity({ name: 'A', amount: { amount: '2000', currency: 'EUR' }, primaryCampaignId: eur.id }, 'WON');
    await opportunity({ name: 'B', amount: { amount: '1000', currency: 'USD' }, primaryCampaignId: eur.id }, 'WON');
    await opportunity({ name: 'C', amount: { amount: '500', currency: 'GBP' }, primaryCampaignId: eur.id }, 'WON');
    await opportunity({ name: 'D', amount: { amount: '9999', currency: 'EUR' }, primaryCampaignId: eur.id }, 'LOST');
    await opportunity({ name: 'E', amount: { amount: '3000', currency: 'EUR' }, primaryCampaignId: eur.id });
    await opportunity({ name: 'F', amount: { amount: '90', currency: 'EUR' }, primaryCampaignId: usd.id }, 'WON');
  });

  test('won revenue in the campaign currency, cost per lead and ROI match the hand computation', async () => {
    // 2000 EUR + 1000 USD × 0.9 = 2900 EUR (the GBP deal has no rate); 4 live leads: 1000 / 4 = 250; ROI (2900 − 1000) / 1000 = 1.9.
    expect(await metricsOf(eur.id)).toEqual({
      leadCount: 4,
      opportunityCount: 5,
      wonOpportunityCount: 3,
      wonRevenue: { amount: '2900.00', currency: 'EUR' },
      unconvertedOpportunities: 1,
      costPerLead: { amount: '250.00', currency: 'EUR' },
      roi: 1.9,
    });
    // 90 EUR in USD: 90 × 1 / 0.9 = 100 USD, exactly the cost: ROI 0; no leads, no cost per lead.
    expect(await metricsOf(usd.id)).toEqual({
      leadCount: 0,
      opportunityCount: 1,
      wonOpportunityCount: 1,
      wonRevenue: { amount: '100.00', currency: 'USD' },
      unconvertedOpportunities: 0,
      costPerLead: null,
      roi: 0,
    });
  });

  test('leads and opportunities are listed by campaign, and a converted lead passes its campaign to the deal', async () => {
    const leads = dataOf(await admin.request('query($id: ID!) { leads(first: 10, where: { primaryCampaign: { eq: $id } }) { totalCount } }', { id: eur.id })).leads;
    expect(leads.totalCount).toBe(4);
    const deals = dataOf(await admin.request('query($id: ID!) { opportunities(first: 10, where: { primaryCampaign: { eq: $id } }) { nodes { name primaryCampaign { name } } } }', { id: usd.id })).opportunities;
    expect(deals.nodes).toEqual([{ name: 'F', primaryCampaign: { name: 'Spring USD' } }]);

    const converting = await lead('Convert', usd.id);
    const converted = dataOf(await admin.request('mutation($input: ConvertLeadInput!) { convertLead(input: $input) { opportunity { primaryCampaign { name } } userErrors { code } } }', {
      input: { id: converting, newAccount: { name: 'Convert Ltd' } },
    })).convertLead;
    expect(converted).toEqual({ opportunity: { primaryCampaign: { name: 'Spring USD' } }, userErrors: [] });
  });

  test('an unknown or malformed campaign is refused on leads and opportunities', async () => {
    const missing = toGlobalId('Campaign', '00000000-0000-7000-8000-000000000000');
    const viaLead = dataOf(await admin.request('mutation($input: CreateLeadInput!) { createLead(input: $input) { userErrors { field code } } }', { input: { lastName: 'X', primaryCampaignId: missing } })).createLead;
    expect(viaLead.userErrors).toEqual([{ field: ['input', 'primaryCampaignId'], code: 'NOT_FOUND' }]);
    const viaDeal = dataOf(await admin.request('mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { userErrors { field code } } }', {
      input: { accountId, name: 'X', primaryCampaignId: 'not-an-id' },
    })).createOpportunity;
    expect(viaDeal.userErrors).toEqual([{ field: ['input', 'primaryCampaignId'], code: 'INVALID' }]);
  });

  test('the metrics of a page of campaigns take the same number of statements for 2 and 5 campaigns', async () => {
    const statements = async (first: number) => {
      const response = await admin.request(`query($first: Int!) { campaigns(first: $first) { nodes { name metrics { memberCount leadCount wonRevenue { amount } roi } segments { name } } } }`, { first });
      expect(dataOf(response).campaigns.nodes).toHaveLength(first);
      return response.extensions?.sqlStatements as number;
    };
    expect(await statements(5)).toBe(await statements(2));
  });
});

describe('access', () => {
  test("an analyst reads campaigns and their metrics, but not members' personal data; a sales rep reads but may not create", async () => {
    const c = await createCampaign(admin, { name: 'Consented', type: 'EMAIL', channel: 'EMAIL' });
    const contact = await createRecord(admin, 'Contact', { lastName: 'Lovelace', email: 'ada@buyer.example' });
    await recordConsent(admin, contact, 'EMAIL', 'MARKETING');
    expect((await addMembers(admin, { campaignId: c.id, contactIds: [contact] })).added).toBe(1);

    const analyst = (await harness.keyFor(workspace.tenant, { role: 'analyst' })).client;
    const seen = await analyst.request('query($id: ID!) { campaign(id: $id) { name metrics { memberCount } members(first: 5) { nodes { status contact { id } } } } }', { id: c.id });
    expect(dataOf(seen).campaign).toEqual({ name: 'Consented', metrics: { memberCount: 1 }, members: { nodes: [{ status: 'TARGETED', contact: { id: contact } }] } });
    const personal = await analyst.request('query($id: ID!) { campaign(id: $id) { members(first: 5) { nodes { contact { lastName email } } } } }', { id: c.id });
    expect(errorCodes(personal)).toContain('FORBIDDEN');
    expect(JSON.stringify(personal.data)).not.toContain('Lovelace');
    expect(JSON.stringify(personal.data)).not.toContain('ada@buyer.example');

    const rep = await harness.addUser(workspace.tenant, { role: 'sales_rep' });
    const repClient = (await harness.keyFor(workspace.tenant, { role: 'sales_rep', userId: rep.uuid })).client;
    expect(dataOf(await repClient.request('query($id: ID!) { campaign(id: $id) { name } }', { id: c.id })).campaign.name).toBe('Consented');
    expect(errorCodes(await repClient.request('mutation { createCampaign(input: { name: "Mine", type: OTHER, channel: EMAIL }) { userErrors { code } } }'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await repClient.request('mutation($input: AddCampaignMembersInput!) { addCampaignMembers(input: $input) { added } }', { input: { campaignId: c.id, contactIds: [contact] } }))).toEqual(['FORBIDDEN']);
  });
});
