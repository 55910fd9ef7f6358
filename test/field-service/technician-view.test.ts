/**
 * The technician's view: only the work orders assigned to them (through a live appointment), and
 * of the customer only what the visit needs (name, site address, site contact's name and phone),
 * read through the work order; accounts, contacts, cases and contracts stay out of reach.
 */
import { toGlobalId } from '../../src/graphql/global-id';
import { Row, createAccount } from '../support/crm-operations';
import { Client, TestUser, dataOf, errorCodes, useHarness } from '../support/harness';
import { createContact } from '../service/case-helpers';
import { TenantSql, VISIT_FIELDS, WORK_ORDER_OPS, assignInSql, createWorkOrder, tenantSql, workOrderOk } from './work-order-helpers';

const harness = useHarness({ rateLimitStore: 'off' });
let admin: Client;
let sql: TenantSql;
let users: Record<'tech' | 'otherTech' | 'rep', TestUser>;
let clients: Record<'tech' | 'otherTech' | 'rep', Client>;
let customer: Row;
let orders: Record<'mine' | 'theirs' | 'unassigned' | 'repOwned', Row>;

beforeAll(async () => {
  const workspace = await harness.createTenant();
  admin = workspace.client;
  sql = tenantSql(harness, workspace);
  users = {
    tech: await harness.addUser(workspace.tenant, { role: 'technician' }),
    otherTech: await harness.addUser(workspace.tenant, { role: 'technician' }),
    rep: await harness.addUser(workspace.tenant, { role: 'sales_rep' }),
  };
  const key = async (role: string, user: TestUser) => (await harness.keyFor(workspace.tenant, { role, userId: user.uuid })).client;
  clients = { tech: await key('technician', users.tech), otherTech: await key('technician', users.otherTech), rep: await key('sales_rep', users.rep) };
  customer = await createAccount(admin, { name: 'Harbour Hotel', phone: '+442079460000' });
  // The contact's e-mail and job title are not for the technician; name and phone are.
  const contact = await createContact(admin, customer.id, 'Jones');
  const updated = dataOf(
    await admin.request(`mutation($input: UpdateContactInput!) { updateContact(input: $input) { userErrors { code } } }`, {
      input: { id: contact.id, firstName: 'Sam', mobilePhone: '+14155552671', email: 'sam@harbour.example', jobTitle: 'Facilities' },
    }),
  );
  expect(updated.updateContact.userErrors).toEqual([]);
  const site = { siteContactId: contact.id, serviceAddress: { street: '9 Quay', city: 'Portsmouth', postalCode: 'PO1', country: 'GB' } };
  orders = {
    mine: await createWorkOrder(admin, { accountId: customer.id, subject: 'Fix boiler', ...site }),
    theirs: await createWorkOrder(admin, { accountId: customer.id, subject: 'Fix lift', ...site }),
    unassigned: await createWorkOrder(admin, { accountId: customer.id, subject: 'Survey', ...site }),
    repOwned: await createWorkOrder(admin, { accountId: customer.id, subject: 'Demo', ownerId: users.rep.id }),
  };
  await assignInSql(sql, orders.mine.id, users.tech.uuid, 'DISPATCHED');
  await assignInSql(sql, orders.theirs.id, users.otherTech.uuid, 'DISPATCHED');
});

const LIST = `{ workOrders(first: 100) { totalCount nodes { id } } }`;
const listed = async (client: Client) => dataOf(await client.request(LIST)).workOrders;
const visit = (client: Client, id: string) => client.request(`query($id: ID!) { workOrder(id: $id) { ${VISIT_FIELDS} } }`, { id });

test('a technician lists only the work orders assigned to them', async () => {
  expect(await listed(clients.tech)).toEqual({ totalCount: 1, nodes: [{ id: orders.mine.id }] });
  expect(await listed(clients.otherTech)).toEqual({ totalCount: 1, nodes: [{ id: orders.theirs.id }] });
});

test('a dispatcher filters work orders by the technician of their live appointment', async () => {
  const [technician] = await sql.query<{ id: string }>('SELECT id FROM technicians WHERE user_id = $1', [users.tech.uuid]);
  const where = { technician: { eq: toGlobalId('Technician', technician.id) }, account: { eq: customer.id } };
  const { workOrders } = dataOf(await admin.request(`query($where: WorkOrderFilter) { workOrders(where: $where) { nodes { id } } }`, { where }));
  expect(workOrders.nodes).toEqual([{ id: orders.mine.id }]);
});

test('another technician’s or an unassigned work order is NOT_FOUND, for reads and writes', async () => {
  for (const order of [orders.theirs, orders.unassigned]) {
    expect(errorCodes(await visit(clients.tech, order.id))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await clients.tech.request(`query($id: ID!) { node(id: $id) { id } }`, { id: order.id }))).toEqual(['NOT_FOUND']);
    const payload = dataOf(await clients.tech.request(WORK_ORDER_OPS.update.replace(/workOrder \{[\s\S]*\} userErrors/, 'workOrder { id } userErrors'), { input: { id: order.id, description: 'Mine now' } }));
    expect(payload.updateWorkOrder).toEqual({ workOrder: null, userErrors: [expect.objectContaining({ code: 'NOT_FOUND' })] });
  }
});

