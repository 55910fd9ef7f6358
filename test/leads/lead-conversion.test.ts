/** convertLead: create or link account and contact, optionally open an opportunity, all in one transaction. */
import { randomUUID } from 'node:crypto';
import { toGlobalId } from '../../src/graphql/global-id';
import { Client, TestTenant, TestUser, dataOf, errorCodes, useHarness } from '../support/harness';
import { UPSERT_PLAN, uniqueCode } from '../support/tenant-lifecycle-helpers';
import { UPDATE_VALUE, mutateOk } from '../configuration/configuration-helpers';
import { CONVERT_LEAD, DISQUALIFY_LEAD, QUALIFY_LEAD, Row, UPDATE_LEAD, createAccount, createContact, createLead, errorsOf, mutate } from './lead-helpers';

const harness = useHarness();
let workspace: TestTenant;
let admin: Client;
let seller: TestUser;

const COUNTS = `{ accounts { totalCount } contacts { totalCount } opportunities { totalCount } }`;
const counts = async (client: Client) => {
  const data = dataOf(await client.request(COUNTS));
  return { accounts: data.accounts.totalCount, contacts: data.contacts.totalCount, opportunities: data.opportunities.totalCount };
};
const LEAD_STATE = `query($id: ID!) { lead(id: $id) { status version convertedAt convertedAccount { id } convertedContact { id } convertedOpportunity { id } } }`;
const leadState = async (client: Client, id: string) => dataOf(await client.request(LEAD_STATE, { id })).lead;
const convert = (client: Client, input: Row) => mutate(client, CONVERT_LEAD, input);

beforeAll(async () => {
  workspace = await harness.createTenant({ name: 'Conversion' });
  admin = workspace.client;
  seller = await harness.addUser(workspace.tenant, { role: 'sales_rep' });
});

describe('converting into new records', () => {
  test('creates account, contact and opportunity from the lead, carrying over owner and source', async () => {
    const lead = await createLead(admin, {
      firstName: 'Katherine',
      lastName: 'Johnson',
      email: 'katherine@orbit.example',
      phone: '+4930111222333',
      jobTitle: 'Mathematician',
      company: 'Orbit Inc',
      website: 'https://orbit.example',
      source: 'Referral',
      ownerId: seller.id,
    });
    await mutate(admin, QUALIFY_LEAD, { id: lead.id });
    const before = await counts(admin);
    const result = await convert(admin, { id: lead.id, amount: { amount: '12500.50', currency: 'EUR' }, closeDate: '2027-03-31' });
    expect(result.userErrors).toEqual([]);
    expect(result.account).toMatchObject({ name: 'Orbit Inc', domain: 'orbit.example', website: 'https://orbit.example/', owner: { id: seller.id } });
    expect(result.contact).toMatchObject({
      firstName: 'Katherine',
      lastName: 'Johnson',
      email: 'katherine@orbit.example',
      phone: '+4930111222333',
      jobTitle: 'Mathematician',
      account: { id: result.account.id },
      owner: { id: seller.id },
    });
    expect(result.opportunity).toMatchObject({ name: 'Orbit Inc', amount: { amount: expect.stringMatching(/^12500\.50*$/), currency: 'EUR' }, leadSource: 'Referral' });
    expect(result.lead).toMatchObject({
      status: 'CONVERTED',
      convertedAccount: { id: result.account.id },
      convertedContact: { id: result.contact.id },
      convertedOpportunity: { id: result.opportunity.id },
    });
    expect(result.lead.convertedAt).not.toBeNull();
    expect(await counts(admin)).toEqual({ accounts: before.accounts + 1, contacts: before.contacts + 1, opportunities: before.opportunities + 1 });
  });

  test('without a company the new account must be named (never after the person); newAccount.name overrides; an open lead converts too', async () => {
    const person = await createLead(admin, { lastName: 'Solo' });
    const unnamed = await admin.request(CONVERT_LEAD, { input: { id: person.id, createOpportunity: false } });
    expect(dataOf(unnamed).convertLead.userErrors).toEqual([expect.objectContaining({ field: ['input', 'newAccount'], code: 'REQUIRED' })]);
    expect((await convert(admin, { id: person.id, createOpportunity: false, newAccount: { name: 'Solo household' } })).account.name).toBe('Solo household');
    const named = await createLead(admin, { lastName: 'Named', company: 'Ignored Co', status: 'WORKING' });
    const result = await convert(admin, { id: named.id, newAccount: { name: 'Chosen Name' }, opportunityName: 'Pilot' });
    expect([result.account.name, result.opportunity.name]).toEqual(['Chosen Name', 'Pilot']);
  });
});

