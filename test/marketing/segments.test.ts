/**
 * Segments: saved filters checked like a live `where:` (bad fields, custom fields, value metrics,
 * personal fields by role), member counts that follow the data, members as lists, record scope,
 * masking of personal conditions, names unique ignoring case, and constant SQL for member counts.
 */
import { Client, TestUser, dataOf, errorCodes, useHarness } from '../support/harness';
import { define } from '../custom-fields/custom-field-helpers';
import { uuidOf } from '../../src/graphql/global-id';
import { Row, UPDATE_SEGMENT, createRecord, createSegment, createSegmentPayload } from './marketing-helpers';

const harness = useHarness();
let admin: Client;
let rep: TestUser;
let repClient: Client;
let tenant: Awaited<ReturnType<typeof harness.createTenant>>;
const ids: Record<string, string> = {};

const MEMBERS = `query($id: ID!) { segment(id: $id) { memberCount accounts(first: 10) { totalCount nodes { name } } contacts(first: 10) { nodes { lastName } } } }`;
const members = async (client: Client, id: string): Promise<Row> => dataOf(await client.request(MEMBERS, { id })).segment;
const names = (connection: Row | null, field = 'name') => connection?.nodes.map((n: Row) => n[field]) ?? null;

beforeAll(async () => {
  tenant = await harness.createTenant({ name: 'Segments' });
  admin = tenant.client;
  rep = await harness.addUser(tenant.tenant, { role: 'sales_rep', name: 'Rep' });
  repClient = (await harness.keyFor(tenant.tenant, { role: 'sales_rep', userId: rep.uuid })).client;
  await define(admin, { object: 'ACCOUNT', key: 'tier', label: 'Tier', type: 'TEXT' });
  ids.Acme = await createRecord(admin, 'Account', { name: 'Acme', industry: 'Software', customFields: { tier: 'gold' }, ownerId: rep.id });
  ids.Globex = await createRecord(admin, 'Account', { name: 'Globex', industry: 'Software', customFields: { tier: 'silver' } });
  ids.Initech = await createRecord(admin, 'Account', { name: 'Initech', industry: 'Energy', customFields: { tier: 'gold' } });
  for (const [lastName, account, email] of [
    ['Hopper', 'Acme', 'grace@acme.example'],
    ['Turing', 'Acme', 'alan@acme.example'],
    ['Lamarr', 'Globex', 'hedy@globex.example'],
    ['Johnson', 'Initech', 'kat@initech.example'],
  ]) {
    ids[lastName] = await createRecord(admin, 'Contact', { lastName, email, accountId: ids[account] });
  }
});

test('an account segment counts and lists what its filter matches now; its contacts are the contacts of those accounts', async () => {
  const software = await createSegment(admin, { name: 'Software', object: 'ACCOUNT', filter: { industry: { eq: 'Software' } } });
  expect(software).toMatchObject({ name: 'Software', object: 'ACCOUNT', filter: { industry: { eq: 'Software' } }, memberCount: 2, version: 1 });
  const m = await members(admin, software.id);
  expect([m.memberCount, m.accounts.totalCount, names(m.accounts), names(m.contacts, 'lastName')]).toEqual([2, 2, ['Acme', 'Globex'], ['Hopper', 'Lamarr', 'Turing']]);

  // Live: a new software account joins, a deleted one leaves.
  const umbrella = await createRecord(admin, 'Account', { name: 'Umbrella', industry: 'Software' });
  expect((await members(admin, software.id)).memberCount).toBe(3);
  dataOf(await admin.request('mutation($id: ID!) { deleteAccount(input: { id: $id }) { userErrors { code } } }', { id: umbrella }));
  expect((await members(admin, software.id)).memberCount).toBe(2);
});

