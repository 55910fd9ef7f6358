/** Contacts as a keyset-paginated connection: every orderBy (with NULL first names and e-mails), both directions. */
import { Client, errorCodes, useHarness } from '../support/harness';
import { LIST_CONTACTS, Row, createContact, listPage, pageBackward, pageForward } from '../support/crm-operations';
import { Direction, expectSorted } from '../support/sort-order';

const harness = useHarness();
let client: Client;
const seeded = new Map<string, Row>();
const CONTACT_COUNT = 27;

// Repeated last names (ties broken by first name, then id), NULL first names and NULL e-mails.
const LAST_NAMES = ['Baker', 'Adams', 'Clark', 'Baker', 'Evans', 'Adams', 'Davis', 'Baker', 'Adams'];
const FIRST_NAMES = ['Zoe', null, 'Amy', 'Amy', null, 'Ben', 'Cal', null, 'Amy', 'Dan', 'Eve'];

beforeAll(async () => {
  ({ client } = await harness.createTenant());
  for (let i = 0; i < CONTACT_COUNT; i++) {
    const contact = await createContact(client, {
      lastName: LAST_NAMES[i % LAST_NAMES.length],
      firstName: FIRST_NAMES[i % FIRST_NAMES.length],
      // Local parts differ in their first three characters, so every collation orders them alike.
      email: i % 4 === 0 ? null : `c${String((i * 11) % CONTACT_COUNT).padStart(2, '0')}@contacts.example`,
    });
    seeded.set(contact.id, contact);
  }
});

type Field = 'LAST_NAME' | 'FIRST_NAME' | 'EMAIL' | 'CREATED_AT' | 'UPDATED_AT';

const sortValue = (row: Row, field: Field): string | number | null =>
  ({
    LAST_NAME: () => row.lastName,
    FIRST_NAME: () => row.firstName,
    EMAIL: () => row.email,
    CREATED_AT: () => Date.parse(row.createdAt),
    UPDATED_AT: () => Date.parse(row.updatedAt),
  })[field]();



function expectEveryContactOnce(rows: Row[]): void {
  const ids = rows.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual([...seeded.keys()].sort());
}

const ORDERS: { label: string; orderBy?: { field: Field; direction: Direction }[]; expected: { field: Field; direction: Direction }[] }[] = [
  {
    label: 'default (last name, then first name)',
    expected: [
      { field: 'LAST_NAME', direction: 'ASC' },
      { field: 'FIRST_NAME', direction: 'ASC' },
    ],
  },
  { label: 'LAST_NAME DESC', orderBy: [{ field: 'LAST_NAME', direction: 'DESC' }], expected: [{ field: 'LAST_NAME', direction: 'DESC' }] },
  { label: 'FIRST_NAME ASC (NULLs last)', orderBy: [{ field: 'FIRST_NAME', direction: 'ASC' }], expected: [{ field: 'FIRST_NAME', direction: 'ASC' }] },
  { label: 'FIRST_NAME DESC (NULLs first)', orderBy: [{ field: 'FIRST_NAME', direction: 'DESC' }], expected: [{ field: 'FIRST_NAME', direction: 'DESC' }] },
  { label: 'EMAIL ASC', orderBy: [{ field: 'EMAIL', direction: 'ASC' }], expected: [{ field: 'EMAIL', direction: 'ASC' }] },
  { label: 'EMAIL DESC', orderBy: [{ field: 'EMAIL', direction: 'DESC' }], expected: [{ field: 'EMAIL', direction: 'DESC' }] },
  { label: 'CREATED_AT ASC', orderBy: [{ field: 'CREATED_AT', direction: 'ASC' }], expected: [{ field: 'CREATED_AT', direction: 'ASC' }] },
  { label: 'CREATED_AT DESC', orderBy: [{ field: 'CREATED_AT', direction: 'DESC' }], expected: [{ field: 'CREATED_AT', direction: 'DESC' }] },
  { label: 'UPDATED_AT DESC', orderBy: [{ field: 'UPDATED_AT', direction: 'DESC' }], expected: [{ field: 'UPDATED_AT', direction: 'DESC' }] },
  {
    label: 'LAST_NAME DESC then FIRST_NAME ASC (mixed, nullable second key)',
    orderBy: [
      { field: 'LAST_NAME', direction: 'DESC' },
      { field: 'FIRST_NAME', direction: 'ASC' },
    ],
    expected: [
      { field: 'LAST_NAME', direction: 'DESC' },
      { field: 'FIRST_NAME', direction: 'ASC' },
    ],
  },
];

describe.each(ORDERS)('orderBy $label', ({ orderBy, expected }) => {
  const fetch = (args: Record<string, unknown>) => listPage(client, LIST_CONTACTS, { ...args, orderBy });

  test('first/after pages of 6 cover every contact once, in order', async () => {
    const all = (await fetch({ first: 100 })).edges.map((e) => e.node);
    expectEveryContactOnce(all);
    expectSorted(all, expected, sortValue);
    const { nodes, pages } = await pageForward((args) => fetch(args), 6);
    expect(nodes.map((n) => n.id)).toEqual(all.map((n) => n.id));
    expect(pages.map((p) => p.edges.length)).toEqual([6, 6, 6, 6, 3]);
    expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual([true, true, true, true, false]);
    expect(pages.map((p) => p.pageInfo.hasPreviousPage)).toEqual([false, true, true, true, true]);
    for (const page of pages) expect(page.totalCount).toBe(CONTACT_COUNT);
  });

  test('last/before pages of 6 cover every contact once, in the same order', async () => {
    const all = (await fetch({ first: 100 })).edges.map((e) => e.node.id);
    const { nodes, pages } = await pageBackward((args) => fetch(args), 6);
    expect(nodes.map((n) => n.id)).toEqual(all);
    expect(pages.map((p) => p.edges.length)).toEqual([6, 6, 6, 6, 3]);
    expect(pages.map((p) => p.pageInfo.hasPreviousPage)).toEqual([true, true, true, true, false]);
    expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual([false, true, true, true, true]);
  });
});

test('the default order is last name, then first name with NULL first names last', async () => {
  const rows = (await listPage(client, LIST_CONTACTS, { first: 100 })).edges.map((e) => e.node);
  const adams = rows.filter((r) => r.lastName === 'Adams').map((r) => r.firstName);
  expect(rows[0].lastName).toBe('Adams');
  expect(adams).toEqual([...adams].sort((x, y) => (x === null ? 1 : y === null ? -1 : x < y ? -1 : x > y ? 1 : 0)));
  expect(adams[adams.length - 1]).toBeNull();
});

test('a cursor from another orderBy, first: 0, first: 101 and first+last are BAD_USER_INPUT', async () => {
  const byName = await listPage(client, LIST_CONTACTS, { first: 2 });
  const cases: Record<string, unknown>[] = [
    { first: 2, after: byName.pageInfo.endCursor, orderBy: [{ field: 'EMAIL', direction: 'ASC' }] },
    { first: 2, after: byName.pageInfo.endCursor, orderBy: [{ field: 'LAST_NAME', direction: 'ASC' }] },
    { first: 0 },
    { first: 101 },
    { last: 101 },
    { first: 2, last: 2 },
  ];
  for (const variables of cases) {
    expect(errorCodes(await client.request(LIST_CONTACTS, variables))).toEqual(['BAD_USER_INPUT']);
  }
});
