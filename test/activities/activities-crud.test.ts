/** Creating, changing, completing, deleting and restoring activities; their links, times and occurredAt. */
import { tenantSql } from '../access/access-helpers';
import { createAccount, createContact } from '../support/crm-operations';
import { Client, TestTenant, dataOf, errorCodes, useHarness } from '../support/harness';
import { toGlobalId, uuidOf } from '../../src/graphql/global-id';
import { randomUUID } from 'node:crypto';
import {
  COMPLETE_ACTIVITY,
  CREATE_ACTIVITY,
  DELETE_ACTIVITY,
  GET_ACTIVITY,
  LIST_ACTIVITIES,
  RESTORE_ACTIVITY,
  Row,
  UPDATE_ACTIVITY,
  createActivity,
  listData,
  mutate,
  refusals,
} from './activity-helpers';

const harness = useHarness();
let workspace: TestTenant;
let client: Client;
let acme: Row;
let globex: Row;
let jane: Row;
let loner: Row;

const T1 = '2030-01-10T09:00:00.000Z';
const T2 = '2030-01-10T10:00:00.000Z';

beforeAll(async () => {
  workspace = await harness.createTenant();
  client = workspace.client;
  acme = await createAccount(client, { name: 'Acme' });
  globex = await createAccount(client, { name: 'Globex' });
  jane = await createContact(client, { lastName: 'Jane', accountId: acme.id });
  loner = await createContact(client, { lastName: 'Loner' });
});

const lastActivityAt = async (contactId: string): Promise<Date> =>
  (await tenantSql(harness, workspace, 'SELECT last_activity_at AS at FROM contacts WHERE id = $1', [uuidOf(contactId, 'Contact')]))[0].at;

