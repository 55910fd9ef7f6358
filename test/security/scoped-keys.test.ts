/** Workspace keys for client apps: read-only keys write nothing; the last use is recorded in batches. */
import { dataOf, errorCodes, useHarness } from '../support/harness';
import { CREATE_ACCOUNT } from '../support/operations';

const harness = useHarness();

const CREATE_KEY = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { token apiKey { id role readOnly lastUsedAt } userErrors { code } }
}`;
const LIST_KEYS = '{ apiKeys { id readOnly lastUsedAt } }';

async function newKey(admin: ReturnType<typeof harness.client>, input: Record<string, unknown>) {
  const created = dataOf(await admin.request(CREATE_KEY, { input: { name: 'client app', ...input } })).createApiKey;
  expect(created.userErrors).toEqual([]);
  return { id: created.apiKey.id as string, client: harness.client(created.token), apiKey: created.apiKey };
}

test('a read-only key reads, and every mutation answers FORBIDDEN without writing', async () => {
  const { client: admin } = await harness.createTenant();
  dataOf(await admin.request(CREATE_ACCOUNT, { input: { name: 'Existing' } }));
  const { client: reader, apiKey } = await newKey(admin, { role: 'service_agent', readOnly: true });
  expect(apiKey).toMatchObject({ role: 'service_agent', readOnly: true, lastUsedAt: null });

  expect(dataOf(await reader.request('{ accounts { totalCount } }')).accounts.totalCount).toBe(1);
  expect(errorCodes(await reader.request(CREATE_ACCOUNT, { input: { name: 'Sneaky' } }))).toEqual(['FORBIDDEN']);
  expect(dataOf(await admin.request('{ accounts { totalCount } }')).accounts.totalCount).toBe(1);
});

test('a read-only ADMIN key cannot manage keys either', async () => {
  const { client: admin } = await harness.createTenant();
  const { client: readOnlyAdmin } = await newKey(admin, { role: 'admin', readOnly: true });
  expect(errorCodes(await readOnlyAdmin.request(CREATE_KEY, { input: { name: 'more', role: 'admin' } }))).toEqual(['FORBIDDEN']);
  expect(errorCodes(await readOnlyAdmin.request(LIST_KEYS))).toEqual(['FORBIDDEN']);
  expect(dataOf(await admin.request(LIST_KEYS)).apiKeys).toHaveLength(2);
});

test('the last use of a key is recorded at the next usage flush, not by the request itself', async () => {
  const { client: admin } = await harness.createTenant();
  const { id, client } = await newKey(admin, { role: 'service_agent' });
  const before = Date.now();
  await client.request('{ viewer { kind } }');
  const unflushed = dataOf(await admin.request(LIST_KEYS)).apiKeys.find((k: { id: string }) => k.id === id);
  expect(unflushed.lastUsedAt).toBeNull();

  await harness.app.usage.flush();
  const flushed = dataOf(await admin.request(LIST_KEYS)).apiKeys.find((k: { id: string }) => k.id === id);
  expect(Date.parse(flushed.lastUsedAt)).toBeGreaterThanOrEqual(before - 5);
  expect(Date.parse(flushed.lastUsedAt)).toBeLessThanOrEqual(Date.now());
});
