/** Who may work and read service cases: roles, record scope through the account's owner, personal fields. */
import { Client, TestUser, dataOf, errorCodes, useHarness } from '../support/harness';
import { Row, createAccount } from '../support/crm-operations';
import { CREATE_CONTACT, ERASE, EXPORT, mutate } from '../privacy/privacy-helpers';
import { OPS, caseOp, createCase, refused, servicedAccount } from './case-helpers';

const harness = useHarness({ rateLimitStore: 'off' });
let admin: Client;
let clients: Record<'agent' | 'rep' | 'technician' | 'analyst' | 'readOnly', Client>;
let rep: TestUser;
let repsCase: Row;
let othersCase: Row;
let assignedCase: Row;

const GET = `query($id: ID!) { serviceCase(id: $id) { id subject status account { name } } }`;
const LIST = `{ serviceCases(first: 100) { totalCount nodes { id } } }`;

beforeAll(async () => {
  const workspace = await harness.createTenant();
  admin = workspace.client;
  rep = await harness.addUser(workspace.tenant, { role: 'sales_rep' });
  const agentUser = await harness.addUser(workspace.tenant, { role: 'service_agent' });
  const key = async (role: string, user: TestUser | null = null) => (await harness.keyFor(workspace.tenant, { role, userId: user?.uuid ?? null })).client;
  clients = { agent: await key('service_agent', agentUser), rep: await key('sales_rep', rep), technician: await key('technician'), analyst: await key('analyst'), readOnly: await key('read_only') };
  const repsAccount = await createAccount(admin, { name: 'Rep’s customer', ownerId: rep.id });
  const othersAccount = await createAccount(admin, { name: 'Someone else’s customer' });
  repsCase = await createCase(clients.agent, { accountId: repsAccount.id, subject: 'On the rep’s account', channel: 'PHONE', suppliedEmail: 'caller@example.com' });
  othersCase = await createCase(clients.agent, { accountId: othersAccount.id, subject: 'Not the rep’s', channel: 'PHONE', suppliedEmail: 'other@example.com' });
  assignedCase = await createCase(clients.agent, { accountId: othersAccount.id, subject: 'Assigned to the rep', channel: 'PHONE', ownerId: rep.id });
});

test('a service agent works cases from start to end', async () => {
  const { accountId } = await servicedAccount(admin, [{ name: 'Standard', responseTimeMinutes: 60, resolutionTimeMinutes: 120 }]);
  const created = await createCase(clients.agent, { accountId, subject: 'Agent’s case', channel: 'CHAT' });
  // The agent reads the contract's entitlement the case is served under.
  expect(created.entitlement.name).toBe('Standard');
  await caseOp(clients.agent, OPS.updateCase, { id: created.id, priority: 'HIGH' });
  await caseOp(clients.agent, OPS.changeStatus, { id: created.id, status: 'RESOLVED' });
  expect((await caseOp(clients.agent, OPS.changeStatus, { id: created.id, status: 'CLOSED' })).status).toBe('CLOSED');
  expect((await caseOp(clients.agent, OPS.deleteCase, { id: created.id })).deletedAt).not.toBeNull();
  expect((await caseOp(clients.agent, OPS.restoreCase, { id: created.id })).deletedAt).toBeNull();
});

test('a sales rep reads the cases of their accounts and those assigned to them, and writes none', async () => {
  const listed = dataOf(await clients.rep.request(LIST)).serviceCases;
  expect(listed.nodes.map((n: Row) => n.id).sort()).toEqual([repsCase.id, assignedCase.id].sort());
  expect(listed.totalCount).toBe(2);
  expect(dataOf(await clients.rep.request(GET, { id: repsCase.id })).serviceCase.subject).toBe('On the rep’s account');
  expect(errorCodes(await clients.rep.request(GET, { id: othersCase.id }))).toEqual(['NOT_FOUND']);
  expect(errorCodes(await clients.rep.request(`query($id: ID!) { node(id: $id) { id } }`, { id: othersCase.id }))).toEqual(['NOT_FOUND']);
  expect(errorCodes(await clients.rep.request(OPS.updateCase, { input: { id: repsCase.id, subject: 'Mine' } }))).toEqual(['FORBIDDEN']);
  expect(errorCodes(await clients.rep.request(OPS.createCase, { input: { accountId: repsCase.account.id, subject: 'x', channel: 'WEB' } }))).toEqual(['FORBIDDEN']);
});

test('a technician sees no cases', async () => {
  expect(errorCodes(await clients.technician.request(LIST))).toEqual(['FORBIDDEN']);
  expect(errorCodes(await clients.technician.request(GET, { id: repsCase.id }))).toEqual(['FORBIDDEN']);
});

