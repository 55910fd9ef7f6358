/** The technician's day: their own live visits with the work orders, nobody else's. */
import { Client, TestTenant, dataOf, errorCodes, useHarness } from '../support/harness';
import { Row } from '../support/crm-operations';
import { createAccount, createWorkOrder } from './work-order-helpers';
import { APPOINTMENT_OPS, MONDAY, TUESDAY, appointmentOk, at, seeder } from './appointment-helpers';

const harness = useHarness({ maxQueryCost: 20_000, rateLimitStore: 'off' });
let workspace: TestTenant;
let admin: Client;
let account: Row;
let seed: ReturnType<typeof seeder>;

const MINE = `query($from: DateTime!, $to: DateTime!) { myAppointments(from: $from, to: $to) {
  id status scheduledStart technician { id } workOrder { id number subject status accountName } } }`;
const WEEK = { from: at(MONDAY, '00:00'), to: at('2030-01-12', '00:00') };

beforeAll(async () => {
  workspace = await harness.createTenant();
  admin = workspace.client;
  account = await createAccount(admin, { name: 'Acme' });
  seed = seeder(harness, workspace.tenant);
});

async function book(technician: { id: string }, start: string, subject = 'Repair'): Promise<Row> {
  const order = await createWorkOrder(admin, { accountId: account.id, subject });
  return appointmentOk(admin, APPOINTMENT_OPS.schedule, { workOrderId: order.id, technicianId: technician.id, start });
}

const clientOf = async (userId: string, role = 'technician') => (await harness.keyFor(workspace.tenant, { role, userId })).client;

test('a technician sees their own live visits in the range, earliest first, with the work orders', async () => {
  const me = await seed.technician();
  const colleague = await seed.technician();
  const tuesday = await book(me, at(TUESDAY, '09:00'), 'Boiler');
  const monday = await book(me, at(MONDAY, '14:00'), 'Pump');
  const cancelled = await book(me, at(MONDAY, '09:00'));
  await appointmentOk(admin, APPOINTMENT_OPS.cancel, { id: cancelled.id, reason: 'Moved to another week' });
  await book(colleague, at(MONDAY, '10:00'));
  const client = await clientOf(me.userId);
  const visits = dataOf(await client.request(MINE, WEEK)).myAppointments;
  expect(visits.map((v: Row) => v.id)).toEqual([monday.id, tuesday.id]);
  expect(visits[0]).toMatchObject({ status: 'SCHEDULED', scheduledStart: at(MONDAY, '14:00'), technician: { id: me.id }, workOrder: { subject: 'Pump', status: 'SCHEDULED', accountName: 'Acme' } });
  // The range is half-open on the visits: one ending at `from` is outside.
  const later = dataOf(await client.request(MINE, { from: at(MONDAY, '15:00'), to: at(TUESDAY, '09:00') })).myAppointments;
  expect(later).toEqual([]);
  const tuesdayOnly = dataOf(await client.request(MINE, { from: at(MONDAY, '15:00'), to: at(TUESDAY, '09:01') })).myAppointments;
  expect(tuesdayOnly.map((v: Row) => v.id)).toEqual([tuesday.id]);
  // The colleague's visit stays invisible to me, even by ID.
  const theirs = dataOf(await (await clientOf(colleague.userId)).request(MINE, WEEK)).myAppointments;
  expect(theirs).toHaveLength(1);
  const byId = await client.request('query($id: ID!) { node(id: $id) { id } }', { id: theirs[0].id });
  expect(errorCodes(byId)).toEqual(['NOT_FOUND']);
});

test('a user who is no technician has no appointments; the range is bounded', async () => {
  const rep = await harness.addUser(workspace.tenant, { role: 'sales_rep' });
  const client = await clientOf(rep.uuid, 'sales_rep');
  expect(dataOf(await client.request(MINE, WEEK)).myAppointments).toEqual([]);
  expect(errorCodes(await client.request(MINE, { from: at(MONDAY, '00:00'), to: at('2030-06-01', '00:00') }))).toEqual(['BAD_USER_INPUT']);
  expect(errorCodes(await client.request(MINE, { from: at(TUESDAY, '00:00'), to: at(MONDAY, '00:00') }))).toEqual(['BAD_USER_INPUT']);
});

test('the statements do not grow with the number of visits', async () => {
  const busy = await seed.technician();
  const quiet = await seed.technician();
  for (const time of ['09:00', '10:00', '11:00', '13:00']) await book(busy, at('2030-01-09', time));
  await book(quiet, at('2030-01-09', '09:00'));
  const day = { from: at('2030-01-09', '00:00'), to: at('2030-01-10', '00:00') };
  const many = await (await clientOf(busy.userId)).request(MINE, day);
  const one = await (await clientOf(quiet.userId)).request(MINE, day);
  expect(dataOf(many).myAppointments).toHaveLength(4);
  expect(dataOf(one).myAppointments).toHaveLength(1);
  expect(typeof one.extensions?.sqlStatements).toBe('number');
  expect(many.extensions?.sqlStatements).toBe(one.extensions?.sqlStatements);
});
