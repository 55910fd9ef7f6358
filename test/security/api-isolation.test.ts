/**
 * Through the API, tenant A never reads or changes tenant B's rows, even when it knows B's IDs and
 * both hold look-alike data; an ID of B answers exactly like an ID that exists nowhere.
 */
import { TestTenant, dataOf, useHarness } from '../support/harness';
import {
  CREATE_ACCOUNT,
  CREATE_CONTACT,
  DELETE_ACCOUNT,
  DELETE_CONTACT,
  RESTORE_ACCOUNT,
  RESTORE_CONTACT,
  UPDATE_ACCOUNT,
  UPDATE_CONTACT,
} from '../support/operations';
import { GraphQLResponse } from '../support/harness';
import { globalId, randomGlobalId, tenantRow, tenantRowCount, uuidOfId } from '../support/security-helpers';

interface Seeded {
  tenant: TestTenant;
  accountId: string;
  contactId: string;
  deletedAccountId: string;
  deletedContactId: string;
  userId: string;
}

// The nested-reads test asks for contacts → account → contacts at default page sizes (1,260 cost points).
const harness = useHarness({ maxQueryCost: 5000 });
let A: Seeded;
let B: Seeded;

/** The same names and e-mails in both tenants, so only IDs tell them apart. */
async function seed(tenant: TestTenant): Promise<Seeded> {
  const { client } = tenant;
  const acme = dataOf(await client.request(CREATE_ACCOUNT, { input: { name: 'Acme', domain: 'acme.example' } })).createAccount.account;
  const jane = dataOf(
    await client.request(CREATE_CONTACT, { input: { firstName: 'Jane', lastName: 'Doe', email: 'jane@acme.example', accountId: acme.id } }),
  ).createContact.contact;
  const old = dataOf(await client.request(CREATE_ACCOUNT, { input: { name: 'Acme Old', domain: 'old.acme.example' } })).createAccount.account;
  dataOf(await client.request(DELETE_ACCOUNT, { input: { id: old.id } }));
  const gone = dataOf(await client.request(CREATE_CONTACT, { input: { firstName: 'John', lastName: 'Doe', email: 'john@acme.example' } })).createContact
    .contact;
  dataOf(await client.request(DELETE_CONTACT, { input: { id: gone.id } }));
  // Add a record owner (an active sales rep) below the API, in the tenant's own schema.
  const [user] = await harness.dataSource.query(
    `INSERT INTO "${tenant.tenant.schemaName}".users (id, email, name, role_key) VALUES (gen_random_uuid(), 'owner@acme.example', 'Olive Owner', 'sales_rep') RETURNING id`,
  );
  return {
    tenant,
    accountId: acme.id,
    contactId: jane.id,
    deletedAccountId: old.id,
    deletedContactId: gone.id,
    userId: globalId('User', user.id),
  };
}

/** B's rows as stored, to prove nothing of B changed. */
async function snapshotB(): Promise<unknown[]> {
  const schema = B.tenant.tenant.schemaName;
  return Promise.all([
    tenantRow(harness.dataSource, schema, 'accounts', uuidOfId(B.accountId)),
    tenantRow(harness.dataSource, schema, 'accounts', uuidOfId(B.deletedAccountId)),
    tenantRow(harness.dataSource, schema, 'contacts', uuidOfId(B.contactId)),
    tenantRow(harness.dataSource, schema, 'contacts', uuidOfId(B.deletedContactId)),
    harness.dataSource.query(`SELECT count(*)::int AS n, max(updated_at) AS last FROM "${schema}".accounts`),
    harness.dataSource.query(`SELECT count(*)::int AS n, max(updated_at) AS last FROM "${schema}".contacts`),
  ]);
}

/** What a client can tell from an error: code, message, and the userError's path. */
const topLevelError = (response: GraphQLResponse) => (response.errors ?? []).map((e) => ({ message: e.message, extensions: e.extensions }));

let bBefore: unknown[];

beforeAll(async () => {
  const [ta, tb] = await Promise.all([harness.createTenant({ name: 'Workspace A' }), harness.createTenant({ name: 'Workspace B' })]);
  A = await seed(ta);
  B = await seed(tb);
  bBefore = await snapshotB();
});


afterEach(async () => {
  expect(await snapshotB()).toEqual(bBefore);
});

