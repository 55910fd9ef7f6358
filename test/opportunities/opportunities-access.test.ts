/** Roles and record scope on opportunities, and the SQL budget of nested lists. */
import { CREATE_TEAM, mutateOk } from '../configuration/configuration-helpers';
import { Client, TestUser, dataOf, errorCodes, useHarness } from '../support/harness';
import { Row, createAccount } from '../support/crm-operations';
import { CLOSE_WON, CREATE, UPDATE, ok, refused, stagesByName } from './opportunity-helpers';

// The budget query asks for 20 opportunities with 20 history entries each: above the default cost limit.
const harness = useHarness({ maxQueryCost: 20_000, rateLimitStore: 'off' });
let admin: Client;
let users: Record<'rep' | 'teammate' | 'manager' | 'outsider', TestUser>;
let clients: Record<'rep' | 'manager' | 'outsider' | 'dispatcher', Client>;
const opportunityOf: Record<string, string> = {};
let repAccount: Row;

beforeAll(async () => {
  const workspace = await harness.createTenant();
  admin = workspace.client;
  const add = (role: string) => harness.addUser(workspace.tenant, { role });
  users = { rep: await add('sales_rep'), teammate: await add('sales_rep'), manager: await add('sales_manager'), outsider: await add('sales_rep') };
  await mutateOk(admin, CREATE_TEAM, { name: 'East', memberIds: [users.manager.id, users.rep.id, users.teammate.id] });
  const key = async (role: string, user: TestUser | null) => (await harness.keyFor(workspace.tenant, { role, userId: user?.uuid ?? null })).client;
  clients = { rep: await key('sales_rep', users.rep), manager: await key('sales_manager', users.manager), outsider: await key('sales_rep', users.outsider), dispatcher: await key('dispatcher', null) };
  const account = await createAccount(admin, { name: 'Shared' });
  repAccount = await createAccount(clients.rep, { name: 'Rep’s own' });
  for (const owner of ['rep', 'teammate', 'manager', 'outsider'] as const) {
    opportunityOf[owner] = (await ok(admin, CREATE, { name: `Deal of ${owner}`, accountId: account.id, ownerId: users[owner].id })).id;
  }
});

const LIST_ALL = `{ opportunities(first: 100) { totalCount nodes { id } } }`;
const listed = async (client: Client) => {
  const { opportunities } = dataOf(await client.request(LIST_ALL));
  return { ids: opportunities.nodes.map((n: Row) => n.id).sort(), totalCount: opportunities.totalCount };
};
const idsOf = (...owners: string[]) => owners.map((o) => opportunityOf[o]).sort();

test.each([
  ['a sales rep sees only their own', 'rep', ['rep']],
  ['a sales manager sees the team’s', 'manager', ['rep', 'teammate', 'manager']],
  ['a rep in no team sees only their own', 'outsider', ['outsider']],
] as const)('%s', async (_label, who, owners) => {
  const expected = idsOf(...owners);
  expect(await listed(clients[who])).toEqual({ ids: expected, totalCount: expected.length });
});

test('an admin sees all', async () => {
  const all = await listed(admin);
  expect(all.ids).toEqual(expect.arrayContaining(idsOf('rep', 'teammate', 'manager', 'outsider')));
});

test('out of scope is NOT_FOUND for reads and writes', async () => {
  const theirs = opportunityOf.teammate;
  expect(errorCodes(await clients.rep.request(`query($id: ID!) { opportunity(id: $id) { id } }`, { id: theirs }))).toEqual(['NOT_FOUND']);
  expect(errorCodes(await clients.rep.request(`query($id: ID!) { node(id: $id) { id } }`, { id: theirs }))).toEqual(['NOT_FOUND']);
  expect(await refused(clients.rep, UPDATE, { id: theirs, name: 'Mine now' })).toEqual([{ code: 'NOT_FOUND', field: 'input.id' }]);
  expect(await refused(clients.rep, CLOSE_WON, { id: theirs })).toEqual([{ code: 'NOT_FOUND', field: 'input.id' }]);
  // The manager may change the team's.
  expect((await ok(clients.manager, UPDATE, { id: theirs, nextStep: 'Coach' })).nextStep).toBe('Coach');
});

