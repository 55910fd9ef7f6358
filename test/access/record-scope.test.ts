/**
 * Record scope (own / team / all) as the services enforce it: lists and their totalCount, the
 * recycle bin, nested Account.contacts, node(id)/nodes(ids), account(id)/contact(id), Contact.account,
 * filters, update/delete/restore of records out of scope, and whom records may be given to.
 */
import { UPDATE_TEAM, mutateOk } from '../configuration/configuration-helpers';
import { Client, dataOf, errorCodes, useHarness } from '../support/harness';
import {
  OWNERS,
  Owner,
  Person,
  RECORD_TYPES,
  RecordType,
  Row,
  World,
  createRecord,
  idsOwnedBy,
  keyClient,
  listed,
  missingId,
  newRecord,
  payloadOf,
  recordCount,
  recordMutation,
  setUpWorld,
  storedRecord,
  userErrorsOf,
} from './access-helpers';

// NESTED asks for up to 100 × 100 contacts (10,100 cost points): beyond the default per-operation
// budget and any plan's bucket, so this file raises the one and turns rate limiting off.
const harness = useHarness({ maxQueryCost: 20_000, rateLimitStore: 'off' });
let world: World;

beforeAll(async () => {
  world = await setUpWorld(harness);
});

/** A key with the role acting for one of the world's users (or for nobody). */
const viewer = (role: string, who: Person | null): Promise<Client> => keyClient(harness, world.workspace, role, who ? world.users[who] : null);

interface Viewer {
  role: string;
  acting: Person | null;
  /** Owners whose records the viewer sees. */
  sees: Owner[];
}

const VIEWERS: [string, Viewer][] = [
  ['a sales rep (own)', { role: 'sales_rep', acting: 'rep', sees: ['rep'] }],
  ['the other sales rep (own)', { role: 'sales_rep', acting: 'teammate', sees: ['teammate'] }],
  ["the East team's sales manager (team)", { role: 'sales_manager', acting: 'manager', sees: ['manager', 'rep', 'teammate'] }],
  ['a sales manager alone in team West (team)', { role: 'sales_manager', acting: 'outsider', sees: ['outsider'] }],
  ['a service agent (all)', { role: 'service_agent', acting: 'rep', sees: OWNERS }],
  ['an admin key acting for nobody (all)', { role: 'admin', acting: null, sees: OWNERS }],
  ['a sales rep key acting for nobody', { role: 'sales_rep', acting: null, sees: [] }],
  ['a sales manager key acting for nobody', { role: 'sales_manager', acting: null, sees: [] }],
];

