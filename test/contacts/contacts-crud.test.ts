/** Contacts: create, read and update with every field; the account reference; validation; locking; idempotency. */
import { TestTenant, dataOf, errorCodes, useHarness } from '../support/harness';
import {
  CREATE_CONTACT_FULL,
  DELETE_CONTACT_FULL,
  GET_CONTACT,
  LIST_CONTACTS,
  NODE,
  RESTORE_CONTACT_FULL,
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

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const countContacts = async (tenant: TestTenant): Promise<number> => (await listPage(tenant.client, LIST_CONTACTS, { first: 1 })).totalCount;
const readContact = async (tenant: TestTenant, id: string) => dataOf(await tenant.client.request(GET_CONTACT, { id })).contact;

const FULL_CONTACT = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@analytical.example',
  additionalEmails: ['ada.l@home.example', 'countess@lovelace.example'],
  phone: '+442071234567',
  mobilePhone: '+447911123456',
  jobTitle: 'Analyst',
  mailingAddress: { street: '12 St James Square', street2: 'Flat 2', city: 'London', region: 'Greater London', postalCode: 'SW1Y 4JH', country: 'GB' },
  preferredChannel: 'EMAIL',
  doNotContact: false,
  doNotEmail: true,
  doNotCall: true,
  doNotMail: false,
};

describe('createContact', () => {
  test('stores and returns every field, linked to its account', async () => {
    const tenant = await harness.createTenant();
    const account = await createAccount(tenant.client, { name: 'Analytical Engines' });
    const contact = await createContact(tenant.client, { ...FULL_CONTACT, accountId: account.id });
    expect(contact).toMatchObject({
      ...FULL_CONTACT,
      name: 'Ada Lovelace',
      account: { id: account.id, name: 'Analytical Engines' },
      version: 1,
      deletedAt: null,
    });
    expect(contact.createdAt).toMatch(ISO_UTC);
    expect(contact.updatedAt).toMatch(ISO_UTC);
    expect(await readContact(tenant, contact.id)).toEqual(contact);
  });

  test('applies defaults when only the last name is given', async () => {
    const tenant = await harness.createTenant();
    const contact = await createContact(tenant.client, { lastName: 'Solo' });
    expect(contact).toMatchObject({
      firstName: null,
      lastName: 'Solo',
      name: 'Solo',
      email: null,
      additionalEmails: [],
      phone: null,
      mobilePhone: null,
      jobTitle: null,
      mailingAddress: null,
      preferredChannel: null,
      doNotContact: false,
      doNotEmail: false,
      doNotCall: false,
      doNotMail: false,
      account: null,
      version: 1,
    });
  });

  describe('the account reference', () => {
    test('a deleted account is NOT_FOUND and nothing is written', async () => {
      const tenant = await harness.createTenant();
      const account = await createAccount(tenant.client, { name: 'Deleted Account' });
      await deleteAccount(tenant.client, account.id);
      const payload = await mutate(tenant.client, CREATE_CONTACT_FULL, { lastName: 'Nobody', accountId: account.id });
      expect(payload).toEqual({ contact: null, userErrors: [expect.objectContaining({ field: ['input', 'accountId'], code: 'NOT_FOUND' })] });
      expect(await countContacts(tenant)).toBe(0);
      expect((await listPage(tenant.client, LIST_CONTACTS, { first: 1, inRecycleBin: true })).totalCount).toBe(0);
    });

    test('a well-formed id of no account is NOT_FOUND and nothing is written', async () => {
      const tenant = await harness.createTenant();
      const payload = await mutate(tenant.client, CREATE_CONTACT_FULL, { lastName: 'Nobody', accountId: missingId('Account') });
      expect(payload).toEqual({ contact: null, userErrors: [expect.objectContaining({ field: ['input', 'accountId'], code: 'NOT_FOUND' })] });
      expect(await countContacts(tenant)).toBe(0);
    });

    test.each([
      ['garbage', () => 'not-a-global-id'],
      ['a contact ID', () => missingId('Contact')],
      ['a user ID', () => missingId('User')],
      ['a raw UUID', () => '01900000-0000-7000-8000-000000000000'],
    ])('a malformed accountId (%s) is INVALID and nothing is written', async (_label, accountId) => {
      const tenant = await harness.createTenant();
      const payload = await mutate(tenant.client, CREATE_CONTACT_FULL, { lastName: 'Nobody', accountId: accountId() });
      expect(payload).toEqual({ contact: null, userErrors: [expect.objectContaining({ field: ['input', 'accountId'], code: 'INVALID' })] });
      expect(await countContacts(tenant)).toBe(0);
    });
  });

  describe('validation writes nothing and reports the field', () => {
    test.each([
      ['empty last name', { lastName: '' }, ['input', 'lastName'], 'REQUIRED'],
      ['last name over 255 characters', { lastName: 'l'.repeat(256) }, ['input', 'lastName'], 'TOO_LONG'],
      ['first name over 255 characters', { lastName: 'Ok', firstName: 'f'.repeat(256) }, ['input', 'firstName'], 'TOO_LONG'],
      ['job title over 255 characters', { lastName: 'Ok', jobTitle: 'j'.repeat(256) }, ['input', 'jobTitle'], 'TOO_LONG'],
      ['more than 10 additional e-mails', { lastName: 'Ok', additionalEmails: Array.from({ length: 11 }, (_, i) => `e${i}@x.example`) }, ['input', 'additionalEmails'], 'TOO_LONG'],
      ['postal code over 20 characters', { lastName: 'Ok', mailingAddress: { postalCode: 'p'.repeat(21) } }, ['input', 'mailingAddress', 'postalCode'], 'TOO_LONG'],
    ])('%s', async (_label, input, field, code) => {
      const tenant = await harness.createTenant();
      const payload = await mutate(tenant.client, CREATE_CONTACT_FULL, input);
      expect(payload.contact).toBeNull();
      expect(payload.userErrors).toContainEqual(expect.objectContaining({ field, code }));
      expect(await countContacts(tenant)).toBe(0);
    });

    test.each([
      ['email', { email: 'not-an-email' }],
      ['additional e-mail', { additionalEmails: ['ok@x.example', 'nope'] }],
      ['phone', { phone: 'call me maybe' }],
      ['mobile phone', { mobilePhone: '12' }],
      ['preferred channel', { preferredChannel: 'PIGEON' }],
      ['country', { mailingAddress: { country: 'XX-Land' } }],
    ])('a malformed %s is BAD_USER_INPUT', async (_label, fields) => {
      const tenant = await harness.createTenant();
      const response = await tenant.client.request(CREATE_CONTACT_FULL, { input: { lastName: 'Scalar', ...fields } });
      expect(errorCodes(response)).toContain('BAD_USER_INPUT');
      expect(await countContacts(tenant)).toBe(0);
    });
  });
});

