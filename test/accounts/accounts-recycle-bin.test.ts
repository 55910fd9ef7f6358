/** Soft delete of accounts: the recycle bin, restoreAccount, and the contacts that go and come back with the account. */
import { Client, dataOf, errorCodes, useHarness } from '../support/harness';
import {
  ACCOUNT_CONTACTS,
  CREATE_CONTACT_FULL,
  DELETE_ACCOUNT_FULL,
  GET_ACCOUNT,
  GET_CONTACT,
  LIST_ACCOUNTS,
  LIST_CONTACTS,
  NODE,
  RESTORE_ACCOUNT_FULL,
  RESTORE_CONTACT_FULL,
  Row,
  UPDATE_ACCOUNT_FULL,
  UPDATE_CONTACT_FULL,
  createAccount,
  createContact,
  deleteAccount,
  deleteContact,
  idsMatching,
  listPage,
  missingId,
  mutate,
} from '../support/crm-operations';

const harness = useHarness();

const liveAccountIds = (client: Client) => idsMatching(client, LIST_ACCOUNTS, null);
const binAccountIds = (client: Client) => idsMatching(client, LIST_ACCOUNTS, null, { inRecycleBin: true });
const liveContactIds = (client: Client) => idsMatching(client, LIST_CONTACTS, null);
const binContactIds = (client: Client) => idsMatching(client, LIST_CONTACTS, null, { inRecycleBin: true });
const sorted = (ids: string[]) => [...ids].sort();

/** An account with three contacts, plus a bystander account with one contact of its own. */
async function seedAccountWithContacts(client: Client): Promise<{ account: Row; contacts: Row[]; bystander: Row; bystanderContact: Row }> {
  const account = await createAccount(client, { name: 'Doomed Inc' });
  const contacts = [];
  for (const lastName of ['Archer', 'Baker', 'Carter']) contacts.push(await createContact(client, { lastName, accountId: account.id }));
  const bystander = await createAccount(client, { name: 'Bystander Ltd' });
  const bystanderContact = await createContact(client, { lastName: 'Dawson', accountId: bystander.id });
  return { account, contacts, bystander, bystanderContact };
}