describe('createActivity', () => {
  test('a call with a contact takes the contact’s account, and its start as occurredAt', async () => {
    const call = await createActivity(client, { kind: 'CALL', subject: 'Intro call', body: 'Talked about pricing', contactId: jane.id, startsAt: T1, endsAt: T2 });
    expect(call).toMatchObject({ kind: 'CALL', subject: 'Intro call', body: 'Talked about pricing', account: { id: acme.id }, contact: { id: jane.id }, occurredAt: T1, completed: false, version: 1 });
    expect(dataOf(await client.request(GET_ACTIVITY, { id: call.id })).activity).toEqual(call);
  });

  test('an open task is placed at its due time, a note at its creation', async () => {
    const task = await createActivity(client, { kind: 'TASK', subject: 'Send quote', accountId: acme.id, dueAt: T2 });
    expect(task.occurredAt).toBe(T2);
    const note = await createActivity(client, { kind: 'NOTE', subject: 'Prefers e-mail', accountId: acme.id });
    expect(note.occurredAt).toBe(note.createdAt);
    const undated = await createActivity(client, { kind: 'TASK', subject: 'Someday', accountId: acme.id });
    expect(undated.occurredAt).toBe(undated.createdAt);
  });

  test('a task created completed is placed at its completion', async () => {
    const before = Date.now();
    const done = await createActivity(client, { kind: 'TASK', subject: 'Done already', accountId: acme.id, dueAt: T1, completed: true });
    expect(done.completed).toBe(true);
    expect(done.occurredAt).toBe(done.completedAt);
    expect(Date.parse(done.completedAt)).toBeGreaterThanOrEqual(before - 1000);
  });

  test.each([
    ['no link at all', { kind: 'NOTE', subject: 'x' }, [[['input'], 'REQUIRED']]],
    ['a contact of another account', { kind: 'NOTE', subject: 'x', accountId: 'GLOBEX', contactId: 'JANE' }, [[['input', 'contactId'], 'INVALID']]],
    ['a contact without an account with an account', { kind: 'NOTE', subject: 'x', accountId: 'ACME', contactId: 'LONER' }, [[['input', 'contactId'], 'INVALID']]],
    ['an end before the start', { kind: 'MEETING', subject: 'x', accountId: 'ACME', startsAt: T2, endsAt: T1 }, [[['input', 'endsAt'], 'INVALID']]],
    ['an end without a start', { kind: 'MEETING', subject: 'x', accountId: 'ACME', endsAt: T1 }, [[['input', 'startsAt'], 'REQUIRED']]],
    ['a due time on a meeting', { kind: 'MEETING', subject: 'x', accountId: 'ACME', dueAt: T1 }, [[['input', 'dueAt'], 'INVALID']]],
    ['a start on a note', { kind: 'NOTE', subject: 'x', accountId: 'ACME', startsAt: T1 }, [[['input', 'startsAt'], 'INVALID']]],
    ['an empty subject', { kind: 'NOTE', subject: '', accountId: 'ACME' }, [[['input', 'subject'], 'REQUIRED']]],
    ['an unknown account', { kind: 'NOTE', subject: 'x', accountId: 'MISSING' }, [[['input', 'accountId'], 'NOT_FOUND']]],
    ['a contact ID given as account', { kind: 'NOTE', subject: 'x', accountId: 'JANE' }, [[['input', 'accountId'], 'INVALID']]],
  ])('refuses %s and writes nothing', async (_label, raw, expected) => {
    // Placeholders for records made in beforeAll.
    const ids: Row = { ACME: acme.id, GLOBEX: globex.id, JANE: jane.id, LONER: loner.id, MISSING: toGlobalId('Account', randomUUID()) };
    const input = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, ids[v as string] ?? v]));
    const count = async () => (await tenantSql(harness, workspace, 'SELECT count(*)::int AS n FROM activities'))[0].n;
    const before = await count();
    const payload = await mutate(client, CREATE_ACTIVITY, input);
    expect({ activity: payload.activity, errors: refusals(payload) }).toEqual({ activity: null, errors: expected });
    expect(await count()).toBe(before);
  });

  test('a retry with the same idempotency key returns the first activity', async () => {
    const input = { kind: 'NOTE', subject: 'Once', accountId: acme.id, idempotencyKey: `k-${randomUUID()}` };
    const first = await createActivity(client, input);
    const again = await createActivity(client, input);
    expect(again.id).toBe(first.id);
  });

  test('linking a contact bumps its last_activity_at in the same transaction; a refused create does not', async () => {
    await tenantSql(harness, workspace, `UPDATE contacts SET last_activity_at = now() - interval '2 years'`);
    const old = await lastActivityAt(jane.id);
    const refused = await mutate(client, CREATE_ACTIVITY, { kind: 'MEETING', subject: 'x', contactId: jane.id, startsAt: T2, endsAt: T1 });
    expect(refusals(refused)).toEqual([[['input', 'endsAt'], 'INVALID']]);
    expect(await lastActivityAt(jane.id)).toEqual(old);
    await createActivity(client, { kind: 'EMAIL', subject: 'Hello', contactId: jane.id });
    expect(Date.now() - (await lastActivityAt(jane.id)).getTime()).toBeLessThan(60_000);
  });
});

