/** Matching a case to the entitlement that covers it, and choosing or changing it by hand. */
import { Client, dataOf, useHarness } from '../support/harness';
import { Row, createAccount } from '../support/crm-operations';
import { OPS, activate, addEntitlement, caseOp, createCase, createProduct, draftContract, mutateOk, refused, servicedAccount } from './case-helpers';

const RENEW = `mutation($input: RenewContractInput!) { renewContract(input: $input) { contract { id status } userErrors { field message code } } }`;

const harness = useHarness({ maxQueryCost: 20_000, rateLimitStore: 'off' });
let admin: Client;
let printer: Row;
let scanner: Row;

beforeAll(async () => {
  admin = (await harness.createTenant()).client;
  printer = await createProduct(admin, 'Printer');
  scanner = await createProduct(admin, 'Scanner');
});

const STANDARD = { name: 'Standard', responseTimeMinutes: 480, resolutionTimeMinutes: 960 };
const open = (accountId: string, input: Record<string, unknown> = {}) => createCase(admin, { accountId, subject: 'Help', channel: 'WEB', ...input });

test('an account without a serving contract gets flagged cases', async () => {
  const account = await createAccount(admin, { name: 'No contract' });
  const draft = await draftContract(admin, account.id, '2020-01-01', 240);
  await addEntitlement(admin, { contractId: draft.id, ...STANDARD });
  const flagged = await open(account.id);
  expect(flagged).toMatchObject({ entitlement: null, withoutEntitlement: true, responseDueAt: null, resolutionDueAt: null, milestones: [] });
});

test('only contracts running on the opened date serve', async () => {
  const { accountId, entitlements } = await servicedAccount(admin, [STANDARD], { startDate: '2025-01-01', termMonths: 12 });
  expect((await open(accountId, { openedAt: '2025-06-01T12:00:00Z' })).entitlement).toEqual({ id: entitlements[0].id, name: 'Standard' });
  expect((await open(accountId, { openedAt: '2024-12-31T12:00:00Z' })).withoutEntitlement).toBe(true);
  // Past its end date (2025-12-31) nothing covers a case opened now.
  expect((await open(accountId)).withoutEntitlement).toBe(true);
});

test('a renewed contract serves until its end date, its renewal after it', async () => {
  const { accountId, contractId, entitlements } = await servicedAccount(admin, [STANDARD], { startDate: '2024-01-01', termMonths: 12 });
  const renewal = await mutateOk(admin, RENEW, { id: contractId });
  // The renewal copied the entitlement; activating it makes the predecessor RENEWED.
  await activate(admin, renewal.contract.id);
  const contractQuery = 'query($id: ID!) { node(id: $id) { ... on Contract { status entitlements { id name } } } }';
  expect(dataOf(await admin.request(contractQuery, { id: contractId })).node.status).toBe('RENEWED');
  const successor = dataOf(await admin.request(contractQuery, { id: renewal.contract.id })).node;
  expect(successor.entitlements.map((e: Row) => e.name)).toEqual(['Standard']);
  const during = await open(accountId, { openedAt: '2024-12-31T12:00:00Z' });
  expect(during.entitlement.id).toBe(entitlements[0].id);
  const after = await open(accountId, { openedAt: '2025-01-01T12:00:00Z' });
  expect(after.entitlement.id).toBe(successor.entitlements[0].id);
});

test('a product-specific entitlement beats a general one, and covers only its products', async () => {
  const { accountId, entitlements } = await servicedAccount(admin, [
    { ...STANDARD, name: 'General', responseTimeMinutes: 60 },
    { ...STANDARD, name: 'Printers', coveredProductIds: [printer.id] },
  ]);
  expect((await open(accountId, { productId: printer.id })).entitlement.name).toBe('Printers');
  expect((await open(accountId, { productId: scanner.id })).entitlement.name).toBe('General');
  expect((await open(accountId)).entitlement.id).toBe(entitlements[0].id);
});

test('a case about a product no entitlement covers is flagged when all are product-specific', async () => {
  const { accountId } = await servicedAccount(admin, [{ ...STANDARD, coveredProductIds: [printer.id] }]);
  expect((await open(accountId, { productId: scanner.id })).withoutEntitlement).toBe(true);
  expect((await open(accountId)).withoutEntitlement).toBe(true);
});

