/**
 * Maintenance plans: their CRUD with the references checked, and the recurring work orders they
 * generate (weekly and monthly, within the horizon, not after the end date, never the past), once
 * per plan and date however often and however concurrently the generation runs, by the same
 * scheduler as contract renewals.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { toGlobalId, uuidOf } from '../../src/graphql/global-id';
import { allEntities } from '../../src/modules';
import { sweepMaintenancePlans, sweepTenantMaintenancePlans } from '../../src/modules/field-service/maintenance-plans.sweep';
import { createLogger } from '../../src/ops/logger';
import { createDraftContract } from '../contracts/contract-helpers';
import { Row, createAccount, createContact, mutate } from '../support/crm-operations';
import { Client, TestTenant, dataOf, errorCodes, useHarness } from '../support/harness';
import { createWorkType } from './resource-helpers';
import { TenantSql, tenantSql } from './work-order-helpers';

const harness = useHarness();
const quiet = createLogger({ level: 'silent' });

const USER_ERRORS = 'userErrors { field message code }';
const PLAN_FIELDS = `id name frequencyUnit frequencyInterval startDate endDate horizonDays active version
  serviceAddress { street city country } account { id } contract { id } workType { id name } siteContact { id } territory { id }`;
const op = (name: string, inputType: string, result: string) => `mutation($input: ${inputType}!) { ${name}(input: $input) { ${result} ${USER_ERRORS} } }`;
const OPS = {
  create: op('createMaintenancePlan', 'CreateMaintenancePlanInput', `maintenancePlan { ${PLAN_FIELDS} }`),
  update: op('updateMaintenancePlan', 'UpdateMaintenancePlanInput', `maintenancePlan { ${PLAN_FIELDS} }`),
  delete: op('deleteMaintenancePlan', 'DeleteMaintenancePlanInput', 'maintenancePlan { id }'),
  generate: op('generateMaintenanceWorkOrders', 'GenerateMaintenanceWorkOrdersInput', 'createdCount maintenancePlan { id }'),
};
const PLAN_WORK_ORDERS = `query($id: ID!) { maintenancePlan(id: $id) {
  workOrders(first: 20) { totalCount nodes { id number subject status durationMinutes plannedFor account { id } contract { id } maintenancePlan { id }
    serviceAddress { city } statusHistory { from to actorKind actorId } } } } }`;

/** A workspace with an admin client, an account, a 90-minute work type, and SQL into its schema. */
async function workspace() {
  const tenant: TestTenant = await harness.createTenant({ name: 'Maintenance' });
  const sql: TenantSql = tenantSql(harness, tenant);
  const account = await createAccount(tenant.client, { name: 'Boiler customer' });
  const workType = await createWorkType(tenant.client, { defaultDurationMinutes: 90 });
  /** The workspace's date `days` from today (its time zone is UTC unless changed). */
  const day = async (days: number): Promise<string> => (await sql.query<{ d: string }>('SELECT ((now() AT TIME ZONE $1)::date + $2::int)::text AS d', ['UTC', days]))[0].d;
  const planInput = (overrides: Record<string, unknown> = {}) => ({
    name: 'Boiler service',
    accountId: account.id,
    workTypeId: workType.id,
    frequencyUnit: 'WEEK',
    frequencyInterval: 1,
    horizonDays: 20,
    ...overrides,
  });
  const createPlan = async (overrides: Record<string, unknown> = {}, client: Client = tenant.client): Promise<Row> => {
    const payload = await mutate(client, OPS.create, planInput({ startDate: await day(0), ...overrides }));
    if (payload.userErrors.length) throw new Error(`createMaintenancePlan refused: ${JSON.stringify(payload.userErrors)}`);
    return payload.maintenancePlan;
  };
  const generate = async (planId: string, client: Client = tenant.client): Promise<Row> => mutate(client, OPS.generate, { planId });
  const workOrdersOf = async (planId: string): Promise<Row[]> => dataOf(await tenant.client.request(PLAN_WORK_ORDERS, { id: planId })).maintenancePlan.workOrders.nodes;
  const plannedDates = async (planId: string): Promise<string[]> => (await workOrdersOf(planId)).map((w) => w.plannedFor).sort();
  const countRows = async (table: string): Promise<number> => (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  const lastRunAgo = (interval: string) =>
    harness.dataSource.query(`UPDATE control.tenant_job_runs SET last_run_at = now() - $2::interval WHERE tenant_id = $1 AND job = 'maintenance.generate'`, [tenant.tenant.id, interval]);
  return { tenant, sql, account, workType, day, planInput, createPlan, generate, workOrdersOf, plannedDates, countRows, lastRunAgo };
}

type Workspace = Awaited<ReturnType<typeof workspace>>;

/** The codes and dot-joined fields of a refused plan mutation, which must have returned no plan. */
async function refusal(client: Client, operation: string, input: Record<string, unknown>): Promise<{ code: string; field: string }[]> {
  const payload = await mutate(client, operation, input);
  expect(payload.maintenancePlan).toBeNull();
  return payload.userErrors.map((e) => ({ code: e.code, field: (e.field ?? []).join('.') }));
}

describe('maintenance plans', () => {
  test('are created with their references, listed, read on the account, changed with expectedVersion and deleted', async () => {
    const w = await workspace();
    const contract = await createDraftContract(w.tenant.client, { accountId: w.account.id });
    const contact = await createContact(w.tenant.client, { firstName: 'Sam', lastName: 'Site', accountId: w.account.id });
    const plan = await w.createPlan({ contractId: contract.id, siteContactId: contact.id, serviceAddress: { street: '1 Main St', city: 'Springfield', country: 'US' }, endDate: await w.day(300) });
    expect(plan).toMatchObject({
      name: 'Boiler service',
      frequencyUnit: 'WEEK',
      frequencyInterval: 1,
      startDate: await w.day(0),
      endDate: await w.day(300),
      horizonDays: 20,
      active: true,
      version: 1,
      serviceAddress: { street: '1 Main St', city: 'Springfield', country: 'US' },
      account: { id: w.account.id },
      contract: { id: contract.id },
      workType: { id: w.workType.id, name: w.workType.name },
      siteContact: { id: contact.id },
      territory: null,
    });

    const listed = dataOf(
      await w.tenant.client.request(`query($id: ID!) { account(id: $id) { maintenancePlans { totalCount nodes { id } } } maintenancePlans(where: { active: { eq: true } }) { nodes { id } } }`, {
        id: w.account.id,
      }),
    );
    expect(listed.account.maintenancePlans).toEqual({ totalCount: 1, nodes: [{ id: plan.id }] });
    expect(listed.maintenancePlans.nodes).toEqual([{ id: plan.id }]);

    const updated = await mutate(w.tenant.client, OPS.update, { id: plan.id, expectedVersion: 1, frequencyUnit: 'MONTH', frequencyInterval: 3, contractId: null });
    expect(updated.maintenancePlan).toMatchObject({ frequencyUnit: 'MONTH', frequencyInterval: 3, contract: null, version: 2 });
    expect(await refusal(w.tenant.client, OPS.update, { id: plan.id, expectedVersion: 1, name: 'Stale' })).toEqual([{ code: 'CONFLICT', field: 'input.expectedVersion' }]);

    expect((await mutate(w.tenant.client, OPS.delete, { id: plan.id, expectedVersion: 2 })).maintenancePlan).toEqual({ id: plan.id });
    const gone = await w.tenant.client.request(`query($id: ID!) { maintenancePlan(id: $id) { id } }`, { id: plan.id });
    expect(errorCodes(gone)).toEqual(['NOT_FOUND']);
    expect(await w.countRows('maintenance_plans WHERE deleted_at IS NOT NULL')).toBe(1);
  });

  test('bad input is refused with a code per field and writes nothing', async () => {
    const w = await workspace();
    const otherAccount = await createAccount(w.tenant.client, { name: 'Someone else' });
    const foreignContract = await createDraftContract(w.tenant.client, { accountId: otherAccount.id });
    const foreignContact = await createContact(w.tenant.client, { firstName: 'Not', lastName: 'Here', accountId: otherAccount.id });
    const retired = await createWorkType(w.tenant.client, { defaultDurationMinutes: 30 });
    await w.sql.query('UPDATE work_types SET active = false WHERE id = $1', [uuidOf(retired.id, 'WorkType')]);
    const start = await w.day(0);
    const cases: [Record<string, unknown>, { code: string; field: string }[]][] = [
      [{ frequencyInterval: 0 }, [{ code: 'OUT_OF_RANGE', field: 'input.frequencyInterval' }]],
      [{ frequencyInterval: 121 }, [{ code: 'OUT_OF_RANGE', field: 'input.frequencyInterval' }]],
      [{ horizonDays: 731 }, [{ code: 'OUT_OF_RANGE', field: 'input.horizonDays' }]],
      [{ name: '' }, [{ code: 'REQUIRED', field: 'input.name' }]],
      [{ endDate: await w.day(-1) }, [{ code: 'INVALID', field: 'input.endDate' }]],
      [{ accountId: 'not-an-id' }, [{ code: 'INVALID', field: 'input.accountId' }]],
      [{ accountId: toGlobalId('Account', randomUUID()) }, [{ code: 'NOT_FOUND', field: 'input.accountId' }]],
      [{ contractId: foreignContract.id }, [{ code: 'INVALID', field: 'input.contractId' }]],
      [{ siteContactId: foreignContact.id }, [{ code: 'INVALID', field: 'input.siteContactId' }]],
      [{ workTypeId: retired.id }, [{ code: 'INVALID', field: 'input.workTypeId' }]],
      [{ workTypeId: toGlobalId('WorkType', randomUUID()) }, [{ code: 'NOT_FOUND', field: 'input.workTypeId' }]],
      [{ territoryId: toGlobalId('Territory', randomUUID()) }, [{ code: 'NOT_FOUND', field: 'input.territoryId' }]],
    ];
    for (const [overrides, expected] of cases) {
      expect(await refusal(w.tenant.client, OPS.create, w.planInput({ startDate: start, ...overrides }))).toEqual(expected);
    }
    expect(await w.countRows('maintenance_plans')).toBe(0);

    const plan = await w.createPlan();
    expect(await refusal(w.tenant.client, OPS.update, { id: plan.id, endDate: await w.day(-1) })).toEqual([{ code: 'INVALID', field: 'input.endDate' }]);
    expect(await refusal(w.tenant.client, OPS.update, { id: plan.id, horizonDays: 0 })).toEqual([{ code: 'OUT_OF_RANGE', field: 'input.horizonDays' }]);
    expect(await refusal(w.tenant.client, OPS.update, { id: plan.id, active: null })).toEqual([{ code: 'REQUIRED', field: 'input.active' }]);
    expect((await w.sql.query('SELECT version, end_date FROM maintenance_plans'))[0]).toEqual({ version: 1, end_date: null });
    const unknown = await mutate(w.tenant.client, OPS.generate, { planId: toGlobalId('MaintenancePlan', randomUUID()) });
    expect(unknown).toMatchObject({ createdCount: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'planId'] }] });
    const malformed = await mutate(w.tenant.client, OPS.generate, { planId: w.account.id });
    expect(malformed).toMatchObject({ createdCount: null, userErrors: [{ code: 'INVALID', field: ['input', 'planId'] }] });
    expect(await w.countRows('work_orders')).toBe(0);
  });
});

