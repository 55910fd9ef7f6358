/** Capturing, changing, qualifying and listing leads; the derived domain; personal fields by role; record scope. */
import { Client, TestTenant, TestUser, dataOf, errorCodes, useHarness } from '../support/harness';
import {
  DELETE_LEAD,
  DISQUALIFY_LEAD,
  GET_LEAD,
  IMPERSONAL_LEAD_FIELDS,
  LIST_LEADS,
  QUALIFY_LEAD,
  RESTORE_LEAD,
  Row,
  UPDATE_LEAD,
  CREATE_LEAD,
  createLead,
  errorsOf,
  mutate,
} from './lead-helpers';

const harness = useHarness();
let workspace: TestTenant;
let admin: Client;
let me: TestUser;

beforeAll(async () => {
  workspace = await harness.createTenant({ name: 'Leads' });
  me = await harness.addUser(workspace.tenant, { role: 'admin', name: 'Lead Admin' });
  ({ client: admin } = await harness.keyFor(workspace.tenant, { role: 'admin', userId: me.uuid }));
});

describe('createLead', () => {
  test('captures the lead as NEW, owned by the caller, with the domain of its website', async () => {
    const lead = await createLead(admin, {
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@navy.example',
      phone: '+4930123456789',
      jobTitle: 'Rear Admiral',
      company: 'Navy',
      website: 'https://www.Navy-Labs.example/about',
      source: 'Web',
      campaign: 'Spring launch',
      rating: 'HOT',
    });
    expect(lead).toMatchObject({
      name: 'Grace Hopper',
      email: 'grace@navy.example',
      company: 'Navy',
      domain: 'navy-labs.example',
      source: 'Web',
      campaign: 'Spring launch',
      status: 'NEW',
      rating: 'HOT',
      convertedAt: null,
      version: 1,
      owner: { id: me.id },
    });
    expect(dataOf(await admin.request(GET_LEAD, { id: lead.id })).lead).toEqual(lead);
  });

  test.each([
    ['the e-mail host without a website', { email: 'ada@Analytical.example' }, 'analytical.example'],
    ['nothing for a free-mail address', { email: 'ada@gmail.com' }, null],
    ['the website over the e-mail host', { email: 'ada@gmail.com', website: 'http://engines.example' }, 'engines.example'],
    ['nothing without website or e-mail', {}, null],
  ])('the domain is %s', async (_label, input, domain) => {
    expect((await createLead(admin, { lastName: 'Lovelace', ...input })).domain).toBe(domain);
  });

  test('refuses what it cannot store, writing nothing', async () => {
    const before = dataOf(await admin.request(LIST_LEADS, { first: 100 })).leads.totalCount;
    const cases: [Row, [string, string][]][] = [
      [{ lastName: '' }, [['input.lastName', 'REQUIRED']]],
      [{ lastName: 'x'.repeat(256) }, [['input.lastName', 'TOO_LONG']]],
      [{ lastName: 'Source', source: 'Carrier pigeon' }, [['input.source', 'INVALID']]],
      [{ lastName: 'Status', status: 'QUALIFIED' }, [['input.status', 'INVALID']]],
      [{ lastName: 'Status', status: 'CONVERTED' }, [['input.status', 'INVALID']]],
    ];
    for (const [input, expected] of cases) expect(errorsOf(await mutate(admin, CREATE_LEAD, input))).toEqual(expected);
    expect(errorCodes(await admin.request(CREATE_LEAD, { input: { lastName: 'Mail', email: 'not an address' } }))).toEqual(['BAD_USER_INPUT']);
    expect(dataOf(await admin.request(LIST_LEADS, { first: 100 })).leads.totalCount).toBe(before);
  });
});

