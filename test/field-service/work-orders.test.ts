/** Work orders: create and update with their checks, line items, due-by from the entitlement's SLA, lists and nested lists. */
import { toGlobalId } from '../../src/graphql/global-id';
import { Row, createAccount } from '../support/crm-operations';
import { Client, TestTenant, dataOf, errorCodes, useHarness } from '../support/harness';
import { addEntitlement, createCase, createContact, createProduct, draftContract, servicedAccount } from '../service/case-helpers';
import {
  GET_WORK_ORDER,
  LIST_WORK_ORDERS,
  WORK_ORDER_OPS,
  createWorkOrder,
  mutateWorkOrder,
  tenantSql,
  workOrderOk,
  workOrderRefused,
} from './work-order-helpers';

const harness = useHarness({ rateLimitStore: 'off', maxQueryCost: 20_000 });
let workspace: TestTenant;
let admin: Client;
let account: Row;

beforeAll(async () => {
  workspace = await harness.createTenant();
  admin = workspace.client;
  account = await createAccount(admin, { name: 'Acme Plant' });
});

const MINUTE = 60_000;

describe('createWorkOrder', () => {
  test('stores every field, numbers the order, starts NEW with a history entry and computes line totals', async () => {
    const contact = await createContact(admin, account.id, 'Site');
    const product = await createProduct(admin, 'Filter');
    const created = await createWorkOrder(admin, {
      accountId: account.id,
      subject: 'Replace filter',
      description: 'Unit 4 on the roof',
      siteContactId: contact.id,
      serviceAddress: { street: '1 Plant Road', city: 'Springfield', postalCode: '12345', country: 'US' },
      latitude: '52.52',
      longitude: '13.405',
      priority: 'HIGH',
      dueBy: '2031-03-01T12:00:00.000Z',
      lineItems: [
        { kind: 'PART', productId: product.id, quantity: '2', unitPrice: '19.99', currency: 'USD' },
        { kind: 'LABOUR', description: 'Fitting', quantity: '1.5', unitPrice: '80' },
      ],
    });
    expect(created).toMatchObject({
      number: expect.stringMatching(/^WO-\d{6}$/),
      subject: 'Replace filter',
      description: 'Unit 4 on the roof',
      accountName: 'Acme Plant',
      account: { id: account.id, name: 'Acme Plant' },
      siteContact: { id: contact.id },
      siteContactName: 'Site',
      serviceAddress: { street: '1 Plant Road', city: 'Springfield', postalCode: '12345', country: 'US' },
      latitude: '52.52',
      longitude: '13.405',
      durationMinutes: 60,
      priority: 'HIGH',
      status: 'NEW',
      dueBy: '2031-03-01T12:00:00.000Z',
      completedAt: null,
      version: 1,
      entitlement: null,
      contract: null,
    });
    expect(created.lineItems).toEqual([
      { kind: 'PART', product: { id: product.id }, description: null, quantity: '2', unitPrice: { amount: '19.99', currency: 'USD' }, total: { amount: '39.98', currency: 'USD' }, position: 1 },
      // The workspace's default currency when none is given.
      { kind: 'LABOUR', product: null, description: 'Fitting', quantity: '1.5', unitPrice: { amount: '80.00', currency: 'EUR' }, total: { amount: '120.00', currency: 'EUR' }, position: 2 },
    ]);
    expect(created.statusHistory).toEqual([{ from: null, to: 'NEW', reason: null, actorKind: 'api_key', actorId: expect.any(String), at: expect.any(String) }]);
    expect(dataOf(await admin.request(GET_WORK_ORDER, { id: created.id })).workOrder).toEqual(created);
  });

  test('the duration defaults to the work type’s; without either it is REQUIRED', async () => {
    const sql = tenantSql(harness, workspace);
    const [type] = await sql.query<{ id: string }>(`INSERT INTO work_types (id, name, default_duration_minutes) VALUES (gen_random_uuid(), 'Boiler service', 90) RETURNING id`);
    const fromType = await createWorkOrder(admin, { accountId: account.id, workTypeId: toGlobalId('WorkType', type.id), durationMinutes: undefined });
    expect(fromType).toMatchObject({ durationMinutes: 90, workType: { id: toGlobalId('WorkType', type.id), name: 'Boiler service' } });
    expect(await workOrderRefused(admin, WORK_ORDER_OPS.create, { accountId: account.id, subject: 'No length' })).toEqual([{ code: 'REQUIRED', field: 'input.durationMinutes' }]);
  });

  test.each([
    ['no account and no case', { accountId: undefined }, [{ code: 'REQUIRED', field: 'input.accountId' }]],
    ['a malformed account ID', { accountId: 'nope' }, [{ code: 'INVALID', field: 'input.accountId' }]],
    ['only a latitude', { latitude: '10' }, [{ code: 'INVALID', field: 'input.longitude' }]],
    ['a latitude out of range', { latitude: '91', longitude: '0' }, [{ code: 'OUT_OF_RANGE', field: 'input.latitude' }]],
    ['a duration too short', { durationMinutes: 2 }, [{ code: 'OUT_OF_RANGE', field: 'input.durationMinutes' }]],
    ['an empty subject', { subject: '' }, [{ code: 'REQUIRED', field: 'input.subject' }]],
    ['a line without product or description', { lineItems: [{ kind: 'PART', quantity: '1' }] }, [{ code: 'REQUIRED', field: 'input.lineItems.0.description' }]],
    ['a line with quantity 0', { lineItems: [{ kind: 'LABOUR', description: 'x', quantity: '0' }] }, [{ code: 'OUT_OF_RANGE', field: 'input.lineItems.0.quantity' }]],
    ['a negative price', { lineItems: [{ kind: 'LABOUR', description: 'x', quantity: '1', unitPrice: '-1' }] }, [{ code: 'OUT_OF_RANGE', field: 'input.lineItems.0.unitPrice' }]],
  ])('refused with %s, writing nothing', async (_label, overrides, expected) => {
    const count = async () => dataOf(await admin.request('{ workOrders { totalCount } }')).workOrders.totalCount;
    const before = await count();
    expect(await workOrderRefused(admin, WORK_ORDER_OPS.create, { subject: 'Check', durationMinutes: 30, accountId: account.id, ...overrides })).toEqual(expected);
    expect(await count()).toBe(before);
  });

  test('the site contact must be one of the account’s', async () => {
    const other = await createAccount(admin, { name: 'Elsewhere' });
    const stranger = await createContact(admin, other.id, 'Stranger');
    expect(await workOrderRefused(admin, WORK_ORDER_OPS.create, { accountId: account.id, subject: 'x', durationMinutes: 30, siteContactId: stranger.id })).toEqual([
      { code: 'INVALID', field: 'input.siteContactId' },
    ]);
  });

  test('an idempotency key replays the first result', async () => {
    const input = { accountId: account.id, subject: 'Once', durationMinutes: 30, idempotencyKey: `wo-${Date.now()}` };
    const first = await workOrderOk(admin, WORK_ORDER_OPS.create, input);
    const again = await workOrderOk(admin, WORK_ORDER_OPS.create, input);
    expect(again.id).toBe(first.id);
    expect(again.number).toBe(first.number);
  });
});

