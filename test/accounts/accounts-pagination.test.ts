/** Accounts as a keyset-paginated connection: every orderBy, both directions, pageInfo, totalCount, argument errors. */
import { Client, errorCodes, useHarness } from '../support/harness';
import { LIST_ACCOUNTS, Row, createAccount, listPage, pageBackward, pageForward } from '../support/crm-operations';
import { Direction, expectSorted } from '../support/sort-order';

const harness = useHarness();
let client: Client;
/** Seeded accounts by id, with the values the orders sort on. */
const seeded = new Map<string, Row>();

const ACCOUNT_COUNT = 30;
// Repeating values (ties across page boundaries) and runs of NULLs longer than a page.
const REVENUES = ['250.50', null, '1000.00', '250.50', null, '99.99', null, '1000.00', '5000000.00', null];
const EMPLOYEES = [50, 10, null, 50, 200, null, 10, 1000, null, 50];

beforeAll(async () => {
  ({ client } = await harness.createTenant());
  // Created in an order unrelated to the names, so NAME and CREATED_AT orders differ.
  const order = Array.from({ length: ACCOUNT_COUNT }, (_, i) => (i * 7) % ACCOUNT_COUNT);
  for (const n of order) {
    const revenue = REVENUES[n % REVENUES.length];
    const account = await createAccount(client, {
      name: `Pager ${String(n + 1).padStart(2, '0')}`,
      annualRevenue: revenue === null ? null : { amount: revenue, currency: 'EUR' },
      employeeCount: EMPLOYEES[n % EMPLOYEES.length],
    });
    seeded.set(account.id, account);
  }
});

type Field = 'NAME' | 'CREATED_AT' | 'ANNUAL_REVENUE' | 'EMPLOYEE_COUNT' | 'UPDATED_AT';

const sortValue = (row: Row, field: Field): string | number | null => {
  switch (field) {
    case 'NAME':
      return row.name;
    case 'CREATED_AT':
      return Date.parse(row.createdAt);
    case 'UPDATED_AT':
      return Date.parse(row.updatedAt);
    case 'ANNUAL_REVENUE':
      return row.annualRevenue === null ? null : Number(row.annualRevenue.amount);
    case 'EMPLOYEE_COUNT':
      return row.employeeCount;
  }
};



const ids = (rows: Row[]): string[] => rows.map((r) => r.id);

function expectEveryAccountOnce(rows: Row[]): void {
  const list = ids(rows);
  expect(new Set(list).size).toBe(list.length);
  expect([...list].sort()).toEqual([...seeded.keys()].sort());
}

const ORDERS: { label: string; orderBy?: { field: Field; direction: Direction }[] }[] = [
  { label: 'default (NAME ASC)' },
  { label: 'NAME DESC', orderBy: [{ field: 'NAME', direction: 'DESC' }] },
  { label: 'CREATED_AT ASC', orderBy: [{ field: 'CREATED_AT', direction: 'ASC' }] },
  { label: 'CREATED_AT DESC', orderBy: [{ field: 'CREATED_AT', direction: 'DESC' }] },
  { label: 'ANNUAL_REVENUE ASC (NULLs last)', orderBy: [{ field: 'ANNUAL_REVENUE', direction: 'ASC' }] },
  { label: 'ANNUAL_REVENUE DESC (NULLs first)', orderBy: [{ field: 'ANNUAL_REVENUE', direction: 'DESC' }] },
  { label: 'EMPLOYEE_COUNT DESC', orderBy: [{ field: 'EMPLOYEE_COUNT', direction: 'DESC' }] },
  { label: 'EMPLOYEE_COUNT ASC', orderBy: [{ field: 'EMPLOYEE_COUNT', direction: 'ASC' }] },
  { label: 'UPDATED_AT ASC', orderBy: [{ field: 'UPDATED_AT', direction: 'ASC' }] },
  {
    label: 'ANNUAL_REVENUE DESC then NAME ASC (mixed directions)',
    orderBy: [
      { field: 'ANNUAL_REVENUE', direction: 'DESC' },
      { field: 'NAME', direction: 'ASC' },
    ],
  },
  {
    label: 'EMPLOYEE_COUNT ASC then ANNUAL_REVENUE DESC (two nullable keys)',
    orderBy: [
      { field: 'EMPLOYEE_COUNT', direction: 'ASC' },
      { field: 'ANNUAL_REVENUE', direction: 'DESC' },
    ],
  },
];

