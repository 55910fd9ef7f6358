/**
 * Territories: hierarchy without cycles, time zone, business hours per weekday and holidays;
 * validation with nothing written, permissions and the admin audit log.
 */
import { toGlobalId } from '../../src/graphql/global-id';
import { dataOf, errorCodes, useHarness } from '../support/harness';
import {
  CREATE_TERRITORY,
  DELETE_TERRITORY,
  GET_TERRITORIES,
  UPDATE_SETTINGS,
  UPDATE_TERRITORY,
  auditCount,
  auditLog,
  errorsOf,
  memberOf,
  mutate,
  mutateOk,
  territory,
} from './configuration-helpers';

const harness = useHarness();

const WEEK = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const open = (weekday: string, from: string, to: string) => ({ weekday, closed: false, open: from, close: to });
const closed = (weekday: string) => ({ weekday, closed: true, open: null, close: null });

test('a territory with hours and holidays; defaults from the workspace; updates and delete are audited', async () => {
  const { client } = await harness.createTenant();
  await mutateOk(client, UPDATE_SETTINGS, { timeZone: 'Europe/Berlin' });

  // Defaults: the workspace's time zone, Monday to Friday 09:00–17:00, no holidays.
  const dach = (await mutateOk(client, CREATE_TERRITORY, { name: 'DACH' })).territory;
  expect(dach).toMatchObject({ name: 'DACH', timeZone: 'Europe/Berlin', parent: null, children: [], holidays: [], version: 1 });
  expect(dach.businessHours).toEqual([...WEEK.slice(0, 5).map((d) => open(d, '09:00', '17:00')), closed('SATURDAY'), closed('SUNDAY')]);

  const created = await mutateOk(client, CREATE_TERRITORY, {
    name: 'Bavaria',
    description: 'Munich and around',
    parentId: dach.id,
    timeZone: 'Europe/Berlin',
    businessHours: [
      { weekday: 'SATURDAY', open: '10:00', close: '14:00' },
      { weekday: 'MONDAY', open: '08:30', close: '18:00' },
      { weekday: 'SUNDAY', closed: true },
      { weekday: 'TUESDAY', open: '00:00', close: '24:00' },
    ],
    holidays: [
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-10-03', name: 'German Unity Day' },
    ],
  });
  const bavaria = created.territory;
  expect(bavaria).toMatchObject({ name: 'Bavaria', description: 'Munich and around', parent: { id: dach.id, name: 'DACH' }, version: 1 });
  expect(bavaria.businessHours).toEqual([
    open('MONDAY', '08:30', '18:00'),
    open('TUESDAY', '00:00', '24:00'),
    closed('WEDNESDAY'),
    closed('THURSDAY'),
    closed('FRIDAY'),
    open('SATURDAY', '10:00', '14:00'),
    closed('SUNDAY'),
  ]);
  expect(bavaria.holidays).toEqual([
    { date: '2026-10-03', name: 'German Unity Day' },
    { date: '2026-12-25', name: 'Christmas Day' },
  ]);
  expect((await territory(client, dach.id)).children).toEqual([{ id: bavaria.id, name: 'Bavaria' }]);
  const december = dataOf(await client.request('query($id: ID!) { territory(id: $id) { holidays(from: "2026-12-01", to: "2026-12-31") { date } } }', { id: bavaria.id }));
  expect(december.territory.holidays).toEqual([{ date: '2026-12-25' }]);

  const updated = await mutateOk(client, UPDATE_TERRITORY, {
    id: bavaria.id,
    parentId: null,
    timeZone: 'europe/vienna',
    holidays: [{ date: '2027-01-06', name: 'Epiphany' }],
    expectedVersion: 1,
  });
  expect(updated.territory).toMatchObject({ parent: null, timeZone: 'Europe/Vienna', holidays: [{ date: '2027-01-06', name: 'Epiphany' }], version: 2 });
  expect(updated.territory.businessHours).toEqual(bavaria.businessHours);

  const topLevel = dataOf(await client.request(GET_TERRITORIES, { topLevel: true })).territories;
  expect(topLevel.nodes.map((t: { name: string }) => t.name)).toEqual(['Bavaria', 'DACH']);
  expect(dataOf(await client.request(GET_TERRITORIES, { parentId: dach.id })).territories.totalCount).toBe(0);

  expect((await mutateOk(client, DELETE_TERRITORY, { id: bavaria.id })).deletedTerritoryId).toBe(bavaria.id);
  expect(errorCodes(await client.request('query($id: ID!) { territory(id: $id) { id } }', { id: bavaria.id }))).toEqual(['NOT_FOUND']);

  const entries = await auditLog(client, { targetType: 'Territory' });
  expect(entries.map((e) => e.action)).toEqual(['territory.delete', 'territory.update', 'territory.create', 'territory.create']);
  expect(entries[2]).toMatchObject({
    targetId: bavaria.id,
    before: null,
    after: {
      name: 'Bavaria',
      parentId: dach.id,
      timeZone: 'Europe/Berlin',
      businessHours: [
        { weekday: 'MONDAY', open: '08:30', close: '18:00' },
        { weekday: 'TUESDAY', open: '00:00', close: '24:00' },
        { weekday: 'SATURDAY', open: '10:00', close: '14:00' },
      ],
      holidays: [
        { date: '2026-10-03', name: 'German Unity Day' },
        { date: '2026-12-25', name: 'Christmas Day' },
      ],
    },
  });
  expect(entries[1]).toMatchObject({
    before: { parentId: dach.id, timeZone: 'Europe/Berlin', version: 1 },
    after: { parentId: null, timeZone: 'Europe/Vienna', holidays: [{ date: '2027-01-06', name: 'Epiphany' }], version: 2 },
  });
  expect(entries[0]).toMatchObject({ before: { name: 'Bavaria', version: 2 }, after: null });
});

