/**
 * The work order status mutations against every status: each transition the machine allows
 * succeeds and is recorded, every other one is INVALID_STATE and writes nothing.
 */
import { uuidOf } from '../../src/graphql/global-id';
import { ERASE, EXPORT } from '../privacy/privacy-helpers';
import { createContact } from '../service/case-helpers';
import { Row, createAccount } from '../support/crm-operations';
import { Client, TestTenant, TestUser, dataOf, useHarness } from '../support/harness';
import { GET_WORK_ORDER, TenantSql, WORK_ORDER_OPS, assignInSql, createWorkOrder, mutateWorkOrder, setStatusInSql, tenantSql, workOrderOk } from './work-order-helpers';

const harness = useHarness({ rateLimitStore: 'off' });
let workspace: TestTenant;
let admin: Client;
let sql: TenantSql;
let account: Row;
let technicianUser: TestUser;

beforeAll(async () => {
  workspace = await harness.createTenant();
  admin = workspace.client;
  sql = tenantSql(harness, workspace);
  account = await createAccount(admin, { name: 'Status customer' });
  technicianUser = await harness.addUser(workspace.tenant, { role: 'technician' });
});

const STATUSES = ['NEW', 'SCHEDULED', 'DISPATCHED', 'IN_PROGRESS', 'COMPLETED', 'CANNOT_COMPLETE', 'CANCELLED'] as const;

const MUTATIONS = {
  dispatch: { op: WORK_ORDER_OPS.dispatch, to: 'DISPATCHED', from: ['SCHEDULED'], input: {} },
  cancel: { op: WORK_ORDER_OPS.cancel, to: 'CANCELLED', from: ['NEW', 'SCHEDULED', 'DISPATCHED'], input: { reason: 'Customer called off' } },
  complete: { op: WORK_ORDER_OPS.complete, to: 'COMPLETED', from: ['IN_PROGRESS'], input: { completionNotes: 'Replaced valve', signatureName: 'Pat Signer' } },
  cannotComplete: { op: WORK_ORDER_OPS.cannotComplete, to: 'CANNOT_COMPLETE', from: ['IN_PROGRESS'], input: { reason: 'Part missing' } },
} as const;

const cases = Object.entries(MUTATIONS).flatMap(([name, m]) => STATUSES.map((from) => [name, from, (m.from as readonly string[]).includes(from)] as const));

/** A work order in the status (with a live appointment for the statuses that have one). */
async function orderIn(status: string): Promise<Row> {
  const order = await createWorkOrder(admin, { accountId: account.id });
  if (['SCHEDULED', 'DISPATCHED', 'IN_PROGRESS'].includes(status)) await assignInSql(sql, order.id, technicianUser.uuid, status);
  else await setStatusInSql(sql, order.id, status);
  return dataOf(await admin.request(GET_WORK_ORDER, { id: order.id })).workOrder;
}

test.each(cases)('%s from %s: allowed %s', async (name, from, allowed) => {
  const mutation = MUTATIONS[name as keyof typeof MUTATIONS];
  const order = await orderIn(from);
  const payload = await mutateWorkOrder(admin, mutation.op, { id: order.id, ...mutation.input });
  const after = dataOf(await admin.request(GET_WORK_ORDER, { id: order.id })).workOrder;
  if (allowed) {
    expect(payload.userErrors).toEqual([]);
    expect(payload.workOrder).toMatchObject({ status: mutation.to, version: order.version + 1 });
    const reason = 'reason' in mutation.input ? mutation.input.reason : null;
    expect(after.statusHistory.at(-1)).toMatchObject({ from, to: mutation.to, reason, actorKind: 'api_key' });
  } else {
    expect(payload).toMatchObject({ workOrder: null, userErrors: [{ code: 'INVALID_STATE', field: ['input', 'id'] }] });
    expect(after).toEqual(order);
  }
});

test('completing records the notes, the signer and the time', async () => {
  const order = await orderIn('IN_PROGRESS');
  const done = await workOrderOk(admin, WORK_ORDER_OPS.complete, { id: order.id, completionNotes: 'All good', signatureName: 'Pat Signer' });
  expect(done).toMatchObject({ status: 'COMPLETED', completionNotes: 'All good', signatureName: 'Pat Signer' });
  expect(Date.now() - new Date(done.completedAt).getTime()).toBeLessThan(60_000);
});

test('cancelling cancels the live appointment and records it in the appointment’s history', async () => {
  const order = await createWorkOrder(admin, { accountId: account.id });
  const appointmentId = await assignInSql(sql, order.id, technicianUser.uuid, 'DISPATCHED');
  await workOrderOk(admin, WORK_ORDER_OPS.cancel, { id: order.id, reason: 'No access to site' });
  const [appointment] = await sql.query('SELECT status, cancel_reason FROM appointments WHERE id = $1', [appointmentId]);
  expect(appointment).toEqual({ status: 'CANCELLED', cancel_reason: 'No access to site' });
  const history = await sql.query('SELECT event, reason, actor_kind FROM appointment_history WHERE appointment_id = $1', [appointmentId]);
  expect(history).toEqual([{ event: 'CANCELLED', reason: 'No access to site', actor_kind: 'api_key' }]);
});

test('a stale expected version is a CONFLICT and changes nothing', async () => {
  const order = await orderIn('SCHEDULED');
  const payload = await mutateWorkOrder(admin, WORK_ORDER_OPS.dispatch, { id: order.id, expectedVersion: order.version - 1 });
  expect(payload).toMatchObject({ workOrder: null, userErrors: [{ code: 'CONFLICT' }] });
  expect(dataOf(await admin.request(GET_WORK_ORDER, { id: order.id })).workOrder.status).toBe('SCHEDULED');
});

test('a reason is required to cancel', async () => {
  const order = await orderIn('NEW');
  const payload = await mutateWorkOrder(admin, WORK_ORDER_OPS.cancel, { id: order.id, reason: '' });
  expect(payload).toMatchObject({ workOrder: null, userErrors: [{ code: 'REQUIRED', field: ['input', 'reason'] }] });
});

test('the signer’s name is the site contact’s personal data: exported with them and erased with them', async () => {
  const contact = await createContact(admin, account.id, 'Signer');
  const order = await createWorkOrder(admin, { accountId: account.id, siteContactId: contact.id });
  await assignInSql(sql, order.id, technicianUser.uuid, 'IN_PROGRESS');
  await workOrderOk(admin, WORK_ORDER_OPS.complete, { id: order.id, signatureName: 'Robin Signer' });
  const exported = dataOf(await admin.request(EXPORT, { input: { subject: { contactId: contact.id } } })).exportPersonalData;
  expect(exported.userErrors).toEqual([]);
  expect(JSON.stringify(exported.document.workOrders)).toContain('Robin Signer');
  expect(dataOf(await admin.request(ERASE, { input: { subject: { contactId: contact.id } } })).erasePersonalData.userErrors).toEqual([]);
  const [row] = await sql.query('SELECT signature_name FROM work_orders WHERE id = $1', [uuidOf(order.id, 'WorkOrder')]);
  expect(row).toEqual({ signature_name: null });
});