const NESTED = `{ accounts(first: 100) { nodes { id contacts(first: 100) { totalCount nodes { id } } } } }`;
const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`;

describe.each(VIEWERS)('%s', (_label, { role, acting, sees }) => {
  let client: Client;
  beforeAll(async () => {
    client = await viewer(role, acting);
  });

  test.each(RECORD_TYPES)('lists and counts only the %s records in scope', async (type) => {
    const expected = idsOwnedBy(world, type, sees);
    expect(await listed(client, type)).toEqual({ ids: expected, totalCount: expected.length });
  });

  test('nodes(ids) answers null for every record out of scope', async () => {
    const ids = world.records.map((r) => r.id);
    const { nodes } = dataOf(await client.request(NODES, { ids }));
    expect(nodes).toEqual(world.records.map((r) => (sees.includes(r.owner) ? { id: r.id } : null)));
  });

  test("an account's nested contacts (and their totalCount) are only those in scope", async () => {
    const { accounts } = dataOf(await client.request(NESTED));
    const nested = Object.fromEntries(accounts.nodes.map((a: Row) => [a.id, { totalCount: a.contacts.totalCount, ids: a.contacts.nodes.map((c: Row) => c.id).sort() }]));
    const expected = Object.fromEntries(
      OWNERS.filter((owner) => sees.includes(owner)).map((owner) => {
        const ids = world.records
          .filter((r) => r.type === 'Contact' && r.account === owner && sees.includes(r.owner))
          .map((r) => r.id)
          .sort();
        return [world.accounts[owner], { totalCount: ids.length, ids }];
      }),
    );
    expect(nested).toEqual(expected);
  });
});

describe('a single record out of scope is NOT_FOUND, exactly like one that does not exist', () => {
  const READS: [string, string, RecordType][] = [
    ['node(id)', 'query($id: ID!) { node(id: $id) { id } }', 'Account'],
    ['node(id)', 'query($id: ID!) { node(id: $id) { id } }', 'Contact'],
    ['account(id)', 'query($id: ID!) { account(id: $id) { id } }', 'Account'],
    ['contact(id)', 'query($id: ID!) { contact(id: $id) { id } }', 'Contact'],
  ];

  test.each(READS)("%s of another rep's %s", async (_label, query, type) => {
    const rep = await viewer('sales_rep', 'rep');
    const target = type === 'Account' ? world.accounts.outsider : world.contacts.outsider;
    const own = type === 'Account' ? world.accounts.rep : world.contacts.rep;
    const outOfScope = await rep.request(query, { id: target });
    const missing = await rep.request(query, { id: missingId(type) });
    expect(errorCodes(outOfScope)).toEqual(['NOT_FOUND']);
    expect(outOfScope.data).toEqual(missing.data);
    expect(outOfScope.errors![0].message).toBe(missing.errors![0].message);
    expect(Object.values(dataOf(await rep.request(query, { id: own })))[0]).toEqual({ id: own });
  });

  test("Contact.account is null when the account is out of scope (the contact itself is the rep's)", async () => {
    const query = `query($id: ID!) { contact(id: $id) { id account { id } } }`;
    const rep = await viewer('sales_rep', 'rep');
    expect(dataOf(await rep.request(query, { id: world.crossing })).contact).toEqual({ id: world.crossing, account: null });
    expect(dataOf(await rep.request(query, { id: world.contacts.rep })).contact).toEqual({ id: world.contacts.rep, account: { id: world.accounts.rep } });
    expect(dataOf(await world.admin.request(query, { id: world.crossing })).contact).toEqual({ id: world.crossing, account: { id: world.accounts.outsider } });
  });
});

describe('filters never reach past the scope', () => {
  const FILTERS: [string, RecordType, (w: World) => Row, (w: World) => string[]][] = [
    ["accounts by the outsider's ownership", 'Account', (w) => ({ owner: { eq: w.users.outsider.id } }), () => []],
    ["accounts by another rep's account name", 'Account', () => ({ name: { eq: 'Outsider Co' } }), () => []],
    ['accounts by a list of every ID', 'Account', (w) => ({ id: { in: Object.values(w.accounts) } }), (w) => [w.accounts.rep]],
    ['accounts by either of two names', 'Account', () => ({ or: [{ name: { eq: 'Outsider Co' } }, { name: { eq: 'Rep Co' } }] }), (w) => [w.accounts.rep]],
    ['accounts without an owner', 'Account', () => ({ owner: { isNull: true } }), () => []],
    ["contacts at the outsider's account", 'Contact', (w) => ({ account: { eq: w.accounts.outsider } }), (w) => [w.crossing]],
    ["contacts at the rep's own account", 'Contact', (w) => ({ account: { eq: w.accounts.rep } }), (w) => [w.contacts.rep]],
    ['contacts not owned by the rep', 'Contact', (w) => ({ not: { owner: { eq: w.users.rep.id } } }), () => []],
  ];

  test.each(FILTERS)('a sales rep filtering %s', async (_label, type, where, expected) => {
    const rep = await viewer('sales_rep', 'rep');
    const ids = expected(world).sort();
    expect(await listed(rep, type, { where: where(world) })).toEqual({ ids, totalCount: ids.length });
  });

  test("a sales manager filtering by an owner outside the team gets only the team's part", async () => {
    const manager = await viewer('sales_manager', 'manager');
    const where = { owner: { in: [world.users.rep.id, world.users.outsider.id] } };
    expect(await listed(manager, 'Account', { where })).toEqual({ ids: [world.accounts.rep], totalCount: 1 });
    expect(await listed(manager, 'Contact', { where })).toEqual({ ids: [world.contacts.rep, world.crossing].sort(), totalCount: 2 });
  });
});

describe('writes to records out of scope are NOT_FOUND and change nothing', () => {
  const CASES = RECORD_TYPES.flatMap((type) => (['update', 'delete', 'restore'] as const).map((verb) => [verb, type] as const));

  test.each(CASES)('%s of a %s owned by someone outside the scope', async (verb, type) => {
    const admin = world.admin;
    const target = await createRecord(admin, type, newRecord(type, `Target ${verb}`, { ownerId: world.users.outsider.id }));
    const teammates = await createRecord(admin, type, newRecord(type, `Teammate ${verb}`, { ownerId: world.users.teammate.id }));
    if (verb === 'restore') {
      for (const id of [target, teammates]) expect(userErrorsOf(payloadOf(await admin.request(recordMutation('delete', type), { input: { id } })))).toEqual([]);
    }
    const before = await storedRecord(harness, world.workspace, type, target);
    const input = (id: string) => (verb === 'update' ? (type === 'Account' ? { id, name: 'Taken over' } : { id, lastName: 'Taken over' }) : { id });
    const missing = payloadOf(await (await viewer('sales_rep', 'rep')).request(recordMutation(verb, type), { input: input(missingId(type)) }));

    for (const [role, who] of [['sales_rep', 'rep'], ['sales_manager', 'manager'], ['sales_rep', null]] as const) {
      const payload = payloadOf(await (await viewer(role, who)).request(recordMutation(verb, type), { input: input(target) }));
      expect(payload).toEqual({ [type.toLowerCase()]: null, userErrors: missing.userErrors });
      expect(userErrorsOf(payload)).toEqual([[['input', 'id'], 'NOT_FOUND']]);
    }
    expect(await storedRecord(harness, world.workspace, type, target)).toEqual(before);

    // Within the team, the manager's same write goes through.
    const allowed = payloadOf(await (await viewer('sales_manager', 'manager')).request(recordMutation(verb, type), { input: input(teammates) }));
    expect(allowed.userErrors).toEqual([]);
    const effect = { update: { label: 'Taken over' }, delete: { deleted: true }, restore: { deleted: false } }[verb];
    expect(await storedRecord(harness, world.workspace, type, teammates)).toMatchObject(effect);
  });

  test('the recycle bin lists only deleted records in scope, and a rep restores their own', async () => {
    const admin = world.admin;
    const mine = await createRecord(admin, 'Account', { name: 'Binned Mine', ownerId: world.users.rep.id });
    const theirs = await createRecord(admin, 'Account', { name: 'Binned Theirs', ownerId: world.users.outsider.id });
    const rep = await viewer('sales_rep', 'rep');
    expect(userErrorsOf(payloadOf(await rep.request(recordMutation('delete', 'Account'), { input: { id: mine } })))).toEqual([]);
    expect(userErrorsOf(payloadOf(await admin.request(recordMutation('delete', 'Account'), { input: { id: theirs } })))).toEqual([]);
    expect(await listed(rep, 'Account', { inRecycleBin: true })).toEqual({ ids: [mine], totalCount: 1 });
    expect((await listed(admin, 'Account', { inRecycleBin: true })).ids).toEqual(expect.arrayContaining([mine, theirs]));
    expect(userErrorsOf(payloadOf(await rep.request(recordMutation('restore', 'Account'), { input: { id: mine } })))).toEqual([]);
    expect(await storedRecord(harness, world.workspace, 'Account', mine)).toMatchObject({ deleted: false });
  });

  test("a contact cannot be attached to an account out of scope (it is NOT_FOUND)", async () => {
    const rep = await viewer('sales_rep', 'rep');
    const created = payloadOf(await rep.request(recordMutation('create', 'Contact'), { input: { lastName: 'Sneaky', accountId: world.accounts.outsider } }));
    expect(userErrorsOf(created)).toEqual([[['input', 'accountId'], 'NOT_FOUND']]);
    const moved = payloadOf(await rep.request(recordMutation('update', 'Contact'), { input: { id: world.contacts.rep, accountId: world.accounts.outsider } }));
    expect(userErrorsOf(moved)).toEqual([[['input', 'accountId'], 'NOT_FOUND']]);
    expect(await storedRecord(harness, world.workspace, 'Contact', world.contacts.rep)).toMatchObject({ version: 1 });
  });
});

describe('owners a role may give records to', () => {
  type OwnerChoice = Person | 'omitted' | 'none';
  /** [role, acting for, ownerId in the input, resulting owner or FORBIDDEN]. */
  const CREATES: [string, Person | null, OwnerChoice, Person | 'none' | 'FORBIDDEN'][] = [
    ['sales_rep', 'rep', 'omitted', 'rep'],
    ['sales_rep', 'rep', 'rep', 'rep'],
    ['sales_rep', 'rep', 'teammate', 'FORBIDDEN'],
    ['sales_rep', 'rep', 'none', 'FORBIDDEN'],
    ['sales_rep', null, 'omitted', 'FORBIDDEN'],
    ['sales_manager', 'manager', 'omitted', 'manager'],
    ['sales_manager', 'manager', 'teammate', 'teammate'],
    ['sales_manager', 'manager', 'outsider', 'FORBIDDEN'],
    ['sales_manager', 'manager', 'none', 'FORBIDDEN'],
    ['service_agent', 'rep', 'outsider', 'outsider'],
    ['service_agent', 'rep', 'omitted', 'rep'],
    ['service_agent', 'rep', 'none', 'none'],
    ['admin', null, 'omitted', 'none'],
  ];
  const CASES = RECORD_TYPES.flatMap((type) => CREATES.map((row) => [type, ...row] as const));
  const ownerInput = (choice: OwnerChoice): Row => (choice === 'omitted' ? {} : { ownerId: choice === 'none' ? null : world.users[choice].id });
  const uuidOf = (result: Person | 'none') => (result === 'none' ? null : world.users[result].uuid);

  test.each(CASES)('creating a %s as %s for %s with owner %s → %s', async (type, role, who, choice, result) => {
    const client = await viewer(role, who);
    const count = await recordCount(harness, world.workspace, type);
    const payload = payloadOf(await client.request(recordMutation('create', type), { input: newRecord(type, `Owned ${role} ${choice}`, ownerInput(choice)) }));
    if (result === 'FORBIDDEN') {
      expect(userErrorsOf(payload)).toEqual([[['input', 'ownerId'], 'FORBIDDEN']]);
      expect(await recordCount(harness, world.workspace, type)).toBe(count);
      return;
    }
    expect(payload.userErrors).toEqual([]);
    expect(await storedRecord(harness, world.workspace, type, payload[type.toLowerCase()].id)).toMatchObject({ ownerId: uuidOf(result) });
  });

  const UPDATES: [string, Person, OwnerChoice, boolean][] = [
    ['sales_rep', 'rep', 'teammate', false],
    ['sales_rep', 'rep', 'none', false],
    ['sales_rep', 'rep', 'rep', true],
    ['sales_manager', 'manager', 'teammate', true],
    ['sales_manager', 'manager', 'outsider', false],
    ['sales_manager', 'manager', 'none', false],
    ['service_agent', 'rep', 'outsider', true],
  ];
  const UPDATE_CASES = RECORD_TYPES.flatMap((type) => UPDATES.map((row) => [type, ...row] as const));

  test.each(UPDATE_CASES)("reassigning the rep's %s as %s for %s to %s (allowed: %s)", async (type, role, who, choice, allowed) => {
    const target = await createRecord(world.admin, type, newRecord(type, `Reassigned ${role} ${choice}`, { ownerId: world.users.rep.id }));
    const payload = payloadOf(await (await viewer(role, who)).request(recordMutation('update', type), { input: { id: target, ...ownerInput(choice) } }));
    const stored = await storedRecord(harness, world.workspace, type, target);
    if (allowed) {
      expect(payload.userErrors).toEqual([]);
      expect(stored).toMatchObject({ ownerId: uuidOf(choice as Person) });
    } else {
      expect(userErrorsOf(payload)).toEqual([[['input', 'ownerId'], 'FORBIDDEN']]);
      expect(stored).toMatchObject({ ownerId: world.users.rep.uuid, version: 1 });
    }
  });
});

test("a change of the manager's team applies to the manager's next request", async () => {
  const manager = await viewer('sales_manager', 'manager');
  const outsiders = idsOwnedBy(world, 'Account', ['outsider']);
  const before = await listed(manager, 'Account');
  expect(before.ids).toEqual(expect.not.arrayContaining(outsiders));
  const { users, teams } = world;
  try {
    await mutateOk(world.admin, UPDATE_TEAM, { id: teams.east, memberIds: [users.manager.id, users.rep.id, users.teammate.id, users.outsider.id] });
    const after = await listed(manager, 'Account');
    expect(after.ids).toEqual(expect.arrayContaining(outsiders));
    expect(after.totalCount).toBe(before.totalCount + (await listed(await viewer('sales_rep', 'outsider'), 'Account')).totalCount);
    expect(dataOf(await manager.request('query($id: ID!) { node(id: $id) { id } }', { id: world.accounts.outsider })).node).toEqual({ id: world.accounts.outsider });
  } finally {
    await mutateOk(world.admin, UPDATE_TEAM, { id: teams.east, memberIds: [users.manager.id, users.rep.id, users.teammate.id] });
  }
  expect(await listed(manager, 'Account')).toEqual(before);
});