test('a create retried with the same idempotency key returns the first territory', async () => {
  const { client } = await harness.createTenant();
  const input = { name: 'Benelux', timeZone: 'Europe/Amsterdam', holidays: [{ date: '2026-04-27', name: "King's Day" }], idempotencyKey: 'territory-key' };
  const first = await mutateOk(client, CREATE_TERRITORY, input);
  const again = await mutateOk(client, CREATE_TERRITORY, input);
  expect(again.territory).toEqual(first.territory);
  expect(dataOf(await client.request(GET_TERRITORIES, {})).territories.totalCount).toBe(1);
  expect(await auditCount(client)).toBe(1);
});

test('SQL per request does not grow with the page: parents, children, hours and holidays are batched', async () => {
  const { client } = await harness.createTenant();
  const root = (await mutateOk(client, CREATE_TERRITORY, { name: 'World' })).territory;
  for (let i = 0; i < 10; i++) {
    await mutateOk(client, CREATE_TERRITORY, { name: `Region ${i}`, parentId: root.id, holidays: [{ date: `2026-01-0${(i % 9) + 1}`, name: 'Holiday' }] });
  }
  const page = `query($first: Int) { territories(first: $first) { nodes { name parent { name } children { name } businessHours { open } holidays { date } } } }`;
  const statements = async (first: number) => {
    const response = await client.request(page, { first });
    expect(dataOf(response).territories.nodes).toHaveLength(first);
    return response.extensions?.sqlStatements;
  };
  const small = await statements(2);
  expect(typeof small).toBe('number');
  expect(await statements(11)).toBe(small);
});