describe('due-by from the entitlement', () => {
  test('around-the-clock coverage: due the resolution time after creation; the contract comes with the entitlement', async () => {
    const { accountId, contractId, entitlements } = await servicedAccount(admin, [{ name: 'Premium', responseTimeMinutes: 60, resolutionTimeMinutes: 240, coverage: 'ALL_HOURS' }]);
    const before = Date.now();
    const created = await createWorkOrder(admin, { accountId, entitlementId: entitlements[0].id });
    const after = Date.now();
    const due = new Date(created.dueBy).getTime();
    expect(due).toBeGreaterThanOrEqual(before + 240 * MINUTE - 1000);
    expect(due).toBeLessThanOrEqual(after + 240 * MINUTE + 1000);
    expect(created.entitlement).toEqual({ id: entitlements[0].id });
    expect(created.contract).toEqual({ id: contractId });
  });

  test('business-hours coverage counts business time: never earlier than the same minutes of elapsed time', async () => {
    const { accountId, entitlements } = await servicedAccount(admin, [{ name: 'Standard', responseTimeMinutes: 60, resolutionTimeMinutes: 960 }]);
    const before = Date.now();
    const created = await createWorkOrder(admin, { accountId, entitlementId: entitlements[0].id });
    // 16 business hours span at least two working days: more than 16 elapsed hours.
    expect(new Date(created.dueBy).getTime()).toBeGreaterThan(before + 960 * MINUTE);
  });

  test('a given due-by wins over the SLA', async () => {
    const { accountId, entitlements } = await servicedAccount(admin, [{ name: 'Premium', responseTimeMinutes: 60, resolutionTimeMinutes: 240, coverage: 'ALL_HOURS' }]);
    const created = await createWorkOrder(admin, { accountId, entitlementId: entitlements[0].id, dueBy: '2032-01-01T00:00:00.000Z' });
    expect(created.dueBy).toBe('2032-01-01T00:00:00.000Z');
  });

  test('from a service case: its account and entitlement are the defaults', async () => {
    const { accountId, entitlements } = await servicedAccount(admin, [{ name: 'Premium', responseTimeMinutes: 60, resolutionTimeMinutes: 240, coverage: 'ALL_HOURS' }]);
    const serviceCase = await createCase(admin, { accountId, subject: 'Broken', channel: 'PHONE' });
    const created = await createWorkOrder(admin, { serviceCaseId: serviceCase.id });
    expect(created).toMatchObject({ account: { id: accountId }, serviceCase: { id: serviceCase.id }, entitlement: { id: entitlements[0].id } });
    expect(created.dueBy).not.toBeNull();
    const listed = dataOf(await admin.request(`query($id: ID!) { serviceCase(id: $id) { workOrders { nodes { id } } } }`, { id: serviceCase.id }));
    expect(listed.serviceCase.workOrders.nodes).toEqual([{ id: created.id }]);
    // Another account than the case's is refused.
    expect(await workOrderRefused(admin, WORK_ORDER_OPS.create, { serviceCaseId: serviceCase.id, accountId: account.id, subject: 'x', durationMinutes: 30 })).toEqual([
      { code: 'INVALID', field: 'input.accountId' },
    ]);
  });

  test('an entitlement of a draft contract or of another account is refused', async () => {
    const draft = await draftContract(admin, account.id, '2020-01-01', 240);
    const unsigned = await addEntitlement(admin, { contractId: draft.id, name: 'Draft', responseTimeMinutes: 60, resolutionTimeMinutes: 120 });
    const { entitlements } = await servicedAccount(admin, [{ name: 'Theirs', responseTimeMinutes: 60, resolutionTimeMinutes: 120 }]);
    for (const entitlementId of [unsigned.id, entitlements[0].id]) {
      expect(await workOrderRefused(admin, WORK_ORDER_OPS.create, { accountId: account.id, subject: 'x', durationMinutes: 30, entitlementId })).toEqual([
        { code: 'INVALID', field: 'input.entitlementId' },
      ]);
    }
  });
});

