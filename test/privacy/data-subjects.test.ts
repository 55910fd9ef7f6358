/**
 * Data-subject requests through the API on a real workspace: export of everything held about a
 * person, erasure that leaves nothing to find the person by (in any table of the workspace), the
 * restriction of processing, and the record of every request.
 */
import { randomUUID } from 'node:crypto';
import { define } from '../custom-fields/custom-field-helpers';
import { tenantRow } from '../support/security-helpers';
import { Client, TestTenant, dataOf, errorCodes, useHarness } from '../support/harness';
import { ERASE, EXPORT, LIFT, REQUESTS, RESTRICT, createContact, mutate, tablesMentioning } from './privacy-helpers';

const harness = useHarness();
const uuidOf = (id: string) => Buffer.from(id, 'base64url').toString().split(':')[1];

let workspace: TestTenant;
let admin: Client;
let accountId: string;

beforeAll(async () => {
  workspace = await harness.createTenant({ name: 'Data subjects' });
  admin = workspace.client;
  await define(admin, { object: 'CONTACT', key: 'hobby', label: 'Hobby', type: 'TEXT', personal: true });
  await define(admin, { object: 'CONTACT', key: 'segment', label: 'Segment', type: 'TEXT' });
  const account = dataOf(await admin.request(`mutation { createAccount(input: { name: "Keepers Ltd" }) { account { id } } }`)).createAccount.account;
  accountId = account.id;
});

const sql = (text: string, params: unknown[] = []) => harness.dataSource.query(text.replaceAll('$schema', `"${workspace.tenant.schemaName}"`), params);

/** A person with every kind of personal data: two contact records (one in the recycle bin), consents, custom fields. */
async function person(tag: string) {
  const email = `${tag}.${randomUUID().slice(0, 8)}@people.example`;
  const phone = `+4930${String(Math.floor(Math.random() * 9e6) + 1e6)}`;
  const first = await createContact(admin, {
    accountId,
    firstName: 'Greta',
    lastName: `Lovelace-${tag}`,
    email,
    phone,
    mobilePhone: '+49 171 1234567',
    jobTitle: 'Chief Engineer',
    birthDate: '1985-04-12',
    mailingAddress: { street: 'Hauptstraße 5', city: 'Berlin', postalCode: '10115', country: 'DE' },
    preferredChannel: 'EMAIL',
    customFields: { hobby: `sailing-${tag}`, segment: 'B2B' },
  });
  const duplicate = await createContact(admin, { lastName: `Lovelace-${tag}`, additionalEmails: [email.toUpperCase()] });
  dataOf(await admin.request(`mutation($id: ID!) { deleteContact(input: { id: $id }) { userErrors { code } } }`, { id: duplicate }));
  await sql(
    `INSERT INTO $schema.contact_consents (id, contact_id, channel, purpose, status, source, evidence, effective_at, actor_kind, actor_id)
     VALUES ($1, $2, 'EMAIL', 'MARKETING', 'GRANTED', 'web form', $3, now(), 'system', 'test')`,
    [randomUUID(), uuidOf(first), `double opt-in from ${email} at 192.0.2.7`],
  );
  return { email, phone, first, duplicate };
}