describe('updateLead, qualifyLead, disqualifyLead', () => {
  test('a changed e-mail or website derives the domain again', async () => {
    const lead = await createLead(admin, { lastName: 'Turing', email: 'alan@bletchley.example' });
    const moved = await mutate(admin, UPDATE_LEAD, { id: lead.id, email: 'alan@manchester.example', expectedVersion: 1 });
    expect(moved.lead).toMatchObject({ domain: 'manchester.example', version: 2 });
    const site = await mutate(admin, UPDATE_LEAD, { id: lead.id, website: 'https://turing.example' });
    expect(site.lead.domain).toBe('turing.example');
    const noSite = await mutate(admin, UPDATE_LEAD, { id: lead.id, website: null, jobTitle: 'Mathematician' });
    expect(noSite.lead).toMatchObject({ domain: 'manchester.example', jobTitle: 'Mathematician', website: null });
    const stale = await mutate(admin, UPDATE_LEAD, { id: lead.id, company: 'X', expectedVersion: 1 });
    expect(errorsOf(stale)).toEqual([['input.expectedVersion', 'CONFLICT']]);
  });

  test('disqualifying keeps the reason, re-opening or qualifying clears it', async () => {
    const lead = await createLead(admin, { lastName: 'Babbage' });
    expect(errorsOf(await mutate(admin, DISQUALIFY_LEAD, { id: lead.id, reason: '' }))).toEqual([['input.reason', 'REQUIRED']]);
    const out = await mutate(admin, DISQUALIFY_LEAD, { id: lead.id, reason: 'No budget' });
    expect(out.lead).toMatchObject({ status: 'UNQUALIFIED', disqualificationReason: 'No budget' });
    const reopened = await mutate(admin, UPDATE_LEAD, { id: lead.id, status: 'WORKING' });
    expect(reopened.lead).toMatchObject({ status: 'WORKING', disqualificationReason: null });
    await mutate(admin, DISQUALIFY_LEAD, { id: lead.id, reason: 'Still no budget' });
    const qualified = await mutate(admin, QUALIFY_LEAD, { id: lead.id });
    expect(qualified.lead).toMatchObject({ status: 'QUALIFIED', disqualificationReason: null });
    expect(errorsOf(await mutate(admin, UPDATE_LEAD, { id: lead.id, status: 'UNQUALIFIED' }))).toEqual([['input.status', 'INVALID']]);
  });

  test('delete moves the lead to the recycle bin and restore brings it back', async () => {
    const lead = await createLead(admin, { lastName: 'Recycled' });
    expect((await mutate(admin, DELETE_LEAD, { id: lead.id })).lead.deletedAt).not.toBeNull();
    expect(errorCodes(await admin.request(GET_LEAD, { id: lead.id }))).toEqual(['NOT_FOUND']);
    const bin = dataOf(await admin.request(LIST_LEADS, { first: 100, inRecycleBin: true })).leads.nodes.map((n: Row) => n.id);
    expect(bin).toEqual([lead.id]);
    expect(errorsOf(await mutate(admin, UPDATE_LEAD, { id: lead.id, company: 'X' }))).toEqual([['input.id', 'NOT_FOUND']]);
    expect((await mutate(admin, RESTORE_LEAD, { id: lead.id })).lead.deletedAt).toBeNull();
  });
});

describe('leads(where:)', () => {
  test('filters by status, source, campaign and e-mail (without regard to case)', async () => {
    const a = await createLead(admin, { lastName: 'FilterA', email: 'Filter.A@where.example', source: 'Event', campaign: 'Expo' });
    const b = await createLead(admin, { lastName: 'FilterB', source: 'Event', campaign: 'Other', status: 'WORKING' });
    const ids = async (where: Row) => dataOf(await admin.request(LIST_LEADS, { first: 100, where })).leads.nodes.map((n: Row) => n.id).sort();
    expect(await ids({ email: { eq: 'filter.a@WHERE.example' } })).toEqual([a.id]);
    expect(await ids({ source: { eq: 'Event' } })).toEqual([a.id, b.id].sort());
    expect(await ids({ source: { eq: 'Event' }, campaign: { eq: 'Expo' } })).toEqual([a.id]);
    expect(await ids({ source: { eq: 'Event' }, status: { eq: 'WORKING' } })).toEqual([b.id]);
    expect(await ids({ owner: { eq: me.id }, campaign: { in: ['Expo', 'Other'] } })).toEqual([a.id, b.id].sort());
  });
});