describe('updateWorkOrder', () => {
  test('changes fields, replaces the lines, and checks the expected version', async () => {
    const order = await createWorkOrder(admin, { accountId: account.id, lineItems: [{ kind: 'LABOUR', description: 'Old', quantity: '1' }] });
    const updated = await workOrderOk(admin, WORK_ORDER_OPS.update, {
      id: order.id,
      expectedVersion: 1,
      subject: 'Changed',
      priority: 'URGENT',
      durationMinutes: 120,
      lineItems: [{ kind: 'PART', description: 'Valve', quantity: '3', unitPrice: '5.5' }],
    });
    expect(updated).toMatchObject({ subject: 'Changed', priority: 'URGENT', durationMinutes: 120, version: 2 });
    expect(updated.lineItems).toEqual([expect.objectContaining({ description: 'Valve', quantity: '3', total: { amount: '16.50', currency: 'EUR' }, position: 1 })]);
    expect(await workOrderRefused(admin, WORK_ORDER_OPS.update, { id: order.id, expectedVersion: 1, subject: 'Stale' })).toEqual([{ code: 'CONFLICT', field: 'input.expectedVersion' }]);
    // Omitting lineItems keeps them; an empty list clears them.
    expect((await workOrderOk(admin, WORK_ORDER_OPS.update, { id: order.id, description: 'More' })).lineItems).toHaveLength(1);
    expect((await workOrderOk(admin, WORK_ORDER_OPS.update, { id: order.id, lineItems: [] })).lineItems).toEqual([]);
  });

  test('coordinates stay paired across updates; a null duration is REQUIRED', async () => {
    const order = await createWorkOrder(admin, { accountId: account.id, latitude: '1', longitude: '2' });
    expect(await workOrderRefused(admin, WORK_ORDER_OPS.update, { id: order.id, latitude: null })).toEqual([{ code: 'INVALID', field: 'input.latitude' }]);
    expect(await workOrderRefused(admin, WORK_ORDER_OPS.update, { id: order.id, durationMinutes: null })).toEqual([{ code: 'REQUIRED', field: 'input.durationMinutes' }]);
    const cleared = await workOrderOk(admin, WORK_ORDER_OPS.update, { id: order.id, latitude: null, longitude: null });
    expect(cleared).toMatchObject({ latitude: null, longitude: null });
  });

  test('closed work orders cannot be changed (INVALID_STATE)', async () => {
    const order = await createWorkOrder(admin, { accountId: account.id });
    await workOrderOk(admin, WORK_ORDER_OPS.cancel, { id: order.id, reason: 'Not needed' });
    expect(await workOrderRefused(admin, WORK_ORDER_OPS.update, { id: order.id, subject: 'Too late' })).toEqual([{ code: 'INVALID_STATE', field: 'input.id' }]);
  });

  test('an unknown work order is NOT_FOUND', async () => {
    const missing = toGlobalId('WorkOrder', '00000000-0000-7000-8000-000000000000');
    expect(await workOrderRefused(admin, WORK_ORDER_OPS.update, { id: missing, subject: 'x' })).toEqual([{ code: 'NOT_FOUND', field: 'input.id' }]);
    expect(errorCodes(await admin.request(GET_WORK_ORDER, { id: missing }))).toEqual(['NOT_FOUND']);
  });
});