describe('exportPersonalData', () => {
  test('returns everything held about the person, across duplicates, decrypted, with references as IDs, and records the request', async () => {
    const { email, first, duplicate } = await person('export');
    const user = await harness.addUser(workspace.tenant, { email: email.toUpperCase(), name: 'Greta at work', role: 'sales_rep' });
    const payload = await mutate(admin, EXPORT, { subject: { contactId: first }, reason: 'ticket 4711' });
    expect(payload.userErrors).toEqual([]);
    const doc = payload.document;
    expect(doc.format).toBe('tenantry.personal-data-export/1');
    expect(doc.workspace.slug).toBe(workspace.tenant.slug);
    expect(doc.subject.matchedEmails).toEqual([email.toLowerCase()]);
    expect(doc.contacts.map((c: any) => c.id).sort()).toEqual([first, duplicate].sort());
    const main = doc.contacts.find((c: any) => c.id === first);
    expect(main).toMatchObject({
      firstName: 'Greta',
      lastName: 'Lovelace-export',
      email,
      phone: expect.stringMatching(/^\+4930\d{7}$/),
      jobTitle: 'Chief Engineer',
      birthDate: '1985-04-12',
      accountId,
      customFields: { hobby: 'sailing-export', segment: 'B2B' },
      mailingAddress: expect.objectContaining({ city: 'Berlin', street: 'Hauptstraße 5' }),
    });
    expect(doc.contacts.find((c: any) => c.id === duplicate).deletedAt).not.toBeNull();
    expect(doc.consents).toHaveLength(1);
    expect(doc.consents[0]).toMatchObject({ contactId: first, channel: 'EMAIL', purpose: 'MARKETING', status: 'GRANTED', evidence: expect.stringContaining(email) });
    expect(doc.workspaceUsers).toHaveLength(1);
    expect(doc.workspaceUsers[0]).toMatchObject({ id: user.id, name: 'Greta at work' });
    expect(doc.workspaceUsers[0]).not.toHaveProperty('passwordHash');
    expect(doc.contacts[0]).not.toHaveProperty('birthDateSealed');
    expect(Array.isArray(doc.personalDataReads)).toBe(true);
    expect(payload.request).toMatchObject({ kind: 'EXPORT', reason: 'ticket 4711', subjectEmail: null, actor: expect.stringMatching(/^api_key:/) });
    expect(payload.request.subjectContactIds.sort()).toEqual([first, duplicate].sort());
    expect(payload.request.subjectUserIds).toEqual([user.id]);
    expect(payload.request.summary).toMatchObject({ contacts: 2, consents: 1, workspaceUsers: 1 });
  });

  test('finds the person by e-mail without regard to case, and a later export lists the earlier request', async () => {
    const { email, first } = await person('byemail');
    await mutate(admin, EXPORT, { subject: { contactId: first } });
    const payload = await mutate(admin, EXPORT, { subject: { email: email.toUpperCase() } });
    expect(payload.userErrors).toEqual([]);
    expect(payload.document.contacts).toHaveLength(2);
    expect(payload.document.privacyRequests.map((r: any) => r.kind)).toEqual(['EXPORT']);
    expect(payload.request.subjectEmail).toBe(email.toLowerCase());
  });

  test('bad subjects are refused with userErrors and record nothing', async () => {
    const before = dataOf(await admin.request(REQUESTS)).privacyRequests.totalCount;
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'INVALID'],
      [{ contactId: 'nope', email: 'a@b.example' }, 'INVALID'],
      [{ contactId: 'bm9wZQ' }, 'INVALID'],
      [{ contactId: Buffer.from(`Contact:${randomUUID()}`).toString('base64url') }, 'NOT_FOUND'],
      [{ email: 'nobody-here@people.example' }, 'NOT_FOUND'],
    ];
    for (const [subject, code] of cases) {
      const payload = await mutate(admin, EXPORT, { subject });
      expect({ subject, codes: payload.userErrors.map((e: any) => e.code), document: payload.document }).toEqual({ subject, codes: [code], document: null });
    }
    const tooLong = await mutate(admin, ERASE, { subject: { email: 'a@b.example' }, reason: 'x'.repeat(1001) });
    expect(tooLong.userErrors.map((e: any) => e.code)).toEqual(['TOO_LONG']);
    const invalidEmail = await admin.request(EXPORT, { input: { subject: { email: 'not-an-email' } } });
    expect(errorCodes(invalidEmail)).toEqual(['BAD_USER_INPUT']);
    expect(dataOf(await admin.request(REQUESTS)).privacyRequests.totalCount).toBe(before);
  });

  test('only workspace admins make data-subject requests or read them', async () => {
    const { first } = await person('forbidden');
    const { client: manager } = await harness.keyFor(workspace.tenant, { role: 'sales_manager' });
    for (const operation of [EXPORT, ERASE, RESTRICT, LIFT]) {
      const response = await manager.request(operation, { input: { subject: { contactId: first } } });
      expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    }
    expect(errorCodes(await manager.request(REQUESTS))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await harness.platform.request(REQUESTS))).toEqual(['FORBIDDEN']);
  });

  test('an admin role that sees people masked may not export, erase or restrict their data', async () => {
    const { first, email } = await person('masked-admin');
    const created = await mutate(admin, `mutation($input: CreateRoleInput!) { createRole(input: $input) { role { key } userErrors { code } } }`, {
      name: 'Masked Admin',
      administersWorkspace: true,
      grants: [
        { objectType: 'Contact', read: true, recordScope: 'ALL', personalData: 'MASKED' },
        { objectType: 'User', read: true, recordScope: 'ALL', personalData: 'FULL' },
      ],
    });
    expect(created.userErrors).toEqual([]);
    const { client: maskedAdmin } = await harness.keyFor(workspace.tenant, { role: created.role.key });
    for (const operation of [EXPORT, ERASE, RESTRICT, LIFT]) {
      const response = await maskedAdmin.request(operation, { input: { subject: { contactId: first } } });
      expect(errorCodes(response)).toEqual(['FORBIDDEN']);
      expect(response.errors![0].message).toContain('unmasked');
    }
    // The request list itself is for admins; the address in it is masked like any personal field.
    await mutate(admin, EXPORT, { subject: { email } });
    const listed = dataOf(await maskedAdmin.request(REQUESTS, { where: { contactId: first } })).privacyRequests.nodes;
    expect(listed.map((r: any) => r.subjectEmail)).toEqual(['m•••@people.example']);
  });
});

