/** Booking visits: defaults, working hours, time off, capacity, rescheduling, cancelling, check-in and check-out. */
import { randomUUID } from 'node:crypto';
import { toGlobalId, uuidOf } from '../../src/graphql/global-id';
import { Client, TestTenant, dataOf, useHarness } from '../support/harness';
import { Row } from '../support/crm-operations';
import { WORK_ORDER_OPS, createAccount, createWorkOrder, workOrderOk } from './work-order-helpers';
import { APPOINTMENT_OPS, MONDAY, TUESDAY, appointmentMutation, appointmentOk, appointmentRefused, at, seeder } from './appointment-helpers';

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

const newOrder = (overrides: Record<string, unknown> = {}) => createWorkOrder(admin, { accountId: account.id, ...overrides });
const schedule = (order: Row, technician: { id: string }, start: string, extra: Record<string, unknown> = {}) =>
  appointmentOk(admin, APPOINTMENT_OPS.schedule, { workOrderId: order.id, technicianId: technician.id, start, ...extra });
const refusedSchedule = (order: Row, technician: { id: string }, start: string, extra: Record<string, unknown> = {}) =>
  appointmentRefused(admin, APPOINTMENT_OPS.schedule, { workOrderId: order.id, technicianId: technician.id, start, ...extra });
const WORK_ORDER_VISIT = `query($id: ID!) { workOrder(id: $id) { status version completionNotes signatureName appointment { id status } appointments { id status cancelReason } } }`;
const workOrderOf = async (id: string, client = admin) => dataOf(await client.request(WORK_ORDER_VISIT, { id })).workOrder;

test('a booking lasts the work order’s duration, promises a two-hour arrival window and schedules the order', async () => {
  const technician = await seed.technician();
  const order = await newOrder({ durationMinutes: 90 });
  const appointment = await schedule(order, technician, at(MONDAY, '09:30'));
  expect(appointment).toMatchObject({
    status: 'SCHEDULED',
    scheduledStart: at(MONDAY, '09:30'),
    scheduledEnd: at(MONDAY, '11:00'),
    arrivalWindowStart: at(MONDAY, '09:30'),
    arrivalWindowEnd: at(MONDAY, '11:30'),
    checkedInAt: null,
    checkedOutAt: null,
    cancelReason: null,
    version: 1,
    workOrder: { id: order.id, status: 'SCHEDULED' },
    history: [{ event: 'SCHEDULED', scheduledStart: at(MONDAY, '09:30'), scheduledEnd: at(MONDAY, '11:00'), previousScheduledStart: null, reason: null, actorKind: 'api_key' }],
  });
  const read = await workOrderOf(order.id);
  expect(read).toMatchObject({ status: 'SCHEDULED', appointment: { id: appointment.id, status: 'SCHEDULED' }, appointments: [{ id: appointment.id }] });
  // A work order that is no longer NEW takes no second booking.
  expect(await refusedSchedule(order, technician, at(TUESDAY, '09:00'))).toEqual(['INVALID_STATE']);
});

test('an explicit end and arrival window are kept; impossible times are refused', async () => {
  const technician = await seed.technician();
  const order = await newOrder();
  expect(await refusedSchedule(order, technician, at(MONDAY, '10:00'), { end: at(MONDAY, '09:00') })).toEqual(['OUT_OF_RANGE']);
  expect(await refusedSchedule(order, technician, at(MONDAY, '10:00'), { arrivalWindowStart: at(MONDAY, '10:30'), arrivalWindowEnd: at(MONDAY, '12:00') })).toEqual(['INVALID']);
  expect(await refusedSchedule(order, technician, at(MONDAY, '10:00'), { arrivalWindowStart: at(MONDAY, '09:00'), arrivalWindowEnd: at(MONDAY, '08:00') })).toEqual(['INVALID']);
  const appointment = await schedule(order, technician, at(MONDAY, '10:00'), { end: at(MONDAY, '10:45'), arrivalWindowStart: at(MONDAY, '09:00'), arrivalWindowEnd: at(MONDAY, '12:00') });
  expect(appointment).toMatchObject({ scheduledEnd: at(MONDAY, '10:45'), arrivalWindowStart: at(MONDAY, '09:00'), arrivalWindowEnd: at(MONDAY, '12:00') });
});

