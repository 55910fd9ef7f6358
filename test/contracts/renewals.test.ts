/**
 * Renewals: renewContract creates the successor draft (defaults, uplift, copies of line items and
 * entitlements), refuses what cannot be renewed, and chains (activating a successor renews its
 * predecessor); expiringContracts lists the activated contracts coming to their end.
 */
import { sweepTenantContracts } from '../../src/modules/contracts/contracts.sweep';
import { createLogger } from '../../src/ops/logger';
import { Row, createAccount } from '../support/crm-operations';
import { Client, TestTenant, dataOf, errorCodes, useHarness } from '../support/harness';
import { CONTRACT_FIELDS, CREATE, TERMINATE, activate, ok, refused as refusedContract } from './contract-helpers';

const harness = useHarness({ maxQueryCost: 20_000, rateLimitStore: 'off' });

/** Every contract field, plus what a renewal links and copies. */
const CONTRACT = `${CONTRACT_FIELDS} predecessor { number status } successor { number status }
  entitlements { name responseTimeMinutes resolutionTimeMinutes coverage visitsPerPeriod visitPeriod position coveredProducts { id } }
  statusHistory { fromStatus toStatus reason actorKind relatedContract { id } }`;
const payload = (name: string, inputType: string, selection: string) => `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} userErrors { field message code } } }`;
const RENEW = payload('renewContract', 'RenewContractInput', `contract { ${CONTRACT} }`);
const ADD_ENTITLEMENT = payload('addEntitlement', 'AddEntitlementInput', 'entitlement { id }');
const CREATE_PRODUCT = payload('createProduct', 'CreateProductInput', 'product { id }');
const CREATE_CONTACT = payload('createContact', 'CreateContactInput', 'contact { id }');
const GET = `query($id: ID!) { contract(id: $id) { ${CONTRACT} } }`;
const EXPIRING = `query($withinDays: Int!, $first: Int, $after: String) {
  expiringContracts(withinDays: $withinDays, first: $first, after: $after) {
    totalCount nodes { id number endDate successor { id number status } account { id } } pageInfo { hasNextPage endCursor } } }`;

/** The payload's single result (a created product, contact, entitlement), failing on userErrors. */
async function created(client: Client, operation: string, input: Record<string, unknown>): Promise<Row> {
  const result = Object.values(dataOf(await client.request(operation, { input })))[0] as Row;
  if (result.userErrors.length) throw new Error(`refused: ${JSON.stringify(result.userErrors)}`);
  return Object.values(result).find((value) => value && !Array.isArray(value)) as Row;
}
const refused = (client: Client, input: Record<string, unknown>) => refusedContract(client, RENEW, input);
const get = async (client: Client, id: string): Promise<Row> => dataOf(await client.request(GET, { id })).contract;
const renew = (client: Client, input: Record<string, unknown>): Promise<Row> => ok(client, RENEW, input);

let workspace: TestTenant;
let admin: Client;
let products: string[];
let accountId: string;

beforeAll(async () => {
  workspace = await harness.createTenant({ name: 'Renewals' });
  admin = workspace.client;
  products = [];
  for (const name of ['Router', 'Switch']) products.push((await created(admin, CREATE_PRODUCT, { name, sku: `${name}-${Date.now()}` })).id);
  accountId = (await createAccount(admin, { name: 'Customer' })).id;
});

/** The workspace's date `days` from today (UTC, the default time zone). */
const day = async (days: number): Promise<string> => (await harness.dataSource.query(`SELECT ((now() AT TIME ZONE 'UTC')::date + $1::int)::text AS d`, [days]))[0].d;
const monthsBefore = async (date: string, months: number): Promise<string> =>
  (await harness.dataSource.query(`SELECT ($1::date - make_interval(months => $2))::date::text AS d`, [date, months]))[0].d;
const contractCount = async (): Promise<number> =>
  Number((await harness.dataSource.query(`SELECT count(*) AS n FROM "${workspace.tenant.schemaName}".contracts`))[0].n);