describe('personal fields and record scope by role', () => {
  let leadId: string;
  beforeAll(async () => {
    leadId = (await createLead(admin, { firstName: 'Maria', lastName: 'Masked', email: 'maria@masked.example', company: 'Masked Co', source: 'Web' })).id;
  });

  test('read_only sees personal fields masked; the analyst may not read them at all', async () => {
    const readOnly = (await harness.keyFor(workspace.tenant, { role: 'read_only' })).client;
    const masked = dataOf(await readOnly.request(`query($id: ID!) { lead(id: $id) { name email ${IMPERSONAL_LEAD_FIELDS} } }`, { id: leadId })).lead;
    expect(masked).toMatchObject({ email: 'm•••@masked.example', company: 'Masked Co', source: 'Web' });
    expect(masked.name).not.toContain('Masked');

    const analyst = (await harness.keyFor(workspace.tenant, { role: 'analyst' })).client;
    expect(dataOf(await analyst.request(`query($id: ID!) { lead(id: $id) { ${IMPERSONAL_LEAD_FIELDS} } }`, { id: leadId })).lead.company).toBe('Masked Co');
    for (const field of ['email', 'lastName', 'name', 'phone', 'jobTitle']) {
      const response = await analyst.request(`query($id: ID!) { lead(id: $id) { ${field} } }`, { id: leadId });
      expect({ field, codes: errorCodes(response) }).toEqual({ field, codes: ['FORBIDDEN'] });
      expect(JSON.stringify(response)).not.toContain('maria');
    }
    // Filtering by the e-mail would reveal it one query at a time.
    expect(errorCodes(await analyst.request(LIST_LEADS, { where: { email: { eq: 'maria@masked.example' } } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await readOnly.request(LIST_LEADS, { where: { email: { eq: 'maria@masked.example' } } }))).toEqual(['FORBIDDEN']);
    // Neither may write.
    expect(errorCodes(await analyst.request(CREATE_LEAD, { input: { lastName: 'Nope' } }))).toEqual(['FORBIDDEN']);
  });

  test("a sales rep sees and changes only their own leads; others' are NOT_FOUND", async () => {
    const rep = await harness.addUser(workspace.tenant, { role: 'sales_rep' });
    const repClient = (await harness.keyFor(workspace.tenant, { role: 'sales_rep', userId: rep.uuid })).client;
    const own = await createLead(repClient, { lastName: 'RepOwn' });
    expect(own.owner).toEqual({ id: rep.id });
    const listed = dataOf(await repClient.request(LIST_LEADS, { first: 100 })).leads;
    expect(listed).toMatchObject({ totalCount: 1, nodes: [{ id: own.id }] });
    expect(errorCodes(await repClient.request(GET_LEAD, { id: leadId }))).toEqual(['NOT_FOUND']);
    const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Lead { status } } }`;
    expect(dataOf(await repClient.request(NODES, { ids: [own.id, leadId] })).nodes).toEqual([{ id: own.id, status: 'NEW' }, null]);
    expect(errorsOf(await mutate(repClient, UPDATE_LEAD, { id: leadId, company: 'Mine' }))).toEqual([['input.id', 'NOT_FOUND']]);
    expect(errorsOf(await mutate(repClient, QUALIFY_LEAD, { id: leadId }))).toEqual([['input.id', 'NOT_FOUND']]);
    // Nor may the rep hand a lead to someone else.
    expect(errorsOf(await mutate(repClient, CREATE_LEAD, { lastName: 'Gift', ownerId: me.id }))).toEqual([['input.ownerId', 'FORBIDDEN']]);
  });
});