describe('linking existing records', () => {
  test('links the given account and contact, creates nothing but the conversion, no opportunity when not asked', async () => {
    const accountId = await createAccount(admin, { name: 'Existing' });
    const contactId = await createContact(admin, { lastName: 'Existing', accountId });
    const lead = await createLead(admin, { lastName: 'Link' });
    const before = await counts(admin);
    const result = await convert(admin, { id: lead.id, accountId, contactId, createOpportunity: false });
    expect(result.userErrors).toEqual([]);
    expect([result.account.id, result.contact.id, result.opportunity]).toEqual([accountId, contactId, null]);
    expect(await counts(admin)).toEqual(before);
    expect(await leadState(admin, lead.id)).toMatchObject({ status: 'CONVERTED', convertedAccount: { id: accountId }, convertedContact: { id: contactId }, convertedOpportunity: null });
  });

  test("a contact alone brings its account; a linked account gets a new contact from the lead", async () => {
    const accountId = await createAccount(admin, { name: 'Via contact' });
    const contactId = await createContact(admin, { lastName: 'Via', accountId });
    const byContact = await convert(admin, { id: (await createLead(admin, { lastName: 'ByContact' })).id, contactId, createOpportunity: false });
    expect([byContact.account.id, byContact.contact.id]).toEqual([accountId, contactId]);
    const byAccount = await convert(admin, { id: (await createLead(admin, { lastName: 'ByAccount', email: 'new@via.example' })).id, accountId });
    expect(byAccount.contact).toMatchObject({ lastName: 'ByAccount', email: 'new@via.example', account: { id: accountId } });
    expect(byAccount.opportunity.name).toBe('Via contact');
  });

  test('refuses contradicting links', async () => {
    const accountId = await createAccount(admin, { name: 'One' });
    const otherAccount = await createAccount(admin, { name: 'Two' });
    const contactId = await createContact(admin, { lastName: 'AtTwo', accountId: otherAccount });
    const loner = await createContact(admin, { lastName: 'Loner' });
    const lead = await createLead(admin, { lastName: 'Contradiction' });
    expect(errorsOf(await convert(admin, { id: lead.id, accountId, contactId }))).toEqual([['input.contactId', 'INVALID']]);
    expect(errorsOf(await convert(admin, { id: lead.id, accountId, newAccount: { name: 'X' } }))).toEqual([['input.newAccount', 'INVALID']]);
    expect(errorsOf(await convert(admin, { id: lead.id, contactId, newAccount: {} }))).toEqual([['input.contactId', 'INVALID']]);
    expect(errorsOf(await convert(admin, { id: lead.id, contactId: loner }))).toEqual([['input.contactId', 'INVALID']]);
    expect(errorsOf(await convert(admin, { id: lead.id, accountId: toGlobalId('Account', randomUUID()) }))).toEqual([['input.accountId', 'NOT_FOUND']]);
    expect((await leadState(admin, lead.id)).status).toBe('NEW');
  });
});