test('filters on custom fields, combinations and value metrics work like the accounts list', async () => {
  const gold = await createSegment(admin, { name: 'Gold tier', object: 'ACCOUNT', filter: { customFields: [{ key: 'tier', eq: 'gold' }] } });
  expect(names((await members(admin, gold.id)).accounts)).toEqual(['Acme', 'Initech']);
  const either = await createSegment(admin, { name: 'Gold or Globex', object: 'ACCOUNT', filter: { or: [{ customFields: [{ key: 'tier', eq: 'gold' }] }, { name: { eq: 'Globex' } }], not: { industry: { eq: 'Energy' } } } });
  expect(names((await members(admin, either.id)).accounts)).toEqual(['Acme', 'Globex']);
  const topClass = await createSegment(admin, { name: 'A customers', object: 'ACCOUNT', filter: { abcClass: { eq: 'A' } } });
  expect(topClass.memberCount).toBe(0);
  await harness.dataSource.query(
    `INSERT INTO "${tenant.tenant.schemaName}".account_metrics (account_id, revenue, abc_class, lifecycle_stage, computed_at) VALUES ($1, 100, 'A', 'ACTIVE', now())`,
    [uuidOf(ids.Initech, 'Account')],
  );
  expect(names((await members(admin, topClass.id)).accounts)).toEqual(['Initech']);
});

test('a filter that would not work as a list filter is refused with INVALID and nothing is saved', async () => {
  const cases: Row[] = [
    { industry: { eq: 5 } },
    { colour: { eq: 'red' } },
    { customFields: [{ key: 'no_such_field', eq: 'x' }] },
    { annualRevenueAmount: { gt: 'lots' } },
  ];
  for (const filter of cases) {
    const payload = await createSegmentPayload(admin, { name: `Bad ${JSON.stringify(filter)}`, object: 'ACCOUNT', filter });
    expect({ filter, errors: payload.userErrors.map((e: Row) => [e.field, e.code]) }).toEqual({ filter, errors: [[['input', 'filter'], 'INVALID']] });
  }
  // A contact filter is checked against contacts' fields.
  expect((await createSegmentPayload(admin, { name: 'Wrong object', object: 'CONTACT', filter: { industry: { eq: 'Software' } } })).userErrors[0].code).toBe('INVALID');
  const listed = dataOf(await admin.request('{ segments(first: 50) { nodes { name } } }')).segments.nodes.map((s: Row) => s.name);
  expect(listed.some((name: string) => name.startsWith('Bad') || name === 'Wrong object')).toBe(false);
});

test('names are unique ignoring case; updates check versions and new filters; deleted segments disappear', async () => {
  const seg = await createSegment(admin, { name: 'Energy', object: 'ACCOUNT', filter: { industry: { eq: 'Energy' } } });
  expect((await createSegmentPayload(admin, { name: 'ENERGY', object: 'ACCOUNT', filter: {} })).userErrors.map((e: Row) => e.code)).toEqual(['DUPLICATE']);
  const update = async (input: Row) => dataOf(await admin.request(UPDATE_SEGMENT, { input })).updateSegment;
  expect((await update({ id: seg.id, filter: { colour: { eq: 'red' } } })).userErrors.map((e: Row) => e.code)).toEqual(['INVALID']);
  expect((await update({ id: seg.id, name: 'Software' })).userErrors.map((e: Row) => e.code)).toEqual(['DUPLICATE']);
  expect((await update({ id: seg.id, name: 'Power', expectedVersion: 7 })).userErrors.map((e: Row) => e.code)).toEqual(['CONFLICT']);
  const updated = await update({ id: seg.id, name: 'Energy and software', filter: { industry: { in: ['Energy', 'Software'] } }, expectedVersion: 1 });
  expect(updated.segment).toMatchObject({ name: 'Energy and software', memberCount: 3, version: 2 });
  dataOf(await admin.request('mutation($id: ID!) { deleteSegment(input: { id: $id }) { userErrors { code } } }', { id: seg.id }));
  expect(errorCodes(await admin.request('query($id: ID!) { segment(id: $id) { name } }', { id: seg.id }))).toEqual(['NOT_FOUND']);
});

