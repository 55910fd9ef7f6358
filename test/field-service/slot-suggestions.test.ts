/** Slot suggestions honour skills, territory, working hours, time off, existing bookings and the due-by. */
import { toGlobalId } from '../../src/graphql/global-id';
import { Client, TestTenant, dataOf, errorCodes, useHarness } from '../support/harness';
import { Row } from '../support/crm-operations';
import { createAccount, createWorkOrder } from './work-order-helpers';
import { APPOINTMENT_OPS, MONDAY, appointmentOk, at, seeder } from './appointment-helpers';

const harness = useHarness({ maxQueryCost: 20_000, rateLimitStore: 'off' });
let workspace: TestTenant;
let admin: Client;
let account: Row;
let workType: string;
let north: string;
let busy: Row;
const tech: Record<string, { id: string; uuid: string }> = {};

const SUGGEST = `query($workOrderId: ID!, $from: DateTime!, $to: DateTime!, $limit: Int) {
  suggestAppointmentSlots(workOrderId: $workOrderId, from: $from, to: $to, limit: $limit) { start end rank bookedMinutesThatDay reasons technician { id } } }`;

/** Who and when, as "NAME@HH:MM" in rank order. */
async function suggested(workOrderId: string, from = at(MONDAY, '09:00'), to = at(MONDAY, '12:00'), limit?: number): Promise<string[]> {
  const slots = dataOf(await admin.request(SUGGEST, { workOrderId, from, to, limit })).suggestAppointmentSlots as Row[];
  const names = new Map(Object.entries(tech).map(([name, t]) => [t.id, name]));
  slots.forEach((slot, i) => expect(slot.rank).toBe(i + 1));
  return slots.map((slot) => `${names.get(slot.technician.id)}@${slot.start.slice(11, 16)}`);
}

beforeAll(async () => {
  workspace = await harness.createTenant();
  admin = workspace.client;
  account = await createAccount(admin, { name: 'Acme' });
  const seed = seeder(harness, workspace.tenant);
  const electrical = await seed.skill('Electrical');
  workType = await seed.workType('Boiler service', 60, [{ skillId: electrical, minLevel: 3 }]);
  north = await seed.territory('North');
  const south = await seed.territory('South');
  const skilled = (level: number) => [{ skillId: electrical, level }];
  // Candidates for a northern order: A (home North) and D (home South, covers North too).
  tech.A = await seed.technician({ homeTerritoryId: north, skills: skilled(4) });
  tech.B = await seed.technician({ homeTerritoryId: north, skills: skilled(2) }); // skill too low
  tech.C = await seed.technician({ homeTerritoryId: south, skills: skilled(5) }); // other territory
  tech.D = await seed.technician({ homeTerritoryId: south, territoryIds: [north], skills: skilled(3), hours: [{ weekday: 1, start: '09:00', end: '12:00' }] });
  tech.E = await seed.technician({ homeTerritoryId: north, skills: skilled(5), active: false }); // inactive
  tech.F = await seed.technician({ homeTerritoryId: north }); // no skill at all
  await seed.timeOff(tech.D.uuid, at(MONDAY, '09:00'), at(MONDAY, '10:30'));
  // A is booked 09:00–10:00; at equal starts, the technician with less booked that day ranks first.
  busy = await createWorkOrder(admin, { accountId: account.id });
  await appointmentOk(admin, APPOINTMENT_OPS.schedule, { workOrderId: busy.id, technicianId: tech.A.id, start: at(MONDAY, '09:00') });
});

const order = (overrides: Record<string, unknown> = {}) =>
  createWorkOrder(admin, { accountId: account.id, workTypeId: toGlobalId('WorkType', workType), territoryId: toGlobalId('Territory', north), durationMinutes: 60, ...overrides });