test('bad references: malformed IDs are INVALID, unknown ones NOT_FOUND, an inactive technician INVALID; nothing is written', async () => {
  const order = await newOrder();
  const inactive = await seed.technician({ active: false });
  const payload = await appointmentMutation(admin, APPOINTMENT_OPS.schedule, { workOrderId: 'nope', technicianId: inactive.id, start: at(MONDAY, '10:00') });
  expect(payload.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'workOrderId'] })]);
  expect(await refusedSchedule(order, { id: 'bad' }, at(MONDAY, '10:00'))).toEqual(['INVALID']);
  expect(await refusedSchedule(order, { id: toGlobalId('Technician', randomUUID()) }, at(MONDAY, '10:00'))).toEqual(['NOT_FOUND']);
  expect(await refusedSchedule({ id: toGlobalId('WorkOrder', randomUUID()) }, inactive, at(MONDAY, '10:00'))).toEqual(['NOT_FOUND']);
  expect(await refusedSchedule(order, inactive, at(MONDAY, '10:00'))).toEqual(['INVALID']);
  expect(await seed.count('appointments', 'work_order_id = $1', [uuidOf(order.id, 'WorkOrder')])).toBe(0);
  expect((await workOrderOf(order.id)).status).toBe('NEW');
});

test('without own hours a technician works the workspace’s business hours (Mon–Fri 09:00–17:00)', async () => {
  const technician = await seed.technician();
  const order = await newOrder();
  expect(await refusedSchedule(order, technician, at(MONDAY, '08:30'))).toEqual(['INVALID']);
  expect(await refusedSchedule(order, technician, at(MONDAY, '16:30'))).toEqual(['INVALID']);
  expect(await refusedSchedule(order, technician, at('2030-01-12', '10:00'))).toEqual(['INVALID']);
  expect((await schedule(order, technician, at(MONDAY, '16:00'))).scheduledEnd).toBe(at(MONDAY, '17:00'));
});

test('own working hours are read in the home territory’s time zone', async () => {
  // New York is UTC−5 in January: 08:00–12:00 local is 13:00–17:00 UTC, Mondays only.
  const territory = await seed.territory('East coast', 'America/New_York');
  const technician = await seed.technician({ homeTerritoryId: territory, hours: [{ weekday: 1, start: '08:00', end: '12:00' }] });
  const order = await newOrder();
  expect(await refusedSchedule(order, technician, at(MONDAY, '09:00'))).toEqual(['INVALID']);
  expect(await refusedSchedule(order, technician, at(MONDAY, '16:30'))).toEqual(['INVALID']);
  expect(await refusedSchedule(order, technician, at(TUESDAY, '14:00'))).toEqual(['INVALID']);
  expect((await schedule(order, technician, at(MONDAY, '13:00'))).scheduledStart).toBe(at(MONDAY, '13:00'));
});

test('time off and daily capacity refuse a booking with CONFLICT', async () => {
  const technician = await seed.technician({ capacityMinutes: 90 });
  await seed.timeOff(technician.uuid, at(MONDAY, '12:00'), at(MONDAY, '13:00'));
  const [a, b, c] = await Promise.all([newOrder(), newOrder(), newOrder()]);
  expect(await refusedSchedule(a, technician, at(MONDAY, '12:30'))).toEqual(['CONFLICT']);
  expect(await refusedSchedule(a, technician, at(MONDAY, '11:30'))).toEqual(['CONFLICT']);
  await schedule(a, technician, at(MONDAY, '13:00'));
  // 60 booked + 60 more exceeds 90 minutes that day; the next day is a fresh day.
  expect(await refusedSchedule(b, technician, at(MONDAY, '15:00'))).toEqual(['CONFLICT']);
  await schedule(b, technician, at(TUESDAY, '15:00'));
  await schedule(c, technician, at(MONDAY, '15:00'), { end: at(MONDAY, '15:30') });
});

