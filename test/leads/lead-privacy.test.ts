/** Leads in data-subject requests: exported and erased with the person they describe. */
import { Client, TestTenant, dataOf, useHarness } from '../support/harness';
import { ERASE, EXPORT, createContact as createPrivacyContact, mutate as mutatePrivacy } from '../privacy/privacy-helpers';
import { CONVERT_LEAD, createLead, mutate } from './lead-helpers';

const harness = useHarness();
let workspace: TestTenant;
let admin: Client;

const STORED = `query($id: ID!) { lead(id: $id) { firstName lastName email phone jobTitle company status erasedAt version } }`;

beforeAll(async () => {
  workspace = await harness.createTenant({ name: 'Lead privacy' });
  admin = workspace.client;
});

test("export lists the person's leads, found by address without regard to case", async () => {
  await createPrivacyContact(admin, { lastName: 'Export', email: 'export.me@leads.example' });
  const byAddress = await createLead(admin, { lastName: 'Export', email: 'EXPORT.me@leads.example', company: 'Export Co' });
  await createLead(admin, { lastName: 'Someone else', email: 'other@leads.example' });
  const payload = await mutatePrivacy(admin, EXPORT, { subject: { email: 'export.me@leads.example' } });
  expect(payload.userErrors).toEqual([]);
  expect(payload.document.leads.map((l: Record<string, unknown>) => [l.id, l.email, l.company])).toEqual([[byAddress.id, 'EXPORT.me@leads.example', 'Export Co']]);
});

test('erasure overwrites the personal fields of the leads and keeps the business record', async () => {
  const lead = await createLead(admin, { firstName: 'Erin', lastName: 'Erase', email: 'erin@erase.example', phone: '+4930999888777', jobTitle: 'CTO', company: 'Erase Co' });
  // Converted into a contact with another address: still the same person.
  const converted = await createLead(admin, { lastName: 'Erase', email: 'erin.old@erase.example', company: 'Erase Ltd' });
  const contactId = (await mutate(admin, CONVERT_LEAD, { id: converted.id, createOpportunity: false })).contact.id;
  await mutate(admin, `mutation($input: UpdateContactInput!) { updateContact(input: $input) { userErrors { code } } }`, { id: contactId, email: 'erin@erase.example' });

  const payload = await mutatePrivacy(admin, ERASE, { subject: { email: 'erin@erase.example' }, reason: 'request 7' });
  expect(payload.userErrors).toEqual([]);
  for (const id of [lead.id, converted.id]) {
    const stored = dataOf(await admin.request(STORED, { id })).lead;
    expect(stored).toMatchObject({ firstName: null, lastName: 'Erased', email: null, phone: null, jobTitle: null });
    expect(stored.erasedAt).not.toBeNull();
  }
  expect(dataOf(await admin.request(STORED, { id: lead.id })).lead).toMatchObject({ company: 'Erase Co', status: 'NEW', version: 2 });
});