describe('generating work orders', () => {
  test('a weekly plan generates one NEW order per week within the horizon, with the plan’s details and history, and nothing more when run again', async () => {
    const w = await workspace();
    const contract = await createDraftContract(w.tenant.client, { accountId: w.account.id });
    const plan = await w.createPlan({ contractId: contract.id, serviceAddress: { city: 'Springfield' } });

    const first = await w.generate(plan.id);
    expect(first).toMatchObject({ createdCount: 3, maintenancePlan: { id: plan.id }, userErrors: [] });
    const orders = await w.workOrdersOf(plan.id);
    const dates = [await w.day(0), await w.day(7), await w.day(14)];
    expect(orders.map((o) => o.plannedFor).sort()).toEqual(dates);
    for (const order of orders) {
      expect(order).toMatchObject({
        subject: `Boiler service ${order.plannedFor}`,
        status: 'NEW',
        durationMinutes: 90,
        account: { id: w.account.id },
        contract: { id: contract.id },
        maintenancePlan: { id: plan.id },
        serviceAddress: { city: 'Springfield' },
        statusHistory: [{ from: null, to: 'NEW', actorKind: 'api_key' }],
      });
      expect(order.number).toMatch(/^WO-\d{6}$/);
    }

    expect(await w.generate(plan.id)).toMatchObject({ createdCount: 0, userErrors: [] });
    expect(await w.countRows('work_orders')).toBe(3);
    expect(await w.countRows('work_order_status_history')).toBe(3);
  });

  test('the past is not back-filled, intervals and end dates are respected, and a deleted order is not generated again', async () => {
    const w = await workspace();
    const started = await w.createPlan({ startDate: await w.day(-15), frequencyInterval: 1, horizonDays: 20 });
    const fortnightly = await w.createPlan({ frequencyInterval: 2, horizonDays: 30 });
    const ending = await w.createPlan({ horizonDays: 60, endDate: await w.day(10) });
    const future = await w.createPlan({ startDate: await w.day(25), horizonDays: 20 });
    for (const plan of [started, fortnightly, ending, future]) await w.generate(plan.id);

    // Started 15 days ago: its occurrences 15, 8 and 1 days ago are past; the next ones are 6, 13 and 20 days ahead.
    expect(await w.plannedDates(started.id)).toEqual([await w.day(6), await w.day(13), await w.day(20)]);
    expect(await w.plannedDates(fortnightly.id)).toEqual([await w.day(0), await w.day(14), await w.day(28)]);
    expect(await w.plannedDates(ending.id)).toEqual([await w.day(0), await w.day(7)]);
    expect(await w.plannedDates(future.id)).toEqual([]);

    const [firstOrder] = await w.workOrdersOf(fortnightly.id);
    await w.sql.query('UPDATE work_orders SET deleted_at = now() WHERE id = $1', [uuidOf(firstOrder.id, 'WorkOrder')]);
    expect(await w.generate(fortnightly.id)).toMatchObject({ createdCount: 0 });
  });

  test('a monthly plan clamps month ends like PostgreSQL’s date arithmetic, and nextDates agrees with what was generated', async () => {
    const w = await workspace();
    // Started on a 31st two years ago: every month without a 31st gets its last day, without drifting.
    const [{ start }] = await w.sql.query<{ start: string }>(`SELECT (date_trunc('month', now() AT TIME ZONE 'UTC') - interval '23 months' + interval '30 days')::date::text AS start`);
    expect(start.endsWith('-31')).toBe(true);
    const plan = await w.createPlan({ startDate: start, frequencyUnit: 'MONTH', frequencyInterval: 1, horizonDays: 400 });
    const [today, horizon] = [await w.day(0), await w.day(400)];
    const expected = (
      await w.sql.query<{ d: string }>(
        `SELECT ($1::date + make_interval(months => k))::date::text AS d FROM generate_series(0, 60) k
          WHERE ($1::date + make_interval(months => k))::date BETWEEN $2::date AND $3::date ORDER BY 1`,
        [start, today, horizon],
      )
    ).map((r) => r.d);
    expect(expected.length).toBeGreaterThanOrEqual(13);
    expect(expected.some((d) => d.endsWith('-31')) && expected.some((d) => /-(28|29|30)$/.test(d))).toBe(true);

    expect(await w.generate(plan.id)).toMatchObject({ createdCount: expected.length });
    expect(await w.plannedDates(plan.id)).toEqual(expected);
    const next = dataOf(await w.tenant.client.request(`query($id: ID!, $from: Date) { maintenancePlan(id: $id) { nextDates(from: $from, limit: 100) } }`, { id: plan.id, from: today }));
    expect(next.maintenancePlan.nextDates.filter((d: string) => d <= horizon)).toEqual(expected);
  });

  test('“today” is the workspace’s: an occurrence on its today is generated, one on its yesterday is past, whatever the time in UTC', async () => {
    // 25 hours apart: at any moment of the day, one of the two disagrees with UTC about "today".
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      const w = await workspace();
      await w.sql.query('UPDATE workspace_settings SET time_zone = $1, version = version + 1', [zone]);
      const [{ today, yesterday }] = await w.sql.query<{ today: string; yesterday: string }>(
        `SELECT (now() AT TIME ZONE $1)::date::text AS today, ((now() AT TIME ZONE $1)::date - 1)::text AS yesterday`,
        [zone],
      );
      const startsToday = await w.createPlan({ startDate: today, horizonDays: 1 });
      const startedYesterday = await w.createPlan({ startDate: yesterday, horizonDays: 1 });
      expect(await w.generate(startsToday.id)).toMatchObject({ createdCount: 1 });
      expect(await w.generate(startedYesterday.id)).toMatchObject({ createdCount: 0 });
      expect(await w.plannedDates(startsToday.id)).toEqual([today]);
    }
  });

  test('a deactivated plan, or one of an account in the recycle bin, generates nothing', async () => {
    const w = await workspace();
    const otherAccount = await createAccount(w.tenant.client, { name: 'Gone' });
    const orphan = await w.createPlan({ accountId: otherAccount.id });
    await w.sql.query('UPDATE accounts SET deleted_at = now() WHERE id = $1', [uuidOf(otherAccount.id, 'Account')]);
    expect(await w.generate(orphan.id)).toMatchObject({ createdCount: 0, userErrors: [] });
    const plan = await w.createPlan();
    expect((await mutate(w.tenant.client, OPS.update, { id: plan.id, active: false })).maintenancePlan).toMatchObject({ active: false });
    expect(await w.generate(plan.id)).toMatchObject({ createdCount: null, userErrors: [{ code: 'INVALID_STATE', field: ['input', 'planId'] }] });
    expect(await sweepMaintenancePlans(harness.dataSource, quiet, [w.tenant.tenant.id])).toEqual([{ slug: w.tenant.tenant.slug, created: 0 }]);
    expect(await w.countRows('work_orders')).toBe(0);
  });
});