describe('erasePersonalData', () => {
  test('anonymises every personal field of the person everywhere and keeps the business record', async () => {
    const { email, phone, first, duplicate } = await person('erase');
    const user = await harness.addUser(workspace.tenant, { email, name: 'Greta Former', role: 'sales_rep' });
    await sql(`UPDATE $schema.users SET status = 'deactivated', deactivated_at = now() WHERE id = $1`, [user.uuid]);
    await sql(
      `INSERT INTO $schema.admin_audit (id, actor_kind, actor_id, action, target_type, target_id, before, after) VALUES ($1, 'system', 'test', 'user.update', 'User', $2, $3, $3)`,
      [randomUUID(), user.id, JSON.stringify({ id: user.id, email, name: 'Greta Former', role: 'sales_rep' })],
    );
    await mutate(admin, EXPORT, { subject: { email } });
    const before = await tenantRow(harness.dataSource, workspace.tenant.schemaName, 'contacts', uuidOf(first));

    const payload = await mutate(admin, ERASE, { subject: { email }, reason: 'erasure request 99' });
    expect(payload.userErrors).toEqual([]);
    expect(payload).toMatchObject({ erasedContacts: 2, erasedUsers: 1 });
    expect(payload.request).toMatchObject({ kind: 'ERASURE', subjectEmail: null, reason: 'erasure request 99' });

    const after = await tenantRow(harness.dataSource, workspace.tenant.schemaName, 'contacts', uuidOf(first));
    expect(after).toMatchObject({
      first_name: null,
      last_name: 'Erased',
      email: null,
      additional_emails: [],
      phone: null,
      mobile_phone: null,
      job_title: null,
      mailing_address: null,
      birth_date_sealed: null,
      do_not_contact: true,
      custom_fields: { segment: 'B2B' },
      // Business facts stay.
      account_id: before.account_id,
      owner_id: before.owner_id,
      preferred_channel: 'EMAIL',
      created_at: before.created_at,
      version: before.version + 1,
    });
    expect(after.erased_at).toBeInstanceOf(Date);
    const [consent] = await sql(`SELECT evidence, channel, purpose, status FROM $schema.contact_consents WHERE contact_id = $1`, [uuidOf(first)]);
    expect(consent).toEqual({ evidence: null, channel: 'EMAIL', purpose: 'MARKETING', status: 'GRANTED' });
    const [former] = await sql(`SELECT name, email, status FROM $schema.users WHERE id = $1`, [user.uuid]);
    expect(former).toEqual({ name: 'Former user', email: `erased-${user.uuid}@erased.invalid`, status: 'deactivated' });
    const account = dataOf(await admin.request(`query($id: ID!) { account(id: $id) { name } }`, { id: accountId })).account;
    expect(account.name).toBe('Keepers Ltd');

    // Nothing left to find the person by: no table of the workspace mentions the address, the
    // name, the phone, the hobby or the consent evidence's address any more.
    for (const needle of [email, phone, 'Lovelace-erase', 'sailing-erase', 'Greta Former']) {
      expect({ needle, tables: await tablesMentioning(harness.dataSource, workspace.tenant.schemaName, needle) }).toEqual({ needle, tables: [] });
    }
    const contacts = dataOf(
      await admin.request(`query($email: String!) { byEmail: contacts(where: { email: { eq: $email } }) { totalCount } byName: contacts(where: { lastName: { eq: "Lovelace-erase" } }) { totalCount }
        byHobby: contacts(where: { customFields: [{ key: "hobby", eq: "sailing-erase" }] }) { totalCount } bin: contacts(inRecycleBin: true, where: { lastName: { eq: "Lovelace-erase" } }) { totalCount } }`, { email }),
    );
    expect(contacts).toEqual({ byEmail: { totalCount: 0 }, byName: { totalCount: 0 }, byHobby: { totalCount: 0 }, bin: { totalCount: 0 } });
    expect((await mutate(admin, EXPORT, { subject: { email } })).userErrors.map((e: any) => e.code)).toEqual(['NOT_FOUND']);
    const erased = dataOf(await admin.request(`query($id: ID!) { contact(id: $id) { name email erasedAt doNotContact } }`, { id: first })).contact;
    expect(erased).toMatchObject({ name: 'Erased', email: null, doNotContact: true });
    expect(erased.erasedAt).not.toBeNull();
    // The erasure is on record, by (anonymous) record ID only.
    const requests = dataOf(await admin.request(REQUESTS, { where: { contactId: duplicate } })).privacyRequests.nodes;
    expect(requests.map((r: any) => [r.kind, r.subjectEmail])).toEqual([
      ['ERASURE', null],
      ['EXPORT', null],
    ]);
  });

  test('an active workspace user with the address blocks the erasure, which then writes nothing', async () => {
    const { email, first } = await person('blocked');
    await harness.addUser(workspace.tenant, { email, name: 'Still Working', role: 'sales_rep' });
    const payload = await mutate(admin, ERASE, { subject: { contactId: first } });
    expect(payload.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_STATE', field: ['input', 'subject'], message: expect.stringContaining('deactivate the user first') })]);
    expect(payload.request).toBeNull();
    expect(payload.erasedContacts).toBeNull();
    const row = await tenantRow(harness.dataSource, workspace.tenant.schemaName, 'contacts', uuidOf(first));
    expect(row).toMatchObject({ email, first_name: 'Greta', erased_at: null });
  });
});

describe('a person known only as a lead', () => {
  test('is found by address, exported, and erased with the activities about them', async () => {
    const email = `lead.${randomUUID().slice(0, 8)}@people.example`;
    const lead = dataOf(await admin.request(`mutation($email: EmailAddress) { createLead(input: { lastName: "Leadbetter", firstName: "Lou", email: $email, company: "Leads R Us" }) { lead { id } userErrors { message } } }`, { email })).createLead.lead;
    const note = dataOf(
      await admin.request(`mutation($lead: ID!) { createActivity(input: { kind: NOTE, subject: "Call Lou Leadbetter back", body: "Lou prefers mornings", leadId: $lead }) { activity { id } userErrors { message } } }`, { lead: lead.id }),
    ).createActivity.activity;
    const exported = await mutate(admin, EXPORT, { subject: { email } });
    expect(exported.userErrors).toEqual([]);
    expect(exported.document.leads).toEqual([expect.objectContaining({ id: lead.id, lastName: 'Leadbetter', email, company: 'Leads R Us' })]);
    expect(exported.document.activities).toEqual([expect.objectContaining({ id: note.id, subject: 'Call Lou Leadbetter back', leadId: lead.id })]);
    expect(exported.document.contacts).toEqual([]);

    const erased = await mutate(admin, ERASE, { subject: { email } });
    expect(erased.userErrors).toEqual([]);
    expect(erased.request.summary).toMatchObject({ leads: 1, activities: 1, contacts: 0 });
    const [row] = await sql(`SELECT last_name, first_name, email, company, erased_at FROM $schema.leads WHERE id = $1`, [uuidOf(lead.id)]);
    // The company is business data and stays; the person is gone.
    expect(row).toMatchObject({ last_name: 'Erased', first_name: null, email: null, company: 'Leads R Us' });
    expect(row.erased_at).toBeInstanceOf(Date);
    for (const needle of [email, 'Leadbetter', 'Lou prefers']) {
      expect({ needle, tables: await tablesMentioning(harness.dataSource, workspace.tenant.schemaName, needle) }).toEqual({ needle, tables: [] });
    }
  });
});

describe('restrictProcessing', () => {
  test('marks every contact of the person restricted, keeps the data, and can be lifted; both are recorded', async () => {
    const { email, first, duplicate } = await person('restrict');
    const restricted = await mutate(admin, RESTRICT, { subject: { email }, reason: 'disputed accuracy' });
    expect(restricted.userErrors).toEqual([]);
    expect(restricted.contacts.map((c: any) => [c.id, c.processingRestricted]).sort()).toEqual([[first, true], [duplicate, true]].sort());
    expect(restricted.request).toMatchObject({ kind: 'RESTRICTION', subjectEmail: email.toLowerCase(), summary: { contacts: 2, changed: 2 } });
    const again = await mutate(admin, RESTRICT, { subject: { contactId: first } });
    expect(again.request.summary).toEqual({ contacts: 2, changed: 0 });
    const contact = dataOf(await admin.request(`query($id: ID!) { contact(id: $id) { email processingRestricted } }`, { id: first })).contact;
    expect(contact).toEqual({ email, processingRestricted: true });
    const lifted = await mutate(admin, LIFT, { subject: { contactId: first } });
    expect(lifted.contacts.map((c: any) => c.processingRestricted)).toEqual([false, false]);
    const kinds = dataOf(await admin.request(REQUESTS, { where: { contactId: first } })).privacyRequests.nodes.map((r: any) => r.kind);
    expect(kinds).toEqual(['RESTRICTION_LIFTED', 'RESTRICTION', 'RESTRICTION']);
  });

  test('a person who is only a workspace user has no contact to restrict', async () => {
    const user = await harness.addUser(workspace.tenant, { email: `only-user-${randomUUID().slice(0, 6)}@people.example`, role: 'sales_rep' });
    const payload = await mutate(admin, RESTRICT, { subject: { email: user.email } });
    expect(payload.userErrors.map((e: any) => e.code)).toEqual(['NOT_FOUND']);
  });
});

describe('privacyRequests', () => {
  test('pages newest first and filters by kind', async () => {
    const { first } = await person('paging');
    await mutate(admin, EXPORT, { subject: { contactId: first } });
    await mutate(admin, RESTRICT, { subject: { contactId: first } });
    const page = dataOf(await admin.request(REQUESTS, { where: { contactId: first }, first: 1 })).privacyRequests;
    expect(page.nodes.map((r: any) => r.kind)).toEqual(['RESTRICTION']);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = dataOf(await admin.request(REQUESTS, { where: { contactId: first }, first: 1, after: page.pageInfo.endCursor })).privacyRequests;
    expect(next.nodes.map((r: any) => r.kind)).toEqual(['EXPORT']);
    const exports = dataOf(await admin.request(REQUESTS, { where: { contactId: first, kind: 'EXPORT' } })).privacyRequests;
    expect(exports.totalCount).toBe(1);
  });
});
