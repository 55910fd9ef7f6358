/** Entitlements of contracts: terms of a draft, validated, locked once activated, batched on lists. */
import { Client, dataOf, errorCodes, useHarness } from '../support/harness';
import { Row, createAccount } from '../support/crm-operations';
import { OPS, activate, addEntitlement, createProduct, draftContract, mutateOk, refused } from '../service/case-helpers';

const harness = useHarness({ maxQueryCost: 20_000, rateLimitStore: 'off' });
let admin: Client;
let products: Row[];
let territory: Row;

const ENTITLEMENTS = `query($id: ID!) { node(id: $id) { ... on Contract { entitlements { id name position responseTimeMinutes coveredProducts { name } } } } }`;
const entitlementsOf = async (contractId: string): Promise<Row[]> => dataOf(await admin.request(ENTITLEMENTS, { id: contractId })).node.entitlements;

const GOLD = { name: 'Gold 24x7', responseTimeMinutes: 60, resolutionTimeMinutes: 480, coverage: 'ALL_HOURS' };

beforeAll(async () => {
  const workspace = await harness.createTenant();
  admin = workspace.client;
  products = [await createProduct(admin, 'Router'), await createProduct(admin, 'Switch')];
  territory = (await mutateOk(admin, OPS.createTerritory, { name: 'APAC', timeZone: 'Asia/Tokyo' })).territory;
});

const newDraft = async (): Promise<string> => (await draftContract(admin, (await createAccount(admin, { name: 'Customer' })).id, '2026-01-01')).id;

test('a draft contract grants entitlements, listed in position order with their covered products', async () => {
  const contractId = await newDraft();
  const gold = await addEntitlement(admin, { contractId, ...GOLD, visitsPerPeriod: 4, visitPeriod: 'QUARTER' });
  expect(gold).toMatchObject({ name: 'Gold 24x7', responseTimeMinutes: 60, resolutionTimeMinutes: 480, coverage: 'ALL_HOURS', visitsPerPeriod: 4, visitPeriod: 'QUARTER', position: 1, version: 1, territory: null, coveredProducts: [] });
  const routers = await addEntitlement(admin, {
    contractId,
    name: 'Router care',
    responseTimeMinutes: 240,
    resolutionTimeMinutes: 960,
    territoryId: territory.id,
    coveredProductIds: [products[0].id, products[0].id],
  });
  expect(routers).toMatchObject({ coverage: 'BUSINESS_HOURS', position: 2, territory: { id: territory.id }, coveredProducts: [{ id: products[0].id, name: 'Router' }], visitsPerPeriod: null });
  expect((await entitlementsOf(contractId)).map((e) => [e.name, e.position])).toEqual([
    ['Gold 24x7', 1],
    ['Router care', 2],
  ]);
  // node(id) finds an entitlement too.
  expect(dataOf(await admin.request('query($id: ID!) { node(id: $id) { ... on Entitlement { name } } }', { id: routers.id })).node).toEqual({ name: 'Router care' });
});

test.each([
  ['resolution before response', { resolutionTimeMinutes: 30 }, 'OUT_OF_RANGE', 'input.resolutionTimeMinutes'],
  ['zero minutes', { responseTimeMinutes: 0 }, 'OUT_OF_RANGE', 'input.responseTimeMinutes'],
  ['visits without a period', { visitsPerPeriod: 2 }, 'REQUIRED', 'input.visitPeriod'],
  ['a period without visits', { visitPeriod: 'MONTH' }, 'REQUIRED', 'input.visitsPerPeriod'],
  ['a territory calendar around the clock', { coverage: 'ALL_HOURS', territoryId: 'territory' }, 'INVALID', 'input.territoryId'],
  ['an unknown territory', { territoryId: 'missing-territory' }, 'NOT_FOUND', 'input.territoryId'],
  ['an unknown product', { coveredProductIds: ['missing-product'] }, 'NOT_FOUND', 'input.coveredProductIds'],
  ['a product ID of another type', { coveredProductIds: ['territory'] }, 'INVALID', 'input.coveredProductIds'],
])('refuses %s and writes nothing', async (_label, change, code, field) => {
  const contractId = await newDraft();
  const missing = (type: string) => Buffer.from(`${type}:0190a5c8-0000-7000-8000-000000000000`).toString('base64url');
  const resolved = Object.fromEntries(
    Object.entries(change).map(([key, value]) => {
      const swap = (v: unknown) => (v === 'territory' ? territory.id : v === 'missing-territory' ? missing('Territory') : v === 'missing-product' ? missing('Product') : v);
      return [key, Array.isArray(value) ? value.map(swap) : swap(value)];
    }),
  );
  expect(await refused(admin, OPS.addEntitlement, { contractId, name: 'Silver', responseTimeMinutes: 60, resolutionTimeMinutes: 120, ...resolved })).toContainEqual({ code, field });
  expect(await entitlementsOf(contractId)).toEqual([]);
});