test('rescheduling keeps the previous time and technician in the history; a dispatched order must be sent again', async () => {
  const [first, second] = [await seed.technician(), await seed.technician()];
  const order = await newOrder();
  const booked = await schedule(order, first, at(MONDAY, '09:00'));
  await workOrderOk(admin, WORK_ORDER_OPS.dispatch, { id: order.id });
  expect(await appointmentRefused(admin, APPOINTMENT_OPS.reschedule, { id: booked.id, start: at(MONDAY, '11:00'), reason: 'Later', expectedVersion: 7 })).toEqual(['CONFLICT']);
  expect(await appointmentRefused(admin, APPOINTMENT_OPS.reschedule, { id: booked.id, start: at(MONDAY, '11:00'), reason: '' })).toEqual(['REQUIRED']);
  expect(await appointmentRefused(admin, APPOINTMENT_OPS.reschedule, { id: booked.id, start: at(MONDAY, '07:00'), reason: 'Early' })).toEqual(['INVALID']);
  const moved = await appointmentOk(admin, APPOINTMENT_OPS.reschedule, { id: booked.id, start: at(TUESDAY, '11:00'), technicianId: second.id, reason: 'Customer asked', expectedVersion: 1 });
  expect(moved).toMatchObject({ status: 'SCHEDULED', scheduledStart: at(TUESDAY, '11:00'), scheduledEnd: at(TUESDAY, '12:00'), version: 2, workOrder: { status: 'SCHEDULED' } });
  expect(moved.history).toEqual([
    expect.objectContaining({ event: 'SCHEDULED', scheduledStart: at(MONDAY, '09:00') }),
    expect.objectContaining({
      event: 'RESCHEDULED',
      scheduledStart: at(TUESDAY, '11:00'),
      scheduledEnd: at(TUESDAY, '12:00'),
      previousScheduledStart: at(MONDAY, '09:00'),
      previousScheduledEnd: at(MONDAY, '10:00'),
      reason: 'Customer asked',
    }),
  ]);
  expect(moved.technician.id).toBe(second.id);
  expect(moved.history[1]).toMatchObject({ technician: { id: second.id }, previousTechnician: { id: first.id } });
  // The first technician's Monday morning is free again.
  await schedule(await newOrder(), first, at(MONDAY, '09:00'));
});

test('cancelling frees the time, keeps the reason and history, and returns the order to NEW', async () => {
  const technician = await seed.technician();
  const order = await newOrder();
  const booked = await schedule(order, technician, at(TUESDAY, '09:00'));
  const cancelled = await appointmentOk(admin, APPOINTMENT_OPS.cancel, { id: booked.id, reason: 'Part not in stock' });
  expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelReason: 'Part not in stock', version: 2, workOrder: { status: 'NEW' } });
  expect(cancelled.history.map((h: Row) => [h.event, h.reason])).toEqual([
    ['SCHEDULED', null],
    ['CANCELLED', 'Part not in stock'],
  ]);
  expect(await appointmentRefused(admin, APPOINTMENT_OPS.cancel, { id: booked.id, reason: 'Again' })).toEqual(['INVALID_STATE']);
  expect(await appointmentRefused(admin, APPOINTMENT_OPS.reschedule, { id: booked.id, start: at(TUESDAY, '10:00'), reason: 'Revive' })).toEqual(['INVALID_STATE']);
  // The order can be booked again: it has a live appointment and the cancelled one in its list.
  const again = await schedule(order, technician, at(TUESDAY, '09:00'));
  const read = await workOrderOf(order.id);
  expect(read.appointment.id).toBe(again.id);
  expect(read.appointments.map((a: Row) => a.status)).toEqual(['CANCELLED', 'SCHEDULED']);
});

