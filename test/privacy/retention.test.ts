/**
 * Retention: the workspace's privacy policy, the review list of contacts without activity, their
 * anonymisation on request, and the daily sweep that prunes the access log and, when the policy
 * says so, anonymises due contacts by itself.
 */
import { randomUUID } from 'node:crypto';
import { sweepPrivacy } from '../../src/modules/privacy/retention.sweep';
import { createLogger } from '../../src/ops/logger';
import { Client, TestTenant, dataOf, errorCodes, useHarness } from '../support/harness';
import { REQUESTS, createContact, mutate } from './privacy-helpers';

const harness = useHarness();

const POLICY_FIELDS = 'accessLogRetentionDays inactiveContactReviewMonths anonymizeInactiveContacts version';
const POLICY = `query { privacyPolicy { ${POLICY_FIELDS} } }`;
const UPDATE_POLICY = `mutation($input: UpdatePrivacyPolicyInput!) { updatePrivacyPolicy(input: $input) { policy { ${POLICY_FIELDS} } userErrors { field code message } } }`;
const DUE = `query($first: Int, $after: String) { contactsDueForRetentionReview(first: $first, after: $after) { totalCount nodes { id lastName lastActivityAt } pageInfo { hasNextPage endCursor } } }`;
const APPLY = `mutation($input: ApplyRetentionPolicyInput) { applyRetentionPolicy(input: $input) { request { kind subjectContactIds actor } erasedContacts userErrors { field code message } } }`;

let workspace: TestTenant;
let admin: Client;

beforeEach(async () => {
  workspace = await harness.createTenant({ name: 'Retention' });
  admin = workspace.client;
});

const sql = (text: string, params: unknown[] = []) => harness.dataSource.query(text.replaceAll('$schema', `"${workspace.tenant.schemaName}"`), params);
const uuidOf = (id: string) => Buffer.from(id, 'base64url').toString().split(':')[1];

/** A contact whose last activity was `months` ago. */
async function contactInactiveFor(months: number, lastName = `Idle-${months}-${randomUUID().slice(0, 4)}`): Promise<string> {
  const id = await createContact(admin, { lastName, email: `${lastName.toLowerCase()}@idle.example` });
  await sql(`UPDATE $schema.contacts SET last_activity_at = now() - make_interval(months => $2) WHERE id = $1`, [uuidOf(id), months]);
  return id;
}

describe('the privacy policy', () => {
  test('starts with a year of access log and no review; admins change it, with the audit trail; bad values are refused', async () => {
    expect(dataOf(await admin.request(POLICY)).privacyPolicy).toMatchObject({ accessLogRetentionDays: 365, inactiveContactReviewMonths: null, anonymizeInactiveContacts: false });
    const refused = await mutate(admin, UPDATE_POLICY, { anonymizeInactiveContacts: true });
    expect(refused.userErrors.map((e: any) => [e.field, e.code])).toEqual([[['input', 'anonymizeInactiveContacts'], 'INVALID']]);
    const outOfRange = await admin.request(UPDATE_POLICY, { input: { accessLogRetentionDays: 0 } });
    expect(dataOf(outOfRange).updatePrivacyPolicy.userErrors.map((e: any) => e.code)).toEqual(['OUT_OF_RANGE']);
    const changed = await mutate(admin, UPDATE_POLICY, { accessLogRetentionDays: 30, inactiveContactReviewMonths: 24, anonymizeInactiveContacts: true });
    expect(changed.policy).toMatchObject({ accessLogRetentionDays: 30, inactiveContactReviewMonths: 24, anonymizeInactiveContacts: true });
    const stale = await mutate(admin, UPDATE_POLICY, { accessLogRetentionDays: 31, expectedVersion: changed.policy.version - 1 });
    expect(stale.userErrors.map((e: any) => e.code)).toEqual(['CONFLICT']);
    // Turning review off turns automatic anonymisation off with it.
    const off = await mutate(admin, UPDATE_POLICY, { inactiveContactReviewMonths: null });
    expect(off.policy).toMatchObject({ inactiveContactReviewMonths: null, anonymizeInactiveContacts: false, accessLogRetentionDays: 30 });
    const audit = dataOf(await admin.request(`query { adminAuditLog(targetType: "PrivacyPolicy") { nodes { action before after } } }`)).adminAuditLog.nodes;
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({ action: 'privacy_policy.update', before: { accessLogRetentionDays: 365 }, after: { accessLogRetentionDays: 30 } });
  });

  test('is for workspace admins only', async () => {
    const { client: manager } = await harness.keyFor(workspace.tenant, { role: 'sales_manager' });
    expect(errorCodes(await manager.request(POLICY))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await manager.request(UPDATE_POLICY, { input: { accessLogRetentionDays: 10 } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await manager.request(DUE))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await manager.request(APPLY))).toEqual(['FORBIDDEN']);
  });
});

