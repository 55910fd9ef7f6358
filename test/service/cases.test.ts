/** Service cases: logging, updating, the status machine, the recycle bin and lists. */
import { Client, TestTenant, dataOf, errorCodes, useHarness } from '../support/harness';
import { Row, createAccount } from '../support/crm-operations';
import { UPSERT_PLAN, uniqueCode } from '../support/tenant-lifecycle-helpers';
import { OPS, caseOp, createCase, createContact, createProduct, mutateOk, refused } from './case-helpers';

const harness = useHarness({ maxQueryCost: 20_000, rateLimitStore: 'off' });
let workspace: TestTenant;
let admin: Client;
let account: Row;
let other: Row;

beforeAll(async () => {
  workspace = await harness.createTenant();
  admin = workspace.client;
  account = await createAccount(admin, { name: 'Acme' });
  other = await createAccount(admin, { name: 'Globex' });
});

const newCase = (input: Record<string, unknown> = {}) => createCase(admin, { accountId: account.id, subject: 'Printer on fire', channel: 'PHONE', ...input });

test('a case is numbered, owned by its creator, NEW and MEDIUM by default, flagged without entitlement', async () => {
  const contact = await createContact(admin, account.id, 'Smith');
  const product = await createProduct(admin, 'Printer');
  const created = await newCase({
    contactId: contact.id,
    productId: product.id,
    description: 'Smoke everywhere',
    suppliedName: 'Jo Smith',
    suppliedEmail: 'Jo@Example.com',
    suppliedPhone: '+49 30 1234567',
  });
  expect(created).toMatchObject({
    subject: 'Printer on fire',
    description: 'Smoke everywhere',
    channel: 'PHONE',
    priority: 'MEDIUM',
    status: 'NEW',
    suppliedName: 'Jo Smith',
    suppliedPhone: '+49301234567',
    account: { id: account.id, name: 'Acme' },
    contact: { id: contact.id },
    product: { id: product.id, name: 'Printer' },
    entitlement: null,
    withoutEntitlement: true,
    responseDueAt: null,
    resolutionDueAt: null,
    milestones: [],
    firstRespondedAt: null,
    version: 1,
  });
  expect(created.number).toMatch(/^CS-\d{6}$/);
  // An API key acting for nobody leaves the case unassigned; a user's key makes the user its owner.
  expect(created.owner).toBeNull();
  expect(Math.abs(Date.parse(created.openedAt) - Date.now())).toBeLessThan(60_000);
  const next = await newCase();
  expect(Number(next.number.slice(3))).toBe(Number(created.number.slice(3)) + 1);
  expect(dataOf(await admin.request('query($id: ID!) { serviceCase(id: $id) { id number } }', { id: created.id })).serviceCase).toEqual({ id: created.id, number: created.number });
  const agent = await harness.addUser(workspace.tenant, { role: 'service_agent' });
  const agentClient = (await harness.keyFor(workspace.tenant, { role: 'service_agent', userId: agent.uuid })).client;
  expect((await createCase(agentClient, { accountId: account.id, subject: 'Mine', channel: 'CHAT' })).owner).toEqual({ id: agent.id });
});

test.each([
  ['a contact of another account', async () => ({ contactId: (await createContact(admin, other.id)).id }), 'INVALID', 'input.contactId'],
  ['an opening time in the future', async () => ({ openedAt: new Date(Date.now() + 3_600_000).toISOString() }), 'OUT_OF_RANGE', 'input.openedAt'],
  ['an account ID of another type', async () => ({ accountId: (await createContact(admin, account.id)).id }), 'INVALID', 'input.accountId'],
  ['an empty subject', async () => ({ subject: '' }), 'REQUIRED', 'input.subject'],
  ['a deleted product', async () => {
    const product = await createProduct(admin, 'Gone');
    await mutateOk(admin, 'mutation($input: DeleteProductInput!) { deleteProduct(input: $input) { userErrors { field message code } } }', { id: product.id });
    return { productId: product.id };
  }, 'NOT_FOUND', 'input.productId'],
])('refuses %s and writes nothing', async (_label, make, code, field) => {
  const before = dataOf(await admin.request('{ serviceCases { totalCount } }')).serviceCases.totalCount;
  expect(await refused(admin, OPS.createCase, { accountId: account.id, subject: 'Broken', channel: 'EMAIL', ...(await make()) })).toContainEqual({ code, field });
  expect(dataOf(await admin.request('{ serviceCases { totalCount } }')).serviceCases.totalCount).toBe(before);
});

test('a retried create with the same idempotency key returns the first case', async () => {
  const input = { accountId: account.id, subject: 'Once', channel: 'WEB', idempotencyKey: 'case-once' };
  const first = await createCase(admin, input);
  const again = await createCase(admin, input);
  expect(again.id).toBe(first.id);
  expect(again.number).toBe(first.number);
});

