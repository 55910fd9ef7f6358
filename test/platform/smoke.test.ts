import { CREATE_ACCOUNT } from '../support/operations';
import { dataOf, useHarness } from '../support/harness';

const harness = useHarness();

test('a new tenant creates and lists an account', async () => {
  const { client } = await harness.createTenant();
  const created = dataOf(await client.request(CREATE_ACCOUNT, { input: { name: 'Acme' } }));
  expect(created.createAccount.userErrors).toEqual([]);
  const listed = dataOf(await client.request('{ accounts { totalCount nodes { name } } }'));
  expect(listed.accounts).toEqual({ totalCount: 1, nodes: [{ name: 'Acme' }] });
});
