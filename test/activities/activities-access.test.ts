/**
 * Roles and record scope on activities: a sales rep sees (and writes) only its own, also inside an
 * account's timeline; links must be visible to the writer; subject and body are personal data
 * (masked for read_only, FORBIDDEN for analyst) and go with the person's export and erasure.
 */
import { keyClient, tenantSql } from '../access/access-helpers';
import { EXPORT, ERASE, mutate as privacyMutate } from '../privacy/privacy-helpers';
import { createAccount, createContact } from '../support/crm-operations';
import { Client, TestTenant, TestUser, dataOf, errorCodes, useHarness } from '../support/harness';
import { uuidOf } from '../../src/graphql/global-id';
import { CREATE_ACTIVITY, LIST_ACTIVITIES, Row, TIMELINE, UPDATE_ACTIVITY, createActivity, listData, mutate, refusals } from './activity-helpers';

const harness = useHarness();
let workspace: TestTenant;
let admin: Client;
let rep: Client;
let repUser: TestUser;
let otherUser: TestUser;
let account: Row;
let othersContact: Row;
let mine: Row[];
let theirs: Row;

beforeAll(async () => {
  workspace = await harness.createTenant();
  admin = workspace.client;
  repUser = await harness.addUser(workspace.tenant, { role: 'sales_rep' });
  otherUser = await harness.addUser(workspace.tenant, { role: 'sales_rep' });
  rep = await keyClient(harness, workspace, 'sales_rep', repUser);
  account = await createAccount(rep, { name: 'Shared deal' });
  othersContact = await createContact(admin, { lastName: 'Hidden', accountId: account.id, ownerId: otherUser.id });
  mine = [
    await createActivity(rep, { kind: 'NOTE', subject: 'Mine 1', body: 'Call Greta on +4930123', accountId: account.id }),
    await createActivity(admin, { kind: 'CALL', subject: 'Mine 2', accountId: account.id, ownerId: repUser.id }),
  ];
  theirs = await createActivity(admin, { kind: 'NOTE', subject: 'Theirs', contactId: othersContact.id, ownerId: otherUser.id });
});

describe('record scope (sales_rep: own)', () => {
  test('a new activity is owned by the caller', () => {
    expect(mine[0].owner).toEqual({ id: repUser.id });
  });

  test('lists, timeline and their totalCount hold only the rep’s own activities', async () => {
    const list = listData(await rep.request(LIST_ACTIVITIES, { first: 100 }));
    expect(list.nodes.map((n: Row) => n.id).sort()).toEqual(mine.map((a) => a.id).sort());
    expect(list.totalCount).toBe(2);
    const timeline = dataOf(await rep.request(TIMELINE, { id: account.id, first: 100 })).account.timeline;
    expect(timeline.nodes.map((n: Row) => n.id).sort()).toEqual(mine.map((a) => a.id).sort());
    expect(timeline.totalCount).toBe(2);
    const all = dataOf(await admin.request(TIMELINE, { id: account.id, first: 100 })).account.timeline;
    expect(all.totalCount).toBe(3);
  });

  test('another’s activity is NOT_FOUND to read and to write', async () => {
    expect(errorCodes(await rep.request(`query($id: ID!) { activity(id: $id) { id } }`, { id: theirs.id }))).toEqual(['NOT_FOUND']);
    expect(refusals(await mutate(rep, UPDATE_ACTIVITY, { id: theirs.id, subject: 'Mine now' }))).toEqual([[['input', 'id'], 'NOT_FOUND']]);
  });

  test('linking a contact the rep cannot see is NOT_FOUND; giving an activity away is FORBIDDEN', async () => {
    const hidden = await mutate(rep, CREATE_ACTIVITY, { kind: 'NOTE', subject: 'x', contactId: othersContact.id });
    expect(refusals(hidden)).toEqual([[['input', 'contactId'], 'NOT_FOUND']]);
    const given = await mutate(rep, CREATE_ACTIVITY, { kind: 'NOTE', subject: 'x', accountId: account.id, ownerId: otherUser.id });
    expect(refusals(given)).toEqual([[['input', 'ownerId'], 'FORBIDDEN']]);
  });
});

describe('subject and body are personal data', () => {
  test('read_only sees them masked', async () => {
    const readOnly = await keyClient(harness, workspace, 'read_only');
    const { activity } = dataOf(await readOnly.request(`query($id: ID!) { activity(id: $id) { kind subject body } }`, { id: mine[0].id }));
    expect(activity).toEqual({ kind: 'NOTE', subject: 'M•••', body: 'C•••' });
  });

  test('analyst may list activities but reading or filtering by the subject is FORBIDDEN', async () => {
    const analyst = await keyClient(harness, workspace, 'analyst');
    const list = dataOf(await analyst.request(`{ activities(first: 100) { totalCount nodes { kind occurredAt } } }`)).activities;
    expect(list.totalCount).toBe(3);
    const subject = await analyst.request(`query($id: ID!) { activity(id: $id) { kind subject } }`, { id: mine[0].id });
    expect(errorCodes(subject)).toEqual(['FORBIDDEN']);
    expect(subject.data?.activity ?? null).toBeNull();
    expect(errorCodes(await analyst.request(LIST_ACTIVITIES, { where: { subject: { eq: 'Mine 1' } } }))).toContain('FORBIDDEN');
  });

  test('the person’s export holds their activities; erasure overwrites subject and body', async () => {
    const person = await createContact(admin, { lastName: 'Subject', email: 'subject.person@example.com', accountId: account.id });
    const activity = await createActivity(admin, { kind: 'MEETING', subject: 'Meet Ms Subject', body: 'About her divorce', contactId: person.id });
    const exported = await privacyMutate(admin, EXPORT, { subject: { contactId: person.id } });
    expect(exported.userErrors).toEqual([]);
    expect(exported.document.activities).toEqual([expect.objectContaining({ subject: 'Meet Ms Subject', body: 'About her divorce' })]);
    const erased = await privacyMutate(admin, ERASE, { subject: { contactId: person.id }, reason: 'request' });
    expect(erased.userErrors).toEqual([]);
    const [row] = await tenantSql(harness, workspace, 'SELECT subject, body, kind, version FROM activities WHERE id = $1', [uuidOf(activity.id, 'Activity')]);
    expect(row).toEqual({ subject: 'Erased', body: null, kind: 'MEETING', version: 2 });
  });
});