describe('the maintenance scheduler', () => {
  test('generates every active plan’s orders with the scheduler as actor, paced like the contract scheduler', async () => {
    const w = await workspace();
    const weekly = await w.createPlan();
    const deleted = await w.createPlan({ name: 'Deleted plan' });
    await mutate(w.tenant.client, OPS.delete, { id: deleted.id });

    expect(await sweepMaintenancePlans(harness.dataSource, quiet, [w.tenant.tenant.id])).toEqual([{ slug: w.tenant.tenant.slug, created: 3 }]);
    const orders = await w.workOrdersOf(weekly.id);
    expect(orders).toHaveLength(3);
    for (const order of orders) expect(order.statusHistory).toEqual([{ from: null, to: 'NEW', actorKind: 'system', actorId: 'maintenance-scheduler' }]);
    expect(await w.countRows('work_orders')).toBe(3);

    // Claimed for the hour: a second run does nothing; once due again it finds nothing missing.
    expect(await sweepMaintenancePlans(harness.dataSource, quiet, [w.tenant.tenant.id])).toEqual([]);
    await w.lastRunAgo('56 minutes');
    expect(await sweepMaintenancePlans(harness.dataSource, quiet, [w.tenant.tenant.id])).toEqual([{ slug: w.tenant.tenant.slug, created: 0 }]);
    expect(await w.countRows('work_orders')).toBe(3);
  });

  test('a failing workspace is logged and the others are still run', async () => {
    const broken = await workspace();
    const fine = await workspace();
    await broken.createPlan();
    await fine.createPlan();
    // A time zone PostgreSQL does not know makes the broken workspace's run fail.
    await broken.sql.query(`UPDATE workspace_settings SET time_zone = 'Nowhere/Atlantis', version = version + 1`);
    const lines: string[] = [];
    const log = createLogger({ level: 'error', destination: { write: (line: string) => void lines.push(line) } });

    const results = await sweepMaintenancePlans(harness.dataSource, log, [broken.tenant.tenant.id, fine.tenant.tenant.id]);
    expect(results).toEqual([{ slug: fine.tenant.tenant.slug, created: 3 }]);
    expect(await broken.countRows('work_orders')).toBe(0);
    expect(lines.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ msg: 'maintenance plan sweep failed', tenant: broken.tenant.tenant.slug })]);
  });
});

