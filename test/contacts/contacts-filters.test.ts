/** `contacts(where:)`: string, enum, boolean, account/id and time filters, and and/or/not. */
import { Client, errorCodes, useHarness } from '../support/harness';
import { LIST_CONTACTS, Row, createAccount, createContact, deleteContact, idsMatching, listPage, missingId, sleep } from '../support/crm-operations';

const harness = useHarness();
let client: Client;
let engines: Row;
let navy: Row;
const c: Record<'ada' | 'charles' | 'grace' | 'turing' | 'percy', Row> = {} as never;

beforeAll(async () => {
  ({ client } = await harness.createTenant());
  engines = await createAccount(client, { name: 'Analytical Engines' });
  navy = await createAccount(client, { name: 'Navy' });
  const seeds: [keyof typeof c, Record<string, unknown>][] = [
    ['ada', { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@analytical.example', jobTitle: 'Chief Mathematician', preferredChannel: 'EMAIL', accountId: engines.id }],
    ['charles', { firstName: 'Charles', lastName: 'Babbage', email: 'charles@analytical.example', jobTitle: 'Engineer', preferredChannel: 'PHONE', accountId: engines.id }],
    ['grace', { firstName: 'Grace', lastName: 'Hopper', email: 'GRACE@navy.example', doNotContact: true, accountId: navy.id }],
    ['turing', { lastName: 'Turing', jobTitle: 'Cryptanalyst_Lead', preferredChannel: 'VISIT' }],
    ['percy', { firstName: 'Percy', lastName: '100%Sure', email: 'percy@sure.example', jobTitle: 'Cryptanalyst Lead', preferredChannel: 'SMS' }],
  ];
  for (const [key, input] of seeds) {
    c[key] = await createContact(client, input);
    await sleep(15);
  }
});

async function matching(where: unknown): Promise<string[]> {
  const found = await idsMatching(client, LIST_CONTACTS, where);
  const byId = new Map(Object.entries(c).map(([key, row]) => [row.id, key]));
  return found.map((id) => byId.get(id) ?? `unexpected:${id}`).sort();
}

describe('string filters', () => {
  test.each([
    ['email eq ignores case', { email: { eq: 'grace@navy.example' } }, ['grace']],
    ['email eq with upper case input', { email: { eq: 'ADA@ANALYTICAL.EXAMPLE' } }, ['ada']],
    ['email in ignores case', { email: { in: ['Charles@Analytical.Example', 'percy@sure.example'] } }, ['charles', 'percy']],
    ['email contains', { email: { contains: 'analytical' } }, ['ada', 'charles']],
    ['email isNull', { email: { isNull: true } }, ['turing']],
    ['email neq keeps NULL', { email: { neq: 'ada@analytical.example' } }, ['charles', 'grace', 'percy', 'turing']],
    ['firstName isNull', { firstName: { isNull: true } }, ['turing']],
    ['firstName eq', { firstName: { eq: 'Grace' } }, ['grace']],
    ['lastName startsWith ignores case', { lastName: { startsWith: 'lov' } }, ['ada']],
    ['lastName in', { lastName: { in: ['Hopper', 'Turing'] } }, ['grace', 'turing']],
    ['lastName neq', { lastName: { neq: 'Turing' } }, ['ada', 'charles', 'grace', 'percy']],
    ['jobTitle contains ignores case', { jobTitle: { contains: 'ENGINEER' } }, ['charles']],
    ['jobTitle isNull: false', { jobTitle: { isNull: false } }, ['ada', 'charles', 'percy', 'turing']],
  ])('%s', async (_label, where, expected) => {
    expect(await matching(where)).toEqual(expected);
  });

  test.each([
    ['"_" in contains is literal', { jobTitle: { contains: '_' } }, ['turing']],
    ['"_" in contains does not match a space', { jobTitle: { contains: 'analyst_lead' } }, ['turing']],
    ['"%" in startsWith is literal', { lastName: { startsWith: '100%' } }, ['percy']],
    ['"%" alone in contains is literal', { lastName: { contains: '%' } }, ['percy']],
    ['"%" does not act as a wildcard', { lastName: { startsWith: '%e' } }, []],
  ])('%s', async (_label, where, expected) => {
    expect(await matching(where)).toEqual(expected);
  });
});

describe('enum and boolean filters', () => {
  test.each([
    ['preferredChannel eq', { preferredChannel: { eq: 'EMAIL' } }, ['ada']],
    ['preferredChannel in', { preferredChannel: { in: ['PHONE', 'VISIT'] } }, ['charles', 'turing']],
    ['preferredChannel isNull', { preferredChannel: { isNull: true } }, ['grace']],
    ['preferredChannel neq keeps NULL', { preferredChannel: { neq: 'EMAIL' } }, ['charles', 'grace', 'percy', 'turing']],
    ['doNotContact eq true', { doNotContact: { eq: true } }, ['grace']],
    ['doNotContact eq false', { doNotContact: { eq: false } }, ['ada', 'charles', 'percy', 'turing']],
  ])('%s', async (_label, where, expected) => {
    expect(await matching(where)).toEqual(expected);
  });
});

describe('account and id filters', () => {
  test('account eq, in, neq and isNull', async () => {
    expect(await matching({ account: { eq: engines.id } })).toEqual(['ada', 'charles']);
    expect(await matching({ account: { in: [engines.id, navy.id] } })).toEqual(['ada', 'charles', 'grace']);
    expect(await matching({ account: { neq: engines.id } })).toEqual(['grace', 'percy', 'turing']);
    expect(await matching({ account: { isNull: true } })).toEqual(['percy', 'turing']);
    expect(await matching({ account: { isNull: false } })).toEqual(['ada', 'charles', 'grace']);
    expect(await matching({ account: { eq: missingId('Account') } })).toEqual([]);
  });

  test('id eq and in', async () => {
    expect(await matching({ id: { eq: c.grace.id } })).toEqual(['grace']);
    expect(await matching({ id: { in: [c.ada.id, c.turing.id] } })).toEqual(['ada', 'turing']);
  });

  test('an ID of another type or a malformed ID is BAD_USER_INPUT', async () => {
    for (const where of [{ account: { eq: c.ada.id } }, { account: { in: ['garbage'] } }, { id: { eq: engines.id } }]) {
      expect(errorCodes(await client.request(LIST_CONTACTS, { first: 5, where }))).toEqual(['BAD_USER_INPUT']);
    }
  });
});

describe('createdAt ranges', () => {
  test('gte/lt pick the contacts created in the window', async () => {
    expect(await matching({ createdAt: { gte: c.charles.createdAt, lt: c.turing.createdAt } })).toEqual(['charles', 'grace']);
    expect(await matching({ createdAt: { gt: c.grace.createdAt } })).toEqual(['percy', 'turing']);
    expect(await matching({ createdAt: { lte: c.ada.createdAt } })).toEqual(['ada']);
    expect(await matching({ createdAt: { gt: new Date(Date.now() + 3600_000).toISOString() } })).toEqual([]);
  });
});

describe('and / or / not', () => {
  // Filters are built lazily: the seeded accounts exist only once beforeAll has run.
  test.each([
    ['top-level fields combine with AND', () => ({ account: { eq: engines.id }, jobTitle: { contains: 'engineer' } }), ['charles']],
    ['or', () => ({ or: [{ doNotContact: { eq: true } }, { preferredChannel: { eq: 'VISIT' } }] }), ['grace', 'turing']],
    ['and', () => ({ and: [{ email: { contains: 'example' } }, { not: { account: { isNull: true } } }] }), ['ada', 'charles', 'grace']],
    ['not keeps rows with NULLs', () => ({ not: { jobTitle: { contains: 'cryptanalyst' } } }), ['ada', 'charles', 'grace']],
    ['not of and', () => ({ not: { and: [{ account: { eq: engines.id } }, { preferredChannel: { eq: 'EMAIL' } }] } }), ['charles', 'grace', 'percy', 'turing']],
    ['or inside and inside not', () => ({ not: { and: [{ or: [{ firstName: { isNull: true } }, { lastName: { startsWith: '100' } }] }] } }), ['ada', 'charles', 'grace']],
  ])('%s', async (_label, where, expected) => {
    expect(await matching(where())).toEqual(expected);
  });

  test('deleted contacts never match, and match in the recycle bin', async () => {
    const { client: own } = await harness.createTenant();
    const kept = await createContact(own, { lastName: 'Same', jobTitle: 'Engineer' });
    const gone = await createContact(own, { lastName: 'Same', jobTitle: 'Engineer' });
    await deleteContact(own, gone.id);
    expect(await idsMatching(own, LIST_CONTACTS, { lastName: { eq: 'Same' } })).toEqual([kept.id]);
    expect(await idsMatching(own, LIST_CONTACTS, { lastName: { eq: 'Same' } }, { inRecycleBin: true })).toEqual([gone.id]);
    expect((await listPage(own, LIST_CONTACTS, { first: 10, where: { jobTitle: { eq: 'Engineer' } } })).totalCount).toBe(1);
  });
});
