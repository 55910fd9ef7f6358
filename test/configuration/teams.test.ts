/** Teams: CRUD with members, unique names ignoring case, optimistic locking, permissions and audit. */
import { toGlobalId } from '../../src/graphql/global-id';
import { addUser, missingId } from '../support/crm-operations';
import { dataOf, errorCodes, useHarness } from '../support/harness';
import { CREATE_TEAM, DELETE_TEAM, GET_TEAM, GET_TEAMS, UPDATE_TEAM, auditCount, auditLog, errorsOf, memberOf, mutate, mutateOk, teamNames } from './configuration-helpers';

// GET_TEAMS with first: 100 prices 100 teams × their members (2,100 cost points): above the default budget.
const harness = useHarness({ maxQueryCost: 5000 });


test('create, read, update and delete a team with members; every change is audited with before and after', async () => {
  const tenant = await harness.createTenant();
  const { client } = tenant;
  const ada = await addUser(harness, tenant, { email: 'ada@teams.example', name: 'Ada' });
  const bob = await addUser(harness, tenant, { email: 'bob@teams.example', name: 'Bob' });
  const cy = await addUser(harness, tenant, { email: 'cy@teams.example', name: 'Cy' });

  const created = await mutateOk(client, CREATE_TEAM, { name: '  Inside Sales EMEA ', description: 'New business in Europe', memberIds: [bob, ada, bob] });
  expect(created.team).toMatchObject({ name: 'Inside Sales EMEA', description: 'New business in Europe', version: 1, members: [{ id: ada, name: 'Ada' }, { id: bob, name: 'Bob' }] });
  expect(dataOf(await client.request(GET_TEAM, { id: created.team.id })).team).toEqual(created.team);

  const updated = await mutateOk(client, UPDATE_TEAM, { id: created.team.id, name: 'Inside Sales Europe', memberIds: [cy, ada], expectedVersion: 1 });
  expect(updated.team).toMatchObject({ name: 'Inside Sales Europe', description: 'New business in Europe', version: 2, members: [{ name: 'Ada' }, { name: 'Cy' }] });
  // Renaming in another case is allowed for the team itself; clearing the description with null.
  const recased = await mutateOk(client, UPDATE_TEAM, { id: created.team.id, name: 'INSIDE SALES EUROPE', description: null });
  expect(recased.team).toMatchObject({ name: 'INSIDE SALES EUROPE', description: null, version: 3 });
  // Omitted members stay; an unchanged update changes nothing.
  const same = await mutateOk(client, UPDATE_TEAM, { id: created.team.id, name: 'INSIDE SALES EUROPE' });
  expect(same.team).toMatchObject({ version: 3, members: [{ name: 'Ada' }, { name: 'Cy' }] });

  const deleted = await mutateOk(client, DELETE_TEAM, { id: created.team.id, expectedVersion: 3 });
  expect(deleted.deletedTeamId).toBe(created.team.id);
  expect(errorCodes(await client.request(GET_TEAM, { id: created.team.id }))).toEqual(['NOT_FOUND']);

  const entries = await auditLog(client, { targetType: 'Team' });
  expect(entries.map((e) => e.action)).toEqual(['team.delete', 'team.update', 'team.update', 'team.create']);
  expect(entries.every((e) => e.targetId === created.team.id)).toBe(true);
  expect(entries[3]).toMatchObject({ before: null, after: { name: 'Inside Sales EMEA', memberIds: [ada, bob] } });
  expect(entries[2]).toMatchObject({ before: { name: 'Inside Sales EMEA', memberIds: [ada, bob], version: 1 }, after: { name: 'Inside Sales Europe', memberIds: [ada, cy], version: 2 } });
  expect(entries[0]).toMatchObject({ before: { name: 'INSIDE SALES EUROPE', version: 3 }, after: null });
});

test('teams are listed by name as a connection and are nodes', async () => {
  const { client } = await harness.createTenant();
  for (const name of ['Charlie', 'alpha', 'Bravo']) await mutateOk(client, CREATE_TEAM, { name });
  const first = dataOf(await client.request(GET_TEAMS, { first: 2 })).teams;
  expect(first.totalCount).toBe(3);
  expect(first.pageInfo.hasNextPage).toBe(true);
  const rest = dataOf(await client.request(GET_TEAMS, { first: 2, after: first.pageInfo.endCursor })).teams;
  const all = [...first.nodes, ...rest.nodes];
  expect(all).toHaveLength(3);
  expect(new Set(all.map((t) => t.name))).toEqual(new Set(['Charlie', 'alpha', 'Bravo']));
  expect(rest.pageInfo.hasNextPage).toBe(false);
  const { node } = dataOf(await client.request('query($id: ID!) { node(id: $id) { __typename ... on Team { name } } }', { id: first.nodes[0].id }));
  expect(node).toEqual({ __typename: 'Team', name: first.nodes[0].name });
});

test('a create retried with the same idempotency key returns the first team; the key cannot be reused for another request', async () => {
  const { client } = await harness.createTenant();
  const first = await mutateOk(client, CREATE_TEAM, { name: 'Retry Team', idempotencyKey: 'team-key-1' });
  const again = await mutateOk(client, CREATE_TEAM, { name: 'Retry Team', idempotencyKey: 'team-key-1' });
  expect(again.team).toEqual(first.team);
  expect(errorsOf(await mutate(client, CREATE_TEAM, { name: 'Other Team', idempotencyKey: 'team-key-1' }))).toEqual([[['input', 'idempotencyKey'], 'CONFLICT']]);
  expect(await teamNames(client)).toEqual(['Retry Team']);
  expect(await auditCount(client)).toBe(1);
});