test('skilled technicians covering the territory, free and working, earliest first, then the less booked', async () => {
  const workOrder = await order();
  // 10:30: D has nothing booked that day, A an hour, so D ranks first.
  expect(await suggested(workOrder.id)).toEqual(['A@10:00', 'D@10:30', 'A@10:30', 'D@11:00', 'A@11:00', 'A@11:30']);
  const [first] = dataOf(await admin.request(SUGGEST, { workOrderId: workOrder.id, from: at(MONDAY, '09:00'), to: at(MONDAY, '12:00'), limit: 1 })).suggestAppointmentSlots;
  expect(first).toMatchObject({ start: at(MONDAY, '10:00'), end: at(MONDAY, '11:00'), rank: 1, bookedMinutesThatDay: 60 });
  expect(first.reasons).toEqual(expect.arrayContaining(['Covers the work order’s territory']));
});

test('visits must end by the due-by and inside working hours', async () => {
  const due = await order({ dueBy: at(MONDAY, '11:30') });
  expect(await suggested(due.id)).toEqual(['A@10:00', 'D@10:30', 'A@10:30']);
  // D works until 12:00 only; A (workspace hours) until 17:00.
  expect(await suggested((await order()).id, at(MONDAY, '11:00'), at(MONDAY, '13:00'))).toEqual(['D@11:00', 'A@11:00', 'A@11:30', 'A@12:00', 'A@12:30']);
});

test('an order without territory is open to every skilled technician; without work type to every active one', async () => {
  const anywhere = await order({ territoryId: null });
  expect(await suggested(anywhere.id, at(MONDAY, '10:00'), at(MONDAY, '10:30'))).toEqual(['C@10:00', 'A@10:00']);
  const plain = await createWorkOrder(admin, { accountId: account.id, durationMinutes: 30 });
  const names = await suggested(plain.id, at(MONDAY, '10:00'), at(MONDAY, '10:30'));
  expect(names.map((n) => n[0]).sort()).toEqual(['A', 'B', 'C', 'F']);
});

test('for an order already booked, its own appointment does not block its technician (moving it)', async () => {
  const names = await suggested(busy.id, at(MONDAY, '09:00'), at(MONDAY, '09:30'));
  expect(names.map((n) => n[0]).sort()).toEqual(['A', 'B', 'C', 'F']);
  expect(names).toContain('A@09:00');
});

test('limit, range and state are checked; the statements do not grow with the candidates', async () => {
  const workOrder = await order();
  expect(await suggested(workOrder.id, at(MONDAY, '09:00'), at(MONDAY, '12:00'), 2)).toEqual(['A@10:00', 'D@10:30']);
  const tooLong = await admin.request(SUGGEST, { workOrderId: workOrder.id, from: at(MONDAY, '09:00'), to: at('2030-01-22', '09:00') });
  expect(errorCodes(tooLong)).toEqual(['BAD_USER_INPUT']);
  expect(errorCodes(await admin.request(SUGGEST, { workOrderId: workOrder.id, from: at(MONDAY, '09:00'), to: at(MONDAY, '12:00'), limit: 0 }))).toEqual(['BAD_USER_INPUT']);
  // A two-week range works, and costs as many statements for 2 candidates as for 4.
  const few = await admin.request(SUGGEST, { workOrderId: workOrder.id, from: at(MONDAY, '09:00'), to: at('2030-01-21', '09:00'), limit: 50 });
  const many = await admin.request(SUGGEST, { workOrderId: (await order({ territoryId: null })).id, from: at(MONDAY, '09:00'), to: at('2030-01-21', '09:00'), limit: 50 });
  expect(dataOf(few).suggestAppointmentSlots).toHaveLength(50);
  expect(new Set(dataOf(many).suggestAppointmentSlots.map((s: Row) => s.technician.id)).size).toBe(3);
  expect(typeof few.extensions?.sqlStatements).toBe('number');
  expect(many.extensions?.sqlStatements).toBe(few.extensions?.sqlStatements);
  // A technician only sees suggestions for work orders it may read.
  const technician = (await harness.keyFor(workspace.tenant, { role: 'technician', userId: null })).client;
  expect(errorCodes(await technician.request(SUGGEST, { workOrderId: workOrder.id, from: at(MONDAY, '09:00'), to: at(MONDAY, '12:00') }))).toEqual(['NOT_FOUND']);
});