describe.each(ORDERS)('orderBy $label', ({ orderBy }) => {
  const effectiveOrder = orderBy ?? [{ field: 'NAME' as Field, direction: 'ASC' as Direction }];
  const fetch = (args: Record<string, unknown>) => listPage(client, LIST_ACCOUNTS, { ...args, orderBy });

  test('one page of 100 holds every account in order', async () => {
    const page = await fetch({ first: 100 });
    const rows = page.edges.map((e) => e.node);
    expectEveryAccountOnce(rows);
    expectSorted(rows, effectiveOrder, sortValue);
    expect(page.totalCount).toBe(ACCOUNT_COUNT);
    expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  test('first/after pages of 7 cover every account once, in the same order as one page', async () => {
    const all = (await fetch({ first: 100 })).edges.map((e) => e.node.id);
    const { nodes, pages } = await pageForward((args) => fetch(args), 7);
    expectEveryAccountOnce(nodes);
    expect(ids(nodes)).toEqual(all);
    expectSorted(nodes, effectiveOrder, sortValue);
    expect(pages.map((p) => p.edges.length)).toEqual([7, 7, 7, 7, 2]);
    expect(pages[0].pageInfo.hasPreviousPage).toBe(false);
    for (const page of pages.slice(1)) expect(page.pageInfo.hasPreviousPage).toBe(true);
    for (const page of pages.slice(0, -1)) expect(page.pageInfo.hasNextPage).toBe(true);
    expect(pages[pages.length - 1].pageInfo.hasNextPage).toBe(false);
    for (const page of pages) expect(page.totalCount).toBe(ACCOUNT_COUNT);
  });

  test('last/before pages of 7 cover every account once, in the same order as paging forward', async () => {
    const all = (await fetch({ first: 100 })).edges.map((e) => e.node.id);
    const { nodes, pages } = await pageBackward((args) => fetch(args), 7);
    expectEveryAccountOnce(nodes);
    expect(ids(nodes)).toEqual(all);
    expect(pages.map((p) => p.edges.length)).toEqual([7, 7, 7, 7, 2]);
    expect(pages[0].pageInfo.hasNextPage).toBe(false);
    for (const page of pages.slice(1)) expect(page.pageInfo.hasNextPage).toBe(true);
    for (const page of pages.slice(0, -1)) expect(page.pageInfo.hasPreviousPage).toBe(true);
    expect(pages[pages.length - 1].pageInfo.hasPreviousPage).toBe(false);
  });

  test('an edge cursor continues exactly after (or before) its item', async () => {
    const all = (await fetch({ first: 100 })).edges;
    for (const index of [0, 4, 13, 21, 28]) {
      const after = await fetch({ first: 3, after: all[index].cursor });
      expect(after.edges.map((e) => e.node.id)).toEqual(all.slice(index + 1, index + 4).map((e) => e.node.id));
      const before = await fetch({ last: 3, before: all[index].cursor });
      expect(before.edges.map((e) => e.node.id)).toEqual(all.slice(Math.max(0, index - 3), index).map((e) => e.node.id));
    }
  });
});

describe('page sizes and pageInfo', () => {
  test('without first or last a page has 20 items', async () => {
    const page = await listPage(client, LIST_ACCOUNTS, {});
    expect(page.edges).toHaveLength(20);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(page.totalCount).toBe(ACCOUNT_COUNT);
  });

  test('first: 100 and last: 100 are allowed; first: 1 and last: 1 return one item', async () => {
    expect((await listPage(client, LIST_ACCOUNTS, { first: 100 })).edges).toHaveLength(ACCOUNT_COUNT);
    expect((await listPage(client, LIST_ACCOUNTS, { last: 100 })).edges).toHaveLength(ACCOUNT_COUNT);
    const first = await listPage(client, LIST_ACCOUNTS, { first: 1 });
    expect(first.edges.map((e) => e.node.name)).toEqual(['Pager 01']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const last = await listPage(client, LIST_ACCOUNTS, { last: 1 });
    expect(last.edges.map((e) => e.node.name)).toEqual(['Pager 30']);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  test('the page exactly reaching the end says hasNextPage: false', async () => {
    const all = await listPage(client, LIST_ACCOUNTS, { first: 100 });
    const tail = await listPage(client, LIST_ACCOUNTS, { first: 5, after: all.edges[24].cursor });
    expect(tail.edges).toHaveLength(5);
    expect(tail.pageInfo.hasNextPage).toBe(false);
    const beyond = await listPage(client, LIST_ACCOUNTS, { first: 5, after: all.edges[29].cursor });
    expect(beyond.edges).toEqual([]);
    expect(beyond.pageInfo).toMatchObject({ hasNextPage: false, startCursor: null, endCursor: null });
  });

  test('totalCount counts every match of the filter, not the page', async () => {
    const page = await listPage(client, LIST_ACCOUNTS, { first: 2, where: { annualRevenueAmount: { isNull: true } } });
    expect(page.edges).toHaveLength(2);
    expect(page.totalCount).toBe([...seeded.values()].filter((a) => a.annualRevenue === null).length);
    expect(page.totalCount).toBeGreaterThan(7);
  });

  test('an empty list has no cursors and no further pages', async () => {
    const { client: empty } = await harness.createTenant();
    const page = await listPage(empty, LIST_ACCOUNTS, { first: 10 });
    expect(page).toEqual({
      totalCount: 0,
      edges: [],
      nodes: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });
});

describe('invalid paging arguments are BAD_USER_INPUT', () => {
  const expectBadInput = async (variables: Record<string, unknown>) => {
    const response = await client.request(LIST_ACCOUNTS, variables);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.data?.accounts ?? null).toBeNull();
  };

  test.each([
    ['first: 0', { first: 0 }],
    ['first: 101', { first: 101 }],
    ['first: -1', { first: -1 }],
    ['last: 0', { last: 0 }],
    ['last: 101', { last: 101 }],
    ['first and last together', { first: 5, last: 5 }],
  ])('%s', async (_label, variables) => {
    await expectBadInput(variables);
  });

  test('a cursor issued for another orderBy', async () => {
    const byName = await listPage(client, LIST_ACCOUNTS, { first: 3 });
    const cursor = byName.pageInfo.endCursor!;
    await expectBadInput({ first: 3, after: cursor, orderBy: [{ field: 'CREATED_AT', direction: 'ASC' }] });
    await expectBadInput({ first: 3, after: cursor, orderBy: [{ field: 'NAME', direction: 'DESC' }] });
    await expectBadInput({ last: 3, before: cursor, orderBy: [{ field: 'EMPLOYEE_COUNT', direction: 'DESC' }] });
    // The same order spelled out explicitly accepts it.
    const again = await listPage(client, LIST_ACCOUNTS, { first: 3, after: cursor, orderBy: [{ field: 'NAME', direction: 'ASC' }] });
    expect(again.edges.map((e) => e.node.name)).toEqual(['Pager 04', 'Pager 05', 'Pager 06']);
  });

  test('a garbage cursor', async () => {
    await expectBadInput({ first: 3, after: 'not-a-cursor' });
    await expectBadInput({ last: 3, before: Buffer.from('{"o":"name:ASC,id:ASC","v":[1]}').toString('base64url') });
  });
});
