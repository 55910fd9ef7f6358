/**
 * serviceLevelCompliance: hand-computed MET / VIOLATED / PENDING counts (completion exactly at the
 * due time is met, an open milestone past due is violated), compliance rates, cases without
 * entitlement, per priority, record scope, the analyst, local days, and the statement count.
 */
import { randomUUID } from 'node:crypto';
import { Client, TestUser, dataOf, errorCodes, useHarness } from '../support/harness';
import { Row, Workspace, ask, insertAccounts, setUpWorkspace } from './insights-helpers';

const harness = useHarness();
let ws: Workspace;
let ann: TestUser;
let entitlementId: string;
let accounts: string[];

const JANUARY = { from: '2026-01-01', to: '2026-01-31' };
const COUNTS = 'cases withoutEntitlement responseMet responseViolated responsePending responseCompliance resolutionMet resolutionViolated resolutionPending resolutionCompliance';
const COMPLIANCE = `query($period: InsightsPeriodInput!) {
  serviceLevelCompliance(period: $period) { from to ${COUNTS} byPriority { priority ${COUNTS} } }
}`;

const complianceOf = async (client: Client, period = JANUARY): Promise<Row> => dataOf(await ask(client, COMPLIANCE, period)).serviceLevelCompliance;
/** [cases, withoutEntitlement, response met/violated/pending/compliance, resolution met/violated/pending/compliance]. */
const counts = (r: Row) => [
  r.cases,
  r.withoutEntitlement,
  [r.responseMet, r.responseViolated, r.responsePending, r.responseCompliance],
  [r.resolutionMet, r.resolutionViolated, r.resolutionPending, r.resolutionCompliance],
];
const byPriority = (r: Row) => Object.fromEntries(r.byPriority.map((p: Row) => [p.priority, counts(p)]));

interface CaseRow {
  openedAt: string;
  priority: string;
  entitled?: boolean;
  responseDue?: string;
  respondedAt?: string | null;
  resolutionDue?: string;
  resolvedAt?: string | null;
  ownerUuid?: string | null;
  account?: number;
  deleted?: boolean;
}

const FUTURE = '2099-01-01T00:00:00Z';

async function insertCases(target: Workspace, accountIds: string[], entitlement: string | null, rows: CaseRow[]): Promise<void> {
  for (const r of rows) {
    await harness.dataSource.query(
      `INSERT INTO ${target.schema}.service_cases (id, number, account_id, subject, channel, priority, entitlement_id, owner_id, opened_at,
         response_due_at, resolution_due_at, first_responded_at, resolved_at, deleted_at)
       VALUES ($1::uuid, $1::text, $2, 'Help', 'EMAIL', $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $11 THEN now() END)`,
      [
        randomUUID(),
        accountIds[r.account ?? 0],
        r.priority,
        r.entitled ? entitlement : null,
        r.ownerUuid ?? null,
        r.openedAt,
        r.entitled ? (r.responseDue ?? FUTURE) : null,
        r.entitled ? (r.resolutionDue ?? FUTURE) : null,
        r.respondedAt ?? null,
        r.resolvedAt ?? null,
        r.deleted ?? false,
      ],
    );
  }
}

async function entitlementIn(target: Workspace, accountId: string): Promise<string> {
  const contractId = randomUUID();
  const id = randomUUID();
  await harness.dataSource.query(
    `INSERT INTO ${target.schema}.contracts (id, number, account_id, start_date, term_months, end_date, currency) VALUES ($1, 'CTR-1', $2, '2025-01-01', 24, '2026-12-31', 'EUR')`,
    [contractId, accountId],
  );
  await harness.dataSource.query(`INSERT INTO ${target.schema}.entitlements (id, contract_id, name, response_minutes, resolution_minutes, position) VALUES ($1, $2, 'Gold', 60, 480, 1)`, [
    id,
    contractId,
  ]);
  return id;
}

beforeAll(async () => {
  ws = await setUpWorkspace(harness);
  ann = await harness.addUser(ws.tenant, { role: 'sales_rep', name: 'Ann' });
  // The second account is Ann's: she follows its cases.
  accounts = [...(await insertAccounts(harness, ws, 1)), ...(await insertAccounts(harness, ws, 1, ann.uuid))];
  entitlementId = await entitlementIn(ws, accounts[0]);
  const due = '2026-01-10T12:00:00Z';
  await insertCases(ws, accounts, entitlementId, [
    // HIGH: both met (Ann's); responded late with resolution pending; no entitlement.
    { openedAt: '2026-01-01T02:00:00Z', priority: 'HIGH', entitled: true, responseDue: due, respondedAt: '2026-01-09T00:00:00Z', resolutionDue: due, resolvedAt: '2026-01-10T00:00:00Z', ownerUuid: ann.uuid },
    { openedAt: '2026-01-05T00:00:00Z', priority: 'HIGH', entitled: true, responseDue: due, respondedAt: '2026-01-11T00:00:00Z' },
    { openedAt: '2026-01-05T00:00:00Z', priority: 'HIGH' },
    // LOW: nothing done and both past due (on Ann's account); responded exactly at the due time but resolved late.
    { openedAt: '2026-01-06T00:00:00Z', priority: 'LOW', entitled: true, responseDue: due, resolutionDue: due, account: 1 },
    { openedAt: '2026-01-07T00:00:00Z', priority: 'LOW', entitled: true, responseDue: due, respondedAt: due, resolutionDue: due, resolvedAt: '2026-01-10T12:00:01Z' },
    // URGENT: both pending; MEDIUM: no entitlement.
    { openedAt: '2026-01-31T23:00:00Z', priority: 'URGENT', entitled: true },
    { openedAt: '2026-01-20T00:00:00Z', priority: 'MEDIUM' },
    // Not in the period (UTC days) or in the recycle bin.
    { openedAt: '2025-12-31T23:59:00Z', priority: 'HIGH', entitled: true },
    { openedAt: '2026-02-01T03:00:00Z', priority: 'URGENT' },
    { openedAt: '2026-01-15T00:00:00Z', priority: 'HIGH', entitled: true, deleted: true },
  ]);
});

