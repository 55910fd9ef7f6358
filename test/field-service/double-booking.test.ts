/** No technician is ever double-booked: the database decides between concurrent dispatchers. */
import { uuidOf } from '../../src/graphql/global-id';
import { Client, TestTenant, useHarness } from '../support/harness';
import { Row } from '../support/crm-operations';
import { createAccount, createWorkOrder } from './work-order-helpers';
import { APPOINTMENT_OPS, MONDAY, appointmentMutation, appointmentOk, appointmentRefused, at, seeder } from './appointment-helpers';

const harness = useHarness({ maxQueryCost: 20_000, rateLimitStore: 'off' });
let workspace: TestTenant;
let admin: Client;
let seed: ReturnType<typeof seeder>;
let account: Row;

beforeAll(async () => {
  workspace = await harness.createTenant();
  admin = workspace.client;
  seed = seeder(harness, workspace.tenant);
  account = await createAccount(admin, { name: 'Acme' });
});

const newOrder = () => createWorkOrder(admin, { accountId: account.id });

test('20 concurrent bookings of one technician at overlapping times: exactly one wins, 19 get CONFLICT', async () => {
  const technician = await seed.technician();
  const orders = await Promise.all(Array.from({ length: 20 }, newOrder));
  // Starts 10:00, 10:05, … 11:35, each an hour long: every pair overlaps the 10:00–11:00 booking or its neighbours.
  const payloads = await Promise.all(
    orders.map((order, i) =>
      appointmentMutation(admin, APPOINTMENT_OPS.schedule, {
        workOrderId: order.id,
        technicianId: technician.id,
        start: new Date(Date.parse(at(MONDAY, '10:00')) + (i % 2) * 5 * 60_000).toISOString(),
      }),
    ),
  );
  const winners = payloads.filter((p) => p.userErrors.length === 0);
  const losers = payloads.filter((p) => p.userErrors.length > 0);
  expect(winners).toHaveLength(1);
  expect(winners[0].appointment).toMatchObject({ status: 'SCHEDULED', workOrder: { status: 'SCHEDULED' } });
  expect(losers).toHaveLength(19);
  for (const loser of losers) {
    expect(loser.appointment).toBeNull();
    expect(loser.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT', field: ['input', 'start'] })]);
  }
  // Nothing of the losers was written: one appointment, one history row, and the other orders still NEW.
  expect(await seed.count('appointments', 'technician_id = $1', [technician.uuid])).toBe(1);
  expect(winners[0].appointment!.history).toHaveLength(1);
  expect(await seed.count('appointment_history', 'technician_id = $1', [technician.uuid])).toBe(1);
  const statuses = await harness.dataSource.query(`SELECT status, count(*)::int AS n FROM "${workspace.tenant.schemaName}".work_orders WHERE id = ANY($1) GROUP BY status ORDER BY status`, [
    orders.map((o) => uuidOf(o.id, 'WorkOrder')),
  ]);
  expect(statuses).toEqual([
    { status: 'NEW', n: 19 },
    { status: 'SCHEDULED', n: 1 },
  ]);
});

test('back-to-back visits (end = next start) are allowed; one minute of overlap is not', async () => {
  const technician = await seed.technician();
  const [first, second, third] = await Promise.all([newOrder(), newOrder(), newOrder()]);
  await appointmentOk(admin, APPOINTMENT_OPS.schedule, { workOrderId: first.id, technicianId: technician.id, start: at(MONDAY, '09:00'), end: at(MONDAY, '10:00') });
  const next = await appointmentOk(admin, APPOINTMENT_OPS.schedule, { workOrderId: second.id, technicianId: technician.id, start: at(MONDAY, '10:00'), end: at(MONDAY, '11:00') });
  expect(next.scheduledStart).toBe(at(MONDAY, '10:00'));
  expect(await appointmentRefused(admin, APPOINTMENT_OPS.schedule, { workOrderId: third.id, technicianId: technician.id, start: at(MONDAY, '10:59'), end: at(MONDAY, '12:00') })).toEqual(['CONFLICT']);
});

test('another technician can take the same time, and a cancelled appointment frees its time', async () => {
  const [one, two] = [await seed.technician(), await seed.technician()];
  const [a, b, c] = await Promise.all([newOrder(), newOrder(), newOrder()]);
  const booked = await appointmentOk(admin, APPOINTMENT_OPS.schedule, { workOrderId: a.id, technicianId: one.id, start: at(MONDAY, '13:00') });
  await appointmentOk(admin, APPOINTMENT_OPS.schedule, { workOrderId: b.id, technicianId: two.id, start: at(MONDAY, '13:00') });
  expect(await appointmentRefused(admin, APPOINTMENT_OPS.schedule, { workOrderId: c.id, technicianId: one.id, start: at(MONDAY, '13:30') })).toEqual(['CONFLICT']);
  await appointmentOk(admin, APPOINTMENT_OPS.cancel, { id: booked.id, reason: 'Customer away' });
  const taken = await appointmentOk(admin, APPOINTMENT_OPS.schedule, { workOrderId: c.id, technicianId: one.id, start: at(MONDAY, '13:30') });
  expect(taken.technician.id).toBe(one.id);
});

test('moving an appointment onto another booking of the technician is CONFLICT and leaves it where it was', async () => {
  const technician = await seed.technician();
  const [a, b] = await Promise.all([newOrder(), newOrder()]);
  await appointmentOk(admin, APPOINTMENT_OPS.schedule, { workOrderId: a.id, technicianId: technician.id, start: at(MONDAY, '14:00') });
  const moving = await appointmentOk(admin, APPOINTMENT_OPS.schedule, { workOrderId: b.id, technicianId: technician.id, start: at(MONDAY, '16:00') });
  expect(await appointmentRefused(admin, APPOINTMENT_OPS.reschedule, { id: moving.id, start: at(MONDAY, '14:30'), reason: 'Earlier' })).toEqual(['CONFLICT']);
  const { node } = (await admin.request('query($id: ID!) { node(id: $id) { ... on Appointment { scheduledStart version history { event } } } }', { id: moving.id })).data!;
  expect(node).toEqual({ scheduledStart: at(MONDAY, '16:00'), version: 1, history: [{ event: 'SCHEDULED' }] });
});