describe('retention review', () => {
  test('lists contacts without activity for the policy’s months, least recently active first, and anonymises them on request', async () => {
    const oldest = await contactInactiveFor(30);
    const old = await contactInactiveFor(13);
    await contactInactiveFor(3);
    expect(dataOf(await admin.request(DUE)).contactsDueForRetentionReview.totalCount).toBe(0);
    expect((await mutate(admin, APPLY, {})).userErrors.map((e: any) => e.code)).toEqual(['INVALID_STATE']);

    await mutate(admin, UPDATE_POLICY, { inactiveContactReviewMonths: 12 });
    const page = dataOf(await admin.request(DUE, { first: 1 })).contactsDueForRetentionReview;
    expect(page.totalCount).toBe(2);
    expect(page.nodes.map((c: any) => c.id)).toEqual([oldest]);
    const next = dataOf(await admin.request(DUE, { first: 1, after: page.pageInfo.endCursor })).contactsDueForRetentionReview;
    expect(next.nodes.map((c: any) => c.id)).toEqual([old]);
    expect(next.pageInfo.hasNextPage).toBe(false);

    // Activity takes a contact off the list.
    dataOf(await admin.request(`mutation($id: ID!) { updateContact(input: { id: $id, jobTitle: "Buyer" }) { userErrors { code } } }`, { id: old }));
    expect(dataOf(await admin.request(DUE)).contactsDueForRetentionReview.nodes.map((c: any) => c.id)).toEqual([oldest]);

    const recent = await contactInactiveFor(1);
    const refused = await mutate(admin, APPLY, { contactIds: [oldest, recent] });
    expect(refused.userErrors.map((e: any) => [e.field, e.code])).toEqual([[['input', 'contactIds'], 'INVALID_STATE']]);
    expect(refused.erasedContacts).toBeNull();

    const applied = await mutate(admin, APPLY, {});
    expect(applied.userErrors).toEqual([]);
    expect(applied.erasedContacts).toBe(1);
    expect(applied.request).toMatchObject({ kind: 'RETENTION_ERASURE', subjectContactIds: [oldest] });
    const erased = dataOf(await admin.request(`query($id: ID!) { contact(id: $id) { lastName email erasedAt } }`, { id: oldest })).contact;
    expect(erased).toMatchObject({ lastName: 'Erased', email: null });
    expect(dataOf(await admin.request(DUE)).contactsDueForRetentionReview.totalCount).toBe(0);
    expect((await mutate(admin, APPLY, {})).erasedContacts).toBe(0);
  });
});

describe('the daily sweep', () => {
  test('prunes the access log beyond its retention and anonymises due contacts when the policy says so, once a day', async () => {
    const due = await contactInactiveFor(8);
    const kept = await contactInactiveFor(2);
    await mutate(admin, UPDATE_POLICY, { accessLogRetentionDays: 90, inactiveContactReviewMonths: 6, anonymizeInactiveContacts: true });
    for (const days of [200, 91, 10]) {
      await sql(
        `INSERT INTO $schema.personal_data_access_log (id, at, request_id, actor_kind, actor_id, operation_type, record_type, record_ids, fields)
         VALUES ($1, now() - make_interval(days => $2), 'r', 'system', 'test', 'query', 'Contact', ARRAY[$3::uuid], ARRAY['email'])`,
        [randomUUID(), days, uuidOf(kept)],
      );
    }
    const [result] = await sweepPrivacy(harness.dataSource, createLogger({ level: 'silent' }), [workspace.tenant.id]);
    expect(result).toEqual({ slug: workspace.tenant.slug, prunedLogEntries: 2, erasedContacts: 1 });
    const [{ count }] = await sql(`SELECT count(*)::int AS count FROM $schema.personal_data_access_log WHERE actor_id = 'test'`);
    expect(count).toBe(1);
    const contacts = dataOf(await admin.request(`query($ids: [ID!]!) { nodes(ids: $ids) { ... on Contact { id lastName erasedAt } } }`, { ids: [due, kept] })).nodes;
    expect(contacts[0].lastName).toBe('Erased');
    expect(contacts[1].erasedAt).toBeNull();
    const requests = dataOf(await admin.request(REQUESTS)).privacyRequests.nodes;
    expect(requests.map((r: any) => [r.kind, r.actor])).toEqual([['RETENTION_ERASURE', 'system:retention']]);
    // Swept today: the next run leaves the workspace alone.
    expect(await sweepPrivacy(harness.dataSource, createLogger({ level: 'silent' }), [workspace.tenant.id])).toEqual([]);
  });

  test('without automatic anonymisation the sweep only prunes', async () => {
    const due = await contactInactiveFor(8);
    await mutate(admin, UPDATE_POLICY, { inactiveContactReviewMonths: 6 });
    const [result] = await sweepPrivacy(harness.dataSource, createLogger({ level: 'silent' }), [workspace.tenant.id]);
    expect(result).toMatchObject({ erasedContacts: 0 });
    const contact = dataOf(await admin.request(`query($id: ID!) { contact(id: $id) { erasedAt } }`, { id: due })).contact;
    expect(contact.erasedAt).toBeNull();
  });
});