test('the visit fields: customer name, site address, site contact’s name and phone', async () => {
  expect(dataOf(await visit(clients.tech, orders.mine.id)).workOrder).toMatchObject({
    subject: 'Fix boiler',
    status: 'DISPATCHED',
    accountName: 'Harbour Hotel',
    serviceAddress: { street: '9 Quay', city: 'Portsmouth', postalCode: 'PO1', country: 'GB' },
    siteContactName: 'Sam Jones',
    siteContactPhone: '+14155552671',
  });
});

test('nothing else of the customer: accounts and contacts are out of reach, directly and through the work order', async () => {
  const reference = async (field: string) => clients.tech.request(`query($id: ID!) { workOrder(id: $id) { ${field} } }`, { id: orders.mine.id });
  // The technician's record scope on accounts and contacts is their own (none): null, not the customer.
  expect(dataOf(await reference('account { id name phone }')).workOrder).toEqual({ account: null });
  expect(dataOf(await reference('siteContact { id email jobTitle }')).workOrder).toEqual({ siteContact: null });
  for (const field of ['serviceCase { id }', 'contract { id }', 'entitlement { id }']) expect(errorCodes(await reference(field))).toEqual(['FORBIDDEN']);
  expect(dataOf(await clients.tech.request('{ accounts(first: 100) { totalCount nodes { id } } }')).accounts).toEqual({ totalCount: 0, nodes: [] });
  expect(dataOf(await clients.tech.request('{ contacts(first: 100) { totalCount nodes { id } } }')).contacts).toEqual({ totalCount: 0, nodes: [] });
  expect(errorCodes(await clients.tech.request(`query($id: ID!) { account(id: $id) { id name } }`, { id: customer.id }))).toContain('NOT_FOUND');
});

test('a cancelled appointment takes the work order out of the technician’s view', async () => {
  const order = await createWorkOrder(admin, { accountId: customer.id, subject: 'Short-lived' });
  const appointmentId = await assignInSql(sql, order.id, users.tech.uuid);
  expect((await listed(clients.tech)).nodes).toContainEqual({ id: order.id });
  await sql.query(`UPDATE appointments SET status = 'CANCELLED' WHERE id = $1`, [appointmentId]);
  expect((await listed(clients.tech)).nodes).not.toContainEqual({ id: order.id });
});

test('the technician completes their own work order', async () => {
  const order = await createWorkOrder(admin, { accountId: customer.id, subject: 'On site' });
  const appointmentId = await assignInSql(sql, order.id, users.tech.uuid, 'IN_PROGRESS');
  await sql.query(`UPDATE appointments SET status = 'CHECKED_IN', checked_in_at = now() WHERE id = $1`, [appointmentId]);
  const op = WORK_ORDER_OPS.complete.replace(/workOrder \{[\s\S]*\} userErrors/, 'workOrder { status signatureName } userErrors');
  const payload = dataOf(await clients.tech.request(op, { input: { id: order.id, signatureName: 'Sam Jones' } })).completeWorkOrder;
  expect(payload).toEqual({ workOrder: { status: 'COMPLETED', signatureName: 'Sam Jones' }, userErrors: [] });
  // The visit under way is checked out with it, recorded in its history.
  const [visitRow] = await sql.query<{ status: string; out: boolean; events: string[] }>(
    `SELECT a.status, a.checked_out_at IS NOT NULL AS out, ARRAY(SELECT h.event FROM appointment_history h WHERE h.appointment_id = a.id) AS events FROM appointments a WHERE a.id = $1`,
    [appointmentId],
  );
  expect(visitRow).toEqual({ status: 'COMPLETED', out: true, events: ['CHECKED_OUT'] });
  // Creating and cancelling (dropping the customer's visit) are not theirs.
  const refused = await clients.tech.request(WORK_ORDER_OPS.create, { input: { accountId: customer.id, subject: 'x', durationMinutes: 30 } });
  expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
  const cancel = await clients.tech.request(WORK_ORDER_OPS.cancel, { input: { id: orders.mine.id, reason: 'Not today' } });
  expect(errorCodes(cancel)).toEqual(['FORBIDDEN']);
});

test('a sales rep reads the work orders they own and those on the accounts they own, and cannot change them', async () => {
  expect(await listed(clients.rep)).toEqual({ totalCount: 1, nodes: [{ id: orders.repOwned.id }] });
  const repsCustomer = await createAccount(admin, { name: 'Rep’s customer', ownerId: users.rep.id });
  const onRepsAccount = await createWorkOrder(admin, { accountId: repsCustomer.id, subject: 'Annual service' });
  expect((await listed(clients.rep)).nodes).toEqual(expect.arrayContaining([{ id: orders.repOwned.id }, { id: onRepsAccount.id }]));
  expect((await listed(clients.rep)).totalCount).toBe(2);
  const refused = await clients.rep.request(WORK_ORDER_OPS.cancel, { input: { id: orders.repOwned.id, reason: 'x' } });
  expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
  expect(await workOrderOk(admin, WORK_ORDER_OPS.update, { id: orders.repOwned.id, description: 'Still there' })).toMatchObject({ description: 'Still there' });
});