describe('reads', () => {
  test("lists show only the caller's rows although names and e-mails are identical", async () => {
    const data = dataOf(
      await A.tenant.client.request(`{
        accounts(first: 100) { totalCount nodes { id name domain } }
        bin: accounts(first: 100, inRecycleBin: true) { totalCount nodes { id } }
        contacts(first: 100) { totalCount nodes { id email account { id } } }
        deletedContacts: contacts(first: 100, inRecycleBin: true) { totalCount nodes { id } }
      }`),
    );
    expect(data.accounts).toEqual({ totalCount: 1, nodes: [{ id: A.accountId, name: 'Acme', domain: 'acme.example' }] });
    expect(data.bin).toEqual({ totalCount: 1, nodes: [{ id: A.deletedAccountId }] });
    expect(data.contacts).toEqual({ totalCount: 1, nodes: [{ id: A.contactId, email: 'jane@acme.example', account: { id: A.accountId } }] });
    expect(data.deletedContacts).toEqual({ totalCount: 1, nodes: [{ id: A.deletedContactId }] });
    expect(A.accountId).not.toBe(B.accountId);
  });

  test("filters on B's IDs, names and e-mails find nothing of B", async () => {
    const data = dataOf(
      await A.tenant.client.request(
        `query($b: ID!, $a: ID!, $bContact: ID!) {
          byId: accounts(where: { id: { eq: $b } }) { totalCount nodes { id } }
          byIds: accounts(where: { id: { in: [$a, $b] } }) { totalCount nodes { id } }
          notA: accounts(where: { id: { neq: $a } }) { totalCount nodes { id } }
          orB: accounts(where: { or: [{ id: { eq: $b } }, { name: { eq: "Acme" } }] }) { totalCount nodes { id } }
          byName: accounts(where: { name: { eq: "Acme" } }) { nodes { id } }
          byDomain: accounts(where: { domain: { eq: "ACME.example" } }) { nodes { id } }
          contactsOfB: contacts(where: { account: { eq: $b } }) { totalCount nodes { id } }
          contactById: contacts(where: { id: { eq: $bContact } }) { totalCount nodes { id } }
          contactByEmail: contacts(where: { email: { eq: "jane@acme.example" } }) { nodes { id } }
          nested: accounts { nodes { contacts(where: { id: { in: [$bContact] } }) { totalCount nodes { id } } } }
        }`,
        { a: A.accountId, b: B.accountId, bContact: B.contactId },
      ),
    );
    expect(data.byId).toEqual({ totalCount: 0, nodes: [] });
    expect(data.byIds).toEqual({ totalCount: 1, nodes: [{ id: A.accountId }] });
    expect(data.notA).toEqual({ totalCount: 0, nodes: [] });
    expect(data.orB).toEqual({ totalCount: 1, nodes: [{ id: A.accountId }] });
    expect(data.byName.nodes).toEqual([{ id: A.accountId }]);
    expect(data.byDomain.nodes).toEqual([{ id: A.accountId }]);
    expect(data.contactsOfB).toEqual({ totalCount: 0, nodes: [] });
    expect(data.contactById).toEqual({ totalCount: 0, nodes: [] });
    expect(data.contactByEmail.nodes).toEqual([{ id: A.contactId }]);
    expect(data.nested.nodes).toEqual([{ contacts: { totalCount: 0, nodes: [] } }]);
  });

  test.each([
    ['account', 'Account', () => B.accountId, `query($id: ID!) { account(id: $id) { id name } }`],
    ['account (deleted in B)', 'Account', () => B.deletedAccountId, `query($id: ID!) { account(id: $id) { id name } }`],
    ['contact', 'Contact', () => B.contactId, `query($id: ID!) { contact(id: $id) { id email } }`],
    ['node(Account)', 'Account', () => B.accountId, `query($id: ID!) { node(id: $id) { id ... on Account { name } } }`],
    ['node(Contact)', 'Contact', () => B.contactId, `query($id: ID!) { node(id: $id) { id ... on Contact { email } } }`],
    ['node(User)', 'User', () => B.userId, `query($id: ID!) { node(id: $id) { id ... on User { email } } }`],
  ])("%s with B's ID fails exactly like an ID that exists nowhere", async (_name, type, bId, query) => {
    const ofB = await A.tenant.client.request(query, { id: bId() });
    const ofNobody = await A.tenant.client.request(query, { id: randomGlobalId(type) });
    expect(ofB.data).toEqual(ofNobody.data);
    expect(Object.values(ofB.data ?? {})).toEqual([null]);
    expect(ofB.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(topLevelError(ofB)).toEqual(topLevelError(ofNobody));
    expect(ofB.status).toBe(ofNobody.status);
    expect(JSON.stringify(ofB)).not.toMatch(/Acme|jane|Olive|owner@/);
  });

  test("nodes(ids) answers null for B's IDs and for unknown IDs, in the order asked", async () => {
    const data = dataOf(
      await A.tenant.client.request(
        `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Account { name } ... on Contact { email } ... on User { userEmail: email } } }`,
        { ids: [B.accountId, A.accountId, B.contactId, randomGlobalId('Account'), B.userId, A.contactId, A.userId] },
      ),
    );
    expect(data.nodes).toEqual([
      null,
      { id: A.accountId, name: 'Acme' },
      null,
      null,
      null,
      { id: A.contactId, email: 'jane@acme.example' },
      { id: A.userId, userEmail: 'owner@acme.example' },
    ]);
  });

  test("nested contact.account and account.contacts stay inside the caller's schema", async () => {
    const data = dataOf(
      await A.tenant.client.request(`{
        contacts { nodes { id account { id name contacts { nodes { id account { id } } } } } }
        accounts { nodes { id contacts { totalCount nodes { id } } } }
      }`),
    );
    expect(data.contacts.nodes).toEqual([
      { id: A.contactId, account: { id: A.accountId, name: 'Acme', contacts: { nodes: [{ id: A.contactId, account: { id: A.accountId } }] } } },
    ]);
    expect(data.accounts.nodes).toEqual([{ id: A.accountId, contacts: { totalCount: 1, nodes: [{ id: A.contactId }] } }]);
  });
});

describe("mutations on B's IDs", () => {
  const payloadOf = (response: GraphQLResponse) => {
    const data = dataOf(response);
    return Object.values(data)[0] as { userErrors: unknown[]; [key: string]: unknown };
  };

  test.each([
    ['updateAccount', UPDATE_ACCOUNT, 'Account', () => B.accountId, (id: string) => ({ id, name: 'Hacked' })],
    ['updateAccount with expectedVersion', UPDATE_ACCOUNT, 'Account', () => B.accountId, (id: string) => ({ id, name: 'Hacked', expectedVersion: 1 })],
    ['deleteAccount', DELETE_ACCOUNT, 'Account', () => B.accountId, (id: string) => ({ id })],
    ['restoreAccount', RESTORE_ACCOUNT, 'Account', () => B.deletedAccountId, (id: string) => ({ id })],
    ['updateContact', UPDATE_CONTACT, 'Contact', () => B.contactId, (id: string) => ({ id, email: 'evil@attacker.example' })],
    ['deleteContact', DELETE_CONTACT, 'Contact', () => B.contactId, (id: string) => ({ id })],
    ['restoreContact', RESTORE_CONTACT, 'Contact', () => B.deletedContactId, (id: string) => ({ id })],
  ])('%s writes nothing and answers like an unknown ID', async (_name, mutation, type, bId, input) => {
    const ofB = payloadOf(await A.tenant.client.request(mutation, { input: input(bId()) }));
    const ofNobody = payloadOf(await A.tenant.client.request(mutation, { input: input(randomGlobalId(type)) }));
    expect(ofB.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'id'] })]);
    expect(ofB).toEqual(ofNobody);
  });

  test("createContact with B's account: NOT_FOUND like an unknown account, and no contact is created", async () => {
    const schema = A.tenant.tenant.schemaName;
    const before = await tenantRowCount(harness.dataSource, schema, 'contacts');
    const ofB = payloadOf(await A.tenant.client.request(CREATE_CONTACT, { input: { lastName: 'Mole', accountId: B.accountId } }));
    const ofNobody = payloadOf(await A.tenant.client.request(CREATE_CONTACT, { input: { lastName: 'Mole', accountId: randomGlobalId('Account') } }));
    expect(ofB).toEqual({ contact: null, userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'accountId'] })] });
    expect(ofB).toEqual(ofNobody);
    expect(await tenantRowCount(harness.dataSource, schema, 'contacts')).toBe(before);
    const listed = dataOf(await A.tenant.client.request('{ contacts(where: { lastName: { eq: "Mole" } }) { totalCount } }'));
    expect(listed.contacts.totalCount).toBe(0);
  });

  test("updateContact moving A's contact to B's account is refused and changes nothing", async () => {
    const schema = A.tenant.tenant.schemaName;
    const before = await tenantRow(harness.dataSource, schema, 'contacts', uuidOfId(A.contactId));
    const ofB = payloadOf(await A.tenant.client.request(UPDATE_CONTACT, { input: { id: A.contactId, accountId: B.accountId } }));
    const ofNobody = payloadOf(await A.tenant.client.request(UPDATE_CONTACT, { input: { id: A.contactId, accountId: randomGlobalId('Account') } }));
    expect(ofB.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'accountId'] })]);
    expect(ofB).toEqual(ofNobody);
    expect(await tenantRow(harness.dataSource, schema, 'contacts', uuidOfId(A.contactId))).toEqual(before);
  });

  test("createAccount owned by B's user is refused like an unknown user", async () => {
    const schema = A.tenant.tenant.schemaName;
    const before = await tenantRowCount(harness.dataSource, schema, 'accounts');
    const ofB = payloadOf(await A.tenant.client.request(CREATE_ACCOUNT, { input: { name: 'Owned', ownerId: B.userId } }));
    const ofNobody = payloadOf(await A.tenant.client.request(CREATE_ACCOUNT, { input: { name: 'Owned', ownerId: randomGlobalId('User') } }));
    expect(ofB.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'ownerId'] })]);
    expect(ofB).toEqual(ofNobody);
    expect(await tenantRowCount(harness.dataSource, schema, 'accounts')).toBe(before);
  });

  test("A's own writes by the same names touch only A's rows", async () => {
    const updated = dataOf(await A.tenant.client.request(UPDATE_ACCOUNT, { input: { id: A.accountId, domain: 'acme.example' } }));
    expect(updated.updateAccount.userErrors).toEqual([]);
    expect(updated.updateAccount.account.id).toBe(A.accountId);
    // afterEach checks that B is byte-for-byte unchanged.
  });
});
