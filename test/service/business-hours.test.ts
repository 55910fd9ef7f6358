/**
 * The workspace's business-hours calendar through the API (defaults, changes, validation with
 * nothing written, the admin audit log, who may change it), and the calendar service levels load
 * for an entitlement's coverage: the workspace's, a territory's, or around the clock.
 */
import { addBusinessMinutes, businessMinutesBetween } from '../../src/modules/service/business-calendar';
import { loadServiceCalendar } from '../../src/modules/service/service-calendar';
import { authenticate } from '../../src/tenancy/authenticate';
import { RequestContext, createRequestContext, tenantDb } from '../../src/tenancy/request-context';
import { SessionTokens } from '../../src/tenancy/session-tokens';
import { CREATE_TERRITORY, UPDATE_SETTINGS, auditCount, auditLog, errorsOf, memberOf, mutate, mutateOk } from '../configuration/configuration-helpers';
import { Client, TestTenant, dataOf, errorCodes, useHarness } from '../support/harness';
import { uuidOfId } from '../support/security-helpers';

const harness = useHarness();

const CALENDAR = 'timeZone hours { weekday closed open close } holidays { date name }';
const GET = `{ businessHours { ${CALENDAR} } }`;
const UPDATE = `mutation($input: UpdateBusinessHoursInput!) { updateBusinessHours(input: $input) { businessHours { ${CALENDAR} } userErrors { field message code } } }`;

const WEEK = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const open = (weekday: string, from: string, to: string) => ({ weekday, closed: false, open: from, close: to });
const closed = (weekday: string) => ({ weekday, closed: true, open: null, close: null });
const NINE_TO_FIVE = [...WEEK.slice(0, 5).map((d) => open(d, '09:00', '17:00')), closed('SATURDAY'), closed('SUNDAY')];

const calendar = async (client: Client) => dataOf(await client.request(GET)).businessHours;

test('defaults: Monday to Friday 09:00–17:00 in the workspace time zone, no holidays', async () => {
  const { client } = await harness.createTenant();
  await mutateOk(client, UPDATE_SETTINGS, { timeZone: 'Europe/Berlin' });
  expect(await calendar(client)).toEqual({ timeZone: 'Europe/Berlin', hours: NINE_TO_FIVE, holidays: [] });
  // The time zone follows the workspace settings.
  await mutateOk(client, UPDATE_SETTINGS, { timeZone: 'America/New_York' });
  expect((await calendar(client)).timeZone).toBe('America/New_York');
});

test('hours and holidays are replaced, added and removed; each change is audited before and after', async () => {
  const { client } = await harness.createTenant();
  const week = [
    { weekday: 'SATURDAY', open: '10:00', close: '14:00' },
    { weekday: 'MONDAY', open: '08:30', close: '24:00' },
    { weekday: 'WEDNESDAY', closed: true },
    { weekday: 'TUESDAY', open: '00:00', close: '12:00' },
  ];
  const holidays = [
    { date: '2026-12-25', name: 'Christmas Day' },
    { date: '2026-10-03', name: 'German Unity Day' },
  ];
  const first = await mutateOk(client, UPDATE, { hours: week, holidays });
  const expectedWeek = [open('MONDAY', '08:30', '24:00'), open('TUESDAY', '00:00', '12:00'), ...['WEDNESDAY', 'THURSDAY', 'FRIDAY'].map(closed), open('SATURDAY', '10:00', '14:00'), closed('SUNDAY')];
  expect(first.businessHours.hours).toEqual(expectedWeek);
  expect(first.businessHours.holidays).toEqual([holidays[1], holidays[0]]);
  expect(await calendar(client)).toEqual(first.businessHours);

  // Holidays alone: the hours stay; one added, one renamed, one removed.
  const second = await mutateOk(client, UPDATE, {
    addHolidays: [
      { date: '2027-01-01', name: "New Year's Day" },
      { date: '2026-12-25', name: 'Christmas' },
    ],
    removeHolidays: ['2026-10-03'],
  });
  expect(second.businessHours.hours).toEqual(expectedWeek);
  expect(second.businessHours.holidays).toEqual([
    { date: '2026-12-25', name: 'Christmas' },
    { date: '2027-01-01', name: "New Year's Day" },
  ]);
  const range = await client.request(`{ businessHours { holidays(from: "2027-01-01", to: "2027-12-31") { date } } }`);
  expect(dataOf(range).businessHours.holidays).toEqual([{ date: '2027-01-01' }]);

  // The same again changes nothing and is not audited.
  await mutateOk(client, UPDATE, { hours: week, addHolidays: [{ date: '2027-01-01', name: "New Year's Day" }] });
  const entries = await auditLog(client, { targetType: 'WorkspaceBusinessHours' });
  expect(entries.map((e) => e.action)).toEqual(['business_hours.update', 'business_hours.update']);
  expect(entries[1]).toMatchObject({
    before: { hours: WEEK.slice(0, 5).map((weekday) => ({ weekday, open: '09:00', close: '17:00' })), holidays: [] },
    after: {
      hours: [
        { weekday: 'MONDAY', open: '08:30', close: '24:00' },
        { weekday: 'TUESDAY', open: '00:00', close: '12:00' },
        { weekday: 'SATURDAY', open: '10:00', close: '14:00' },
      ],
      holidays: [holidays[1], holidays[0]],
    },
  });
  expect(entries[0]).toMatchObject({
    before: { holidays: [holidays[1], holidays[0]] },
    after: { holidays: second.businessHours.holidays },
  });
  expect(entries[0].before.hours).toEqual(entries[0].after.hours);
});

