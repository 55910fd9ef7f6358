/** Operations and helpers shared by the work order tests (and the appointment and maintenance plan tests). */
import { randomUUID } from 'node:crypto';
import { uuidOf } from '../../src/graphql/global-id';
import { Row, UserErrorData, createAccount } from '../support/crm-operations';
import { Client, Harness, TestTenant, dataOf } from '../support/harness';

export { createAccount };

const USER_ERRORS = 'userErrors { field message code }';

/** Every field of a work order a caller with full access may read (no references beyond the ones given). */
export const WORK_ORDER_FIELDS = `id number subject description accountName serviceAddress { street city postalCode country } latitude longitude
  durationMinutes priority status dueBy completionNotes signatureName completedAt version createdAt updatedAt
  account { id name } siteContact { id } siteContactName siteContactPhone territory { id } serviceCase { id } contract { id } entitlement { id }
  workType { id name } owner { id } lineItems { kind product { id } description quantity unitPrice { amount currency } total { amount currency } position }
  statusHistory { from to reason actorKind actorId at }`;

/** The fields of a visit (what a technician reads). */
export const VISIT_FIELDS = 'id number subject status accountName serviceAddress { street city postalCode country } latitude longitude siteContactName siteContactPhone durationMinutes dueBy';

const operation = (name: string, inputType: string) => `mutation($input: ${inputType}!) { ${name}(input: $input) { workOrder { ${WORK_ORDER_FIELDS} } ${USER_ERRORS} } }`;

export const WORK_ORDER_OPS = {
  create: operation('createWorkOrder', 'CreateWorkOrderInput'),
  update: operation('updateWorkOrder', 'UpdateWorkOrderInput'),
  dispatch: operation('dispatchWorkOrder', 'DispatchWorkOrderInput'),
  cancel: operation('cancelWorkOrder', 'CancelWorkOrderInput'),
  complete: operation('completeWorkOrder', 'CompleteWorkOrderInput'),
  cannotComplete: operation('markWorkOrderCannotComplete', 'MarkWorkOrderCannotCompleteInput'),
};

export const GET_WORK_ORDER = `query($id: ID!) { workOrder(id: $id) { ${WORK_ORDER_FIELDS} } }`;
export const GET_VISIT = `query($id: ID!) { workOrder(id: $id) { ${VISIT_FIELDS} } }`;

export const LIST_WORK_ORDERS = `query($first: Int, $after: String, $where: WorkOrderFilter, $orderBy: [WorkOrderOrder!]) {
  workOrders(first: $first, after: $after, where: $where, orderBy: $orderBy) { totalCount nodes { id number status priority dueBy } pageInfo { hasNextPage endCursor } } }`;

export type Payload = Row & { userErrors: UserErrorData[] };

/** The payload of a work order mutation (top-level errors fail the test). */
export async function mutateWorkOrder(client: Client, op: string, input: Record<string, unknown>): Promise<Payload> {
  const data = dataOf(await client.request(op, { input }));
  return Object.values(data)[0] as Payload;
}

/** Runs a work order mutation that must succeed and returns the work order. */
export async function workOrderOk(client: Client, op: string, input: Record<string, unknown>): Promise<Row> {
  const payload = await mutateWorkOrder(client, op, input);
  if (payload.userErrors.length) throw new Error(`Unexpected userErrors: ${JSON.stringify(payload.userErrors)}`);
  return payload.workOrder;
}

/** The codes and fields of a refused work order mutation, which must have returned no work order. */
export async function workOrderRefused(client: Client, op: string, input: Record<string, unknown>): Promise<{ code: string; field: string }[]> {
  const payload = await mutateWorkOrder(client, op, input);
  expect(payload.workOrder).toBeNull();
  return payload.userErrors.map((e) => ({ code: e.code, field: (e.field ?? []).join('.') }));
}

/**
 * A NEW work order (60 minutes, subject "Repair"); without `accountId` in `overrides` a new
 * account is created for it. `overrides` are CreateWorkOrderInput fields.
 */
export async function createWorkOrder(client: Client, overrides: Record<string, unknown> = {}): Promise<Row> {
  const accountId = overrides.accountId ?? (overrides.serviceCaseId ? undefined : (await createAccount(client, { name: 'Field customer' })).id);
  return workOrderOk(client, WORK_ORDER_OPS.create, { subject: 'Repair', durationMinutes: 60, ...(accountId ? { accountId } : {}), ...overrides });
}

/** Direct SQL in a workspace's schema, for states the API reaches only through other features (appointments, check-in). */
export interface TenantSql {
  query<T = Row>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** A TenantSql for the workspace (its tables resolved through search_path, in one transaction per call). */
export function tenantSql(harness: Harness, workspace: TestTenant): TenantSql {
  const schema = workspace.tenant.schemaName;
  if (!/^t_[a-z0-9_]+$/.test(schema)) throw new Error(`unexpected schema ${schema}`);
  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      return harness.dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL search_path TO "${schema}"`);
        return manager.query(sql, params) as Promise<T[]>;
      });
    },
  };
}

let visitSlot = 0;

/**
 * Assigns a work order to the user as its technician (the technician row is created when missing)
 * through a live appointment, the way scheduleAppointment would, and sets the order's status
 * (default SCHEDULED). Each call books a fresh hour, so one technician's visits never overlap.
 */
export async function assignInSql(sql: TenantSql, workOrderId: string, userUuid: string, status = 'SCHEDULED'): Promise<string> {
  const [technician] = await sql.query<{ id: string }>(
    `INSERT INTO technicians (id, user_id) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET active = true RETURNING id`,
    [randomUUID(), userUuid],
  );
  const start = new Date(Date.UTC(2031, 0, 1) + visitSlot++ * 3_600_000);
  const end = new Date(start.getTime() + 3_600_000);
  const [appointment] = await sql.query<{ id: string }>(
    `INSERT INTO appointments (id, work_order_id, technician_id, scheduled, arrival_window) VALUES ($1, $2, $3, tstzrange($4, $5, '[)'), tstzrange($4, $5, '[)')) RETURNING id`,
    [randomUUID(), uuidOf(workOrderId, 'WorkOrder'), technician.id, start, end],
  );
  await setStatusInSql(sql, workOrderId, status);
  return appointment.id;
}

/** Puts a work order into a status directly (the transitions under test start from it). */
export async function setStatusInSql(sql: TenantSql, workOrderId: string, status: string): Promise<void> {
  await sql.query('UPDATE work_orders SET status = $2 WHERE id = $1', [uuidOf(workOrderId, 'WorkOrder'), status]);
}