describe('lists', () => {
  test('filters by status, priority and account, sorts by priority, and pages', async () => {
    const customer = await createAccount(admin, { name: 'Listed' });
    const low = await createWorkOrder(admin, { accountId: customer.id, priority: 'LOW' });
    const urgent = await createWorkOrder(admin, { accountId: customer.id, priority: 'URGENT' });
    const medium = await createWorkOrder(admin, { accountId: customer.id });
    await workOrderOk(admin, WORK_ORDER_OPS.cancel, { id: medium.id, reason: 'Duplicate' });
    const list = async (variables: Record<string, unknown>) => dataOf(await admin.request(LIST_WORK_ORDERS, variables)).workOrders;
    const byPriority = await list({ where: { account: { eq: customer.id } }, orderBy: [{ field: 'PRIORITY', direction: 'DESC' }] });
    expect(byPriority.nodes.map((n: Row) => n.id)).toEqual([urgent.id, medium.id, low.id]);
    const open = await list({ where: { account: { eq: customer.id }, status: { in: ['NEW'] }, priority: { neq: 'LOW' } } });
    expect(open).toMatchObject({ totalCount: 1, nodes: [{ id: urgent.id }] });
    const page = await list({ where: { account: { eq: customer.id } }, first: 2 });
    const rest = await list({ where: { account: { eq: customer.id } }, first: 2, after: page.pageInfo.endCursor });
    expect([...page.nodes, ...rest.nodes].map((n: Row) => n.id).sort()).toEqual([low.id, urgent.id, medium.id].sort());
  });

  test('a page issues as many SQL statements for 12 work orders (with accounts, lines, history and nested lists) as for 2', async () => {
    const customer = await createAccount(admin, { name: 'Busy' });
    for (let i = 0; i < 12; i++) await createWorkOrder(admin, { accountId: customer.id, lineItems: [{ kind: 'LABOUR', description: `Job ${i}`, quantity: '1' }] });
    const query = `query($first: Int!, $account: ID!) { workOrders(first: $first, where: { account: { eq: $account } }) {
      nodes { id accountName siteContactName account { name workOrders(first: 5) { totalCount nodes { id } } } lineItems { total { amount } } statusHistory { to } } } }`;
    const two = await admin.request(query, { first: 2, account: customer.id });
    const twelve = await admin.request(query, { first: 12, account: customer.id });
    expect(dataOf(twelve).workOrders.nodes).toHaveLength(12);
    expect(typeof two.extensions?.sqlStatements).toBe('number');
    expect(twelve.extensions?.sqlStatements).toBe(two.extensions?.sqlStatements);
  });

  test('Account.workOrders lists the account’s work orders', async () => {
    const customer = await createAccount(admin, { name: 'Nested' });
    const order = await createWorkOrder(admin, { accountId: customer.id });
    const result = dataOf(await admin.request(`query($id: ID!) { account(id: $id) { workOrders { totalCount nodes { id } } } }`, { id: customer.id }));
    expect(result.account.workOrders).toEqual({ totalCount: 1, nodes: [{ id: order.id }] });
  });

  test('a malformed site contact ID is INVALID, with the field path', async () => {
    const payload = await mutateWorkOrder(admin, WORK_ORDER_OPS.create, { accountId: account.id, subject: 'x', durationMinutes: 30, siteContactId: 'bad' });
    expect(payload).toMatchObject({ workOrder: null, userErrors: [{ code: 'INVALID', field: ['input', 'siteContactId'] }] });
  });
});