test('check-in needs a dispatched order and the assigned technician; check-out records the outcome on the order', async () => {
  const technician = await seed.technician();
  const other = await seed.technician();
  const mine = (await harness.keyFor(workspace.tenant, { role: 'technician', userId: technician.userId })).client;
  const theirs = (await harness.keyFor(workspace.tenant, { role: 'technician', userId: other.userId })).client;
  const order = await newOrder();
  const booked = await schedule(order, technician, at(MONDAY, '14:00'));
  expect(await appointmentRefused(mine, APPOINTMENT_OPS.checkIn, { appointmentId: booked.id })).toEqual(['INVALID_STATE']);
  await workOrderOk(admin, WORK_ORDER_OPS.dispatch, { id: order.id });
  expect(await appointmentRefused(mine, APPOINTMENT_OPS.checkOut, { appointmentId: booked.id, outcome: 'COMPLETED' })).toEqual(['INVALID_STATE']);
  // Another technician does not even see the visit.
  expect(await appointmentRefused(theirs, APPOINTMENT_OPS.checkIn, { appointmentId: booked.id })).toEqual(['NOT_FOUND']);
  const checkedIn = await appointmentOk(mine, APPOINTMENT_OPS.checkIn, { appointmentId: booked.id });
  expect(checkedIn).toMatchObject({ status: 'CHECKED_IN', checkedOutAt: null, workOrder: { status: 'IN_PROGRESS' } });
  expect(Math.abs(Date.parse(checkedIn.checkedInAt) - Date.now())).toBeLessThan(60_000);
  expect(await appointmentRefused(mine, APPOINTMENT_OPS.cancel, { id: booked.id, reason: 'Too late' })).toEqual(['INVALID_STATE']);
  const done = await appointmentOk(mine, APPOINTMENT_OPS.checkOut, { appointmentId: booked.id, outcome: 'COMPLETED', completionNotes: 'Replaced the pump', signatureName: 'Jo Smith' });
  expect(done).toMatchObject({ status: 'COMPLETED', workOrder: { status: 'COMPLETED' } });
  expect(Date.parse(done.checkedOutAt)).toBeGreaterThanOrEqual(Date.parse(checkedIn.checkedInAt));
  expect(done.history.map((h: Row) => h.event)).toEqual(['SCHEDULED', 'CHECKED_IN', 'CHECKED_OUT']);
  expect(await workOrderOf(order.id)).toMatchObject({ status: 'COMPLETED', completionNotes: 'Replaced the pump', signatureName: 'Jo Smith' });
  expect(await appointmentRefused(mine, APPOINTMENT_OPS.checkOut, { appointmentId: booked.id, outcome: 'COMPLETED' })).toEqual(['INVALID_STATE']);
});

test('a dispatcher may check in for the technician; CANNOT_COMPLETE ends the order so', async () => {
  const technician = await seed.technician();
  const dispatcherUser = await harness.addUser(workspace.tenant, { role: 'dispatcher' });
  const dispatcher = (await harness.keyFor(workspace.tenant, { role: 'dispatcher', userId: dispatcherUser.uuid })).client;
  const order = await newOrder();
  const booked = await appointmentOk(dispatcher, APPOINTMENT_OPS.schedule, { workOrderId: order.id, technicianId: technician.id, start: at(TUESDAY, '14:00') });
  await workOrderOk(dispatcher, WORK_ORDER_OPS.dispatch, { id: order.id });
  await appointmentOk(dispatcher, APPOINTMENT_OPS.checkIn, { appointmentId: booked.id });
  const out = await appointmentOk(dispatcher, APPOINTMENT_OPS.checkOut, { appointmentId: booked.id, outcome: 'CANNOT_COMPLETE', completionNotes: 'Needs a new board' });
  expect(out).toMatchObject({ status: 'COMPLETED', workOrder: { status: 'CANNOT_COMPLETE' } });
  expect(out.history.at(-1)).toMatchObject({ event: 'CHECKED_OUT', reason: 'CANNOT_COMPLETE', actorKind: 'api_key' });
});

test('roles without update on work orders cannot book', async () => {
  const technician = await seed.technician();
  const order = await newOrder();
  const analyst = (await harness.keyFor(workspace.tenant, { role: 'analyst' })).client;
  const response = await analyst.request(APPOINTMENT_OPS.schedule, { input: { workOrderId: order.id, technicianId: technician.id, start: at(MONDAY, '09:00') } });
  expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect(await seed.count('appointments', 'work_order_id = $1', [uuidOf(order.id, 'WorkOrder')])).toBe(0);
});