test('updates change the details, check the version and refuse a contact of another account', async () => {
  const created = await newCase();
  const updated = await caseOp(admin, OPS.updateCase, { id: created.id, subject: 'Printer fixed?', priority: 'URGENT', channel: 'EMAIL', expectedVersion: 1 });
  expect(updated).toMatchObject({ subject: 'Printer fixed?', priority: 'URGENT', channel: 'EMAIL', status: 'NEW', version: 2 });
  expect(await refused(admin, OPS.updateCase, { id: created.id, subject: 'Lost update', expectedVersion: 1 })).toEqual([{ code: 'CONFLICT', field: 'input.expectedVersion' }]);
  expect(await refused(admin, OPS.updateCase, { id: created.id, contactId: (await createContact(admin, other.id)).id })).toEqual([{ code: 'INVALID', field: 'input.contactId' }]);
  expect(await refused(admin, OPS.updateCase, { id: created.id, subject: null })).toContainEqual({ code: 'REQUIRED', field: 'input.subject' });
});

test('the first response is recorded once', async () => {
  const created = await newCase();
  const responded = await caseOp(admin, OPS.respond, { id: created.id });
  expect(responded.firstRespondedAt).not.toBeNull();
  expect(responded.version).toBe(2);
  const again = await caseOp(admin, OPS.respond, { id: created.id });
  expect(again.firstRespondedAt).toBe(responded.firstRespondedAt);
  expect(again.version).toBe(2);
});

const ALLOWED: [string, string][] = [
  ['NEW', 'IN_PROGRESS'],
  ['NEW', 'WAITING_ON_CUSTOMER'],
  ['NEW', 'RESOLVED'],
  ['IN_PROGRESS', 'WAITING_ON_CUSTOMER'],
  ['WAITING_ON_CUSTOMER', 'IN_PROGRESS'],
  ['IN_PROGRESS', 'RESOLVED'],
  ['WAITING_ON_CUSTOMER', 'RESOLVED'],
  ['RESOLVED', 'CLOSED'],
  ['RESOLVED', 'IN_PROGRESS'],
];
const STATUSES = ['NEW', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'RESOLVED', 'CLOSED'];
/** The shortest way from NEW to each status. */
const PATH: Record<string, string[]> = { NEW: [], IN_PROGRESS: ['IN_PROGRESS'], WAITING_ON_CUSTOMER: ['WAITING_ON_CUSTOMER'], RESOLVED: ['RESOLVED'], CLOSED: ['RESOLVED', 'CLOSED'] };

async function caseIn(status: string): Promise<Row> {
  let current = await newCase();
  for (const step of PATH[status]) current = await caseOp(admin, OPS.changeStatus, { id: current.id, status: step });
  expect(current.status).toBe(status);
  return current;
}

test.each(ALLOWED)('%s → %s is allowed', async (from, to) => {
  const current = await caseIn(from);
  const changed = await caseOp(admin, OPS.changeStatus, { id: current.id, status: to, resolution: to === 'RESOLVED' ? 'Replaced the fuser' : undefined });
  expect(changed.status).toBe(to);
  expect(changed.firstRespondedAt).not.toBeNull();
  if (to === 'RESOLVED') expect(changed).toMatchObject({ resolution: 'Replaced the fuser', resolvedAt: expect.any(String) });
  if (to === 'CLOSED') expect(changed.closedAt).not.toBeNull();
  if (from === 'RESOLVED' && to === 'IN_PROGRESS') expect(changed.resolvedAt).toBeNull();
});

const REFUSED = STATUSES.flatMap((from) => STATUSES.filter((to) => !ALLOWED.some(([f, t]) => f === from && t === to)).map((to) => [from, to]));

test.each(REFUSED)('%s → %s is refused', async (from, to) => {
  const current = await caseIn(from);
  expect(await refused(admin, OPS.changeStatus, { id: current.id, status: to })).toEqual([{ code: 'INVALID_STATE', field: 'input.status' }]);
  const after = dataOf(await admin.request('query($id: ID!) { serviceCase(id: $id) { status version } }', { id: current.id })).serviceCase;
  expect(after).toEqual({ status: from, version: current.version });
});

test('leaving NEW keeps an earlier first response; a closed case is final', async () => {
  const created = await newCase();
  const responded = await caseOp(admin, OPS.respond, { id: created.id });
  const working = await caseOp(admin, OPS.changeStatus, { id: created.id, status: 'IN_PROGRESS' });
  expect(working.firstRespondedAt).toBe(responded.firstRespondedAt);
  await caseOp(admin, OPS.changeStatus, { id: created.id, status: 'RESOLVED' });
  await caseOp(admin, OPS.changeStatus, { id: created.id, status: 'CLOSED' });
  expect(await refused(admin, OPS.updateCase, { id: created.id, subject: 'Too late' })).toEqual([{ code: 'INVALID_STATE', field: 'input.id' }]);
});