describe('phone numbers', () => {
  // Contact.phone and Contact.mobilePhone are documented as E.164 (e.g. +442071234567).
  const E164 = /^\+[1-9]\d{1,14}$/;

  test.each([
    ['international with spaces', '+44 20 7123 4567'],
    ['international with punctuation', '+1 (415) 555-0123'],
    ['national without a country code', '07700 900123'],
  ])('a number written %s is stored as E.164 or refused', async (_label, number) => {
    const tenant = await harness.createTenant();
    const response = await tenant.client.request(CREATE_CONTACT_FULL, { input: { lastName: 'Dialled', phone: number, mobilePhone: number } });
    const payload = response.data?.createContact;
    if (payload?.contact) {
      expect(payload.contact.phone).toMatch(E164);
      expect(payload.contact.mobilePhone).toMatch(E164);
    } else {
      expect(payload?.userErrors?.length || response.errors?.length).toBeGreaterThan(0);
      expect(await countContacts(tenant)).toBe(0);
    }
  });
});

describe('updateContact', () => {
  test('changes the given fields, leaves the others and increments the version', async () => {
    const tenant = await harness.createTenant();
    const first = await createAccount(tenant.client, { name: 'First Employer' });
    const second = await createAccount(tenant.client, { name: 'Second Employer' });
    const created = await createContact(tenant.client, { ...FULL_CONTACT, accountId: first.id });
    const payload = await mutate(tenant.client, UPDATE_CONTACT_FULL, {
      id: created.id,
      accountId: second.id,
      firstName: 'Augusta Ada',
      email: 'augusta@second.example',
      jobTitle: 'Countess',
      preferredChannel: 'POST',
      doNotContact: true,
      doNotEmail: false,
    });
    expect(payload.userErrors).toEqual([]);
    expect(payload.contact).toMatchObject({
      ...FULL_CONTACT,
      id: created.id,
      firstName: 'Augusta Ada',
      name: 'Augusta Ada Lovelace',
      email: 'augusta@second.example',
      jobTitle: 'Countess',
      preferredChannel: 'POST',
      doNotContact: true,
      doNotEmail: false,
      account: { id: second.id, name: 'Second Employer' },
      version: 2,
      createdAt: created.createdAt,
    });
    expect(await readContact(tenant, created.id)).toEqual(payload.contact);
  });

  test('null clears optional fields and detaches the account', async () => {
    const tenant = await harness.createTenant();
    const account = await createAccount(tenant.client, { name: 'Employer' });
    const created = await createContact(tenant.client, { ...FULL_CONTACT, accountId: account.id });
    const payload = await mutate(tenant.client, UPDATE_CONTACT_FULL, {
      id: created.id,
      accountId: null,
      firstName: null,
      email: null,
      additionalEmails: null,
      phone: null,
      mobilePhone: null,
      jobTitle: null,
      mailingAddress: null,
      preferredChannel: null,
    });
    expect(payload.userErrors).toEqual([]);
    expect(payload.contact).toMatchObject({
      firstName: null,
      lastName: 'Lovelace',
      name: 'Lovelace',
      email: null,
      additionalEmails: [],
      phone: null,
      mobilePhone: null,
      jobTitle: null,
      mailingAddress: null,
      preferredChannel: null,
      account: null,
      version: 2,
    });
    expect(await idsMatching(tenant.client, LIST_CONTACTS, { account: { isNull: true } })).toEqual([created.id]);
  });

  test('lastName: null is refused with a userError on the last name, not an internal error', async () => {
    const tenant = await harness.createTenant();
    const created = await createContact(tenant.client, { lastName: 'Kept' });
    const response = await tenant.client.request(UPDATE_CONTACT_FULL, { input: { id: created.id, lastName: null } });
    expect(response.errors ?? []).toEqual([]);
    expect(response.data!.updateContact.contact).toBeNull();
    expect(response.data!.updateContact.userErrors).toContainEqual(expect.objectContaining({ field: ['input', 'lastName'] }));
    expect(await readContact(tenant, created.id)).toMatchObject({ lastName: 'Kept', version: 1 });
  });

  test('an unknown or malformed accountId is refused and nothing is written', async () => {
    const tenant = await harness.createTenant();
    const account = await createAccount(tenant.client, { name: 'Stays' });
    const created = await createContact(tenant.client, { lastName: 'Loyal', accountId: account.id });
    const missing = await mutate(tenant.client, UPDATE_CONTACT_FULL, { id: created.id, jobTitle: 'Changed', accountId: missingId('Account') });
    expect(missing.userErrors).toEqual([expect.objectContaining({ field: ['input', 'accountId'], code: 'NOT_FOUND' })]);
    const malformed = await mutate(tenant.client, UPDATE_CONTACT_FULL, { id: created.id, jobTitle: 'Changed', accountId: created.id });
    expect(malformed.userErrors).toEqual([expect.objectContaining({ field: ['input', 'accountId'], code: 'INVALID' })]);
    expect(await readContact(tenant, created.id)).toMatchObject({ jobTitle: null, account: { id: account.id }, version: 1 });
  });

  test('an unknown contact is NOT_FOUND; a deleted one cannot be updated', async () => {
    const tenant = await harness.createTenant();
    expect((await mutate(tenant.client, UPDATE_CONTACT_FULL, { id: missingId('Contact'), jobTitle: 'X' })).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'id'], code: 'NOT_FOUND' }),
    ]);
    expect((await mutate(tenant.client, UPDATE_CONTACT_FULL, { id: 'garbage', jobTitle: 'X' })).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'id'], code: 'INVALID' }),
    ]);
    const contact = await createContact(tenant.client, { lastName: 'Binned' });
    await deleteContact(tenant.client, contact.id);
    expect((await mutate(tenant.client, UPDATE_CONTACT_FULL, { id: contact.id, jobTitle: 'X' })).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'id'], code: 'NOT_FOUND' }),
    ]);
  });
});