/** An activated contract of the account with two line items and an entitlement covering a product. */
async function activatedContract(client: Client, input: Record<string, unknown> = {}, options: { entitlement?: boolean } = {}): Promise<Row> {
  const draft = await ok(client, CREATE, {
      accountId,
      startDate: '2025-01-01',
      termMonths: 12,
      currency: 'EUR',
      lineItems: [
        { productId: products[0], quantity: '3', unitPrice: '100', discountPercent: '10', description: 'Routers' },
        { productId: products[1], quantity: '1', unitPrice: '33.33' },
      ],
    ...input,
  });
  if (options.entitlement ?? true) {
    await created(client, ADD_ENTITLEMENT, { contractId: draft.id, name: 'Gold', responseTimeMinutes: 60, resolutionTimeMinutes: 480, visitsPerPeriod: 2, visitPeriod: 'YEAR', coveredProductIds: [products[0]] });
  }
  await activate(client, draft.id);
  return get(client, draft.id);
}

describe('renewContract', () => {
  test('by default: a draft for the next term with the same parties and terms, line items and entitlements copied, recorded', async () => {
    const signerId = (await created(admin, CREATE_CONTACT, { lastName: 'Signer', accountId })).id;
    const original = await activatedContract(admin, { signerId, billingFrequency: 'QUARTERLY', autoRenew: true, noticePeriodDays: 30, specialTerms: 'Net 30' });
    expect(original.value.amount).toBe('303.33');

    const successor = await renew(admin, { id: original.id, expectedVersion: original.version });
    expect(successor).toMatchObject({
      status: 'DRAFT',
      startDate: '2026-01-01',
      termMonths: 12,
      endDate: '2026-12-31',
      value: { amount: '303.33', currency: 'EUR' },
      billingFrequency: 'QUARTERLY',
      autoRenew: true,
      noticePeriodDays: 30,
      specialTerms: 'Net 30',
      account: { id: accountId },
      owner: original.owner,
      signer: { id: signerId },
      predecessor: { id: original.id, number: original.number, status: 'ACTIVATED' },
      successor: null,
    });
    expect(successor.number).toMatch(/^CTR-\d{6}$/);
    expect(successor.number).not.toBe(original.number);
    const withoutIds = (items: Row[]) => items.map(({ id: _id, ...item }) => item);
    expect(successor.lineItems).toHaveLength(2);
    expect(withoutIds(successor.lineItems)).toEqual(withoutIds(original.lineItems));
    expect(successor.entitlements).toEqual(original.entitlements);
    expect(successor.entitlements).toEqual([expect.objectContaining({ name: 'Gold', visitsPerPeriod: 2, visitPeriod: 'YEAR', coveredProducts: [{ id: products[0] }] })]);
    expect(successor.statusHistory).toEqual([{ fromStatus: null, toStatus: 'DRAFT', reason: `Renewal of ${original.number}`, actorKind: 'api_key', relatedContract: { id: original.id } }]);

    // The predecessor runs on until the successor is activated, showing the renewal in progress.
    const after = await get(admin, original.id);
    expect(after).toMatchObject({ status: 'ACTIVATED', version: original.version, successor: { id: successor.id, status: 'DRAFT' } });
  });

  test('with a new start, term and uplift: unit prices (or the value) rise and round to cents, the originals stay', async () => {
    const original = await activatedContract(admin);
    const successor = await renew(admin, { id: original.id, startDate: '2026-02-01', termMonths: 24, upliftPercent: '5' });
    expect(successor).toMatchObject({ startDate: '2026-02-01', termMonths: 24, endDate: '2028-01-31' });
    // 100 × 1.05 = 105.00; 33.33 × 1.05 = 34.9965 → 35.00. Value: 3 × 105 × 0.9 + 35 = 318.50.
    expect(successor.lineItems.map((li: Row) => [li.unitPrice.amount, li.total.amount])).toEqual([
      ['105.00', '283.50'],
      ['35.00', '35.00'],
    ]);
    expect(successor.value.amount).toBe('318.50');
    expect((await get(admin, original.id)).lineItems.map((li: Row) => li.unitPrice.amount)).toEqual(['100.00', '33.33']);

    const noLines = await activatedContract(admin, { lineItems: [], value: { amount: '1000', currency: 'EUR' } }, { entitlement: false });
    const uplifted = await renew(admin, { id: noLines.id, upliftPercent: '2.555' });
    // 1000 × 1.02555 = 1025.55
    expect(uplifted.value.amount).toBe('1025.55');
    expect(uplifted.lineItems).toEqual([]);
  });

  test('refuses what cannot be renewed, and writes nothing', async () => {
    const running = await activatedContract(admin, {}, { entitlement: false });
    const before = await contractCount();
    expect(await refused(admin, { id: running.id, upliftPercent: '100.5' })).toEqual([{ code: 'OUT_OF_RANGE', field: 'input.upliftPercent' }]);
    expect(await refused(admin, { id: running.id, upliftPercent: '-1' })).toEqual([{ code: 'OUT_OF_RANGE', field: 'input.upliftPercent' }]);
    expect(await refused(admin, { id: running.id, termMonths: 0 })).toEqual([{ code: 'OUT_OF_RANGE', field: 'input.termMonths' }]);
    expect(await refused(admin, { id: running.id, termMonths: 601 })).toEqual([{ code: 'OUT_OF_RANGE', field: 'input.termMonths' }]);
    expect(await refused(admin, { id: running.id, startDate: '2025-01-01' })).toEqual([{ code: 'OUT_OF_RANGE', field: 'input.startDate' }]);
    expect(await refused(admin, { id: running.id, expectedVersion: running.version - 1 })).toEqual([{ code: 'CONFLICT', field: 'input.expectedVersion' }]);
    expect(await refused(admin, { id: accountId })).toEqual([{ code: 'INVALID', field: 'input.id' }]);
    expect(await refused(admin, { id: Buffer.from('Contract:0190a5c8-0000-7000-8000-000000000000').toString('base64url') })).toEqual([{ code: 'NOT_FOUND', field: 'input.id' }]);
    // An uplift beyond what a contract's value can hold (numeric(18, 6): under 10^12).
    const huge = await activatedContract(admin, { lineItems: [], value: { amount: '900000000000', currency: 'EUR' } }, { entitlement: false });
    expect(await refused(admin, { id: huge.id, upliftPercent: '50' })).toEqual([{ code: 'OUT_OF_RANGE', field: 'input.upliftPercent' }]);
    expect(await contractCount()).toBe(before + 1);

    // Once renewed, never twice (the successor being a draft or active).
    await renew(admin, { id: running.id });
    expect(await refused(admin, { id: running.id })).toEqual([{ code: 'DUPLICATE', field: 'input.id' }]);

    const draft = await ok(admin, CREATE, { accountId, startDate: '2025-01-01', termMonths: 12 });
    expect(await refused(admin, { id: draft.id })).toEqual([{ code: 'INVALID_STATE', field: 'input.id' }]);
    const terminated = await activatedContract(admin, {}, { entitlement: false });
    await ok(admin, TERMINATE, { id: terminated.id, reason: 'Customer left', effectiveDate: '2025-06-30' });
    expect(await refused(admin, { id: terminated.id })).toEqual([{ code: 'INVALID_STATE', field: 'input.id' }]);
  });

  test('a chain A → B → C: activating B renews A, activating C renews B', async () => {
    const a = await activatedContract(admin);
    const b = await renew(admin, { id: a.id });
    await activate(admin, b.id);
    const activeB = await get(admin, b.id);
    expect(activeB).toMatchObject({ status: 'ACTIVATED', predecessor: { id: a.id, status: 'RENEWED' } });
    const renewedA = await get(admin, a.id);
    expect(renewedA).toMatchObject({ status: 'RENEWED', successor: { id: b.id, status: 'ACTIVATED' } });
    expect(renewedA.statusHistory.at(-1)).toMatchObject({ fromStatus: 'ACTIVATED', toStatus: 'RENEWED', relatedContract: { id: b.id } });

    const c = await renew(admin, { id: b.id });
    expect(c).toMatchObject({ startDate: '2027-01-01', endDate: '2027-12-31', predecessor: { id: b.id } });
    await activate(admin, c.id);
    expect(await get(admin, b.id)).toMatchObject({ status: 'RENEWED', successor: { id: c.id, status: 'ACTIVATED' }, predecessor: { id: a.id } });
    expect((await get(admin, a.id)).status).toBe('RENEWED');
    // A renewed contract is renewed already.
    expect(await refused(admin, { id: a.id })).toEqual([{ code: 'DUPLICATE', field: 'input.id' }]);
  });

  test('an expired contract can still be renewed (late); activating that renewal leaves it EXPIRED', async () => {
    // A year that ended yesterday; the scheduler expires it.
    const lapsed = await activatedContract(admin, { startDate: await monthsBefore(await day(0), 12), termMonths: 12 }, { entitlement: false });
    expect(lapsed.endDate).toBe(await day(-1));
    await sweepTenantContracts(harness.dataSource, workspace.tenant, createLogger({ level: 'silent' }));
    const expired = await get(admin, lapsed.id);
    expect(expired.status).toBe('EXPIRED');
    expect(expired.statusHistory.at(-1)).toEqual({ fromStatus: 'ACTIVATED', toStatus: 'EXPIRED', reason: 'End date passed', actorKind: 'system', relatedContract: null });

    const late = await renew(admin, { id: lapsed.id });
    expect(late).toMatchObject({ status: 'DRAFT', startDate: await day(0), predecessor: { id: lapsed.id, status: 'EXPIRED' } });
    await activate(admin, late.id);
    expect(await get(admin, lapsed.id)).toMatchObject({ status: 'EXPIRED', successor: { id: late.id, status: 'ACTIVATED' } });
  });

  test('needs create on contracts and the contract within your record scope', async () => {
    const rep = await harness.addUser(workspace.tenant, { role: 'sales_rep' });
    const { client: repClient } = await harness.keyFor(workspace.tenant, { role: 'sales_rep', userId: rep.uuid });
    const { client: agent } = await harness.keyFor(workspace.tenant, { role: 'service_agent' });
    const others = await activatedContract(admin, {}, { entitlement: false });

    expect(errorCodes(await agent.request(RENEW, { input: { id: others.id } }))).toEqual(['FORBIDDEN']);
    // A sales rep does not see contracts of accounts and owners not theirs.
    expect(await refused(repClient, { id: others.id })).toEqual([{ code: 'NOT_FOUND', field: 'input.id' }]);

    // … but renews those of the accounts they own, whoever owns the contract.
    const repAccount = (await createAccount(admin, { name: 'Rep account', ownerId: rep.id })).id;
    const colleague = await harness.addUser(workspace.tenant, { role: 'sales_rep' });
    const theirs = await activatedContract(admin, { accountId: repAccount, ownerId: colleague.id, lineItems: [], value: { amount: '500', currency: 'EUR' } }, { entitlement: false });
    expect(theirs.owner).toEqual({ id: colleague.id });
    const renewed = await renew(repClient, { id: theirs.id });
    expect(renewed).toMatchObject({ predecessor: { id: theirs.id }, account: { id: repAccount } });
    expect(renewed.owner).toEqual({ id: colleague.id });
  });
});