describe('bad input writes nothing', () => {
  async function expectRefused(tenant: TestTenant, input: Record<string, unknown>, expected: [string[], string][]) {
    const payload = await mutate(tenant.client, UPDATE, input);
    expect({ input, businessHours: payload.businessHours, errors: errorsOf(payload) }).toEqual({ input, businessHours: null, errors: expected });
  }

  test('a week with no open day, closing not after opening, weekdays twice, missing times', async () => {
    const tenant = await harness.createTenant();
    await mutateOk(tenant.client, UPDATE, { holidays: [{ date: '2026-05-01', name: 'Labour Day' }] });
    const before = await calendar(tenant.client);
    const audited = await auditCount(tenant.client);

    await expectRefused(tenant, { hours: [] }, [[['input', 'hours'], 'INVALID']]);
    await expectRefused(tenant, { hours: WEEK.map((weekday) => ({ weekday, closed: true })) }, [[['input', 'hours'], 'INVALID']]);
    await expectRefused(tenant, { hours: [{ weekday: 'MONDAY', open: '17:00', close: '09:00' }] }, [[['input', 'hours', '0', 'close'], 'INVALID']]);
    await expectRefused(tenant, { hours: [{ weekday: 'MONDAY', open: '09:00', close: '09:00' }] }, [[['input', 'hours', '0', 'close'], 'INVALID']]);
    await expectRefused(
      tenant,
      {
        hours: [
          { weekday: 'MONDAY', open: '09:00', close: '17:00' },
          { weekday: 'MONDAY', open: '10:00', close: '12:00' },
        ],
      },
      [[['input', 'hours', '1', 'weekday'], 'DUPLICATE']],
    );
    await expectRefused(tenant, { hours: [{ weekday: 'FRIDAY', open: '09:00' }] }, [[['input', 'hours', '0', 'close'], 'REQUIRED']]);
    await expectRefused(tenant, { hours: [{ weekday: 'SUNDAY', closed: true, open: '10:00', close: '12:00' }] }, [[['input', 'hours', '0', 'closed'], 'INVALID']]);
    // Malformed times never reach the service.
    const badTime = await tenant.client.request(UPDATE, { input: { hours: [{ weekday: 'MONDAY', open: '24:30', close: '23:00' }] } });
    expect(errorCodes(badTime)).toEqual(['BAD_USER_INPUT']);

    expect(await calendar(tenant.client)).toEqual(before);
    expect(await auditCount(tenant.client)).toBe(audited);
  });

  test('holidays: duplicate dates, blank names, both ways of changing at once, removing what is not there', async () => {
    const tenant = await harness.createTenant();
    await mutateOk(tenant.client, UPDATE, { holidays: [{ date: '2026-05-01', name: 'Labour Day' }] });
    const before = await calendar(tenant.client);
    const audited = await auditCount(tenant.client);

    await expectRefused(
      tenant,
      {
        holidays: [
          { date: '2026-12-25', name: 'Christmas' },
          { date: '2026-12-25', name: 'Christmas again' },
          { date: '2026-12-26', name: '  ' },
        ],
      },
      [
        [['input', 'holidays', '1', 'date'], 'DUPLICATE'],
        [['input', 'holidays', '2', 'name'], 'REQUIRED'],
      ],
    );
    await expectRefused(tenant, { holidays: [], addHolidays: [{ date: '2026-12-25', name: 'Christmas' }] }, [[['input', 'addHolidays'], 'INVALID']]);
    await expectRefused(tenant, { holidays: [], removeHolidays: ['2026-05-01'] }, [[['input', 'removeHolidays'], 'INVALID']]);
    await expectRefused(tenant, { removeHolidays: ['2026-05-02'] }, [[['input', 'removeHolidays', '0'], 'NOT_FOUND']]);
    await expectRefused(tenant, { removeHolidays: ['2026-05-01', '2026-05-01'] }, [[['input', 'removeHolidays', '1'], 'DUPLICATE']]);
    await expectRefused(tenant, { addHolidays: [{ date: '2026-05-01', name: 'May Day' }], removeHolidays: ['2026-05-01'] }, [[['input', 'removeHolidays', '0'], 'INVALID']]);
    // A valid change refused for its holidays leaves the hours alone too.
    await expectRefused(tenant, { hours: [{ weekday: 'MONDAY', open: '06:00', close: '07:00' }], removeHolidays: ['2030-01-01'] }, [[['input', 'removeHolidays', '0'], 'NOT_FOUND']]);

    expect(await calendar(tenant.client)).toEqual(before);
    expect(await auditCount(tenant.client)).toBe(audited);
  });

  test('at most 1000 holidays', async () => {
    const tenant = await harness.createTenant();
    const day = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const thousand = Array.from({ length: 1000 }, (_, i) => ({ date: day(i), name: `Day ${i}` }));
    await mutateOk(tenant.client, UPDATE, { holidays: thousand });
    const audited = await auditCount(tenant.client);
    await expectRefused(tenant, { addHolidays: [{ date: day(1000), name: 'One more' }] }, [[['input', 'addHolidays'], 'OUT_OF_RANGE']]);
    const tooMany = await mutate(tenant.client, UPDATE, { holidays: [...thousand, { date: day(1000), name: 'One more' }] });
    expect(tooMany.businessHours).toBeNull();
    expect(tooMany.userErrors.map((e: { code: string }) => e.code)).toEqual(['TOO_LONG']);
    // Renaming an existing one is not one more.
    await mutateOk(tenant.client, UPDATE, { addHolidays: [{ date: day(0), name: 'New name' }] });
    expect((await calendar(tenant.client)).holidays).toHaveLength(1000);
    expect(await auditCount(tenant.client)).toBe(audited + 1);
  });
});

