/**
 * Consent and contact preferences: recording and withdrawing consent, the current state and the
 * history, every reason of canContact (and canContactMany), validation, record scope, roles,
 * masking of the evidence, and SQL per request that does not grow with the number of contacts.
 */
import { toGlobalId, uuidOf } from '../../src/graphql/global-id';
import { ConsentRow } from '../../src/modules/privacy/consent.loaders';
import { OutreachFacts, decideOutreach } from '../../src/modules/privacy/consent.service';
import { ContactChannel } from '../../src/modules/contacts/contacts.types';
import { ConsentPurpose, ConsentStatus } from '../../src/modules/privacy/consent.types';
import { missingId, tenantSql } from '../access/access-helpers';
import { createContact, deleteContact } from '../support/crm-operations';
import { Client, TestTenant, dataOf, errorCodes, useHarness } from '../support/harness';

const harness = useHarness();

type Row = Record<string, any>;

const CONSENT = 'id channel purpose status source evidence effectiveAt recordedAt recordedBy recordedByKind';
const ERRORS = 'userErrors { field code message }';
const RECORD = `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { consent { ${CONSENT} } contact { id lastActivityAt consents { channel purpose status } } ${ERRORS} } }`;
const WITHDRAW = `mutation($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { consent { ${CONSENT} } contact { id } ${ERRORS} } }`;
const CONSENTS = `query($id: ID!) { contact(id: $id) { consents { ${CONSENT} } } }`;
const HISTORY = `query($id: ID!, $first: Int, $after: String, $channel: ContactChannel, $purpose: ConsentPurpose) {
  contact(id: $id) { consentHistory(first: $first, after: $after, channel: $channel, purpose: $purpose) { totalCount pageInfo { hasNextPage endCursor } nodes { channel purpose status source effectiveAt } } }
}`;
const DECISION = 'contactId allowed reason explanation preferredChannel isPreferredChannel consent { status source } contact { id }';
const CAN_CONTACT = `query($id: ID!, $channel: ContactChannel!, $purpose: ConsentPurpose!) { canContact(contactId: $id, channel: $channel, purpose: $purpose) { ${DECISION} } }`;
const CAN_CONTACT_MANY = `query($ids: [ID!]!, $channel: ContactChannel!, $purpose: ConsentPurpose!) { canContactMany(contactIds: $ids, channel: $channel, purpose: $purpose) { ${DECISION} } }`;