describe('contact(id), node(id) and contact.account', () => {
  test('contact.account follows the reference, and is null without one', async () => {
    const tenant = await harness.createTenant();
    const account = await createAccount(tenant.client, { name: 'Employer' });
    const employed = await createContact(tenant.client, { lastName: 'Employed', accountId: account.id });
    const freelance = await createContact(tenant.client, { lastName: 'Freelance' });
    const data = dataOf(
      await tenant.client.request(`query($a: ID!, $b: ID!) {
        a: contact(id: $a) { account { id name type } }
        b: contact(id: $b) { account { id name } }
      }`, { a: employed.id, b: freelance.id }),
    );
    expect(data).toEqual({ a: { account: { id: account.id, name: 'Employer', type: 'PROSPECT' } }, b: { account: null } });
  });

  test('node(id) of a contact resolves to Contact; contact(id) rejects other IDs', async () => {
    const tenant = await harness.createTenant();
    const account = await createAccount(tenant.client, { name: 'Not A Contact' });
    const contact = await createContact(tenant.client, { lastName: 'Node' });
    expect(dataOf(await tenant.client.request(NODE, { id: contact.id })).node).toEqual({ __typename: 'Contact', id: contact.id, lastName: 'Node' });
    expect(errorCodes(await tenant.client.request(GET_CONTACT, { id: account.id }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await tenant.client.request(GET_CONTACT, { id: 'garbage' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await tenant.client.request(GET_CONTACT, { id: missingId('Contact') }))).toEqual(['NOT_FOUND']);
  });

  test('another workspace cannot read a contact', async () => {
    const owner = await harness.createTenant();
    const other = await harness.createTenant();
    const contact = await createContact(owner.client, { lastName: 'Private' });
    expect(errorCodes(await other.client.request(GET_CONTACT, { id: contact.id }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await other.client.request(NODE, { id: contact.id }))).toEqual(['NOT_FOUND']);
    expect((await mutate(other.client, DELETE_CONTACT_FULL, { id: contact.id })).userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
    expect(await readContact(owner, contact.id)).toMatchObject({ lastName: 'Private', deletedAt: null });
  });
});

describe('deleteContact and restoreContact', () => {
  test('a deleted contact leaves the lists, waits in the recycle bin and comes back', async () => {
    const tenant = await harness.createTenant();
    const account = await createAccount(tenant.client, { name: 'Employer' });
    const contact = await createContact(tenant.client, { lastName: 'Temporary', accountId: account.id });
    const kept = await createContact(tenant.client, { lastName: 'Kept', accountId: account.id });

    const deleted = await mutate(tenant.client, DELETE_CONTACT_FULL, { id: contact.id });
    expect(deleted.userErrors).toEqual([]);
    expect(deleted.contact).toMatchObject({ id: contact.id, version: 2 });
    expect(deleted.contact.deletedAt).not.toBeNull();
    expect(await idsMatching(tenant.client, LIST_CONTACTS, null)).toEqual([kept.id]);
    expect(await idsMatching(tenant.client, LIST_CONTACTS, null, { inRecycleBin: true })).toEqual([contact.id]);
    expect(errorCodes(await tenant.client.request(GET_CONTACT, { id: contact.id }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await tenant.client.request(NODE, { id: contact.id }))).toEqual(['NOT_FOUND']);

    const restored = await mutate(tenant.client, RESTORE_CONTACT_FULL, { id: contact.id });
    expect(restored.userErrors).toEqual([]);
    expect(restored.contact).toMatchObject({ id: contact.id, deletedAt: null, version: 3, account: { id: account.id } });
    expect((await idsMatching(tenant.client, LIST_CONTACTS, null)).sort()).toEqual([contact.id, kept.id].sort());
    expect(await idsMatching(tenant.client, LIST_CONTACTS, null, { inRecycleBin: true })).toEqual([]);
  });

  test('a stale expectedVersion on delete is a CONFLICT', async () => {
    const tenant = await harness.createTenant();
    const contact = await createContact(tenant.client, { lastName: 'Guarded' });
    await mutate(tenant.client, UPDATE_CONTACT_FULL, { id: contact.id, jobTitle: 'Changed' });
    const payload = await mutate(tenant.client, DELETE_CONTACT_FULL, { id: contact.id, expectedVersion: 1 });
    expect(payload).toEqual({ contact: null, userErrors: [expect.objectContaining({ field: ['input', 'expectedVersion'], code: 'CONFLICT' })] });
    expect(await readContact(tenant, contact.id)).toMatchObject({ deletedAt: null, version: 2 });
  });

  test('restoring a live contact is NOT_FOUND (not in the recycle bin)', async () => {
    const tenant = await harness.createTenant();
    const contact = await createContact(tenant.client, { lastName: 'Alive' });
    expect((await mutate(tenant.client, RESTORE_CONTACT_FULL, { id: contact.id })).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'id'], code: 'NOT_FOUND' }),
    ]);
    expect((await readContact(tenant, contact.id)).version).toBe(1);
  });
});

describe('optimistic locking', () => {
  test('a stale expectedVersion is a CONFLICT and writes nothing; the current one succeeds', async () => {
    const tenant = await harness.createTenant();
    const contact = await createContact(tenant.client, { lastName: 'Locked', jobTitle: 'Start' });
    const winner = await mutate(tenant.client, UPDATE_CONTACT_FULL, { id: contact.id, jobTitle: 'Winner', expectedVersion: 1 });
    expect(winner.contact).toMatchObject({ jobTitle: 'Winner', version: 2 });

    const stale = await mutate(tenant.client, UPDATE_CONTACT_FULL, { id: contact.id, jobTitle: 'Loser', email: 'loser@x.example', expectedVersion: 1 });
    expect(stale).toEqual({ contact: null, userErrors: [expect.objectContaining({ field: ['input', 'expectedVersion'], code: 'CONFLICT' })] });
    expect(await readContact(tenant, contact.id)).toMatchObject({ jobTitle: 'Winner', email: null, version: 2 });

    const next = await mutate(tenant.client, UPDATE_CONTACT_FULL, { id: contact.id, jobTitle: 'Next', expectedVersion: 2 });
    expect(next.contact).toMatchObject({ jobTitle: 'Next', version: 3 });
  });
});

describe('idempotent createContact', () => {
  test('the same key and input returns the same contact and creates it once', async () => {
    const tenant = await harness.createTenant();
    const account = await createAccount(tenant.client, { name: 'Employer' });
    const input = { ...FULL_CONTACT, accountId: account.id, idempotencyKey: 'contact-key' };
    const first = await mutate(tenant.client, CREATE_CONTACT_FULL, input);
    const retry = await mutate(tenant.client, CREATE_CONTACT_FULL, input);
    expect(first.userErrors).toEqual([]);
    expect(retry.userErrors).toEqual([]);
    expect(retry.contact).toEqual(first.contact);
    expect(await idsMatching(tenant.client, LIST_CONTACTS, null)).toEqual([first.contact.id]);
  });

  test('the same key with a different input is a CONFLICT and writes nothing', async () => {
    const tenant = await harness.createTenant();
    const first = await mutate(tenant.client, CREATE_CONTACT_FULL, { lastName: 'Original', idempotencyKey: 'contact-key-2' });
    const other = await mutate(tenant.client, CREATE_CONTACT_FULL, { lastName: 'Original', email: 'changed@x.example', idempotencyKey: 'contact-key-2' });
    expect(other).toEqual({ contact: null, userErrors: [expect.objectContaining({ field: ['input', 'idempotencyKey'], code: 'CONFLICT' })] });
    expect(await idsMatching(tenant.client, LIST_CONTACTS, null)).toEqual([first.contact.id]);
    expect(await readContact(tenant, first.contact.id)).toMatchObject({ email: null });
  });

  test('a retry after the contact was deleted still returns the first contact, creating nothing', async () => {
    const tenant = await harness.createTenant();
    const first = await mutate(tenant.client, CREATE_CONTACT_FULL, { lastName: 'Short Lived', idempotencyKey: 'contact-key-3' });
    await deleteContact(tenant.client, first.contact.id);
    const retry = await mutate(tenant.client, CREATE_CONTACT_FULL, { lastName: 'Short Lived', idempotencyKey: 'contact-key-3' });
    expect(retry.userErrors).toEqual([]);
    expect(retry.contact.id).toBe(first.contact.id);
    expect(await countContacts(tenant)).toBe(0);
  });
});