test('everyone in the workspace reads the calendar; only admins change it (FORBIDDEN)', async () => {
  const tenant = await harness.createTenant();
  await mutateOk(tenant.client, UPDATE, { addHolidays: [{ date: '2026-12-25', name: 'Christmas Day' }] });
  const expected = await calendar(tenant.client);
  const agent = await memberOf(harness, tenant);
  const rep = (await harness.keyFor(tenant.tenant, { role: 'sales_rep' })).client;
  for (const reader of [agent, rep]) {
    expect(await calendar(reader)).toEqual(expected);
    const attempt = await reader.request(UPDATE, { input: { hours: [{ weekday: 'SUNDAY', open: '10:00', close: '11:00' }] } });
    expect(errorCodes(attempt)).toEqual(['FORBIDDEN']);
  }
  expect(await calendar(tenant.client)).toEqual(expected);
  expect(await auditCount(tenant.client)).toBe(1);
});

describe('the calendar service levels count in', () => {
  /** Runs `work` with a request context of the workspace's admin key, in a transaction rolled back after. */
  async function withContext<T>(tenant: TestTenant, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    const auth = await authenticate(harness.dataSource, new SessionTokens('x'.repeat(32), 900), `Bearer ${tenant.token}`);
    if (!auth.ok) throw new Error('authentication failed');
    const ctx = createRequestContext({ requestId: 'calendar-test', principal: auth.principal, dataSource: harness.dataSource, statementTimeoutMs: 5000 });
    try {
      return await work(ctx);
    } finally {
      await ctx.tx!.rollback();
    }
  }

  /** Statements the transaction ran while `work` did. */
  async function counted<T>(ctx: RequestContext, work: () => Promise<T>): Promise<{ result: T; statements: number }> {
    const db = await tenantDb(ctx);
    const query = db.query.bind(db);
    let statements = 0;
    db.query = ((...args: Parameters<typeof query>) => {
      statements++;
      return query(...args);
    }) as typeof db.query;
    try {
      return { result: await work(), statements };
    } finally {
      db.query = query;
    }
  }

  test("the workspace's hours, holidays and time zone: Friday 17:00 + 8 h with a Monday holiday is Tuesday 17:00", async () => {
    const tenant = await harness.createTenant();
    await mutateOk(tenant.client, UPDATE_SETTINGS, { timeZone: 'Europe/Berlin' });
    const holiday = (date: string) => ({ date, name: `Closed ${date}` });
    await mutateOk(tenant.client, UPDATE, { holidays: ['2025-06-01', '2026-01-12', '2027-06-01', '2029-01-01'].map(holiday) });
    const openedAt = new Date('2026-01-09T17:00:00+01:00');
    await withContext(tenant, async (ctx) => {
      const db = await tenantDb(ctx);
      const { result: workspace, statements } = await counted(ctx, () => loadServiceCalendar(ctx, db, 'BUSINESS_HOURS', null, openedAt));
      expect(statements).toBe(2);
      expect(workspace.timeZone).toBe('Europe/Berlin');
      expect(addBusinessMinutes(openedAt, 480, workspace)).toEqual(new Date('2026-01-13T17:00:00+01:00'));
      // Holidays are loaded for the span due times can reach: about two years from the start.
      expect([...workspace.holidays].sort()).toEqual(['2026-01-12', '2027-06-01']);
      const allHours = await loadServiceCalendar(ctx, db, 'ALL_HOURS', null, openedAt);
      expect(addBusinessMinutes(openedAt, 480, allHours)).toEqual(new Date('2026-01-10T01:00:00+01:00'));
    });
  });

  test("a territory's time zone, hours and holidays; without hours, the workspace's hours in the territory's zone", async () => {
    const tenant = await harness.createTenant();
    await mutateOk(tenant.client, UPDATE_SETTINGS, { timeZone: 'Europe/Berlin' });
    await mutateOk(tenant.client, UPDATE, { hours: [{ weekday: 'MONDAY', open: '10:00', close: '12:00' }], holidays: [{ date: '2026-01-12', name: 'Workspace only' }] });
    const tokyo = (
      await mutateOk(tenant.client, CREATE_TERRITORY, {
        name: 'Japan',
        timeZone: 'Asia/Tokyo',
        businessHours: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map((weekday) => ({ weekday, open: '08:00', close: '17:00' })),
        holidays: [{ date: '2026-01-12', name: 'Coming of Age Day' }],
      })
    ).territory;
    const auckland = (await mutateOk(tenant.client, CREATE_TERRITORY, { name: 'New Zealand', timeZone: 'Pacific/Auckland', businessHours: [] })).territory;
    const openedAt = new Date('2026-01-09T07:00:00Z'); // Friday 16:00 in Tokyo, Friday 20:00 in Auckland
    await withContext(tenant, async (ctx) => {
      const db = await tenantDb(ctx);
      const { result: japan, statements } = await counted(ctx, () => loadServiceCalendar(ctx, db, 'BUSINESS_HOURS', uuidOfId(tokyo.id), openedAt));
      expect(statements).toBe(1);
      // One hour on Friday, Monday the 12th is a holiday there, then 08:00–09:00 on Tuesday (from Monday 23:00 UTC).
      expect(addBusinessMinutes(openedAt, 120, japan)).toEqual(new Date('2026-01-13T09:00:00+09:00'));
      const nz = await loadServiceCalendar(ctx, db, 'BUSINESS_HOURS', uuidOfId(auckland.id), openedAt);
      // The workspace's Monday 10:00–12:00, read in Auckland's time; the workspace's holiday is not the territory's.
      expect(nz.timeZone).toBe('Pacific/Auckland');
      expect(addBusinessMinutes(openedAt, 120, nz)).toEqual(new Date('2026-01-12T12:00:00+13:00'));
      expect(businessMinutesBetween(openedAt, new Date('2026-01-20T00:00:00Z'), nz)).toBe(240);
      // A territory that is gone: the workspace calendar.
      const missing = await loadServiceCalendar(ctx, db, 'BUSINESS_HOURS', '00000000-0000-7000-8000-000000000000', openedAt);
      expect(missing.timeZone).toBe('Europe/Berlin');
      expect([...missing.holidays]).toEqual(['2026-01-12']);
    });
  });
});