describe('expiringContracts', () => {
  const YEARLY = { amount: '1200', currency: 'EUR' };
  let tenant: TestTenant;
  let client: Client;
  let account: string;

  /** An activated contract of a year ending `days` from today (in the workspace's time zone). */
  async function endingIn(days: number, options: { account?: string } = {}): Promise<Row> {
    const end = await dayIn('Pacific/Kiritimati', days);
    const draft = await ok(client, CREATE, { accountId: options.account ?? account, startDate: await monthsBefore(await plusDays(end, 1), 12), termMonths: 12, value: YEARLY });
    expect(draft.endDate).toBe(end);
    return activate(client, draft.id);
  }
  const dayIn = async (zone: string, days: number): Promise<string> => (await harness.dataSource.query(`SELECT ((now() AT TIME ZONE $1)::date + $2::int)::text AS d`, [zone, days]))[0].d;
  const plusDays = async (date: string, days: number): Promise<string> => (await harness.dataSource.query(`SELECT ($1::date + $2::int)::text AS d`, [date, days]))[0].d;

  beforeAll(async () => {
    tenant = await harness.createTenant({ name: 'Expiring' });
    client = tenant.client;
    // UTC+14: its "today" is not UTC's for most of the day.
    await harness.dataSource.query(`UPDATE "${tenant.tenant.schemaName}".workspace_settings SET time_zone = 'Pacific/Kiritimati'`);
    account = (await createAccount(client, { name: 'Customer' })).id;
  });

  test('lists activated contracts ending between today and today + withinDays, soonest first, with their renewal in progress', async () => {
    const in10 = await endingIn(10);
    const today = await endingIn(0);
    const in30 = await endingIn(30);
    await endingIn(31);
    await endingIn(-1); // past its end, not yet swept: not "expiring" any more
    const draft = await ok(client, CREATE, { accountId: account, startDate: await dayIn('Pacific/Kiritimati', -300), termMonths: 10, value: YEARLY });
    const renewal = await renew(client, { id: in10.id });

    const listed = dataOf(await client.request(EXPIRING, { withinDays: 30 })).expiringContracts;
    expect(listed.nodes.map((n: Row) => n.id)).toEqual([today.id, in10.id, in30.id]);
    expect(listed.totalCount).toBe(3);
    expect(listed.nodes[1].successor).toEqual({ id: renewal.id, number: renewal.number, status: 'DRAFT' });
    expect(listed.nodes.map((n: Row) => n.id)).not.toContain(draft.id);

    // Pages follow the same order.
    const first = dataOf(await client.request(EXPIRING, { withinDays: 30, first: 2 })).expiringContracts;
    expect(first.nodes.map((n: Row) => n.id)).toEqual([today.id, in10.id]);
    const second = dataOf(await client.request(EXPIRING, { withinDays: 30, first: 2, after: first.pageInfo.endCursor })).expiringContracts;
    expect(second.nodes.map((n: Row) => n.id)).toEqual([in30.id]);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  test('costs the same number of statements for a page of 2 and a page of 20', async () => {
    for (let i = 0; i < 8; i++) {
      const contract = await endingIn(100 + i);
      if (i % 2) await renew(client, { id: contract.id });
    }
    const statements = async (first: number) => {
      const response = await client.request(EXPIRING, { withinDays: 200, first });
      expect(dataOf(response).expiringContracts.nodes).toHaveLength(Math.min(first, dataOf(response).expiringContracts.totalCount));
      return response.extensions?.sqlStatements;
    };
    // Both pages hold contracts with and without a renewal in progress.
    const small = await statements(2);
    expect(small).toBeGreaterThan(0);
    expect(await statements(20)).toBe(small);
  });

  test('refuses a look-ahead out of range', async () => {
    for (const withinDays of [0, 3651]) expect(errorCodes(await client.request(EXPIRING, { withinDays }))).toEqual(['BAD_USER_INPUT']);
  });

  test('stays within your record scope', async () => {
    const rep = await harness.addUser(tenant.tenant, { role: 'sales_rep' });
    const { client: repClient } = await harness.keyFor(tenant.tenant, { role: 'sales_rep', userId: rep.uuid });
    const repAccount = (await createAccount(client, { name: 'Rep account', ownerId: rep.id })).id;
    const theirs = await endingIn(5, { account: repAccount });
    await endingIn(5);
    const listed = dataOf(await repClient.request(EXPIRING, { withinDays: 3650 })).expiringContracts;
    expect(listed.nodes.map((n: Row) => n.id)).toEqual([theirs.id]);
    expect(listed.totalCount).toBe(1);
  });
});
