/** The nested `account.contacts` connection and `contact.account`, batched across parents. */
import { Client, dataOf, errorCodes, useHarness } from '../support/harness';
import { ACCOUNT_CONTACTS, ConnectionData, LIST_CONTACTS, Row, createAccount, createContact, deleteContact, listPage, pageBackward, pageForward } from '../support/crm-operations';

const harness = useHarness();
let client: Client;
let anchor: Row;
let bravo: Row;
let charlie: Row;
const anchorContacts: Row[] = [];
const bravoContacts: Row[] = [];
let deletedAnchorContact: Row;
let freelancers: Row[];

const ANCHOR_LAST_NAMES = ['Lewis', 'Archer', 'Knight', 'Baker', 'Jones', 'Carter', 'Irwin', 'Dawson', 'Hughes', 'Ellis', 'Grant', 'Foster'];

beforeAll(async () => {
  ({ client } = await harness.createTenant());
  anchor = await createAccount(client, { name: 'Anchor' });
  bravo = await createAccount(client, { name: 'Bravo' });
  charlie = await createAccount(client, { name: 'Charlie' });
  for (const [i, lastName] of ANCHOR_LAST_NAMES.entries()) {
    anchorContacts.push(
      await createContact(client, { lastName, firstName: `F${String(i).padStart(2, '0')}`, jobTitle: i % 3 === 0 ? 'Engineer' : 'Sales', accountId: anchor.id }),
    );
  }
  for (const lastName of ['Young', 'Xavier', 'Zimmer']) {
    bravoContacts.push(await createContact(client, { lastName, jobTitle: lastName === 'Xavier' ? 'Engineer' : 'Buyer', accountId: bravo.id }));
  }
  deletedAnchorContact = await createContact(client, { lastName: 'Aaron', jobTitle: 'Engineer', accountId: anchor.id });
  await deleteContact(client, deletedAnchorContact.id);
  freelancers = [await createContact(client, { lastName: 'Free' }), await createContact(client, { lastName: 'Lance' })];
});

const PAGE_INFO = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

const nestedPage = async (accountId: string, args: Record<string, unknown>): Promise<ConnectionData> =>
  dataOf(await client.request(ACCOUNT_CONTACTS, { id: accountId, ...args })).account.contacts;

const byName = (rows: Row[]) => [...rows].sort((x, y) => (x.lastName < y.lastName ? -1 : x.lastName > y.lastName ? 1 : 0));