test('personal fields: an admin may filter contacts by e-mail; an analyst may not, and other readers see the condition masked', async () => {
  const byEmail = await createSegment(admin, { name: 'Grace', object: 'CONTACT', filter: { email: { eq: 'GRACE@acme.example' } } });
  expect(byEmail.memberCount).toBe(1);
  expect(names((await members(admin, byEmail.id)).contacts, 'lastName')).toEqual(['Hopper']);
  expect((await members(admin, byEmail.id)).accounts).toBeNull();

  const analystUser = await harness.addUser(tenant.tenant, { role: 'analyst' });
  const analyst = (await harness.keyFor(tenant.tenant, { role: 'analyst', userId: analystUser.uuid })).client;
  const refused = await createSegmentPayload(analyst, { name: 'Analyst e-mails', object: 'CONTACT', filter: { email: { eq: 'grace@acme.example' } } });
  expect(refused.userErrors.map((e: Row) => [e.field, e.code])).toEqual([[['input', 'filter'], 'FORBIDDEN']]);
  // Impersonal conditions are fine for the analyst, who counts without seeing anyone.
  const analystSegment = await createSegment(analyst, { name: 'Analyst software', object: 'ACCOUNT', filter: { industry: { eq: 'Software' } } });
  expect(analystSegment.memberCount).toBe(2);

  const readOnly = (await harness.keyFor(tenant.tenant, { role: 'read_only' })).client;
  const seen = await readOnly.request('query($id: ID!) { segment(id: $id) { name filter memberCount } }', { id: byEmail.id });
  expect(seen.data?.segment).toBeNull();
  expect(errorCodes(seen)).toEqual(['FORBIDDEN']);
  const filterOnly = dataOf(await readOnly.request('query($id: ID!) { segment(id: $id) { name filter } }', { id: byEmail.id })).segment;
  expect(filterOnly).toEqual({ name: 'Grace', filter: { email: { masked: true } } });

  // Personal custom fields likewise; impersonal conditions stay readable.
  await define(admin, { object: 'CONTACT', key: 'nickname', label: 'Nickname', type: 'TEXT', personal: true });
  await define(admin, { object: 'CONTACT', key: 'segmentCode', label: 'Code', type: 'TEXT' });
  const byNickname = await createSegment(admin, {
    name: 'Nicknames',
    object: 'CONTACT',
    filter: { doNotContact: { eq: false }, or: [{ customFields: [{ key: 'nickname', eq: 'Amazing Grace' }, { key: 'segmentCode', eq: 'x' }] }] },
  });
  expect(dataOf(await readOnly.request('query($id: ID!) { segment(id: $id) { filter } }', { id: byNickname.id })).segment.filter).toEqual({
    doNotContact: { eq: false },
    or: [{ customFields: [{ key: 'nickname', masked: true }, { key: 'segmentCode', eq: 'x' }] }],
  });
  expect(dataOf(await admin.request('query($id: ID!) { segment(id: $id) { filter } }', { id: byNickname.id })).segment.filter.or[0].customFields[0]).toEqual({ key: 'nickname', eq: 'Amazing Grace' });
});

test("a sales rep's segment counts only the rep's own records; a rep sees only their own segments", async () => {
  const mine = await createSegment(repClient, { name: 'My software', object: 'ACCOUNT', filter: { industry: { eq: 'Software' } } });
  expect(mine.memberCount).toBe(1);
  expect(names((await members(repClient, mine.id)).accounts)).toEqual(['Acme']);
  const visible = dataOf(await repClient.request('{ segments(first: 50) { nodes { name } } }')).segments.nodes.map((s: Row) => s.name);
  expect(visible).toEqual(['My software']);
  // Another user's segment, as the rep: not found.
  const software = dataOf(await admin.request('{ segments(first: 1, where: { name: { eq: "Software" } }) { nodes { id } } }')).segments.nodes[0];
  expect(errorCodes(await repClient.request('query($id: ID!) { segment(id: $id) { name } }', { id: software.id }))).toEqual(['NOT_FOUND']);
});

test('member counts of a page of segments take the same number of statements for 3 and 6 segments', async () => {
  const statements = async (first: number) => {
    const response = await admin.request(`query($first: Int!) { segments(first: $first, where: { object: { eq: ACCOUNT } }) { nodes { name memberCount } } }`, { first });
    expect(dataOf(response).segments.nodes).toHaveLength(first);
    return response.extensions?.sqlStatements as number;
  };
  // Both pages hold a custom-field filter, whose definitions are read once per request.
  expect(await statements(6)).toBe(await statements(3));
});
