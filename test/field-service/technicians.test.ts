/** Technicians: creation and changes with validation, one per user, time off, role access, batched lists. */
import { Client, TestTenant, TestUser, dataOf, errorCodes, useHarness } from '../support/harness';
import { Row, mutate } from '../support/crm-operations';
import { GET_TECHNICIAN, LIST_TECHNICIANS, RESOURCE_OPS, addTimeOff, createSkill, createTechnician, refused, weekdays } from './resource-helpers';

const harness = useHarness({ rateLimitStore: 'off' });
let workspace: TestTenant;
let admin: Client;
let dispatcher: Client;
let north: Row;
let south: Row;
let gas: Row;
let electric: Row;

const CREATE_TERRITORY = `mutation($input: CreateTerritoryInput!) { createTerritory(input: $input) { territory { id name } userErrors { code } } }`;
const territory = async (name: string): Promise<Row> => (await mutate(admin, CREATE_TERRITORY, { name, timeZone: 'Europe/Berlin' })).territory;
const newUser = (role = 'technician'): Promise<TestUser> => harness.addUser(workspace.tenant, { role });
const count = async (table: string): Promise<number> => {
  const [row] = await harness.dataSource.query(`SELECT count(*)::int AS n FROM "${workspace.tenant.schemaName}".${table}`);
  return row.n;
};

beforeAll(async () => {
  workspace = await harness.createTenant();
  admin = workspace.client;
  dispatcher = (await harness.keyFor(workspace.tenant, { role: 'dispatcher' })).client;
  north = await territory('North');
  south = await territory('South');
  gas = await createSkill(admin, { name: 'Gas' });
  electric = await createSkill(admin, { name: 'Electric' });
});

test('a dispatcher creates a technician with territories, skills and working hours, and reads it back', async () => {
  const user = await newUser();
  const created = await createTechnician(dispatcher, {
    userId: user.id,
    homeTerritoryId: north.id,
    territoryIds: [south.id],
    skills: [{ skillId: gas.id, level: 4 }, { skillId: electric.id, level: 2 }],
    workingHours: [{ weekday: 'TUESDAY', startsAt: '10:00', endsAt: '18:00' }, ...weekdays('08:00', '16:00').filter((d) => d.weekday !== 'TUESDAY')],
    dailyCapacityMinutes: 360,
  });
  expect(created).toMatchObject({ user: { id: user.id, name: user.name }, homeTerritory: { name: 'North' }, territories: [{ name: 'South' }], dailyCapacityMinutes: 360, active: true, version: 1 });
  expect(created.skills).toEqual([{ skill: { id: electric.id, name: 'Electric' }, level: 2 }, { skill: { id: gas.id, name: 'Gas' }, level: 4 }]);
  expect(created.workingHours.map((h: Row) => `${h.weekday} ${h.startsAt}-${h.endsAt}`)).toEqual([
    'MONDAY 08:00-16:00',
    'TUESDAY 10:00-18:00',
    'WEDNESDAY 08:00-16:00',
    'THURSDAY 08:00-16:00',
    'FRIDAY 08:00-16:00',
  ]);
  const read = dataOf(await admin.request(GET_TECHNICIAN, { id: created.id })).technician;
  expect(read).toMatchObject({ id: created.id, homeTerritory: { id: north.id }, timeOff: [] });
  // The default: no working hours of its own (the workspace's business hours apply), 480 minutes a day.
  const plain = await createTechnician(dispatcher, { userId: (await newUser()).id });
  expect(plain).toMatchObject({ workingHours: [], skills: [], territories: [], homeTerritory: null, dailyCapacityMinutes: 480 });
});

test('invalid technician input is refused with codes and writes nothing', async () => {
  const user = await newUser();
  const before = await count('technicians');
  const skillRows = await count('technician_skills');
  const codes = await refused(
    dispatcher,
    RESOURCE_OPS.createTechnician,
    {
      userId: user.id,
      homeTerritoryId: gas.id,
      territoryIds: [south.id, south.id],
      skills: [{ skillId: gas.id, level: 3 }, { skillId: gas.id, level: 1 }],
      workingHours: [{ weekday: 'MONDAY', startsAt: '16:00', endsAt: '08:00' }, { weekday: 'FRIDAY', startsAt: '08:00', endsAt: '12:00' }, { weekday: 'FRIDAY', startsAt: '13:00', endsAt: '17:00' }],
    },
    'technician',
  );
  expect(codes).toEqual([
    { code: 'INVALID', field: 'input.homeTerritoryId' },
    { code: 'DUPLICATE', field: 'input.territoryIds.1' },
    { code: 'DUPLICATE', field: 'input.skills.1.skillId' },
    { code: 'INVALID', field: 'input.workingHours.0.endsAt' },
    { code: 'DUPLICATE', field: 'input.workingHours.2.weekday' },
  ]);
  expect(await refused(dispatcher, RESOURCE_OPS.createTechnician, { userId: user.id, skills: [{ skillId: gas.id, level: 6 }] }, 'technician')).toEqual([
    { code: 'OUT_OF_RANGE', field: 'input.skills.0.level' },
  ]);
  expect(await refused(dispatcher, RESOURCE_OPS.createTechnician, { userId: user.id, dailyCapacityMinutes: 5 }, 'technician')).toEqual([
    { code: 'OUT_OF_RANGE', field: 'input.dailyCapacityMinutes' },
  ]);
  expect(await refused(dispatcher, RESOURCE_OPS.createTechnician, { userId: gas.id }, 'technician')).toEqual([{ code: 'INVALID', field: 'input.userId' }]);
  expect(await count('technicians')).toBe(before);
  expect(await count('technician_skills')).toBe(skillRows);
});