describe('states and atomicity', () => {
  test('a step failing late (an unknown stage) leaves nothing written: no account, no contact, lead unchanged', async () => {
    const lead = await createLead(admin, { lastName: 'Atomic', company: 'Atomic Co' });
    const before = await counts(admin);
    const result = await convert(admin, { id: lead.id, stageId: toGlobalId('PipelineStage', randomUUID()) });
    expect(result.userErrors.map((e: Row) => e.field.join('.'))).toEqual(['input.stageId']);
    expect(result.account).toBeNull();
    expect(await counts(admin)).toEqual(before);
    expect(await leadState(admin, lead.id)).toMatchObject({ status: 'NEW', version: 1, convertedAt: null, convertedAccount: null });
    const negative = await convert(admin, { id: lead.id, amount: { amount: '-5', currency: 'EUR' } });
    expect(errorsOf(negative)).toEqual([['input.amount.amount', 'INVALID']]);
    expect(await counts(admin)).toEqual(before);
  });

  test('a converted lead cannot be converted again, changed or re-qualified; a disqualified one must be qualified first', async () => {
    const lead = await createLead(admin, { lastName: 'Twice', company: 'Twice Ltd' });
    expect((await convert(admin, { id: lead.id, createOpportunity: false })).userErrors).toEqual([]);
    const before = await counts(admin);
    expect(errorsOf(await convert(admin, { id: lead.id }))).toEqual([['input.id', 'INVALID_STATE']]);
    expect(errorsOf(await mutate(admin, UPDATE_LEAD, { id: lead.id, company: 'Later' }))).toEqual([['input.id', 'INVALID_STATE']]);
    expect(errorsOf(await mutate(admin, QUALIFY_LEAD, { id: lead.id }))).toEqual([['input.id', 'INVALID_STATE']]);
    expect(errorsOf(await mutate(admin, DISQUALIFY_LEAD, { id: lead.id, reason: 'Too late' }))).toEqual([['input.id', 'INVALID_STATE']]);
    expect(await counts(admin)).toEqual(before);

    const unqualified = await createLead(admin, { lastName: 'Unqualified', company: 'Student Union' });
    await mutate(admin, DISQUALIFY_LEAD, { id: unqualified.id, reason: 'Student' });
    expect(errorsOf(await convert(admin, { id: unqualified.id }))).toEqual([['input.id', 'INVALID_STATE']]);
    await mutate(admin, QUALIFY_LEAD, { id: unqualified.id });
    expect((await convert(admin, { id: unqualified.id, createOpportunity: false })).lead.status).toBe('CONVERTED');
  });

  test('two conversions at once: one wins, the other waits for it and answers INVALID_STATE', async () => {
    const lead = await createLead(admin, { lastName: 'Race', company: 'Race Co' });
    const before = await counts(admin);
    const results = await Promise.all([convert(admin, { id: lead.id }), convert(admin, { id: lead.id })]);
    expect(results.map((r) => errorsOf(r)).sort()).toEqual([[], [['input.id', 'INVALID_STATE']]]);
    expect(await counts(admin)).toEqual({ accounts: before.accounts + 1, contacts: before.contacts + 1, opportunities: before.opportunities + 1 });
  });

  test('a lead source deactivated since capture stays on the lead but stops a conversion with an opportunity', async () => {
    const lead = await createLead(admin, { lastName: 'Inactive', source: 'Advertising' });
    const values = dataOf(await admin.request(`{ picklist(key: "lead_source") { values { id value } } }`)).picklist.values;
    await mutateOk(admin, UPDATE_VALUE, { id: values.find((v: Row) => v.value === 'Advertising').id, active: false });
    expect((await mutate(admin, UPDATE_LEAD, { id: lead.id, company: 'Still fine', source: 'Advertising' })).userErrors).toEqual([]);
    expect(errorsOf(await mutate(admin, UPDATE_LEAD, { id: (await createLead(admin, { lastName: 'New' })).id, source: 'Advertising' }))).toEqual([['input.source', 'INVALID_STATE']]);
    expect(errorsOf(await convert(admin, { id: lead.id }))).toEqual([['input.id', 'INVALID_STATE']]);
    expect((await convert(admin, { id: lead.id, createOpportunity: false })).userErrors).toEqual([]);
  });

  test('a stale expectedVersion is a CONFLICT', async () => {
    const lead = await createLead(admin, { lastName: 'Stale' });
    await mutate(admin, UPDATE_LEAD, { id: lead.id, company: 'Changed' });
    expect(errorsOf(await convert(admin, { id: lead.id, expectedVersion: 1 }))).toEqual([['input.expectedVersion', 'CONFLICT']]);
  });
});