test('listing teams with their members costs the same SQL for 2 or 20 teams', async () => {
  const tenant = await harness.createTenant();
  const users = [];
  for (let i = 0; i < 3; i++) users.push(await addUser(harness, tenant, { email: `member${i}@budget.example`, name: `Member ${i}` }));
  for (let i = 0; i < 20; i++) await mutateOk(tenant.client, CREATE_TEAM, { name: `Team ${String(i).padStart(2, '0')}`, memberIds: users });
  const statements = async (first: number) => {
    const response = await tenant.client.request(`query($first: Int) { teams(first: $first) { nodes { name members { name } } } }`, { first });
    expect(dataOf(response).teams.nodes).toHaveLength(first);
    return response.extensions?.sqlStatements;
  };
  const small = await statements(2);
  expect(typeof small).toBe('number');
  expect(await statements(20)).toBe(small);
});

describe('bad input writes nothing', () => {
  test('duplicate names (ignoring case), blank names, unknown members, stale versions and unknown teams', async () => {
    const tenant = await harness.createTenant();
    const { client } = tenant;
    const ada = await addUser(harness, tenant, { email: 'ada@dupes.example', name: 'Ada' });
    const existing = await mutateOk(client, CREATE_TEAM, { name: 'Key Accounts', memberIds: [ada] });
    const other = await mutateOk(client, CREATE_TEAM, { name: 'Partners' });
    const audited = await auditCount(client);

    expect(errorsOf(await mutate(client, CREATE_TEAM, { name: 'key accounts' }))).toEqual([[['input', 'name'], 'DUPLICATE']]);
    expect(errorsOf(await mutate(client, CREATE_TEAM, { name: ' ' }))).toEqual([[['input', 'name'], 'REQUIRED']]);
    expect(errorsOf(await mutate(client, CREATE_TEAM, { name: 'x'.repeat(101) }))).toEqual([[['input', 'name'], 'TOO_LONG']]);
    expect(errorsOf(await mutate(client, CREATE_TEAM, { name: 'Ghosts', memberIds: [ada, missingId('User'), toGlobalId('Account', '00000000-0000-7000-8000-000000000000')] }))).toEqual([
      [['input', 'memberIds', '2'], 'INVALID'],
    ]);
    expect(errorsOf(await mutate(client, CREATE_TEAM, { name: 'Ghosts', memberIds: [missingId('User')] }))).toEqual([[['input', 'memberIds', '0'], 'NOT_FOUND']]);
    expect(errorsOf(await mutate(client, UPDATE_TEAM, { id: other.team.id, name: 'KEY ACCOUNTS' }))).toEqual([[['input', 'name'], 'DUPLICATE']]);
    expect(errorsOf(await mutate(client, UPDATE_TEAM, { id: existing.team.id, name: 'Big Accounts', memberIds: [], expectedVersion: 4 }))).toEqual([[['input', 'expectedVersion'], 'CONFLICT']]);
    expect(errorsOf(await mutate(client, UPDATE_TEAM, { id: missingId('User'), name: 'Nobody' }))).toEqual([[['input', 'id'], 'INVALID']]);
    expect(errorsOf(await mutate(client, DELETE_TEAM, { id: toGlobalId('Team', '00000000-0000-7000-8000-000000000000') }))).toEqual([[['input', 'id'], 'NOT_FOUND']]);
    expect(errorsOf(await mutate(client, DELETE_TEAM, { id: existing.team.id, expectedVersion: 2 }))).toEqual([[['input', 'expectedVersion'], 'CONFLICT']]);

    expect((await teamNames(client)).sort()).toEqual(['Key Accounts', 'Partners']);
    expect(dataOf(await client.request(GET_TEAM, { id: existing.team.id })).team).toEqual(existing.team);
    expect(await auditCount(client)).toBe(audited);
  });

  test('two teams whose names differ only in case cannot exist even when created in one request', async () => {
    const { client } = await harness.createTenant();
    const response = await client.request(
      `mutation { a: createTeam(input: { name: "Field Ops" }) { team { id } userErrors { code } } b: createTeam(input: { name: "FIELD OPS" }) { team { id } userErrors { field code } } }`,
    );
    const data = dataOf(response);
    expect(data.a.userErrors).toEqual([]);
    expect(data.b).toEqual({ team: null, userErrors: [{ field: ['input', 'name'], code: 'DUPLICATE' }] });
    expect(await teamNames(client)).toEqual(['Field Ops']);
  });
});

test('a non-admin (service_agent) key reads teams but every change is FORBIDDEN', async () => {
  const tenant = await harness.createTenant();
  const team = await mutateOk(tenant.client, CREATE_TEAM, { name: 'Renewals' });
  const member = await memberOf(harness, tenant);
  expect(dataOf(await member.request(GET_TEAM, { id: team.team.id })).team.name).toBe('Renewals');
  const attempts: [string, Record<string, unknown>][] = [
    [CREATE_TEAM, { name: 'Member Team' }],
    [UPDATE_TEAM, { id: team.team.id, name: 'Taken Over' }],
    [DELETE_TEAM, { id: team.team.id }],
  ];
  for (const [operation, input] of attempts) expect(errorCodes(await member.request(operation, { input }))).toEqual(['FORBIDDEN']);
  expect(await teamNames(tenant.client)).toEqual(['Renewals']);
  expect(await auditCount(tenant.client)).toBe(1);
});
