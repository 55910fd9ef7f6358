/**
 * Each mutation field is its own unit of work: in an operation with several root fields, a field
 * that fails with userErrors writes nothing, and the other fields still commit.
 */
import { Client, dataOf, useHarness } from '../support/harness';
import {
  ACCOUNT_FIELDS,
  CONTACT_FIELDS,
  GET_ACCOUNT,
  LIST_ACCOUNTS,
  LIST_CONTACTS,
  createAccount,
  createContact,
  deleteAccount,
  deleteContact,
  idsMatching,
  missingId,
} from '../support/crm-operations';

const harness = useHarness();

const ERRORS = 'userErrors { field message code }';
const accountNames = async (client: Client) => {
  const ids = await idsMatching(client, LIST_ACCOUNTS, null);
  const names = [];
  for (const id of ids) names.push(dataOf(await client.request(GET_ACCOUNT, { id })).account.name);
  return names.sort();
};

test('createAccount commits while a following createContact with a missing account writes nothing', async () => {
  const { client } = await harness.createTenant();
  const response = await client.request(
    `mutation($account: CreateAccountInput!, $contact: CreateContactInput!) {
      first: createAccount(input: $account) { account { ${ACCOUNT_FIELDS} } ${ERRORS} }
      second: createContact(input: $contact) { contact { ${CONTACT_FIELDS} } ${ERRORS} }
    }`,
    { account: { name: 'Committed Co' }, contact: { lastName: 'Never', accountId: missingId('Account') } },
  );
  const data = dataOf(response);
  expect(data.first.userErrors).toEqual([]);
  expect(data.second).toEqual({ contact: null, userErrors: [expect.objectContaining({ field: ['input', 'accountId'], code: 'NOT_FOUND' })] });

  expect(await accountNames(client)).toEqual(['Committed Co']);
  expect(await idsMatching(client, LIST_CONTACTS, null)).toEqual([]);
});

test('a second field that had already written before failing is undone; the first still commits', async () => {
  // restoreContact un-deletes the row first and only then finds the account in the recycle bin.
  const { client } = await harness.createTenant();
  const parent = await createAccount(client, { name: 'Parent' });
  const contact = await createContact(client, { lastName: 'Waiting', accountId: parent.id });
  await deleteContact(client, contact.id);
  await deleteAccount(client, parent.id);

  const response = await client.request(
    `mutation($account: CreateAccountInput!, $restore: RestoreContactInput!) {
      first: createAccount(input: $account) { account { id name } ${ERRORS} }
      second: restoreContact(input: $restore) { contact { id } ${ERRORS} }
    }`,
    { account: { name: 'Still Committed' }, restore: { id: contact.id } },
  );
  const data = dataOf(response);
  expect(data.first.userErrors).toEqual([]);
  expect(data.second).toEqual({ contact: null, userErrors: [expect.objectContaining({ code: 'INVALID_STATE' })] });

  expect(await accountNames(client)).toEqual(['Still Committed']);
  expect(await idsMatching(client, LIST_CONTACTS, null)).toEqual([]);
  expect(await idsMatching(client, LIST_CONTACTS, null, { inRecycleBin: true })).toEqual([contact.id]);
});

test('a failing first field does not stop the second from committing', async () => {
  const { client } = await harness.createTenant();
  const account = await createAccount(client, { name: 'Versioned' });
  const response = await client.request(
    `mutation($stale: UpdateAccountInput!, $create: CreateAccountInput!) {
      first: updateAccount(input: $stale) { account { id } ${ERRORS} }
      second: createAccount(input: $create) { account { id name } ${ERRORS} }
    }`,
    { stale: { id: account.id, name: 'Lost Update', expectedVersion: 7 }, create: { name: 'Second Wins' } },
  );
  const data = dataOf(response);
  expect(data.first).toEqual({ account: null, userErrors: [expect.objectContaining({ code: 'CONFLICT' })] });
  expect(data.second.userErrors).toEqual([]);
  expect(await accountNames(client)).toEqual(['Second Wins', 'Versioned']);
  expect(dataOf(await client.request(GET_ACCOUNT, { id: account.id })).account).toMatchObject({ name: 'Versioned', version: 1 });
});

test('fields run in order: a later field sees what an earlier one wrote', async () => {
  const { client } = await harness.createTenant();
  const account = await createAccount(client, { name: 'Step 0' });
  const response = await client.request(
    `mutation($one: UpdateAccountInput!, $two: UpdateAccountInput!) {
      one: updateAccount(input: $one) { account { name version } ${ERRORS} }
      two: updateAccount(input: $two) { account { name version } ${ERRORS} }
    }`,
    { one: { id: account.id, name: 'Step 1', expectedVersion: 1 }, two: { id: account.id, name: 'Step 2', expectedVersion: 2 } },
  );
  const data = dataOf(response);
  expect(data.one).toEqual({ account: { name: 'Step 1', version: 2 }, userErrors: [] });
  expect(data.two).toEqual({ account: { name: 'Step 2', version: 3 }, userErrors: [] });
  expect(dataOf(await client.request(GET_ACCOUNT, { id: account.id })).account).toMatchObject({ name: 'Step 2', version: 3 });
});

test('a single-field mutation with userErrors after a write leaves nothing behind', async () => {
  const { client } = await harness.createTenant();
  const parent = await createAccount(client, { name: 'Parent' });
  const contact = await createContact(client, { lastName: 'Alone', accountId: parent.id });
  await deleteContact(client, contact.id);
  await deleteAccount(client, parent.id);
  const response = await client.request(`mutation($input: RestoreContactInput!) { restoreContact(input: $input) { contact { id } ${ERRORS} } }`, {
    input: { id: contact.id },
  });
  expect(dataOf(response).restoreContact.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_STATE' })]);
  expect(await idsMatching(client, LIST_CONTACTS, null)).toEqual([]);
  expect(await idsMatching(client, LIST_CONTACTS, null, { inRecycleBin: true })).toEqual([contact.id]);
});