describe('generation run concurrently', () => {
  let second: DataSource;
  beforeAll(async () => {
    // A second app instance: its own pool.
    second = await createDataSource({ url: process.env.DATABASE_URL!, poolSize: 3, entities: allEntities() });
  });
  afterAll(async () => {
    await second?.destroy();
  });

  /** Each occurrence of the workspace's plans exists once, with one history row each. */
  async function expectEachOnce(w: Workspace, expected: number) {
    const rows = await w.sql.query<{ n: number; distinct: number }>('SELECT count(*)::int AS n, count(DISTINCT (maintenance_plan_id, planned_for))::int AS distinct FROM work_orders');
    expect(rows[0]).toEqual({ n: expected, distinct: expected });
    expect(await w.countRows('work_order_status_history')).toBe(expected);
  }

  test('two overlapping scheduler runs of one workspace (pacing bypassed) create each occurrence once', async () => {
    const w = await workspace();
    for (let i = 0; i < 5; i++) await w.createPlan({ name: `Plan ${i}`, horizonDays: 60 });
    const created = await Promise.all([sweepTenantMaintenancePlans(harness.dataSource, w.tenant.tenant, quiet), sweepTenantMaintenancePlans(second, w.tenant.tenant, quiet)]);
    // 5 plans × 9 weekly dates (today … today + 56).
    expect(created[0] + created[1]).toBe(45);
    await expectEachOnce(w, 45);
  });

  test('on two instances at once one of them claims the workspace; concurrent mutations share the work', async () => {
    const w = await workspace();
    const plan = await w.createPlan();
    const runs = await Promise.all([sweepMaintenancePlans(harness.dataSource, quiet, [w.tenant.tenant.id]), sweepMaintenancePlans(second, quiet, [w.tenant.tenant.id])]);
    expect(runs.flat()).toEqual([{ slug: w.tenant.tenant.slug, created: 3 }]);

    await w.sql.query('UPDATE maintenance_plans SET horizon_days = 60');
    const results = await Promise.all(Array.from({ length: 5 }, () => w.generate(plan.id)));
    expect(results.reduce((sum, r) => sum + r.createdCount, 0)).toBe(6);
    await expectEachOnce(w, 9);
  });
});

