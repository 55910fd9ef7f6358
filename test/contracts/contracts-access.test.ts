/** Roles and record scope on contracts: owners, account owners, teams, read-only roles, and nested lists' SQL budget. */
import { CREATE_TEAM, mutateOk } from '../configuration/configuration-helpers';
import { Client, TestUser, dataOf, errorCodes, useHarness } from '../support/harness';
import { Row, createAccount } from '../support/crm-operations';
import { CREATE, DELETE, SUBMIT, UPDATE, createDraftContract, mutate, ok, refused } from './contract-helpers';

const harness = useHarness({ maxQueryCost: 20_000, rateLimitStore: 'off' });
let admin: Client;
let users: Record<'rep' | 'teammate' | 'manager' | 'outsider', TestUser>;
let clients: Record<'rep' | 'manager' | 'outsider' | 'agent' | 'analyst', Client>;
let repAccount: Row;
let shared: Row;
const contractOf: Record<string, string> = {};

beforeAll(async () => {
  const workspace = await harness.createTenant();
  admin = workspace.client;
  const add = (role: string) => harness.addUser(workspace.tenant, { role });
  users = { rep: await add('sales_rep'), teammate: await add('sales_rep'), manager: await add('sales_manager'), outsider: await add('sales_rep') };
  await mutateOk(admin, CREATE_TEAM, { name: 'East', memberIds: [users.manager.id, users.rep.id, users.teammate.id] });
  const key = async (role: string, user: TestUser | null) => (await harness.keyFor(workspace.tenant, { role, userId: user?.uuid ?? null })).client;
  clients = {
    rep: await key('sales_rep', users.rep),
    manager: await key('sales_manager', users.manager),
    outsider: await key('sales_rep', users.outsider),
    agent: await key('service_agent', null),
    analyst: await key('analyst', null),
  };
  shared = await createAccount(admin, { name: 'Shared' });
  repAccount = await createAccount(clients.rep, { name: 'Rep’s own' });
  const contract = async (name: string, accountId: string, owner: TestUser) => {
    contractOf[name] = (await createDraftContract(admin, { accountId, ownerId: owner.id, description: name })).id;
  };
  await contract('repOwned', shared.id, users.rep);
  await contract('onRepAccount', repAccount.id, users.outsider);
  await contract('teammate', shared.id, users.teammate);
  await contract('outsider', shared.id, users.outsider);
});

const listed = async (client: Client): Promise<string[]> => {
  const { contracts } = dataOf(await client.request(`{ contracts(first: 100) { totalCount nodes { id } } }`));
  expect(contracts.totalCount).toBe(contracts.nodes.length);
  return contracts.nodes.map((n: Row) => n.id).sort();
};
const idsOf = (...names: string[]) => names.map((n) => contractOf[n]).sort();

test.each([
  ['a sales rep sees the contracts they own and those of the accounts they own', 'rep', ['repOwned', 'onRepAccount']],
  ['a rep in no team sees only their own (also on another rep’s account)', 'outsider', ['onRepAccount', 'outsider']],
  ['a sales manager sees the team’s, by owner or account owner', 'manager', ['repOwned', 'onRepAccount', 'teammate']],
] as const)('%s', async (_label, who, names) => {
  expect(await listed(clients[who])).toEqual(idsOf(...names));
});

test('service agents and analysts read every contract', async () => {
  const all = idsOf('repOwned', 'onRepAccount', 'teammate', 'outsider');
  expect(await listed(clients.agent)).toEqual(expect.arrayContaining(all));
  expect(await listed(clients.analyst)).toEqual(expect.arrayContaining(all));
  const read = dataOf(await clients.analyst.request(`query($id: ID!) { contract(id: $id) { number status value { amount } lineItems { id } } }`, { id: contractOf.teammate }));
  expect(read.contract.status).toBe('DRAFT');
});

test('service agents and analysts cannot create, change or submit contracts', async () => {
  for (const client of [clients.agent, clients.analyst]) {
    expect(errorCodes(await client.request(CREATE, { input: { accountId: shared.id, startDate: '2026-01-01', termMonths: 12 } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await client.request(SUBMIT, { input: { id: contractOf.teammate } }))).toEqual(['FORBIDDEN']);
  }
});

test('out of scope is NOT_FOUND for reads and writes; a rep cannot delete', async () => {
  const theirs = contractOf.teammate;
  expect(errorCodes(await clients.rep.request(`query($id: ID!) { contract(id: $id) { id } }`, { id: theirs }))).toEqual(['NOT_FOUND']);
  expect(errorCodes(await clients.rep.request(`query($id: ID!) { node(id: $id) { id } }`, { id: theirs }))).toEqual(['NOT_FOUND']);
  expect(await refused(clients.rep, UPDATE, { id: theirs, description: 'Mine now' })).toEqual([{ code: 'NOT_FOUND', field: 'input.id' }]);
  expect(await refused(clients.rep, SUBMIT, { id: theirs })).toEqual([{ code: 'NOT_FOUND', field: 'input.id' }]);
  // Through the account they own, the rep works a contract someone else owns.
  expect((await ok(clients.rep, UPDATE, { id: contractOf.onRepAccount, description: 'Renewal talk in May' })).description).toBe('Renewal talk in May');
  expect(errorCodes(await clients.rep.request(DELETE, { input: { id: contractOf.repOwned } }))).toEqual(['FORBIDDEN']);
  expect((await ok(clients.manager, UPDATE, { id: theirs, description: 'Coached' })).description).toBe('Coached');
});

test('a rep creates contracts for themselves only, on accounts they can see', async () => {
  const mine = await createDraftContract(clients.rep, { accountId: repAccount.id });
  expect(mine.owner).toEqual({ id: users.rep.id });
  expect(await refused(clients.rep, CREATE, { accountId: repAccount.id, startDate: '2026-01-01', termMonths: 12, ownerId: users.teammate.id })).toEqual([
    { code: 'FORBIDDEN', field: 'input.ownerId' },
  ]);
  expect(await refused(clients.outsider, CREATE, { accountId: repAccount.id, startDate: '2026-01-01', termMonths: 12 })).toEqual([{ code: 'NOT_FOUND', field: 'input.accountId' }]);
  expect((await mutate(clients.manager, CREATE, { accountId: repAccount.id, startDate: '2026-01-01', termMonths: 12, ownerId: users.teammate.id })).contract.owner).toEqual({
    id: users.teammate.id,
  });
});

test('Account.contracts is batched: the same SQL statements for 2 and 8 accounts', async () => {
  for (let i = 0; i < 8; i++) {
    const account = await createAccount(admin, { name: `Batch ${i}` });
    await createDraftContract(admin, { accountId: account.id, value: null, lineItems: [] });
  }
  const query = `query($first: Int) { accounts(first: $first, where: { name: { startsWith: "Batch" } }) { nodes { name contracts(first: 3) { totalCount nodes { number owner { id } lineItems { id } } } } } }`;
  const small = await admin.request(query, { first: 2 });
  const large = await admin.request(query, { first: 8 });
  expect(dataOf(large).accounts.nodes.map((a: Row) => a.contracts.totalCount)).toEqual(Array(8).fill(1));
  expect(large.extensions?.sqlStatements).toBe(small.extensions?.sqlStatements);
});