test('a user is a technician at most once, and only while active', async () => {
  const user = await newUser();
  const first = await createTechnician(dispatcher, { userId: user.id, idempotencyKey: `tech-${user.uuid}` });
  // A retry with the same key answers with the first result; without it, the user is taken.
  const retried = await createTechnician(dispatcher, { userId: user.id, idempotencyKey: `tech-${user.uuid}` });
  expect(retried.id).toBe(first.id);
  expect(await refused(dispatcher, RESOURCE_OPS.createTechnician, { userId: user.id }, 'technician')).toEqual([{ code: 'DUPLICATE', field: 'input.userId' }]);
  const leaver = await newUser();
  await harness.dataSource.query(`UPDATE "${workspace.tenant.schemaName}".users SET status = 'deactivated' WHERE id = $1`, [leaver.uuid]);
  expect(await refused(dispatcher, RESOURCE_OPS.createTechnician, { userId: leaver.id }, 'technician')).toEqual([{ code: 'INVALID', field: 'input.userId' }]);
});

test('updating replaces the lists given, keeps the others, and refuses stale versions', async () => {
  const technician = await createTechnician(dispatcher, {
    userId: (await newUser()).id,
    homeTerritoryId: north.id,
    territoryIds: [south.id],
    skills: [{ skillId: gas.id, level: 1 }],
    workingHours: weekdays('08:00', '16:00'),
  });
  const payload = await mutate(dispatcher, RESOURCE_OPS.updateTechnician, { id: technician.id, expectedVersion: 1, skills: [{ skillId: electric.id, level: 5 }], homeTerritoryId: null, active: false });
  expect(payload.userErrors).toEqual([]);
  expect(payload.technician).toMatchObject({ version: 2, active: false, homeTerritory: null, territories: [{ name: 'South' }], skills: [{ skill: { name: 'Electric' }, level: 5 }] });
  expect(payload.technician.workingHours).toHaveLength(5);
  expect(await refused(dispatcher, RESOURCE_OPS.updateTechnician, { id: technician.id, expectedVersion: 1, dailyCapacityMinutes: 60 }, 'technician')).toEqual([
    { code: 'CONFLICT', field: 'input.expectedVersion' },
  ]);
  // A refused list change leaves the old list in place.
  expect(await refused(dispatcher, RESOURCE_OPS.updateTechnician, { id: technician.id, territoryIds: [north.id, gas.id] }, 'technician')).toEqual([
    { code: 'INVALID', field: 'input.territoryIds.1' },
  ]);
  const read = dataOf(await admin.request(GET_TECHNICIAN, { id: technician.id })).technician;
  expect(read).toMatchObject({ version: 2, dailyCapacityMinutes: 480, territories: [{ name: 'South' }] });
});