describe('access and batching', () => {
  test('a dispatcher manages plans; a technician may not (FORBIDDEN); a sales rep reads them', async () => {
    const w = await workspace();
    const as = async (role: string) => {
      const user = await harness.addUser(w.tenant.tenant, { role });
      return (await harness.keyFor(w.tenant.tenant, { role, userId: user.uuid })).client;
    };
    const dispatcher = await as('dispatcher');
    const plan = await w.createPlan({}, dispatcher);
    expect(await w.generate(plan.id, dispatcher)).toMatchObject({ createdCount: 3 });

    const technician = await as('technician');
    const input = w.planInput({ startDate: await w.day(0) });
    expect(errorCodes(await technician.request(OPS.create, { input }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await technician.request(OPS.generate, { input: { planId: plan.id } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await technician.request('{ maintenancePlans { nodes { id } } }'))).toEqual(['FORBIDDEN']);

    const rep = await as('sales_rep');
    expect(dataOf(await rep.request('{ maintenancePlans { nodes { id name } } }')).maintenancePlans.nodes).toEqual([{ id: plan.id, name: 'Boiler service' }]);
    expect(errorCodes(await rep.request(OPS.update, { input: { id: plan.id, name: 'Renamed' } }))).toEqual(['FORBIDDEN']);
    expect(await w.countRows('maintenance_plans')).toBe(1);
  });

  test('a page of plans with their work orders, account and work type takes the same number of statements for 2 or 10 plans', async () => {
    const w = await workspace();
    for (let i = 0; i < 10; i++) {
      const plan = await w.createPlan({ name: `Plan ${String(i).padStart(2, '0')}` });
      await w.generate(plan.id);
    }
    const query = `query($first: Int) { maintenancePlans(first: $first) { totalCount nodes { id account { name } workType { name }
      workOrders(first: 5) { totalCount nodes { number maintenancePlan { name } } } } } }`;
    const two = await w.tenant.client.request(query, { first: 2 });
    const ten = await w.tenant.client.request(query, { first: 10 });
    expect(dataOf(ten).maintenancePlans.nodes).toHaveLength(10);
    expect(dataOf(ten).maintenancePlans.nodes[9].workOrders.totalCount).toBe(3);
    expect(typeof two.extensions?.sqlStatements).toBe('number');
    expect(ten.extensions?.sqlStatements).toBe(two.extensions?.sqlStatements);
  });
});