describe('deleteAccount', () => {
  test('moves the account to the recycle bin', async () => {
    const { client } = await harness.createTenant();
    const { account, bystander } = await seedAccountWithContacts(client);
    const payload = await mutate(client, DELETE_ACCOUNT_FULL, { id: account.id });
    expect(payload.userErrors).toEqual([]);
    expect(payload.account).toMatchObject({ id: account.id, name: 'Doomed Inc', version: 2 });
    expect(payload.account.deletedAt).not.toBeNull();

    expect(await liveAccountIds(client)).toEqual([bystander.id]);
    expect((await listPage(client, LIST_ACCOUNTS, { first: 10 })).totalCount).toBe(1);

    const bin = await listPage(client, LIST_ACCOUNTS, { first: 10, inRecycleBin: true });
    expect(bin.totalCount).toBe(1);
    expect(bin.edges.map((e) => e.node)).toEqual([expect.objectContaining({ id: account.id, deletedAt: payload.account.deletedAt })]);
  });

  test('account(id) and node(id) answer NOT_FOUND for a deleted account', async () => {
    const { client } = await harness.createTenant();
    const account = await createAccount(client, { name: 'Deleted' });
    await deleteAccount(client, account.id);
    const byId = await client.request(GET_ACCOUNT, { id: account.id });
    expect(errorCodes(byId)).toEqual(['NOT_FOUND']);
    expect(byId.data?.account ?? null).toBeNull();
    expect(errorCodes(await client.request(NODE, { id: account.id }))).toEqual(['NOT_FOUND']);
  });

  test('the account’s live contacts go to the recycle bin with it', async () => {
    const { client } = await harness.createTenant();
    const { account, contacts, bystanderContact } = await seedAccountWithContacts(client);
    await deleteAccount(client, account.id);

    expect(await liveContactIds(client)).toEqual([bystanderContact.id]);
    expect(sorted(await binContactIds(client))).toEqual(sorted(contacts.map((c) => c.id)));
    for (const contact of contacts) {
      expect(errorCodes(await client.request(GET_CONTACT, { id: contact.id }))).toEqual(['NOT_FOUND']);
    }
  });

  test('a deleted account cannot be updated, deleted again or given new contacts', async () => {
    const { client } = await harness.createTenant();
    const account = await createAccount(client, { name: 'Gone' });
    await deleteAccount(client, account.id);

    const update = await mutate(client, UPDATE_ACCOUNT_FULL, { id: account.id, name: 'Back?' });
    expect(update).toEqual({ account: null, userErrors: [expect.objectContaining({ field: ['input', 'id'], code: 'NOT_FOUND' })] });
    const again = await mutate(client, DELETE_ACCOUNT_FULL, { id: account.id });
    expect(again).toEqual({ account: null, userErrors: [expect.objectContaining({ field: ['input', 'id'], code: 'NOT_FOUND' })] });
    const contact = await mutate(client, CREATE_CONTACT_FULL, { lastName: 'Late', accountId: account.id });
    expect(contact).toEqual({ contact: null, userErrors: [expect.objectContaining({ field: ['input', 'accountId'], code: 'NOT_FOUND' })] });
    expect(await liveContactIds(client)).toEqual([]);

    const [binned] = (await listPage(client, LIST_ACCOUNTS, { first: 10, inRecycleBin: true })).edges.map((e) => e.node);
    expect(binned).toMatchObject({ id: account.id, name: 'Gone' });
  });

  test('an unknown or malformed id is refused', async () => {
    const { client } = await harness.createTenant();
    expect((await mutate(client, DELETE_ACCOUNT_FULL, { id: missingId('Account') })).userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    expect((await mutate(client, DELETE_ACCOUNT_FULL, { id: 'garbage' })).userErrors).toEqual([expect.objectContaining({ field: ['input', 'id'], code: 'INVALID' })]);
  });
});

describe('restoreAccount', () => {
  test('brings the account back with its contacts', async () => {
    const { client } = await harness.createTenant();
    const { account, contacts, bystander, bystanderContact } = await seedAccountWithContacts(client);
    await deleteAccount(client, account.id);
    expect(sorted(await binContactIds(client))).toEqual(sorted(contacts.map((c) => c.id)));

    const payload = await mutate(client, RESTORE_ACCOUNT_FULL, { id: account.id });
    expect(payload.userErrors).toEqual([]);
    expect(payload.account).toMatchObject({ id: account.id, name: 'Doomed Inc', deletedAt: null, version: 3 });

    expect(sorted(await liveAccountIds(client))).toEqual(sorted([account.id, bystander.id]));
    expect(await binAccountIds(client)).toEqual([]);
    expect(sorted(await liveContactIds(client))).toEqual(sorted([...contacts.map((c) => c.id), bystanderContact.id]));
    expect(await binContactIds(client)).toEqual([]);

    const read = dataOf(await client.request(GET_ACCOUNT, { id: account.id }));
    expect(read.account).toMatchObject({ id: account.id, deletedAt: null });
    const nested = dataOf(await client.request(ACCOUNT_CONTACTS, { id: account.id, first: 10 }));
    expect(nested.account.contacts.totalCount).toBe(3);
    expect(nested.account.contacts.edges.map((e: Row) => e.node.lastName)).toEqual(['Archer', 'Baker', 'Carter']);
  });

  test('a contact deleted on its own before the account stays in the recycle bin', async () => {
    const { client } = await harness.createTenant();
    const { account, contacts } = await seedAccountWithContacts(client);
    const [earlier, ...rest] = contacts;
    await deleteContact(client, earlier.id);
    await deleteAccount(client, account.id);
    const restored = await mutate(client, RESTORE_ACCOUNT_FULL, { id: account.id });
    expect(restored.userErrors).toEqual([]);

    const live = await idsMatching(client, LIST_CONTACTS, { account: { eq: account.id } });
    expect(sorted(live)).toEqual(sorted(rest.map((c) => c.id)));
    expect(await binContactIds(client)).toEqual([earlier.id]);
    expect(errorCodes(await client.request(GET_CONTACT, { id: earlier.id }))).toEqual(['NOT_FOUND']);
  });

  test('a live account is not in the recycle bin: NOT_FOUND, nothing written', async () => {
    const { client } = await harness.createTenant();
    const account = await createAccount(client, { name: 'Alive' });
    const payload = await mutate(client, RESTORE_ACCOUNT_FULL, { id: account.id });
    expect(payload).toEqual({ account: null, userErrors: [expect.objectContaining({ field: ['input', 'id'], code: 'NOT_FOUND' })] });
    expect(dataOf(await client.request(GET_ACCOUNT, { id: account.id })).account.version).toBe(1);
  });

  test('an unknown or malformed id is refused', async () => {
    const { client } = await harness.createTenant();
    expect((await mutate(client, RESTORE_ACCOUNT_FULL, { id: missingId('Account') })).userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    expect((await mutate(client, RESTORE_ACCOUNT_FULL, { id: 'garbage' })).userErrors).toEqual([expect.objectContaining({ field: ['input', 'id'], code: 'INVALID' })]);
  });
});

describe('restoreContact while its account is in the recycle bin', () => {
  test('a contact deleted with its account is INVALID_STATE and stays in the recycle bin', async () => {
    const { client } = await harness.createTenant();
    const { account, contacts } = await seedAccountWithContacts(client);
    await deleteAccount(client, account.id);

    const payload = await mutate(client, RESTORE_CONTACT_FULL, { id: contacts[0].id });
    expect(payload.contact).toBeNull();
    expect(payload.userErrors).toEqual([expect.objectContaining({ field: ['input', 'id'], code: 'INVALID_STATE' })]);
    expect(sorted(await binContactIds(client))).toEqual(sorted(contacts.map((c) => c.id)));
  });

  test('a contact deleted before its account is INVALID_STATE and stays in the recycle bin', async () => {
    const { client } = await harness.createTenant();
    const account = await createAccount(client, { name: 'Parent' });
    const contact = await createContact(client, { lastName: 'Orphan', accountId: account.id });
    await deleteContact(client, contact.id);
    await deleteAccount(client, account.id);

    const payload = await mutate(client, RESTORE_CONTACT_FULL, { id: contact.id });
    expect(payload.contact).toBeNull();
    expect(payload.userErrors).toEqual([expect.objectContaining({ field: ['input', 'id'], code: 'INVALID_STATE' })]);
    expect(await liveContactIds(client)).toEqual([]);
    const [binned] = (await listPage(client, LIST_CONTACTS, { first: 10, inRecycleBin: true })).edges.map((e) => e.node);
    expect(binned).toMatchObject({ id: contact.id });
    expect(binned.deletedAt).not.toBeNull();

    // Once the account is back, the contact can follow.
    await mutate(client, RESTORE_ACCOUNT_FULL, { id: account.id });
    const restored = await mutate(client, RESTORE_CONTACT_FULL, { id: contact.id });
    expect(restored.userErrors).toEqual([]);
    expect(restored.contact).toMatchObject({ id: contact.id, deletedAt: null, account: { id: account.id } });
  });

  test('a contact cannot be moved onto a deleted account', async () => {
    const { client } = await harness.createTenant();
    const live = await createAccount(client, { name: 'Live' });
    const gone = await createAccount(client, { name: 'Gone' });
    const contact = await createContact(client, { lastName: 'Mover', accountId: live.id });
    await deleteAccount(client, gone.id);
    const payload = await mutate(client, UPDATE_CONTACT_FULL, { id: contact.id, accountId: gone.id });
    expect(payload).toEqual({ contact: null, userErrors: [expect.objectContaining({ field: ['input', 'accountId'], code: 'NOT_FOUND' })] });
    expect(dataOf(await client.request(GET_CONTACT, { id: contact.id })).contact).toMatchObject({ account: { id: live.id }, version: 1 });
  });
});
