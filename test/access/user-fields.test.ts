/** What a user shows of their role and teams, batched: the SQL of a users page does not grow with its size. */
import { dataOf, useHarness } from '../support/harness';

const harness = useHarness();

const USERS = `query($first: Int) { users(first: $first) { nodes { name roleKey role { key name builtIn } teams { name } } } }`;

test('User.role and User.teams resolve for built-in and custom roles, in constant SQL per page', async () => {
  const { tenant, client } = await harness.createTenant();
  dataOf(await client.request('mutation { createRole(input: { name: "Field lead", basedOn: "technician" }) { userErrors { code } } }'));
  const team = dataOf(await client.request('mutation { createTeam(input: { name: "North" }) { team { id } } }')).createTeam.team;
  const [, teamUuid] = Buffer.from(team.id, 'base64url').toString().split(':');
  await harness.addUser(tenant, { name: 'Alma', role: 'sales_rep', teamIds: [teamUuid] });
  await harness.addUser(tenant, { name: 'Abe', role: 'field_lead' });

  const page = dataOf(await client.request(USERS, { first: 10 })).users.nodes;
  expect(page).toEqual([
    { name: 'Abe', roleKey: 'field_lead', role: { key: 'field_lead', name: 'Field lead', builtIn: false }, teams: [] },
    { name: 'Alma', roleKey: 'sales_rep', role: { key: 'sales_rep', name: 'Sales rep', builtIn: true }, teams: [{ name: 'North' }] },
  ]);

  // The first page of one holds a custom role too, so both pages ask for roles and teams once.
  const small = await client.request(USERS, { first: 1 });
  for (let i = 0; i < 8; i++) await harness.addUser(tenant, { role: i % 2 ? 'field_lead' : 'analyst', teamIds: [teamUuid] });
  const large = await client.request(USERS, { first: 10 });
  expect(dataOf(large).users.nodes).toHaveLength(10);
  expect(large.extensions?.sqlStatements).toBe(small.extensions?.sqlStatements);
});