test('updates check the combined terms and the version; the product list given replaces the old one', async () => {
  const contractId = await newDraft();
  const entitlement = await addEntitlement(admin, { contractId, name: 'Silver', responseTimeMinutes: 120, resolutionTimeMinutes: 240, coveredProductIds: [products[0].id] });
  expect(await refused(admin, OPS.updateEntitlement, { id: entitlement.id, responseTimeMinutes: 300 })).toEqual([{ code: 'OUT_OF_RANGE', field: 'input.resolutionTimeMinutes' }]);
  expect(await refused(admin, OPS.updateEntitlement, { id: entitlement.id, name: 'Stale', expectedVersion: 7 })).toEqual([{ code: 'CONFLICT', field: 'input.expectedVersion' }]);
  const updated = (await mutateOk(admin, OPS.updateEntitlement, { id: entitlement.id, name: 'Silver plus', resolutionTimeMinutes: 600, coveredProductIds: [products[1].id], expectedVersion: 1 }))
    .entitlement;
  expect(updated).toMatchObject({ name: 'Silver plus', responseTimeMinutes: 120, resolutionTimeMinutes: 600, version: 2, coveredProducts: [{ name: 'Switch' }] });
  const cleared = (await mutateOk(admin, OPS.updateEntitlement, { id: entitlement.id, coveredProductIds: [] })).entitlement;
  expect(cleared.coveredProducts).toEqual([]);
});

test('removing one keeps positions 1..n', async () => {
  const contractId = await newDraft();
  const [first] = [await addEntitlement(admin, { contractId, ...GOLD }), await addEntitlement(admin, { contractId, ...GOLD, name: 'Second' })];
  const removed = await mutateOk(admin, OPS.removeEntitlement, { id: first.id });
  expect(removed.removedEntitlementId).toBe(first.id);
  expect((await entitlementsOf(contractId)).map((e) => [e.name, e.position])).toEqual([['Second', 1]]);
  expect(await refused(admin, OPS.removeEntitlement, { id: first.id })).toEqual([{ code: 'NOT_FOUND', field: 'input.id' }]);
});

test('once the contract is activated its entitlements are locked', async () => {
  const contractId = await newDraft();
  const entitlement = await addEntitlement(admin, { contractId, ...GOLD });
  await activate(admin, contractId);
  expect(await refused(admin, OPS.addEntitlement, { contractId, ...GOLD, name: 'Late' })).toEqual([{ code: 'INVALID_STATE', field: 'input' }]);
  expect(await refused(admin, OPS.updateEntitlement, { id: entitlement.id, name: 'Changed' })).toEqual([{ code: 'INVALID_STATE', field: 'input' }]);
  expect(await refused(admin, OPS.removeEntitlement, { id: entitlement.id })).toEqual([{ code: 'INVALID_STATE', field: 'input' }]);
  expect((await entitlementsOf(contractId)).map((e) => e.name)).toEqual(['Gold 24x7']);
});

test('changing entitlements needs update on contracts; a sales rep reaches only their accounts’ contracts', async () => {
  const workspace = { tenant: (await harness.createTenant()).tenant };
  const own = await harness.addUser(workspace.tenant, { role: 'sales_rep' });
  const rep = (await harness.keyFor(workspace.tenant, { role: 'sales_rep', userId: own.uuid })).client;
  const agent = (await harness.keyFor(workspace.tenant, { role: 'service_agent' })).client;
  const admin2 = (await harness.keyFor(workspace.tenant, { role: 'admin' })).client;
  const othersContract = await draftContract(admin2, (await createAccount(admin2, { name: 'Not the rep’s' })).id, '2026-01-01');
  const repsContract = await draftContract(rep, (await createAccount(rep, { name: 'The rep’s' })).id, '2026-01-01');
  expect((await addEntitlement(rep, { contractId: repsContract.id, ...GOLD })).name).toBe('Gold 24x7');
  expect(await refused(rep, OPS.addEntitlement, { contractId: othersContract.id, ...GOLD })).toEqual([{ code: 'NOT_FOUND', field: 'input.contractId' }]);
  // A service agent reads contracts but may not change their terms.
  expect(errorCodes(await agent.request(OPS.addEntitlement, { input: { contractId: othersContract.id, ...GOLD } }))).toEqual(['FORBIDDEN']);
  const read = dataOf(await agent.request(ENTITLEMENTS, { id: repsContract.id }));
  expect(read.node.entitlements.map((e: Row) => e.name)).toEqual(['Gold 24x7']);
});

test('entitlements of a page of contracts are read in a constant number of statements', async () => {
  const account = await createAccount(admin, { name: 'Many contracts' });
  for (let i = 0; i < 6; i += 1) {
    const contract = await draftContract(admin, account.id, '2026-01-01');
    await addEntitlement(admin, { contractId: contract.id, ...GOLD, coveredProductIds: [products[i % 2].id] });
  }
  const query = `query($first: Int!) { contracts(first: $first) { nodes { id entitlements { name territory { name } coveredProducts { name } } } } }`;
  const two = await admin.request(query, { first: 2 });
  const six = await admin.request(query, { first: 6 });
  expect(dataOf(six).contracts.nodes.length).toBe(6);
  expect(typeof two.extensions?.sqlStatements).toBe('number');
  expect(six.extensions?.sqlStatements).toBe(two.extensions?.sqlStatements);
});