describe('account.contacts across a list of accounts', () => {
  test('each account gets its own first page and totalCount', async () => {
    const data = dataOf(
      await client.request(`{
        accounts(first: 10) {
          nodes { id name contacts(first: 5) { totalCount nodes { id lastName account { id } } ${PAGE_INFO} } }
        }
      }`),
    );
    const byAccount = new Map(data.accounts.nodes.map((a: Row) => [a.name, a.contacts]));
    const anchorPage = byAccount.get('Anchor') as Row;
    expect(anchorPage.totalCount).toBe(12);
    expect(anchorPage.nodes.map((n: Row) => n.lastName)).toEqual(['Archer', 'Baker', 'Carter', 'Dawson', 'Ellis']);
    expect(anchorPage.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    for (const node of anchorPage.nodes) expect(node.account).toEqual({ id: anchor.id });

    const bravoPage = byAccount.get('Bravo') as Row;
    expect(bravoPage.totalCount).toBe(3);
    expect(bravoPage.nodes.map((n: Row) => n.lastName)).toEqual(['Xavier', 'Young', 'Zimmer']);
    expect(bravoPage.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    for (const node of bravoPage.nodes) expect(node.account).toEqual({ id: bravo.id });

    expect(byAccount.get('Charlie')).toEqual({
      totalCount: 0,
      nodes: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });

  test('the same field with different arguments under aliases gives different pages', async () => {
    const data = dataOf(
      await client.request(`query($id: ID!) {
        account(id: $id) {
          few: contacts(first: 2) { totalCount nodes { lastName } }
          engineers: contacts(first: 10, where: { jobTitle: { eq: "Engineer" } }) { totalCount nodes { lastName } }
          reversed: contacts(first: 3, orderBy: [{ field: LAST_NAME, direction: DESC }]) { nodes { lastName } }
        }
      }`, { id: anchor.id }),
    );
    expect(data.account.few).toEqual({ totalCount: 12, nodes: [{ lastName: 'Archer' }, { lastName: 'Baker' }] });
    const engineers = anchorContacts.filter((c) => c.jobTitle === 'Engineer');
    expect(data.account.engineers.totalCount).toBe(engineers.length);
    expect(data.account.engineers.nodes.map((n: Row) => n.lastName)).toEqual(byName(engineers).map((c) => c.lastName));
    expect(data.account.reversed.nodes.map((n: Row) => n.lastName)).toEqual(['Lewis', 'Knight', 'Jones']);
  });

  test('SQL statements per request do not grow with the number of accounts', async () => {
    const query = `query($n: Int) {
      accounts(first: $n) { nodes { id contacts(first: 5) { totalCount nodes { id account { id name } } } } }
    }`;
    const one = await client.request(query, { n: 1 });
    const three = await client.request(query, { n: 3 });
    expect(one.errors ?? []).toEqual([]);
    expect(three.data!.accounts.nodes).toHaveLength(3);
    expect(typeof one.extensions?.sqlStatements).toBe('number');
    expect(three.extensions?.sqlStatements).toBe(one.extensions?.sqlStatements);
  });
});

describe('paging account.contacts', () => {
  test('first/after pages cover every live contact of the account once, in name order', async () => {
    const all = (await nestedPage(anchor.id, { first: 100 })).edges.map((e) => e.node);
    expect(all.map((n) => n.lastName)).toEqual([...ANCHOR_LAST_NAMES].sort());
    const { nodes, pages } = await pageForward((args) => nestedPage(anchor.id, args), 5);
    expect(nodes.map((n) => n.id)).toEqual(all.map((n) => n.id));
    expect(pages.map((p) => p.edges.length)).toEqual([5, 5, 2]);
    expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual([true, true, false]);
    expect(pages.map((p) => p.pageInfo.hasPreviousPage)).toEqual([false, true, true]);
    for (const page of pages) expect(page.totalCount).toBe(12);
  });

  test('last/before pages cover the same contacts in the same order', async () => {
    const all = (await nestedPage(anchor.id, { first: 100 })).edges.map((e) => e.node.id);
    const { nodes, pages } = await pageBackward((args) => nestedPage(anchor.id, args), 5);
    expect(nodes.map((n) => n.id)).toEqual(all);
    expect(pages.map((p) => p.edges.length)).toEqual([5, 5, 2]);
    expect(pages.map((p) => p.pageInfo.hasPreviousPage)).toEqual([true, true, false]);
  });

  test('where and orderBy apply to the nested list, and totalCount follows the filter', async () => {
    const orderBy = [{ field: 'FIRST_NAME', direction: 'DESC' }];
    const where = { jobTitle: { eq: 'Sales' } };
    const { nodes, pages } = await pageForward((args) => nestedPage(anchor.id, { ...args, where, orderBy }), 3);
    const sales = anchorContacts.filter((c) => c.jobTitle === 'Sales');
    expect(nodes.map((n) => n.firstName)).toEqual(sales.map((c) => c.firstName).sort().reverse());
    expect(pages[0].totalCount).toBe(sales.length);
  });

  test('a filter on another account inside account.contacts matches nothing', async () => {
    const page = await nestedPage(anchor.id, { first: 10, where: { account: { eq: bravo.id } } });
    expect(page.totalCount).toBe(0);
    expect(page.edges).toEqual([]);
  });

  test('deleted contacts are neither listed nor counted', async () => {
    const page = await nestedPage(anchor.id, { first: 100, where: { jobTitle: { eq: 'Engineer' } } });
    expect(page.edges.map((e) => e.node.id)).not.toContain(deletedAnchorContact.id);
    expect(page.totalCount).toBe(anchorContacts.filter((c) => c.jobTitle === 'Engineer').length);
  });

  test('invalid nested paging arguments are BAD_USER_INPUT', async () => {
    const first = await nestedPage(anchor.id, { first: 2 });
    for (const args of [
      { first: 0 },
      { first: 101 },
      { first: 2, last: 2 },
      { first: 2, after: first.pageInfo.endCursor, orderBy: [{ field: 'CREATED_AT', direction: 'ASC' }] },
    ]) {
      expect(errorCodes(await client.request(ACCOUNT_CONTACTS, { id: anchor.id, ...args }))).toEqual(['BAD_USER_INPUT']);
    }
  });

  test('an account with no contacts has an empty connection at any page size', async () => {
    for (const args of [{ first: 1 }, { last: 3 }, {}]) {
      const page = await nestedPage(charlie.id, args);
      expect(page.totalCount).toBe(0);
      expect(page.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });
    }
  });
});

describe('contact.account', () => {
  test('every contact in the list points at its own account, or null', async () => {
    const page = await listPage(client, LIST_CONTACTS, { first: 100 });
    const expected = new Map<string, string | null>([
      ...anchorContacts.map((c) => [c.id, anchor.id] as [string, string]),
      ...bravoContacts.map((c) => [c.id, bravo.id] as [string, string]),
      ...freelancers.map((c) => [c.id, null] as [string, null]),
    ]);
    expect(page.totalCount).toBe(expected.size);
    for (const { node } of page.edges) expect(node.account?.id ?? null).toBe(expected.get(node.id));
  });

  test('a moved contact leaves one account’s list and joins the other’s', async () => {
    const { client: own } = await harness.createTenant();
    const from = await createAccount(own, { name: 'From' });
    const to = await createAccount(own, { name: 'To' });
    const mover = await createContact(own, { lastName: 'Mover', accountId: from.id });
    const moved = dataOf(
      await own.request(`mutation($input: UpdateContactInput!) { updateContact(input: $input) { contact { account { id } } userErrors { code } } }`, {
        input: { id: mover.id, accountId: to.id },
      }),
    );
    expect(moved.updateContact).toEqual({ contact: { account: { id: to.id } }, userErrors: [] });
    const data = dataOf(await own.request(`{ accounts { nodes { name contacts { totalCount nodes { id } } } } }`));
    expect(data.accounts.nodes).toEqual([
      { name: 'From', contacts: { totalCount: 0, nodes: [] } },
      { name: 'To', contacts: { totalCount: 1, nodes: [{ id: mover.id }] } },
    ]);
  });
});