describe('bad input writes nothing', () => {
  test('bad hours: close not after open, duplicate weekday, missing times, times on a closed day', async () => {
    const { client } = await harness.createTenant();
    const cases: [Record<string, unknown>[], [string[], string][]][] = [
      [[{ weekday: 'MONDAY', open: '17:00', close: '09:00' }], [[['input', 'businessHours', '0', 'close'], 'INVALID']]],
      [[{ weekday: 'MONDAY', open: '09:00', close: '09:00' }], [[['input', 'businessHours', '0', 'close'], 'INVALID']]],
      [
        [
          { weekday: 'MONDAY', open: '09:00', close: '17:00' },
          { weekday: 'MONDAY', open: '10:00', close: '12:00' },
        ],
        [[['input', 'businessHours', '1', 'weekday'], 'DUPLICATE']],
      ],
      [[{ weekday: 'FRIDAY', open: '09:00' }], [[['input', 'businessHours', '0', 'close'], 'REQUIRED']]],
      [[{ weekday: 'SUNDAY', closed: true, open: '10:00', close: '12:00' }], [[['input', 'businessHours', '0', 'closed'], 'INVALID']]],
    ];
    for (const [businessHours, expected] of cases) {
      const payload = await mutate(client, CREATE_TERRITORY, { name: 'Bad Hours', businessHours });
      expect({ businessHours, territory: payload.territory, errors: errorsOf(payload) }).toEqual({ businessHours, territory: null, errors: expected });
    }
    // Malformed times never reach the service.
    for (const time of ['9:00', '25:00', '12:60', '24:30', 'noon']) {
      const response = await client.request(CREATE_TERRITORY, { input: { name: 'Bad Time', businessHours: [{ weekday: 'MONDAY', open: time, close: '23:00' }] } });
      expect({ time, codes: errorCodes(response) }).toEqual({ time, codes: ['BAD_USER_INPUT'] });
    }
    expect(dataOf(await client.request(GET_TERRITORIES, {})).territories.totalCount).toBe(0);
    expect(await auditCount(client)).toBe(0);
  });

  test('duplicate holiday dates, blank holiday names, an unknown time zone, duplicate names, cycles and stale versions', async () => {
    const { client } = await harness.createTenant();
    const emea = (await mutateOk(client, CREATE_TERRITORY, { name: 'EMEA' })).territory;
    const dach = (await mutateOk(client, CREATE_TERRITORY, { name: 'DACH', parentId: emea.id })).territory;
    const berlin = (await mutateOk(client, CREATE_TERRITORY, { name: 'Berlin', parentId: dach.id, holidays: [{ date: '2026-05-01', name: 'Labour Day' }] })).territory;
    const audited = await auditCount(client);
    const snapshot = async () => Promise.all([emea.id, dach.id, berlin.id].map((id) => territory(client, id)));
    const before = await snapshot();

    const holidays = await mutate(client, UPDATE_TERRITORY, {
      id: berlin.id,
      holidays: [
        { date: '2026-12-25', name: 'Christmas' },
        { date: '2026-12-25', name: 'Christmas again' },
        { date: '2026-12-26', name: '  ' },
      ],
    });
    expect(errorsOf(holidays)).toEqual([
      [['input', 'holidays', '1', 'date'], 'DUPLICATE'],
      [['input', 'holidays', '2', 'name'], 'REQUIRED'],
    ]);
    const badDate = await client.request(UPDATE_TERRITORY, { input: { id: berlin.id, holidays: [{ date: '2026-02-30', name: 'Nope' }] } });
    expect(errorCodes(badDate)).toEqual(['BAD_USER_INPUT']);
    const badZone = await client.request(UPDATE_TERRITORY, { input: { id: berlin.id, timeZone: 'Europe/Atlantis' } });
    expect(errorCodes(badZone)).toEqual(['BAD_USER_INPUT']);
    const badZoneCreate = await client.request(CREATE_TERRITORY, { input: { name: 'Atlantis', timeZone: 'Ocean/Atlantis' } });
    expect(errorCodes(badZoneCreate)).toEqual(['BAD_USER_INPUT']);
    expect(errorsOf(await mutate(client, UPDATE_TERRITORY, { id: berlin.id, timeZone: null }))).toEqual([[['input', 'timeZone'], 'REQUIRED']]);

    expect(errorsOf(await mutate(client, CREATE_TERRITORY, { name: 'emea' }))).toEqual([[['input', 'name'], 'DUPLICATE']]);
    expect(errorsOf(await mutate(client, UPDATE_TERRITORY, { id: berlin.id, name: 'Dach' }))).toEqual([[['input', 'name'], 'DUPLICATE']]);
    // Cycles: a territory cannot move under itself or under one of its descendants.
    expect(errorsOf(await mutate(client, UPDATE_TERRITORY, { id: emea.id, parentId: emea.id }))).toEqual([[['input', 'parentId'], 'INVALID']]);
    expect(errorsOf(await mutate(client, UPDATE_TERRITORY, { id: emea.id, parentId: berlin.id }))).toEqual([[['input', 'parentId'], 'INVALID']]);
    expect(errorsOf(await mutate(client, UPDATE_TERRITORY, { id: dach.id, parentId: berlin.id }))).toEqual([[['input', 'parentId'], 'INVALID']]);
    expect(errorsOf(await mutate(client, CREATE_TERRITORY, { name: 'Orphan', parentId: toGlobalId('Territory', '00000000-0000-7000-8000-000000000000') }))).toEqual([
      [['input', 'parentId'], 'NOT_FOUND'],
    ]);
    expect(errorsOf(await mutate(client, UPDATE_TERRITORY, { id: berlin.id, name: 'Berlin-Brandenburg', expectedVersion: 3 }))).toEqual([[['input', 'expectedVersion'], 'CONFLICT']]);
    // A territory with children cannot be deleted.
    expect(errorsOf(await mutate(client, DELETE_TERRITORY, { id: dach.id }))).toEqual([[['input', 'id'], 'INVALID_STATE']]);

    expect(await snapshot()).toEqual(before);
    expect(dataOf(await client.request(GET_TERRITORIES, {})).territories.totalCount).toBe(3);
    expect(await auditCount(client)).toBe(audited);
  });
});

test('a non-admin (service_agent) key reads territories but every change is FORBIDDEN', async () => {
  const tenant = await harness.createTenant();
  const created = (await mutateOk(tenant.client, CREATE_TERRITORY, { name: 'Nordics', timeZone: 'Europe/Stockholm' })).territory;
  const member = await memberOf(harness, tenant);
  expect(await territory(member, created.id)).toEqual(created);
  const attempts: [string, Record<string, unknown>][] = [
    [CREATE_TERRITORY, { name: 'Member Land' }],
    [UPDATE_TERRITORY, { id: created.id, businessHours: [] }],
    [DELETE_TERRITORY, { id: created.id }],
  ];
  for (const [operation, input] of attempts) expect(errorCodes(await member.request(operation, { input }))).toEqual(['FORBIDDEN']);
  expect(await territory(tenant.client, created.id)).toEqual(created);
  expect(await auditCount(tenant.client)).toBe(1);
});