test('among equals the shortest response time wins, then the contract ending first', async () => {
  const { accountId } = await servicedAccount(admin, [
    { ...STANDARD, name: 'Slow' },
    { ...STANDARD, name: 'Fast', responseTimeMinutes: 120 },
  ]);
  expect((await open(accountId)).entitlement.name).toBe('Fast');
  // A second contract with the same level ending later does not take over.
  const later = await draftContract(admin, accountId, '2020-01-01', 300);
  await addEntitlement(admin, { contractId: later.id, ...STANDARD, name: 'Fast too', responseTimeMinutes: 120 });
  await activate(admin, later.id);
  expect((await open(accountId)).entitlement.name).toBe('Fast');
});

test('an entitlement given by hand must serve the case’s account on the opened date', async () => {
  const mine = await servicedAccount(admin, [STANDARD, { ...STANDARD, name: 'Premium', responseTimeMinutes: 30, coverage: 'ALL_HOURS' }]);
  const theirs = await servicedAccount(admin, [STANDARD]);
  const chosen = await open(mine.accountId, { entitlementId: mine.entitlements[0].id });
  expect(chosen.entitlement.name).toBe('Standard');
  const served = `query($id: ID!) { node(id: $id) { ... on Entitlement { serviceCases(first: 10) { totalCount nodes { id } } } } }`;
  expect(dataOf(await admin.request(served, { id: mine.entitlements[0].id })).node.serviceCases).toEqual({ totalCount: 1, nodes: [{ id: chosen.id }] });
  expect(dataOf(await admin.request(served, { id: mine.entitlements[1].id })).node.serviceCases.totalCount).toBe(0);
  expect(await refused(admin, OPS.createCase, { accountId: mine.accountId, subject: 'x', channel: 'WEB', entitlementId: theirs.entitlements[0].id })).toEqual([
    { code: 'INVALID', field: 'input.entitlementId' },
  ]);
  expect(
    await refused(admin, OPS.createCase, { accountId: mine.accountId, subject: 'x', channel: 'WEB', openedAt: '2019-06-01T00:00:00Z', entitlementId: mine.entitlements[0].id }),
  ).toEqual([{ code: 'INVALID', field: 'input.entitlementId' }]);
  // A case logged without entitlement on purpose.
  expect((await open(mine.accountId, { entitlementId: null })).withoutEntitlement).toBe(true);
});

test('changing the entitlement of a case computes its due times again', async () => {
  const { accountId, entitlements } = await servicedAccount(admin, [STANDARD, { ...STANDARD, name: 'Premium', responseTimeMinutes: 30, resolutionTimeMinutes: 60, coverage: 'ALL_HOURS' }]);
  const opened = await open(accountId, { openedAt: '2025-11-14T10:00:00Z', entitlementId: entitlements[0].id });
  const premium = await caseOp(admin, OPS.updateCase, { id: opened.id, entitlementId: entitlements[1].id });
  expect(premium).toMatchObject({ entitlement: { name: 'Premium' }, responseDueAt: '2025-11-14T10:30:00.000Z', resolutionDueAt: '2025-11-14T11:00:00.000Z' });
  const none = await caseOp(admin, OPS.updateCase, { id: opened.id, entitlementId: null });
  expect(none).toMatchObject({ entitlement: null, withoutEntitlement: true, responseDueAt: null, milestones: [] });
  // Other changes leave the entitlement as it is.
  const renamed = await caseOp(admin, OPS.updateCase, { id: premium.id, subject: 'Renamed' });
  expect(renamed.withoutEntitlement).toBe(true);
});

test('a page of matched cases with entitlements and milestones costs a constant number of statements', async () => {
  const levels = [0, 1, 2].map((i) => ({ ...STANDARD, name: `Level ${i}`, responseTimeMinutes: 60 + i }));
  for (let i = 0; i < 6; i += 1) {
    const { accountId, entitlements } = await servicedAccount(admin, levels, { name: `Budget ${i}` });
    await open(accountId, { entitlementId: entitlements[i % 3].id });
  }
  const query = `query($first: Int!) { serviceCases(first: $first, where: { withoutEntitlement: { eq: false } }) {
    nodes { number account { name } entitlement { name coveredProducts { name } } milestones { status } } } }`;
  const two = await admin.request(query, { first: 2 });
  const six = await admin.request(query, { first: 6 });
  expect(dataOf(six).serviceCases.nodes.every((n: Row) => n.entitlement !== null)).toBe(true);
  expect(dataOf(six).serviceCases.nodes.length).toBe(6);
  expect(six.extensions?.sqlStatements).toBe(two.extensions?.sqlStatements);
});