test('a rep creates opportunities for themselves only, on accounts they can see', async () => {
  const mine = await ok(clients.rep, CREATE, { name: 'Own deal', accountId: repAccount.id });
  expect(mine.owner).toEqual({ id: users.rep.id });
  expect(await refused(clients.rep, CREATE, { name: 'Gift', accountId: repAccount.id, ownerId: users.teammate.id })).toEqual([{ code: 'FORBIDDEN', field: 'input.ownerId' }]);
  // The outsider cannot see the rep's account.
  expect(await refused(clients.outsider, CREATE, { name: 'Poach', accountId: repAccount.id })).toEqual([{ code: 'NOT_FOUND', field: 'input.accountId' }]);
  // A manager may hand one to a teammate but not to someone outside the team.
  expect((await ok(clients.manager, CREATE, { name: 'Handed', accountId: repAccount.id, ownerId: users.teammate.id })).owner).toEqual({ id: users.teammate.id });
  expect(await refused(clients.manager, CREATE, { name: 'Away', accountId: repAccount.id, ownerId: users.outsider.id })).toEqual([{ code: 'FORBIDDEN', field: 'input.ownerId' }]);
});

test('a role without an Opportunity grant is FORBIDDEN', async () => {
  expect(errorCodes(await clients.dispatcher.request(LIST_ALL))).toEqual(['FORBIDDEN']);
  const created = await clients.dispatcher.request(`mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { userErrors { code } } }`, {
    input: { name: 'No', accountId: repAccount.id },
  });
  expect(errorCodes(created)).toEqual(['FORBIDDEN']);
  const nested = await clients.dispatcher.request(`{ accounts(first: 1) { nodes { name opportunities { totalCount } } } }`);
  expect(errorCodes(nested)).toEqual(['FORBIDDEN']);
});

describe('SQL budget', () => {
  const BUDGET = `query($n: Int!) { opportunities(first: $n, where: { name: { startsWith: "Budget" } }) { nodes {
    account { name } stageHistory(first: 20) { nodes { toStage { name } fromStage { name } actor { name } } } owner { name } stage { name } primaryContact { id }
  } } }`;

  test('statements per request do not grow with the page size (2 vs 20 opportunities)', async () => {
    const stages = await stagesByName(admin);
    for (let i = 0; i < 20; i++) {
      const account = await createAccount(admin, { name: `Budget account ${i}` });
      const opp = await ok(admin, CREATE, { name: `Budget ${String(i).padStart(2, '0')}`, accountId: account.id, ownerId: users.rep.id });
      await ok(admin, UPDATE, { id: opp.id, stageId: stages.Qualification.id });
    }
    const two = await admin.request(BUDGET, { n: 2 });
    const twenty = await admin.request(BUDGET, { n: 20 });
    expect(two.errors ?? []).toEqual([]);
    expect(twenty.data!.opportunities.nodes).toHaveLength(20);
    expect(twenty.data!.opportunities.nodes[19].stageHistory.nodes.map((h: Row) => h.toStage.name)).toEqual(['Prospecting', 'Qualification']);
    expect(typeof two.extensions?.sqlStatements).toBe('number');
    expect(twenty.extensions?.sqlStatements).toBe(two.extensions?.sqlStatements);
  });

  test('Account.opportunities is batched across accounts', async () => {
    const query = `query($n: Int!) { accounts(first: $n, where: { name: { startsWith: "Budget account" } }) { nodes { opportunities(first: 5) { totalCount nodes { stage { name } } } } } }`;
    const two = await admin.request(query, { n: 2 });
    const twenty = await admin.request(query, { n: 20 });
    expect(twenty.data!.accounts.nodes.every((a: Row) => a.opportunities.totalCount === 1)).toBe(true);
    expect(twenty.extensions?.sqlStatements).toBe(two.extensions?.sqlStatements);
  });
});
