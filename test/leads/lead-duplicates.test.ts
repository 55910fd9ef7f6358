/** Lead.duplicates: contacts by e-mail and accounts by domain, within the caller's record scope, batched across a page. */
import { Client, TestTenant, TestUser, dataOf, errorCodes, useHarness } from '../support/harness';
import { Row, createAccount, createContact, createLead, mutate, sqlStatements } from './lead-helpers';

const harness = useHarness();
let workspace: TestTenant;
let admin: Client;
let rep: TestUser;
let repClient: Client;
const ids: Record<string, string> = {};

const DUPLICATES = `query($id: ID!) { lead(id: $id) { duplicates { contacts { id } accounts { id } } } }`;
const duplicatesOf = async (client: Client, id: string) => {
  const { contacts, accounts } = dataOf(await client.request(DUPLICATES, { id })).lead.duplicates;
  return { contacts: contacts.map((c: Row) => c.id).sort(), accounts: accounts.map((a: Row) => a.id).sort() };
};
const sorted = (...values: string[]) => [...values].sort();

beforeAll(async () => {
  workspace = await harness.createTenant({ name: 'Duplicates' });
  admin = workspace.client;
  rep = await harness.addUser(workspace.tenant, { role: 'sales_rep' });
  repClient = (await harness.keyFor(workspace.tenant, { role: 'sales_rep', userId: rep.uuid })).client;
  ids.acme = await createAccount(admin, { name: 'Acme', domain: 'acme.example' });
  ids.acmeUpper = await createAccount(admin, { name: 'Acme Europe', domain: 'ACME.example' });
  ids.repAcme = await createAccount(admin, { name: 'Acme (rep)', domain: 'acme.example', ownerId: rep.id });
  ids.other = await createAccount(admin, { name: 'Other', domain: 'other.example' });
  ids.primary = await createContact(admin, { lastName: 'Primary', email: 'Jane@Acme.example', accountId: ids.acme });
  ids.additional = await createContact(admin, { lastName: 'Additional', email: 'j.doe@elsewhere.example', additionalEmails: ['JANE@acme.example'] });
  ids.repContact = await createContact(admin, { lastName: 'RepContact', email: 'jane@acme.example', ownerId: rep.id });
  ids.unrelated = await createContact(admin, { lastName: 'Unrelated', email: 'john@acme.example' });
  const deleted = await createContact(admin, { lastName: 'Deleted', email: 'jane@acme.example' });
  await mutate(admin, `mutation($input: DeleteContactInput!) { deleteContact(input: $input) { userErrors { code } } }`, { id: deleted });
});

test('contacts with the address as primary or additional e-mail (any case), accounts with the domain (any case)', async () => {
  const lead = await createLead(admin, { lastName: 'Doe', email: 'jane@ACME.example' });
  expect(await duplicatesOf(admin, lead.id)).toEqual({
    contacts: sorted(ids.primary, ids.additional, ids.repContact),
    accounts: sorted(ids.acme, ids.acmeUpper, ids.repAcme),
  });
});

test('a free-mail address matches contacts but no account; the website decides the domain', async () => {
  await createContact(admin, { lastName: 'Freemail', email: 'jane.doe@gmail.com' });
  const freemail = await createLead(admin, { lastName: 'Doe', email: 'jane.doe@gmail.com' });
  const result = await duplicatesOf(admin, freemail.id);
  expect(result.contacts).toHaveLength(1);
  expect(result.accounts).toEqual([]);
  const withSite = await createLead(admin, { lastName: 'Doe', email: 'jane.doe@gmail.com', website: 'https://other.example' });
  expect((await duplicatesOf(admin, withSite.id)).accounts).toEqual([ids.other]);
  const nothing = await createLead(admin, { lastName: 'Nobody' });
  expect(await duplicatesOf(admin, nothing.id)).toEqual({ contacts: [], accounts: [] });
});

test("a sales rep's duplicates are only the contacts and accounts in the rep's scope", async () => {
  const lead = await createLead(repClient, { lastName: 'Doe', email: 'jane@acme.example' });
  expect(await duplicatesOf(repClient, lead.id)).toEqual({ contacts: [ids.repContact], accounts: [ids.repAcme] });
});

test('without personal access to leads, the contacts matched by e-mail are FORBIDDEN; accounts by domain are not', async () => {
  const lead = await createLead(admin, { lastName: 'Doe', email: 'jane@acme.example' });
  const analyst = (await harness.keyFor(workspace.tenant, { role: 'analyst' })).client;
  expect(errorCodes(await analyst.request(`query($id: ID!) { lead(id: $id) { duplicates { contacts { id } } } }`, { id: lead.id }))).toEqual(['FORBIDDEN']);
  const accounts = dataOf(await analyst.request(`query($id: ID!) { lead(id: $id) { duplicates { accounts { id } } } }`, { id: lead.id })).lead.duplicates.accounts;
  expect(accounts.map((a: Row) => a.id).sort()).toEqual(sorted(ids.acme, ids.acmeUpper, ids.repAcme));
});

test('SQL statements for a page of leads with duplicates and owners do not grow with the page size', async () => {
  const batch = await harness.createTenant({ name: 'Duplicates budget' });
  const owner = await harness.addUser(batch.tenant, { role: 'admin' });
  const client = (await harness.keyFor(batch.tenant, { role: 'admin', userId: owner.uuid })).client;
  for (let i = 0; i < 20; i++) {
    await createAccount(client, { name: `Company ${i}`, domain: `company${i}.example` });
    await createContact(client, { lastName: `Contact ${i}`, email: `person${i}@company${i}.example` });
    await createLead(client, { lastName: `Lead ${i}`, email: `person${i}@company${i}.example` });
  }
  const query = `query($first: Int!) { leads(first: $first) { nodes { duplicates { contacts { id } accounts { id } } owner { name } } } }`;
  const two = await client.request(query, { first: 2 });
  const twenty = await client.request(query, { first: 20 });
  const nodes = dataOf(twenty).leads.nodes;
  expect(nodes).toHaveLength(20);
  for (const node of nodes) expect([node.duplicates.contacts.length, node.duplicates.accounts.length, node.owner.name]).toEqual([1, 1, owner.name]);
  expect(typeof sqlStatements(two)).toBe('number');
  expect(sqlStatements(twenty)).toBe(sqlStatements(two));
});