test('counts met, violated and pending milestones with their compliance, in all and per priority', async () => {
  const c = await complianceOf(ws.client);
  expect(c).toMatchObject(JANUARY);
  expect(counts(c)).toEqual([7, 2, [2, 2, 1, 0.5], [1, 2, 2, 0.333333]]);
  expect(byPriority(c)).toEqual({
    LOW: [2, 0, [1, 1, 0, 0.5], [0, 2, 0, 0]],
    MEDIUM: [1, 1, [0, 0, 0, null], [0, 0, 0, null]],
    HIGH: [3, 1, [1, 1, 0, 0.5], [1, 0, 1, 1]],
    URGENT: [1, 0, [0, 0, 1, null], [0, 0, 1, null]],
  });
  expect(c.byPriority.map((p: Row) => p.priority)).toEqual(['LOW', 'MEDIUM', 'HIGH', 'URGENT']);
});

test("a sales rep counts their own cases and their accounts' cases; the analyst all; a role without cases is refused", async () => {
  const rep = (await harness.keyFor(ws.tenant, { role: 'sales_rep', userId: ann.uuid })).client;
  expect(counts(await complianceOf(rep))).toEqual([2, 0, [1, 1, 0, 0.5], [1, 1, 0, 0.5]]);
  const analyst = (await harness.keyFor(ws.tenant, { role: 'analyst' })).client;
  expect(counts(await complianceOf(analyst))).toEqual([7, 2, [2, 2, 1, 0.5], [1, 2, 2, 0.333333]]);
  const technician = (await harness.keyFor(ws.tenant, { role: 'technician' })).client;
  expect(errorCodes(await ask(technician, COMPLIANCE, JANUARY))).toEqual(['FORBIDDEN']);
});

test('an empty period or workspace gives zeros for every priority; a reversed period is refused', async () => {
  const zeros = [0, 0, [0, 0, 0, null], [0, 0, 0, null]];
  const empty = await complianceOf(ws.client, { from: '2030-01-01', to: '2030-01-31' });
  expect(counts(empty)).toEqual(zeros);
  expect(Object.values(byPriority(empty))).toEqual([zeros, zeros, zeros, zeros]);
  const fresh = await setUpWorkspace(harness);
  expect(counts(await complianceOf(fresh.client))).toEqual(zeros);
  expect(errorCodes(await ask(ws.client, COMPLIANCE, { from: '2026-02-01', to: '2026-01-01' }))).toEqual(['BAD_USER_INPUT']);
});

test("the period's days are the workspace's local days, in a constant number of statements", async () => {
  const other = await setUpWorkspace(harness);
  const [account] = await insertAccounts(harness, other, 1);
  const entitlement = await entitlementIn(other, account);
  const statements = async () => (await ask(other.client, COMPLIANCE, JANUARY)).extensions?.sqlStatements as number;
  await insertCases(other, [account], entitlement, [{ openedAt: '2026-01-10T00:00:00Z', priority: 'LOW', entitled: true }]);
  const few = await statements();
  await insertCases(other, [account], entitlement, [
    ...['LOW', 'MEDIUM', 'HIGH', 'URGENT'].map((priority) => ({ openedAt: '2026-01-10T00:00:00Z', priority, entitled: true })),
    // 2026-01-01 02:00 UTC is still 31 December in New York; 2026-02-01 03:00 UTC is 31 January there.
    { openedAt: '2026-01-01T02:00:00Z', priority: 'HIGH' },
    { openedAt: '2026-02-01T03:00:00Z', priority: 'URGENT' },
  ]);
  expect(await statements()).toBe(few);
  expect((await complianceOf(other.client)).cases).toBe(6);
  await harness.dataSource.query(`UPDATE ${other.schema}.workspace_settings SET time_zone = 'America/New_York', version = version + 1`);
  const local = await complianceOf(other.client);
  expect(local.cases).toBe(6);
  expect(byPriority(local)).toMatchObject({ HIGH: [1, 0, [0, 0, 1, null], [0, 0, 1, null]], URGENT: [2, 1, [0, 0, 1, null], [0, 0, 1, null]] });
});