test('time off is added, listed by period, validated and removed', async () => {
  const technician = await createTechnician(dispatcher, { userId: (await newUser()).id });
  const july = await addTimeOff(dispatcher, technician.id, '2030-07-01T00:00:00Z', '2030-07-15T00:00:00Z', 'Holiday');
  await addTimeOff(dispatcher, technician.id, '2030-09-01T08:00:00Z', '2030-09-01T12:00:00Z', 'Training');
  expect(july).toMatchObject({ startsAt: '2030-07-01T00:00:00.000Z', endsAt: '2030-07-15T00:00:00.000Z', reason: 'Holiday' });
  const inAugust = async (from: string, to: string) => dataOf(await admin.request(GET_TECHNICIAN, { id: technician.id, from, to })).technician.timeOff.map((t: Row) => t.reason);
  expect(await inAugust('2030-07-10T00:00:00Z', '2030-09-01T09:00:00Z')).toEqual(['Holiday', 'Training']);
  expect(await inAugust('2030-07-15T00:00:00Z', '2030-09-01T08:00:00Z')).toEqual([]);
  const before = await count('technician_time_off');
  expect(await refused(dispatcher, RESOURCE_OPS.addTimeOff, { technicianId: technician.id, startsAt: '2030-08-02T00:00:00Z', endsAt: '2030-08-01T00:00:00Z' }, 'timeOff')).toEqual([
    { code: 'INVALID', field: 'input.endsAt' },
  ]);
  expect(await refused(dispatcher, RESOURCE_OPS.addTimeOff, { technicianId: gas.id, startsAt: '2030-08-01T00:00:00Z', endsAt: '2030-08-02T00:00:00Z' }, 'timeOff')).toEqual([
    { code: 'INVALID', field: 'input.technicianId' },
  ]);
  expect(await count('technician_time_off')).toBe(before);
  const removed = await mutate(dispatcher, RESOURCE_OPS.removeTimeOff, { id: july.id });
  expect(removed).toMatchObject({ userErrors: [], technician: { id: technician.id } });
  expect(await inAugust('2030-01-01T00:00:00Z', '2031-01-01T00:00:00Z')).toEqual(['Training']);
  expect((await mutate(dispatcher, RESOURCE_OPS.removeTimeOff, { id: july.id })).userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
});

test('technicians read but may not create; analysts read; sales reps neither', async () => {
  const techUser = await newUser();
  const technicianKey = (await harness.keyFor(workspace.tenant, { role: 'technician', userId: techUser.uuid })).client;
  const analyst = (await harness.keyFor(workspace.tenant, { role: 'analyst' })).client;
  const rep = (await harness.keyFor(workspace.tenant, { role: 'sales_rep' })).client;
  const listed = dataOf(await technicianKey.request(LIST_TECHNICIANS, { first: 100 })).technicians;
  expect(listed.totalCount).toBeGreaterThan(0);
  expect(dataOf(await analyst.request(LIST_TECHNICIANS, { first: 1 })).technicians.nodes).toHaveLength(1);
  const before = await count('technicians');
  expect(errorCodes(await technicianKey.request(RESOURCE_OPS.createTechnician, { input: { userId: techUser.id } }))).toEqual(['FORBIDDEN']);
  expect(errorCodes(await analyst.request(RESOURCE_OPS.createTechnician, { input: { userId: techUser.id } }))).toEqual(['FORBIDDEN']);
  expect(errorCodes(await rep.request(LIST_TECHNICIANS, { first: 1 }))).toEqual(['FORBIDDEN']);
  expect(await count('technicians')).toBe(before);
});

test('the list filters by skill, territory and activity, and pages', async () => {
  const a = await createTechnician(dispatcher, { userId: (await newUser()).id, homeTerritoryId: north.id, skills: [{ skillId: gas.id, level: 3 }] });
  const b = await createTechnician(dispatcher, { userId: (await newUser()).id, territoryIds: [north.id], skills: [{ skillId: electric.id, level: 3 }] });
  const ids = async (where: Row) => dataOf(await admin.request(LIST_TECHNICIANS, { first: 100, where })).technicians.nodes.map((n: Row) => n.id);
  const inNorth = await ids({ territory: north.id, active: true });
  expect(inNorth).toEqual(expect.arrayContaining([a.id, b.id]));
  expect(await ids({ territory: north.id, skill: gas.id })).toContain(a.id);
  expect(await ids({ territory: north.id, skill: gas.id })).not.toContain(b.id);
  const first = dataOf(await admin.request(LIST_TECHNICIANS, { first: 1, where: { territory: north.id, active: true } })).technicians;
  expect(first.pageInfo.hasNextPage).toBe(true);
  const second = dataOf(await admin.request(LIST_TECHNICIANS, { first: 100, after: first.pageInfo.endCursor, where: { territory: north.id, active: true } })).technicians;
  expect([...first.nodes, ...second.nodes].map((n: Row) => n.id)).toEqual(inNorth);
});

test('a page of technicians with nested fields costs the same number of statements for 2 and 12 technicians', async () => {
  const fresh = await harness.createTenant();
  const skill = await createSkill(fresh.client, { name: 'Plumbing' });
  // Two queries, each within the cost limit: the references, then the schedule.
  const REFERENCES = `query($first: Int) { technicians(first: $first) { nodes { id user { name } skills { skill { name } level } territories { name } homeTerritory { name } } } }`;
  const SCHEDULE = `query($first: Int) { technicians(first: $first) { nodes { id workingHours { weekday } timeOff { id } } } }`;
  const statements = async (expected: number) => {
    const references = await fresh.client.request(REFERENCES, { first: 12 });
    const schedule = await fresh.client.request(SCHEDULE, { first: 12 });
    expect(dataOf(references).technicians.nodes).toHaveLength(expected);
    expect(dataOf(references).technicians.nodes[0].skills).toEqual([{ skill: { name: 'Plumbing' }, level: 2 }]);
    expect(dataOf(schedule).technicians.nodes[expected - 1].workingHours).toHaveLength(5);
    return [references.extensions?.sqlStatements, schedule.extensions?.sqlStatements];
  };
  const add = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const user = await harness.addUser(fresh.tenant, { role: 'technician' });
      await createTechnician(fresh.client, { userId: user.id, skills: [{ skillId: skill.id, level: 2 }], workingHours: weekdays('08:00', '16:00') });
    }
  };
  await add(2);
  const few = await statements(2);
  await add(10);
  expect(few.every((n) => typeof n === 'number')).toBe(true);
  expect(await statements(12)).toEqual(few);
});