test('deleted cases go to the recycle bin and come back', async () => {
  const created = await newCase({ subject: 'Recycled' });
  const deleted = await caseOp(admin, OPS.deleteCase, { id: created.id });
  expect(deleted.deletedAt).not.toBeNull();
  expect(errorCodes(await admin.request('query($id: ID!) { serviceCase(id: $id) { id } }', { id: created.id }))).toEqual(['NOT_FOUND']);
  const bin = dataOf(await admin.request('{ serviceCases(inRecycleBin: true, first: 100) { nodes { id } } }')).serviceCases.nodes.map((n: Row) => n.id);
  expect(bin).toContain(created.id);
  const restored = await caseOp(admin, OPS.restoreCase, { id: created.id });
  expect(restored.deletedAt).toBeNull();
  expect(await refused(admin, OPS.restoreCase, { id: created.id })).toEqual([{ code: 'NOT_FOUND', field: 'input.id' }]);
});

test('lists filter by status, priority, channel, account and the flag, and sort by number', async () => {
  const customer = await createAccount(admin, { name: 'Filtered' });
  const a = await createCase(admin, { accountId: customer.id, subject: 'A', channel: 'CHAT', priority: 'HIGH' });
  const b = await createCase(admin, { accountId: customer.id, subject: 'B', channel: 'EMAIL', priority: 'LOW' });
  await caseOp(admin, OPS.changeStatus, { id: b.id, status: 'IN_PROGRESS' });
  const list = async (where: Record<string, unknown>, orderBy?: unknown) =>
    dataOf(
      await admin.request('query($where: ServiceCaseFilter, $orderBy: [ServiceCaseOrder!]) { serviceCases(first: 100, where: $where, orderBy: $orderBy) { totalCount nodes { subject } } }', {
        where: { account: { eq: customer.id }, ...where },
        orderBy,
      }),
    ).serviceCases;
  expect((await list({ status: { eq: 'IN_PROGRESS' } })).nodes).toEqual([{ subject: 'B' }]);
  expect((await list({ priority: { in: ['HIGH', 'URGENT'] } })).nodes).toEqual([{ subject: 'A' }]);
  expect((await list({ channel: { eq: 'EMAIL' } })).nodes).toEqual([{ subject: 'B' }]);
  expect((await list({ withoutEntitlement: { eq: true } })).totalCount).toBe(2);
  expect((await list({ slaViolated: { eq: true } })).totalCount).toBe(0);
  expect((await list({ number: { eq: a.number.toLowerCase() } })).nodes).toEqual([{ subject: 'A' }]);
  expect((await list({}, [{ field: 'NUMBER', direction: 'DESC' }])).nodes).toEqual([{ subject: 'B' }, { subject: 'A' }]);
  const nested = dataOf(await admin.request('query($id: ID!) { account(id: $id) { serviceCases(first: 10) { totalCount nodes { subject } } } }', { id: customer.id }));
  expect(nested.account.serviceCases.totalCount).toBe(2);
});

test('a page of cases with account, entitlement and milestones costs a constant number of statements', async () => {
  const customer = await createAccount(admin, { name: 'Budget' });
  for (let i = 0; i < 12; i += 1) await createCase(admin, { accountId: customer.id, subject: `Case ${i}`, channel: 'WEB' });
  const query = `query($first: Int!) { serviceCases(first: $first) { nodes { number account { name } entitlement { name } milestones { status } owner { name } } } }`;
  const two = await admin.request(query, { first: 2 });
  const twelve = await admin.request(query, { first: 12 });
  expect(dataOf(twelve).serviceCases.nodes.length).toBe(12);
  expect(typeof two.extensions?.sqlStatements).toBe('number');
  expect(twelve.extensions?.sqlStatements).toBe(two.extensions?.sqlStatements);
});

test('cases count toward the plan’s record limit: creates and restores past it write nothing', async () => {
  const plan = { code: uniqueCode('plan'), name: 'Three records', seatLimit: 5, recordLimit: 3, features: [] };
  expect(dataOf(await harness.platform.request(UPSERT_PLAN, { input: plan })).upsertPlan.userErrors).toEqual([]);
  const small = (await harness.createTenant({ name: 'Small plan', planCode: plan.code, seats: 5 })).client;
  const customer = await createAccount(small, { name: 'Only customer' });
  const first = await createCase(small, { accountId: customer.id, subject: 'One', channel: 'WEB' });
  await createCase(small, { accountId: customer.id, subject: 'Two', channel: 'WEB' });
  const third = await small.request(OPS.createCase, { input: { accountId: customer.id, subject: 'Three', channel: 'WEB' } });
  expect(errorCodes(third)).toEqual(['QUOTA_EXCEEDED']);
  expect(dataOf(await small.request('{ serviceCases { totalCount } }')).serviceCases.totalCount).toBe(2);
  // Deleting frees a place; another case takes it, so the deleted one cannot come back.
  await caseOp(small, OPS.deleteCase, { id: first.id });
  await createCase(small, { accountId: customer.id, subject: 'Replacement', channel: 'WEB' });
  expect(errorCodes(await small.request(OPS.restoreCase, { input: { id: first.id } }))).toEqual(['QUOTA_EXCEEDED']);
});