/** Everything a contact needs to be reachable on every channel. */
const REACHABLE = {
  email: 'ada@analytical.example',
  phone: '+442071234567',
  mobilePhone: '+447911123456',
  mailingAddress: { street: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
};

const payload = async (client: Client, operation: string, input: Row): Promise<Row> => Object.values(dataOf(await client.request(operation, { input })))[0] as Row;

async function recordOk(client: Client, input: Row): Promise<Row> {
  const result = await payload(client, RECORD, { source: 'web form', ...input });
  expect(result.userErrors).toEqual([]);
  return result;
}

const errorsOf = (result: Row): [string[], string][] => result.userErrors.map((e: Row) => [e.field, e.code]);
const consentRows = async (workspace: TestTenant): Promise<number> => (await tenantSql(harness, workspace, 'SELECT count(*)::int AS n FROM contact_consents'))[0].n;
const decide = async (client: Client, id: string, channel: string, purpose: string): Promise<Row> => dataOf(await client.request(CAN_CONTACT, { id, channel, purpose })).canContact;
/** The UUID inside a Contact global ID (tests read the tables directly). */
const uuidOfContact = (id: string): string => uuidOf(id, 'Contact')!;
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe('recording consent', () => {
  let workspace: TestTenant;
  let admin: Client;
  beforeAll(async () => {
    workspace = await harness.createTenant({ name: 'Consent records' });
    admin = workspace.client;
  });

  test('records a grant with its source, evidence and actor, and it becomes the current consent', async () => {
    const contact = await createContact(admin, { lastName: 'Lovelace', ...REACHABLE });
    const before = (await tenantSql(harness, workspace, 'SELECT last_activity_at AS at FROM contacts WHERE id = $1', [uuidOfContact(contact.id)]))[0].at;
    const result = await recordOk(admin, { contactId: contact.id, channel: 'EMAIL', purpose: 'MARKETING', evidence: 'double opt-in confirmation 8c1f' });
    expect(result.consent).toMatchObject({ channel: 'EMAIL', purpose: 'MARKETING', status: 'GRANTED', source: 'web form', evidence: 'double opt-in confirmation 8c1f', recordedByKind: 'api_key' });
    expect(result.consent.effectiveAt).toBe(result.consent.recordedAt);
    expect(typeof result.consent.recordedBy).toBe('string');
    expect(result.contact.consents).toEqual([{ channel: 'EMAIL', purpose: 'MARKETING', status: 'GRANTED' }]);
    expect(new Date(result.contact.lastActivityAt).getTime()).toBeGreaterThan(new Date(before).getTime());
    expect(dataOf(await admin.request(CONSENTS, { id: contact.id })).contact.consents).toEqual([result.consent]);
  });

  test('withdrawal supersedes the grant; the current state has one entry per channel and purpose, in enum order', async () => {
    const contact = await createContact(admin, { lastName: 'Byron', ...REACHABLE });
    await recordOk(admin, { contactId: contact.id, channel: 'SMS', purpose: 'SERVICE' });
    await recordOk(admin, { contactId: contact.id, channel: 'EMAIL', purpose: 'MARKETING', effectiveAt: minutesAgo(10) });
    const withdrawn = await payload(admin, WITHDRAW, { contactId: contact.id, channel: 'EMAIL', purpose: 'MARKETING', source: 'unsubscribe link' });
    expect(withdrawn.userErrors).toEqual([]);
    expect(withdrawn.consent).toMatchObject({ status: 'WITHDRAWN', source: 'unsubscribe link', evidence: null });
    const current = dataOf(await admin.request(CONSENTS, { id: contact.id })).contact.consents;
    expect(current.map((c: Row) => [c.channel, c.purpose, c.status, c.source])).toEqual([
      ['EMAIL', 'MARKETING', 'WITHDRAWN', 'unsubscribe link'],
      ['SMS', 'SERVICE', 'GRANTED', 'web form'],
    ]);
    expect(await consentRows(workspace)).toBeGreaterThanOrEqual(3);
  });

  test('recordConsent with status WITHDRAWN is the same as withdrawConsent', async () => {
    const contact = await createContact(admin, { lastName: 'Babbage', ...REACHABLE });
    const result = await recordOk(admin, { contactId: contact.id, channel: 'PHONE', purpose: 'ANALYTICS', status: 'WITHDRAWN' });
    expect(result.consent.status).toBe('WITHDRAWN');
    expect((await decide(admin, contact.id, 'PHONE', 'ANALYTICS')).reason).toBe('CONSENT_WITHDRAWN');
  });

  test('the history lists every record newest (by effective time) first, pages, filters, and a back-dated grant does not override a later withdrawal', async () => {
    const contact = await createContact(admin, { lastName: 'Somerville', ...REACHABLE });
    await recordOk(admin, { contactId: contact.id, channel: 'EMAIL', purpose: 'MARKETING', source: 'first', effectiveAt: minutesAgo(60) });
    await recordOk(admin, { contactId: contact.id, channel: 'EMAIL', purpose: 'MARKETING', source: 'third', status: 'WITHDRAWN', effectiveAt: minutesAgo(20) });
    await recordOk(admin, { contactId: contact.id, channel: 'POST', purpose: 'SERVICE', source: 'fourth', effectiveAt: minutesAgo(10) });
    // Recorded last, but effective before the withdrawal: it is history, not the current state.
    await recordOk(admin, { contactId: contact.id, channel: 'EMAIL', purpose: 'MARKETING', source: 'second (imported)', effectiveAt: minutesAgo(40) });

    const all = dataOf(await admin.request(HISTORY, { id: contact.id, first: 10 })).contact.consentHistory;
    expect(all.totalCount).toBe(4);
    expect(all.nodes.map((n: Row) => n.source)).toEqual(['fourth', 'third', 'second (imported)', 'first']);

    const first = dataOf(await admin.request(HISTORY, { id: contact.id, first: 2 })).contact.consentHistory;
    expect(first.nodes.map((n: Row) => n.source)).toEqual(['fourth', 'third']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = dataOf(await admin.request(HISTORY, { id: contact.id, first: 2, after: first.pageInfo.endCursor })).contact.consentHistory;
    expect(rest.nodes.map((n: Row) => n.source)).toEqual(['second (imported)', 'first']);
    expect(rest.pageInfo.hasNextPage).toBe(false);

    const email = dataOf(await admin.request(HISTORY, { id: contact.id, first: 10, channel: 'EMAIL', purpose: 'MARKETING' })).contact.consentHistory;
    expect(email.totalCount).toBe(3);
    expect(email.nodes.every((n: Row) => n.channel === 'EMAIL')).toBe(true);

    const decision = await decide(admin, contact.id, 'EMAIL', 'MARKETING');
    expect(decision).toMatchObject({ allowed: false, reason: 'CONSENT_WITHDRAWN', consent: { status: 'WITHDRAWN', source: 'third' } });
  });

  test('a retry with the same idempotency key returns the first record instead of recording twice', async () => {
    const contact = await createContact(admin, { lastName: 'Hopper', ...REACHABLE });
    const input = { contactId: contact.id, channel: 'EMAIL', purpose: 'SERVICE', idempotencyKey: `consent-${contact.id}` };
    const first = await recordOk(admin, input);
    const retry = await recordOk(admin, input);
    expect(retry.consent.id).toBe(first.consent.id);
    expect((await tenantSql(harness, workspace, 'SELECT count(*)::int AS n FROM contact_consents WHERE contact_id = $1', [uuidOfContact(contact.id)]))[0].n).toBe(1);
  });
});

describe('canContact: each reason', () => {
  let workspace: TestTenant;
  let admin: Client;
  beforeAll(async () => {
    workspace = await harness.createTenant({ name: 'Consent decisions' });
    admin = workspace.client;
  });

  /** A reachable contact with `extra` fields, then `sql` applied to its row (flags no mutation of this module sets). */
  async function contactWith(extra: Row = {}, sql?: string): Promise<string> {
    const contact = await createContact(admin, { lastName: 'Case', ...REACHABLE, ...extra });
    if (sql) await tenantSql(harness, workspace, `UPDATE contacts SET ${sql} WHERE id = $1`, [uuidOfContact(contact.id)]);
    return contact.id;
  }

  const grant = (id: string, channel: string, purpose: string) => recordOk(admin, { contactId: id, channel, purpose });

  test('ERASED: refused even with consent, before every other reason', async () => {
    const id = await contactWith({ doNotContact: true });
    await grant(id, 'EMAIL', 'MARKETING');
    await tenantSql(harness, workspace, 'UPDATE contacts SET erased_at = now(), deceased = true WHERE id = $1', [uuidOfContact(id)]);
    expect(await decide(admin, id, 'EMAIL', 'MARKETING')).toMatchObject({ allowed: false, reason: 'ERASED', consent: { status: 'GRANTED' } });
  });

  test('DECEASED', async () => {
    const id = await contactWith({ doNotContact: true, deceased: true });
    expect(await decide(admin, id, 'EMAIL', 'SERVICE')).toMatchObject({ allowed: false, reason: 'DECEASED' });
  });

  test('DO_NOT_CONTACT: refused despite a granted consent', async () => {
    const id = await contactWith({ doNotContact: true, doNotEmail: true });
    await grant(id, 'EMAIL', 'MARKETING');
    expect(await decide(admin, id, 'EMAIL', 'MARKETING')).toMatchObject({ allowed: false, reason: 'DO_NOT_CONTACT' });
  });

  test('PROCESSING_RESTRICTED', async () => {
    const id = await contactWith({ doNotEmail: true }, 'processing_restricted_at = now()');
    await grant(id, 'EMAIL', 'SERVICE');
    expect(await decide(admin, id, 'EMAIL', 'SERVICE')).toMatchObject({ allowed: false, reason: 'PROCESSING_RESTRICTED' });
  });

  test('CHANNEL_OPTED_OUT: doNotEmail for EMAIL, doNotCall for PHONE and SMS, doNotMail for POST and VISIT', async () => {
    const cases: [Row, string[], string[]][] = [
      [{ doNotEmail: true }, ['EMAIL'], ['PHONE', 'SMS', 'POST', 'VISIT']],
      [{ doNotCall: true }, ['PHONE', 'SMS'], ['EMAIL', 'POST', 'VISIT']],
      [{ doNotMail: true }, ['POST', 'VISIT'], ['EMAIL', 'PHONE', 'SMS']],
    ];
    for (const [flags, blocked, open] of cases) {
      const id = await contactWith(flags);
      for (const channel of blocked) expect({ flags, channel, ...(await decide(admin, id, channel, 'SERVICE')) }).toMatchObject({ channel, allowed: false, reason: 'CHANNEL_OPTED_OUT' });
      for (const channel of open) expect({ flags, channel, ...(await decide(admin, id, channel, 'SERVICE')) }).toMatchObject({ channel, allowed: true, reason: 'SERVICE_RELATIONSHIP' });
    }
  });

  test('NO_ADDRESS: e-mail for EMAIL, phone or mobile for PHONE, mobile for SMS, a deliverable address for POST and VISIT', async () => {
    const nothing = await contactWith({ email: null, phone: null, mobilePhone: null, mailingAddress: null });
    for (const channel of ['EMAIL', 'PHONE', 'SMS', 'POST', 'VISIT']) {
      expect(await decide(admin, nothing, channel, 'SERVICE')).toMatchObject({ allowed: false, reason: 'NO_ADDRESS' });
    }
    const landlineOnly = await contactWith({ mobilePhone: null });
    expect((await decide(admin, landlineOnly, 'PHONE', 'SERVICE')).reason).toBe('SERVICE_RELATIONSHIP');
    expect((await decide(admin, landlineOnly, 'SMS', 'SERVICE')).reason).toBe('NO_ADDRESS');
    const cityOnly = await contactWith({ mailingAddress: { city: 'London' } });
    expect((await decide(admin, cityOnly, 'POST', 'SERVICE')).reason).toBe('NO_ADDRESS');
    const additionalOnly = await contactWith({ email: null, additionalEmails: ['ada@home.example'] });
    expect((await decide(admin, additionalOnly, 'EMAIL', 'SERVICE')).reason).toBe('SERVICE_RELATIONSHIP');
  });

  test('CONSENT_WITHDRAWN: a withdrawal refuses even SERVICE', async () => {
    const id = await contactWith();
    await grant(id, 'PHONE', 'SERVICE');
    await payload(admin, WITHDRAW, { contactId: id, channel: 'PHONE', purpose: 'SERVICE', source: 'phone call' });
    expect(await decide(admin, id, 'PHONE', 'SERVICE')).toMatchObject({ allowed: false, reason: 'CONSENT_WITHDRAWN', consent: { status: 'WITHDRAWN', source: 'phone call' } });
  });

  test('NO_CONSENT: MARKETING and ANALYTICS need consent for the channel asked about', async () => {
    const id = await contactWith();
    await grant(id, 'EMAIL', 'MARKETING');
    expect(await decide(admin, id, 'SMS', 'MARKETING')).toMatchObject({ allowed: false, reason: 'NO_CONSENT', consent: null });
    expect(await decide(admin, id, 'EMAIL', 'ANALYTICS')).toMatchObject({ allowed: false, reason: 'NO_CONSENT', consent: null });
  });

  test('CONSENT_GRANTED, with the preferred channel', async () => {
    const id = await contactWith({ preferredChannel: 'EMAIL' });
    await grant(id, 'EMAIL', 'MARKETING');
    expect(await decide(admin, id, 'EMAIL', 'MARKETING')).toMatchObject({
      contactId: id,
      allowed: true,
      reason: 'CONSENT_GRANTED',
      consent: { status: 'GRANTED', source: 'web form' },
      preferredChannel: 'EMAIL',
      isPreferredChannel: true,
      contact: { id },
    });
    expect(await decide(admin, id, 'EMAIL', 'SERVICE')).toMatchObject({ allowed: true, reason: 'SERVICE_RELATIONSHIP', preferredChannel: 'EMAIL', isPreferredChannel: true });
  });

  test('SERVICE_RELATIONSHIP: service is allowed without consent; a grant for service answers CONSENT_GRANTED', async () => {
    const id = await contactWith({ preferredChannel: 'POST' });
    const decision = await decide(admin, id, 'VISIT', 'SERVICE');
    expect(decision).toMatchObject({ allowed: true, reason: 'SERVICE_RELATIONSHIP', consent: null, preferredChannel: 'POST', isPreferredChannel: false });
    expect(decision.explanation.length).toBeGreaterThan(10);
    await grant(id, 'VISIT', 'SERVICE');
    expect((await decide(admin, id, 'VISIT', 'SERVICE')).reason).toBe('CONSENT_GRANTED');
  });

  test('NOT_FOUND for unknown, deleted and malformed contacts (BAD_USER_INPUT for malformed)', async () => {
    expect(errorCodes(await admin.request(CAN_CONTACT, { id: missingId('Contact'), channel: 'EMAIL', purpose: 'SERVICE' }))).toEqual(['NOT_FOUND']);
    const id = await contactWith();
    await deleteContact(admin, id);
    expect(errorCodes(await admin.request(CAN_CONTACT, { id, channel: 'EMAIL', purpose: 'SERVICE' }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await admin.request(CAN_CONTACT, { id: 'nonsense', channel: 'EMAIL', purpose: 'SERVICE' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await admin.request(CAN_CONTACT, { id: missingId('Account'), channel: 'EMAIL', purpose: 'SERVICE' }))).toEqual(['BAD_USER_INPUT']);
  });

  test('canContactMany answers in the order given, NOT_FOUND in place of a contact it cannot see, and takes at most 100 IDs', async () => {
    const granted = await contactWith();
    await grant(granted, 'EMAIL', 'MARKETING');
    const none = await contactWith();
    const missing = missingId('Contact');
    const decisions = dataOf(await admin.request(CAN_CONTACT_MANY, { ids: [none, missing, granted, none], channel: 'EMAIL', purpose: 'MARKETING' })).canContactMany;
    expect(decisions.map((d: Row) => [d.contactId, d.allowed, d.reason])).toEqual([
      [none, false, 'NO_CONSENT'],
      [missing, false, 'NOT_FOUND'],
      [granted, true, 'CONSENT_GRANTED'],
      [none, false, 'NO_CONSENT'],
    ]);
    expect(decisions[1].contact).toBeNull();
    const tooMany = Array.from({ length: 101 }, () => missingId('Contact'));
    expect(errorCodes(await admin.request(CAN_CONTACT_MANY, { ids: tooMany, channel: 'EMAIL', purpose: 'MARKETING' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await admin.request(CAN_CONTACT_MANY, { ids: [], channel: 'EMAIL', purpose: 'MARKETING' }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('decideOutreach (the pure decision)', () => {
  const facts: OutreachFacts = {
    erasedAt: null,
    deceased: false,
    doNotContact: false,
    processingRestrictedAt: null,
    doNotEmail: false,
    doNotCall: false,
    doNotMail: false,
    email: 'a@b.example',
    additionalEmails: [],
    phone: null,
    mobilePhone: null,
    mailingAddress: null,
    preferredChannel: null,
  };
  const record = (id: string, status: ConsentStatus, minutes: number): ConsentRow => ({
    id,
    contactId: 'c',
    channel: ContactChannel.EMAIL,
    purpose: ConsentPurpose.MARKETING,
    status,
    source: 's',
    evidence: null,
    effectiveAt: new Date(Date.UTC(2024, 0, 1, 0, minutes)),
    recordedAt: new Date(),
    recordedByKind: 'user',
    recordedBy: 'u',
  });

  test('takes the latest record by effective time from a whole history, then by id', () => {
    const history = [record('1', ConsentStatus.GRANTED, 10), record('3', ConsentStatus.WITHDRAWN, 5), record('2', ConsentStatus.GRANTED, 1)];
    expect(decideOutreach(facts, history, ContactChannel.EMAIL, ConsentPurpose.MARKETING)).toMatchObject({ allowed: true, reason: 'CONSENT_GRANTED', consent: { id: '1' } });
    const tie = [record('a', ConsentStatus.GRANTED, 10), record('b', ConsentStatus.WITHDRAWN, 10)];
    expect(decideOutreach(facts, tie, ContactChannel.EMAIL, ConsentPurpose.MARKETING)).toMatchObject({ allowed: false, reason: 'CONSENT_WITHDRAWN', consent: { id: 'b' } });
  });

  test('a consent for another channel or purpose does not count', () => {
    const other = [{ ...record('1', ConsentStatus.GRANTED, 1), purpose: ConsentPurpose.ANALYTICS }];
    expect(decideOutreach(facts, other, ContactChannel.EMAIL, ConsentPurpose.MARKETING)).toMatchObject({ allowed: false, reason: 'NO_CONSENT', consent: null });
  });
});

describe('validation', () => {
  let workspace: TestTenant;
  let admin: Client;
  let contactId: string;
  beforeAll(async () => {
    workspace = await harness.createTenant({ name: 'Consent validation' });
    admin = workspace.client;
    contactId = (await createContact(admin, { lastName: 'Valid', ...REACHABLE })).id;
  });

  const refused = async (input: Row, operation = RECORD): Promise<[string[], string][]> => {
    const before = await consentRows(workspace);
    const result = await payload(admin, operation, { contactId, channel: 'EMAIL', purpose: 'MARKETING', source: 'web form', ...input });
    expect(result.consent).toBeNull();
    expect(await consentRows(workspace)).toBe(before);
    return errorsOf(result);
  };

  test('source is required (not blank) and at most 200 characters; evidence at most 2000', async () => {
    expect(await refused({ source: '' })).toEqual([[['input', 'source'], 'REQUIRED']]);
    expect(await refused({ source: '   ' })).toEqual([[['input', 'source'], 'REQUIRED']]);
    expect(await refused({ source: 'x'.repeat(201) })).toEqual([[['input', 'source'], 'TOO_LONG']]);
    expect(await refused({ evidence: 'x'.repeat(2001) })).toEqual([[['input', 'evidence'], 'TOO_LONG']]);
    expect(await refused({ evidence: 'x'.repeat(2001) }, WITHDRAW)).toEqual([[['input', 'evidence'], 'TOO_LONG']]);
  });

  test('effectiveAt may not lie in the future beyond clock skew; a little ahead is accepted', async () => {
    expect(await refused({ effectiveAt: new Date(Date.now() + 3_600_000).toISOString() })).toEqual([[['input', 'effectiveAt'], 'OUT_OF_RANGE']]);
    const skewed = await recordOk(admin, { contactId, channel: 'POST', purpose: 'SERVICE', effectiveAt: new Date(Date.now() + 60_000).toISOString() });
    expect(skewed.consent.status).toBe('GRANTED');
  });

  test('contactId: malformed is INVALID; unknown or in the recycle bin is NOT_FOUND', async () => {
    expect(await refused({ contactId: 'not-an-id' })).toEqual([[['input', 'contactId'], 'INVALID']]);
    expect(await refused({ contactId: toGlobalId('Account', uuidOfContact(contactId)) })).toEqual([[['input', 'contactId'], 'INVALID']]);
    expect(await refused({ contactId: missingId('Contact') })).toEqual([[['input', 'contactId'], 'NOT_FOUND']]);
    const deleted = (await createContact(admin, { lastName: 'Deleted' })).id;
    await deleteContact(admin, deleted);
    expect(await refused({ contactId: deleted })).toEqual([[['input', 'contactId'], 'NOT_FOUND']]);
    expect(await refused({ contactId: deleted }, WITHDRAW)).toEqual([[['input', 'contactId'], 'NOT_FOUND']]);
  });

  test('channel and purpose must be enum values', async () => {
    const response = await admin.request(RECORD, { input: { contactId, channel: 'FAX', purpose: 'MARKETING', source: 'x' } });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });

  test('granting for a deceased or erased contact is INVALID_STATE and changes nothing; withdrawing is accepted', async () => {
    const deceased = (await createContact(admin, { lastName: 'Gone', deceased: true })).id;
    const activityBefore = (await tenantSql(harness, workspace, 'SELECT last_activity_at AS at FROM contacts WHERE id = $1', [uuidOfContact(deceased)]))[0].at;
    expect(await refused({ contactId: deceased })).toEqual([[['input', 'status'], 'INVALID_STATE']]);
    expect((await tenantSql(harness, workspace, 'SELECT last_activity_at AS at FROM contacts WHERE id = $1', [uuidOfContact(deceased)]))[0].at).toEqual(activityBefore);
    const withdrawn = await payload(admin, WITHDRAW, { contactId: deceased, channel: 'EMAIL', purpose: 'MARKETING', source: 'family request' });
    expect(withdrawn.userErrors).toEqual([]);
    expect(withdrawn.consent.status).toBe('WITHDRAWN');

    const erased = (await createContact(admin, { lastName: 'Erased' })).id;
    await tenantSql(harness, workspace, 'UPDATE contacts SET erased_at = now() WHERE id = $1', [uuidOfContact(erased)]);
    expect(await refused({ contactId: erased, channel: 'SMS', purpose: 'SERVICE' })).toEqual([[['input', 'status'], 'INVALID_STATE']]);
    expect((await payload(admin, RECORD, { contactId: erased, channel: 'SMS', purpose: 'SERVICE', source: 'x', status: 'WITHDRAWN' })).userErrors).toEqual([]);
  });
});

describe('permissions', () => {
  let workspace: TestTenant;
  let admin: Client;
  let own: string;
  let others: string;
  let rep: Client;
  beforeAll(async () => {
    workspace = await harness.createTenant({ name: 'Consent permissions' });
    admin = workspace.client;
    const repUser = await harness.addUser(workspace.tenant, { role: 'sales_rep' });
    const otherUser = await harness.addUser(workspace.tenant, { role: 'sales_rep' });
    rep = (await harness.keyFor(workspace.tenant, { role: 'sales_rep', userId: repUser.uuid })).client;
    own = (await createContact(admin, { lastName: 'Mine', ...REACHABLE, ownerId: repUser.id })).id;
    others = (await createContact(admin, { lastName: 'Theirs', ...REACHABLE, ownerId: otherUser.id })).id;
    for (const contactId of [own, others]) {
      await recordOk(admin, { contactId, channel: 'EMAIL', purpose: 'MARKETING', evidence: 'double opt-in from 203.0.113.7' });
    }
  });

  test('a sales rep reads and records consents of own contacts only; others are NOT_FOUND', async () => {
    expect(dataOf(await rep.request(CONSENTS, { id: own })).contact.consents).toHaveLength(1);
    expect((await decide(rep, own, 'EMAIL', 'MARKETING')).reason).toBe('CONSENT_GRANTED');
    expect((await recordOk(rep, { contactId: own, channel: 'SMS', purpose: 'SERVICE' })).consent.recordedByKind).toBe('api_key');

    expect(errorCodes(await rep.request(CAN_CONTACT, { id: others, channel: 'EMAIL', purpose: 'MARKETING' }))).toEqual(['NOT_FOUND']);
    const many = dataOf(await rep.request(CAN_CONTACT_MANY, { ids: [own, others], channel: 'EMAIL', purpose: 'MARKETING' })).canContactMany;
    expect(many.map((d: Row) => d.reason)).toEqual(['CONSENT_GRANTED', 'NOT_FOUND']);
    const before = await consentRows(workspace);
    const refusedRecord = await payload(rep, RECORD, { contactId: others, channel: 'EMAIL', purpose: 'MARKETING', source: 'x' });
    expect(errorsOf(refusedRecord)).toEqual([[['input', 'contactId'], 'NOT_FOUND']]);
    const refusedWithdrawal = await payload(rep, WITHDRAW, { contactId: others, channel: 'EMAIL', purpose: 'MARKETING', source: 'x' });
    expect(errorsOf(refusedWithdrawal)).toEqual([[['input', 'contactId'], 'NOT_FOUND']]);
    expect(await consentRows(workspace)).toBe(before);
  });

  test('a role without update on Contact cannot record or withdraw (FORBIDDEN), but may ask canContact', async () => {
    const readOnly = (await harness.keyFor(workspace.tenant, { role: 'read_only' })).client;
    expect(errorCodes(await readOnly.request(RECORD, { input: { contactId: own, channel: 'EMAIL', purpose: 'MARKETING', source: 'x' } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await readOnly.request(WITHDRAW, { input: { contactId: own, channel: 'EMAIL', purpose: 'MARKETING', source: 'x' } }))).toEqual(['FORBIDDEN']);
    const readOnlyKey = (await harness.keyFor(workspace.tenant, { role: 'admin', readOnly: true })).client;
    expect(errorCodes(await readOnlyKey.request(RECORD, { input: { contactId: own, channel: 'EMAIL', purpose: 'MARKETING', source: 'x' } }))).toEqual(['FORBIDDEN']);
    expect((await decide(readOnly, own, 'EMAIL', 'MARKETING')).allowed).toBe(true);
  });

  test('evidence is masked for a role with MASKED personal access and FORBIDDEN for one with none; the rest of the consent stays readable', async () => {
    const readOnly = (await harness.keyFor(workspace.tenant, { role: 'read_only' })).client;
    const masked = dataOf(await readOnly.request(CONSENTS, { id: own })).contact.consents[0];
    expect(masked).toMatchObject({ status: 'GRANTED', source: 'web form', evidence: 'd•••' });

    const analyst = (await harness.keyFor(workspace.tenant, { role: 'analyst' })).client;
    const withEvidence = await analyst.request(CONSENTS, { id: own });
    expect(errorCodes(withEvidence).length).toBeGreaterThan(0);
    for (const error of withEvidence.errors!) {
      expect(error.extensions?.code).toBe('FORBIDDEN');
      expect(error.path).toEqual(['contact', 'consents', expect.any(Number), 'evidence']);
    }
    const withoutEvidence = dataOf(await analyst.request(`query($id: ID!) { contact(id: $id) { consents { channel status source } } }`, { id: own }));
    expect(withoutEvidence.contact.consents).toContainEqual({ channel: 'EMAIL', status: 'GRANTED', source: 'web form' });

    const full = dataOf(await admin.request(CONSENTS, { id: own })).contact.consents[0];
    expect(full.evidence).toBe('double opt-in from 203.0.113.7');
  });
});

describe('SQL per request', () => {
  let client: Client;
  beforeAll(async () => {
    const workspace = await harness.createTenant({ name: 'Consent SQL budget' });
    client = workspace.client;
    for (let i = 0; i < 20; i++) {
      const contact = await createContact(client, { lastName: `Budget ${String(i).padStart(2, '0')}`, ...REACHABLE });
      await recordOk(client, { contactId: contact.id, channel: 'EMAIL', purpose: 'MARKETING' });
      await recordOk(client, { contactId: contact.id, channel: 'SMS', purpose: 'SERVICE', status: 'WITHDRAWN' });
    }
  }, 60_000);

  test('consents and consent history of a page of contacts cost the same SQL for 2 and 20 contacts', async () => {
    const query = `query($n: Int!) { contacts(first: $n) { nodes { id consents { channel status evidence } consentHistory(first: 5) { totalCount nodes { source } } } } }`;
    const counts: number[] = [];
    for (const n of [2, 20]) {
      const response = await client.request(query, { n });
      const nodes = dataOf(response).contacts.nodes;
      expect(nodes).toHaveLength(n);
      for (const node of nodes) {
        expect(node.consents.map((c: Row) => [c.channel, c.status])).toEqual([
          ['EMAIL', 'GRANTED'],
          ['SMS', 'WITHDRAWN'],
        ]);
        expect(node.consentHistory.totalCount).toBe(2);
      }
      counts.push(response.extensions?.sqlStatements);
    }
    expect(typeof counts[0]).toBe('number');
    expect(counts[1]).toBe(counts[0]);
    // Authentication, BEGIN+SETs, contacts, current consents, history pages, history counts, COMMIT (and some slack).
    expect(counts[0]).toBeLessThanOrEqual(8);
  });

  test('canContactMany costs the same SQL for 2 and 20 contacts', async () => {
    const ids = dataOf(await client.request(`{ contacts(first: 20) { nodes { id } } }`)).contacts.nodes.map((n: Row) => n.id);
    const counts: number[] = [];
    for (const n of [2, 20]) {
      const response = await client.request(CAN_CONTACT_MANY, { ids: ids.slice(0, n), channel: 'EMAIL', purpose: 'MARKETING' });
      expect(dataOf(response).canContactMany.every((d: Row) => d.reason === 'CONSENT_GRANTED')).toBe(true);
      counts.push(response.extensions?.sqlStatements);
    }
    expect(counts[1]).toBe(counts[0]);
  });
});