describe('updateActivity and completeActivity', () => {
  test('changing the start moves occurredAt; a stale expectedVersion is a CONFLICT', async () => {
    const meeting = await createActivity(client, { kind: 'MEETING', subject: 'Kick-off', accountId: acme.id, startsAt: T1 });
    const moved = await mutate(client, UPDATE_ACTIVITY, { id: meeting.id, startsAt: T2, expectedVersion: 1 });
    expect(moved.userErrors).toEqual([]);
    expect(moved.activity).toMatchObject({ startsAt: T2, occurredAt: T2, version: 2, subject: 'Kick-off' });
    const stale = await mutate(client, UPDATE_ACTIVITY, { id: meeting.id, subject: 'Lost', expectedVersion: 1 });
    expect(refusals(stale)).toEqual([[['input', 'expectedVersion'], 'CONFLICT']]);
    const shorter = await mutate(client, UPDATE_ACTIVITY, { id: meeting.id, endsAt: T1 });
    expect(refusals(shorter)).toEqual([[['input', 'endsAt'], 'INVALID']]);
  });

  test('completing a task moves it to its completion; completing twice is INVALID_STATE; reopening returns it to its due time', async () => {
    const task = await createActivity(client, { kind: 'TASK', subject: 'Follow up', contactId: jane.id, dueAt: T1 });
    await tenantSql(harness, workspace, `UPDATE contacts SET last_activity_at = now() - interval '2 years'`);
    const done = await mutate(client, COMPLETE_ACTIVITY, { id: task.id });
    expect(done.userErrors).toEqual([]);
    expect(done.activity).toMatchObject({ completed: true, version: 2 });
    expect(done.activity.occurredAt).toBe(done.activity.completedAt);
    expect(Date.now() - (await lastActivityAt(jane.id)).getTime()).toBeLessThan(60_000);
    expect(refusals(await mutate(client, COMPLETE_ACTIVITY, { id: task.id }))).toEqual([[['input', 'id'], 'INVALID_STATE']]);
    const reopened = await mutate(client, UPDATE_ACTIVITY, { id: task.id, completed: false });
    expect(reopened.activity).toMatchObject({ completed: false, completedAt: null, occurredAt: T1, version: 3 });
  });

  test('changing the contact moves the account with it; removing every link is refused', async () => {
    const globexPerson = await createContact(client, { lastName: 'Gus', accountId: globex.id });
    const call = await createActivity(client, { kind: 'CALL', subject: 'Call', contactId: jane.id });
    const moved = await mutate(client, UPDATE_ACTIVITY, { id: call.id, contactId: globexPerson.id });
    expect(moved.activity).toMatchObject({ contact: { id: globexPerson.id }, account: { id: globex.id } });
    const mismatch = await mutate(client, UPDATE_ACTIVITY, { id: call.id, accountId: acme.id });
    expect(refusals(mismatch)).toEqual([[['input', 'contactId'], 'INVALID']]);
    const bare = await mutate(client, UPDATE_ACTIVITY, { id: call.id, contactId: null, accountId: null });
    expect(refusals(bare)).toEqual([[['input'], 'REQUIRED']]);
  });
});

describe('deleteActivity and restoreActivity', () => {
  test('a deleted activity leaves lists for the recycle bin and comes back', async () => {
    const note = await createActivity(client, { kind: 'NOTE', subject: 'Bin me', accountId: globex.id });
    const deleted = await mutate(client, DELETE_ACTIVITY, { id: note.id });
    expect(deleted.activity.deletedAt).not.toBeNull();
    expect(errorCodes(await client.request(GET_ACTIVITY, { id: note.id }))).toEqual(['NOT_FOUND']);
    const where = { subject: { eq: 'Bin me' } };
    expect(listData(await client.request(LIST_ACTIVITIES, { where })).totalCount).toBe(0);
    expect(listData(await client.request(LIST_ACTIVITIES, { where, inRecycleBin: true })).totalCount).toBe(1);
    const restored = await mutate(client, RESTORE_ACTIVITY, { id: note.id });
    expect(restored.activity).toMatchObject({ id: note.id, deletedAt: null });
    expect(listData(await client.request(LIST_ACTIVITIES, { where })).nodes).toEqual([expect.objectContaining({ id: note.id })]);
  });

  test('node(id) resolves an activity', async () => {
    const note = await createActivity(client, { kind: 'NOTE', subject: 'Node', accountId: globex.id });
    const { node } = dataOf(await client.request(`query($id: ID!) { node(id: $id) { __typename id ... on Activity { subject } } }`, { id: note.id }));
    expect(node).toEqual({ __typename: 'Activity', id: note.id, subject: 'Node' });
  });
});