test('an analyst reads cases but not the personal data in them; read_only sees it masked', async () => {
  expect(dataOf(await clients.analyst.request(GET, { id: repsCase.id })).serviceCase.subject).toBe('On the rep’s account');
  for (const field of ['suppliedName', 'suppliedEmail', 'suppliedPhone']) {
    const response = await clients.analyst.request(`query($id: ID!) { serviceCase(id: $id) { ${field} } }`, { id: repsCase.id });
    expect({ field, codes: errorCodes(response) }).toEqual({ field, codes: ['FORBIDDEN'] });
    expect(JSON.stringify(response)).not.toContain('caller@');
  }
  // Filtering by the e-mail would reveal it one query at a time.
  const byEmail = `{ serviceCases(where: { suppliedEmail: { eq: "caller@example.com" } }) { totalCount } }`;
  expect(errorCodes(await clients.analyst.request(byEmail))).toEqual(['FORBIDDEN']);
  expect(dataOf(await admin.request(byEmail)).serviceCases.totalCount).toBe(1);
  const masked = dataOf(await clients.readOnly.request(`query($id: ID!) { serviceCase(id: $id) { suppliedEmail } }`, { id: repsCase.id })).serviceCase;
  expect(masked.suppliedEmail).not.toBe('caller@example.com');
  expect(masked.suppliedEmail).toContain('@example.com');
  expect(errorCodes(await clients.analyst.request(OPS.changeStatus, { input: { id: repsCase.id, status: 'IN_PROGRESS' } }))).toEqual(['FORBIDDEN']);
});

test('an owner must be someone the writer may hand cases to, and active', async () => {
  const stranger = 'VXNlcjowMTkwYTVjOC0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMDA';
  expect(await refused(clients.agent, OPS.createCase, { accountId: othersCase.account.id, subject: 'x', channel: 'WEB', ownerId: stranger })).toEqual([
    { code: 'NOT_FOUND', field: 'input.ownerId' },
  ]);
});

test('what a requester supplied is exported and erased with their personal data; the case stays', async () => {
  const email = `requester.${Date.now()}@people.example`;
  // The person is known as a contact; their web-form case is found by the address they typed.
  await mutate(admin, CREATE_CONTACT, { accountId: repsCase.account.id, lastName: 'Requester', email });
  const logged = await createCase(clients.agent, {
    accountId: othersCase.account.id,
    subject: 'Web form',
    channel: 'WEB',
    suppliedName: 'Rita Requester',
    suppliedEmail: email.toUpperCase(),
    suppliedPhone: '+44 20 7946 0958',
  });
  const exported = await mutate(admin, EXPORT, { subject: { email } });
  expect(exported.userErrors).toEqual([]);
  expect(exported.document.serviceCases).toEqual([expect.objectContaining({ suppliedName: 'Rita Requester', suppliedPhone: '+442079460958' })]);
  const erased = await mutate(admin, ERASE, { subject: { email } });
  expect(erased.userErrors).toEqual([]);
  expect(erased.request.summary).toMatchObject({ serviceCases: 1 });
  const after = dataOf(await admin.request(`query($id: ID!) { serviceCase(id: $id) { subject suppliedName suppliedEmail suppliedPhone version } }`, { id: logged.id })).serviceCase;
  expect(after).toEqual({ subject: 'Web form', suppliedName: null, suppliedEmail: null, suppliedPhone: null, version: logged.version + 1 });
});

test('someone who only wrote in, without being a contact, lead or user, is found by the address they gave', async () => {
  const email = `walk-in.${Date.now()}@people.example`;
  const unknown = await mutate(admin, EXPORT, { subject: { email } });
  expect(unknown.userErrors.map((e: { code: string }) => e.code)).toEqual(['NOT_FOUND']);

  const logged = await createCase(clients.agent, { accountId: othersCase.account.id, subject: 'Walk-in', channel: 'WEB', suppliedName: 'Wanda Walkin', suppliedEmail: email });
  const exported = await mutate(admin, EXPORT, { subject: { email } });
  expect(exported.userErrors).toEqual([]);
  expect(exported.document.serviceCases).toEqual([expect.objectContaining({ suppliedName: 'Wanda Walkin' })]);
  const erased = await mutate(admin, ERASE, { subject: { email } });
  expect(erased.request.summary).toMatchObject({ serviceCases: 1 });
  const after = dataOf(await admin.request(`query($id: ID!) { serviceCase(id: $id) { suppliedName suppliedEmail } }`, { id: logged.id })).serviceCase;
  expect(after).toEqual({ suppliedName: null, suppliedEmail: null });
});