describe("the plan's record limit", () => {
  test('the account and contact a conversion creates count like any create: past the limit nothing is written', async () => {
    // Leads and opportunities count too: the account and the lead are two of three.
    const plan = { code: uniqueCode('plan'), name: 'Three records', seatLimit: 5, recordLimit: 3, features: [] };
    expect(dataOf(await harness.platform.request(UPSERT_PLAN, { input: plan })).upsertPlan.userErrors).toEqual([]);
    const small = (await harness.createTenant({ name: 'Small plan', planCode: plan.code, seats: 5 })).client;
    const accountId = await createAccount(small, { name: 'The one account' });
    const lead = await createLead(small, { lastName: 'Quota', company: 'Quota Co' });
    expect(errorCodes(await small.request(CONVERT_LEAD, { input: { id: lead.id, createOpportunity: false } }))).toEqual(['QUOTA_EXCEEDED']);
    expect(await leadState(small, lead.id)).toMatchObject({ status: 'NEW', convertedAccount: null });
    expect(dataOf(await small.request('{ accounts { totalCount } contacts { totalCount } }'))).toEqual({ accounts: { totalCount: 1 }, contacts: { totalCount: 0 } });
    // Linking the account creates only the contact: within the limit.
    const linked = await convert(small, { id: lead.id, accountId, createOpportunity: false });
    expect([linked.userErrors, linked.account.id]).toEqual([[], accountId]);
    // Now full (account, lead, contact): a new lead or opportunity is past the limit.
    expect(errorCodes(await small.request(`mutation { createLead(input: { lastName: "One more" }) { lead { id } } }`))).toEqual(['QUOTA_EXCEEDED']);
    const opportunity = await small.request(`mutation($a: ID!) { createOpportunity(input: { name: "Deal", accountId: $a }) { opportunity { id } userErrors { code } } }`, { a: accountId });
    expect(errorCodes(opportunity)).toEqual(['QUOTA_EXCEEDED']);
  });
});

describe('record scope', () => {
  test("a sales rep converts own leads only, links only records in scope, and owns what is created", async () => {
    const rep = await harness.addUser(workspace.tenant, { role: 'sales_rep' });
    const repClient = (await harness.keyFor(workspace.tenant, { role: 'sales_rep', userId: rep.uuid })).client;
    const othersLead = await createLead(admin, { lastName: 'NotTheRep', ownerId: seller.id });
    const othersAccount = await createAccount(admin, { name: 'Not the rep’s', ownerId: seller.id });
    const othersContact = await createContact(admin, { lastName: 'NotTheRep', accountId: othersAccount, ownerId: seller.id });
    const own = await createLead(repClient, { lastName: 'RepLead', company: 'Rep Co' });
    const before = await counts(admin);

    expect(errorsOf(await convert(repClient, { id: othersLead.id }))).toEqual([['input.id', 'NOT_FOUND']]);
    expect(errorsOf(await convert(repClient, { id: own.id, accountId: othersAccount }))).toEqual([['input.accountId', 'NOT_FOUND']]);
    expect(errorsOf(await convert(repClient, { id: own.id, contactId: othersContact }))).toEqual([['input.contactId', 'NOT_FOUND']]);
    expect(errorsOf(await convert(repClient, { id: own.id, ownerId: seller.id }))).toEqual([['input.ownerId', 'FORBIDDEN']]);
    expect(await counts(admin)).toEqual(before);

    const result = await convert(repClient, { id: own.id });
    expect(result.userErrors).toEqual([]);
    expect([result.account.owner, result.contact.owner]).toEqual([{ id: rep.id }, { id: rep.id }]);
    const mine = await counts(repClient);
    expect(mine).toEqual({ accounts: 1, contacts: 1, opportunities: 1 });
  });
});
