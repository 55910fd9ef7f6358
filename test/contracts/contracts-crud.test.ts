/** Contracts: drafts with defaults and line items, end dates, updates, the recycle bin, lists, bad input, batching. */
import { Client, TestTenant, dataOf, errorCodes, useHarness } from '../support/harness';
import { UPSERT_PLAN, uniqueCode } from '../support/tenant-lifecycle-helpers';
import { Row, createAccount, createContact } from '../support/crm-operations';
import { createProduct } from '../service/case-helpers';
import { CREATE, DELETE, LIST, RESTORE, UPDATE, contractOf, createDraftContract, historyOf, ok, refused } from './contract-helpers';

const harness = useHarness({ maxQueryCost: 20_000, rateLimitStore: 'off' });
let workspace: TestTenant;
let client: Client;
let schema: string;
let acme: Row;
let globex: Row;
let acmeContact: Row;
let globexContact: Row;
let router: Row;
let cable: Row;

beforeAll(async () => {
  workspace = await harness.createTenant();
  client = workspace.client;
  schema = workspace.tenant.schemaName;
  acme = await createAccount(client, { name: 'Acme' });
  globex = await createAccount(client, { name: 'Globex' });
  acmeContact = await createContact(client, { lastName: 'Aster', accountId: acme.id });
  globexContact = await createContact(client, { lastName: 'Gale', accountId: globex.id });
  router = await createProduct(client, 'Router');
  cable = await createProduct(client, 'Cable');
});

const sql = (text: string, params: unknown[] = []) => harness.dataSource.query(text.replaceAll('$schema', schema), params);

describe('createContract', () => {
  test('a draft with a number, the defaults, and its creation in the status history', async () => {
    const contract = await ok(client, CREATE, { accountId: acme.id, signerId: acmeContact.id, startDate: '2026-03-01', termMonths: 12, value: { amount: '1200', currency: 'eur' } });
    expect(contract).toMatchObject({
      status: 'DRAFT',
      startDate: '2026-03-01',
      termMonths: 12,
      endDate: '2027-02-28',
      value: { amount: '1200.00', currency: 'EUR' },
      billingFrequency: 'ANNUALLY',
      autoRenew: false,
      noticePeriodDays: 0,
      noticeDeadline: '2027-02-28',
      contractVersion: 1,
      activatedAt: null,
      version: 1,
      account: { id: acme.id, name: 'Acme' },
      signer: { id: acmeContact.id },
      successor: null,
      lineItems: [],
    });
    expect(contract.number).toMatch(/^CTR-\d{6}$/);
    // An admin key acting for nobody: the owner is the account's, and Acme has none.
    expect(contract.owner).toBeNull();
    const history = await historyOf(client, contract.id);
    expect(history.statusHistory).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'DRAFT', actorKind: 'api_key' })]);
    expect(history.versions).toEqual([]);
  });

  test('created by a key acting for nobody, a contract is owned by its account’s owner', async () => {
    const owner = await harness.addUser(workspace.tenant, { role: 'sales_rep' });
    const owned = await createAccount(client, { name: 'Owned', ownerId: owner.id });
    expect((await createDraftContract(client, { accountId: owned.id })).owner).toEqual({ id: owner.id });
  });

  test('contracts count towards the plan’s record limit: past it nothing is written', async () => {
    const plan = { code: uniqueCode('plan'), name: 'Two records', seatLimit: 5, recordLimit: 2, features: [] };
    expect(dataOf(await harness.platform.request(UPSERT_PLAN, { input: plan })).upsertPlan.userErrors).toEqual([]);
    const small = (await harness.createTenant({ name: 'Small plan', planCode: plan.code, seats: 5 })).client;
    const only = await createAccount(small, { name: 'The one account' });
    await createDraftContract(small, { accountId: only.id });
    expect(errorCodes(await small.request(CREATE, { input: { accountId: only.id, startDate: '2026-01-01', termMonths: 12 } }))).toEqual(['QUOTA_EXCEEDED']);
    expect(dataOf(await small.request('{ contracts { totalCount } }')).contracts.totalCount).toBe(1);
  });

  test('numbers are sequential per workspace', async () => {
    const first = await createDraftContract(client, { accountId: acme.id });
    const second = await createDraftContract(client, { accountId: acme.id });
    expect(Number(second.number.slice(4))).toBe(Number(first.number.slice(4)) + 1);
  });

  test.each([
    ['2026-01-31', 1, '2026-02-27'],
    ['2026-01-01', 12, '2026-12-31'],
    ['2024-02-29', 12, '2025-02-27'],
    ['2026-03-15', 600, '2076-03-14'],
  ])('end date of a term from %s for %i months is %s (start + term − 1 day, in SQL)', async (startDate, termMonths, endDate) => {
    const contract = await createDraftContract(client, { accountId: acme.id, startDate, termMonths });
    expect(contract.endDate).toBe(endDate);
  });

  test('the notice deadline is the end date less the notice period', async () => {
    const contract = await createDraftContract(client, { accountId: acme.id, startDate: '2026-01-01', termMonths: 12, noticePeriodDays: 90, autoRenew: true });
    expect(contract).toMatchObject({ endDate: '2026-12-31', noticePeriodDays: 90, noticeDeadline: '2026-10-02', autoRenew: true });
  });

  test('with line items the value is the sum of their totals, computed exactly', async () => {
    const contract = await ok(client, CREATE, {
      accountId: acme.id,
      startDate: '2026-01-01',
      termMonths: 12,
      currency: 'USD',
      lineItems: [
        { productId: router.id, quantity: '3', unitPrice: '19.99', discountPercent: '10', description: 'Edge routers' },
        { productId: cable.id, quantity: '0.5', unitPrice: '0.125' },
      ],
    });
    // 3 × 19.99 × 0.9 = 53.973 → 53.97; 0.5 × 0.125 = 0.0625 → 0.06.
    expect(contract.value).toEqual({ amount: '54.03', currency: 'USD' });
    expect(contract.lineItems).toEqual([
      expect.objectContaining({ product: { id: router.id, name: 'Router' }, quantity: '3', unitPrice: { amount: '19.99', currency: 'USD' }, discountPercent: '10', total: { amount: '53.97', currency: 'USD' }, description: 'Edge routers', position: 1 }),
      expect.objectContaining({ product: { id: cable.id, name: 'Cable' }, quantity: '0.5', unitPrice: { amount: '0.125', currency: 'USD' }, discountPercent: '0', total: { amount: '0.06', currency: 'USD' }, position: 2 }),
    ]);
  });

  test('the currency defaults to the workspace default currency', async () => {
    const { updateWorkspaceSettings } = dataOf(await client.request(`mutation { updateWorkspaceSettings(input: { defaultCurrency: "CHF" }) { userErrors { code } } }`));
    expect(updateWorkspaceSettings.userErrors).toEqual([]);
    const contract = await ok(client, CREATE, { accountId: acme.id, startDate: '2026-01-01', termMonths: 1 });
    expect(contract.value).toEqual({ amount: '0.00', currency: 'CHF' });
  });

  test.each<[string, Record<string, unknown>, { code: string; field: string | null }[]]>([
    ['a signer of another account', { signerId: 'GLOBEX_CONTACT' }, [{ code: 'INVALID', field: 'input.signerId' }]],
    ['a malformed account ID', { accountId: 'nope' }, [{ code: 'INVALID', field: 'input.accountId' }]],
    ['a term of 0 months', { termMonths: 0 }, [{ code: 'OUT_OF_RANGE', field: 'input.termMonths' }]],
    ['a term of 601 months', { termMonths: 601 }, [{ code: 'OUT_OF_RANGE', field: 'input.termMonths' }]],
    ['a negative notice period', { noticePeriodDays: -1 }, [{ code: 'OUT_OF_RANGE', field: 'input.noticePeriodDays' }]],
    ['a value in another currency', { currency: 'USD', value: { amount: '10', currency: 'EUR' } }, [{ code: 'INVALID', field: 'input.value.currency' }]],
    ['a value and line items', { lineItems: [{ productId: 'ROUTER', quantity: '1', unitPrice: '1' }] }, [{ code: 'INVALID', field: 'input.value' }]],
    ['a zero quantity', { value: null, lineItems: [{ productId: 'ROUTER', quantity: '0', unitPrice: '1' }] }, [{ code: 'OUT_OF_RANGE', field: 'input.lineItems.0.quantity' }]],
    ['a discount over 100', { value: null, lineItems: [{ productId: 'ROUTER', quantity: '1', unitPrice: '1', discountPercent: '101' }] }, [{ code: 'OUT_OF_RANGE', field: 'input.lineItems.0.discountPercent' }]],
    ['an unknown product', { value: null, lineItems: [{ productId: 'ACCOUNT', quantity: '1', unitPrice: '1' }] }, [{ code: 'INVALID', field: 'input.lineItems.0.productId' }]],
  ])('refuses %s and writes nothing', async (_, overrides, expected) => {
    const ids: Record<string, string> = { GLOBEX_CONTACT: globexContact.id, ROUTER: router.id, ACCOUNT: acme.id };
    const resolve = (value: unknown): unknown =>
      typeof value === 'string' && ids[value] ? ids[value] : Array.isArray(value) ? value.map(resolve) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)])) : value;
    const [{ count: before }] = await sql('SELECT count(*)::int AS count FROM $schema.contracts');
    const input = resolve({ accountId: acme.id, startDate: '2026-01-01', termMonths: 12, value: { amount: '100', currency: 'USD' }, ...overrides }) as Record<string, unknown>;
    expect(await refused(client, CREATE, input)).toEqual(expected);
    const [{ count: after }] = await sql('SELECT count(*)::int AS count FROM $schema.contracts');
    expect(after).toBe(before);
  });

  test('an inactive product is refused', async () => {
    const old = await createProduct(client, 'Legacy');
    dataOf(await client.request(`mutation($input: UpdateProductInput!) { updateProduct(input: $input) { userErrors { code } } }`, { input: { id: old.id, active: false } }));
    expect(await refused(client, CREATE, { accountId: acme.id, startDate: '2026-01-01', termMonths: 12, lineItems: [{ productId: old.id, quantity: '1', unitPrice: '1' }] })).toEqual([
      { code: 'INVALID', field: 'input.lineItems.0.productId' },
    ]);
  });

  test('retrying with the same idempotency key returns the first contract', async () => {
    const input = { accountId: acme.id, startDate: '2026-01-01', termMonths: 12, idempotencyKey: 'contract-once' };
    const first = await ok(client, CREATE, input);
    const second = await ok(client, CREATE, input);
    expect(second.id).toBe(first.id);
  });
});

describe('updateContract', () => {
  test('a draft’s terms change; start or term move the end date; line items are replaced and set the value', async () => {
    const draft = await createDraftContract(client, { accountId: acme.id });
    const moved = await ok(client, UPDATE, { id: draft.id, expectedVersion: 1, startDate: '2026-01-31', termMonths: 1, billingFrequency: 'MONTHLY', specialTerms: 'Net 60', signerId: acmeContact.id });
    expect(moved).toMatchObject({ startDate: '2026-01-31', termMonths: 1, endDate: '2026-02-27', billingFrequency: 'MONTHLY', specialTerms: 'Net 60', signer: { id: acmeContact.id }, version: 2 });
    const priced = await ok(client, UPDATE, { id: draft.id, lineItems: [{ productId: cable.id, quantity: '10', unitPrice: '2.50' }] });
    expect(priced.value).toEqual({ amount: '25.00', currency: 'EUR' });
    expect(priced.lineItems.map((li: Row) => li.product.name)).toEqual(['Cable']);
    expect(await refused(client, UPDATE, { id: draft.id, value: { amount: '1', currency: 'EUR' } })).toEqual([{ code: 'INVALID_STATE', field: 'input.value' }]);
    const replaced = await ok(client, UPDATE, { id: draft.id, lineItems: [{ productId: router.id, quantity: '1', unitPrice: '100' }, { productId: cable.id, quantity: '1', unitPrice: '1' }] });
    expect(replaced.lineItems.map((li: Row) => [li.product.name, li.position])).toEqual([['Router', 1], ['Cable', 2]]);
    expect(replaced.value.amount).toBe('101.00');
    const [{ count }] = await sql('SELECT count(*)::int AS count FROM $schema.contract_line_items WHERE contract_id = (SELECT id FROM $schema.contracts WHERE number = $1)', [draft.number]);
    expect(count).toBe(2);
  });

  test('a stale expectedVersion is a CONFLICT and changes nothing', async () => {
    const draft = await createDraftContract(client, { accountId: acme.id });
    expect(await refused(client, UPDATE, { id: draft.id, expectedVersion: 7, termMonths: 3 })).toEqual([{ code: 'CONFLICT', field: 'input.expectedVersion' }]);
    expect((await contractOf(client, draft.id))!.termMonths).toBe(12);
  });

  test('null for a required term is REQUIRED', async () => {
    const draft = await createDraftContract(client, { accountId: acme.id });
    expect(await refused(client, UPDATE, { id: draft.id, startDate: null })).toEqual([{ code: 'REQUIRED', field: 'input.startDate' }]);
  });
});

describe('recycle bin', () => {
  test('a draft is deleted (hidden from reads and lists) and restored', async () => {
    const draft = await createDraftContract(client, { accountId: globex.id });
    const deleted = await ok(client, DELETE, { id: draft.id });
    expect(deleted.deletedAt).not.toBeNull();
    expect(errorCodes(await client.request('query($id: ID!) { contract(id: $id) { id } }', { id: draft.id }))).toEqual(['NOT_FOUND']);
    const bin = dataOf(await client.request(LIST, { first: 50, inRecycleBin: true })).contracts;
    expect(bin.nodes.map((n: Row) => n.id)).toContain(draft.id);
    const restored = await ok(client, RESTORE, { id: draft.id });
    expect(restored.deletedAt).toBeNull();
  });
});

describe('contracts list', () => {
  test('filters by account, status and end date; sorts by value and number; Account.contracts lists the account’s', async () => {
    const a = await createDraftContract(client, { accountId: globex.id, value: { amount: '500', currency: 'EUR' }, startDate: '2030-01-01' });
    const b = await createDraftContract(client, { accountId: globex.id, value: { amount: '50', currency: 'EUR' }, startDate: '2030-06-01' });
    const byValue = dataOf(await client.request(LIST, { first: 10, where: { account: { eq: globex.id }, startDate: { gte: '2030-01-01' } }, orderBy: [{ field: 'VALUE', direction: 'DESC' }] })).contracts;
    expect(byValue.nodes.map((n: Row) => n.id)).toEqual([a.id, b.id]);
    const byEnd = dataOf(await client.request(LIST, { first: 10, where: { account: { eq: globex.id }, endDate: { gt: '2031-01-01' }, status: { eq: 'DRAFT' } } })).contracts;
    expect(byEnd.nodes.map((n: Row) => n.id)).toEqual([b.id]);
    const nested = dataOf(
      await client.request(`query($id: ID!) { account(id: $id) { contracts(first: 10, orderBy: [{ field: NUMBER, direction: DESC }]) { totalCount nodes { id } } } }`, { id: globex.id }),
    ).account.contracts;
    expect(nested.nodes.slice(0, 2).map((n: Row) => n.id)).toEqual([b.id, a.id]);
    expect(nested.totalCount).toBeGreaterThanOrEqual(2);
  });

  test('a page issues the same number of SQL statements at two page sizes (line items, products and accounts batched)', async () => {
    for (let i = 0; i < 12; i++) {
      await ok(client, CREATE, {
        accountId: i % 2 ? acme.id : globex.id,
        startDate: '2026-01-01',
        termMonths: 12,
        currency: 'JPY',
        lineItems: [{ productId: router.id, quantity: '1', unitPrice: '1' }, { productId: cable.id, quantity: '2', unitPrice: '1' }],
      });
    }
    // Every contract of both pages has line items and two accounts: only the page size differs.
    const query = `query($first: Int) { contracts(first: $first, where: { currency: { eq: "JPY" } }) { nodes { number lineItems { product { name } } account { name } owner { id } successor { id } } } }`;
    const small = await client.request(query, { first: 2 });
    const large = await client.request(query, { first: 12 });
    expect(dataOf(large).contracts.nodes).toHaveLength(12);
    expect(large.extensions?.sqlStatements).toBeGreaterThan(0);
    expect(large.extensions?.sqlStatements).toBe(small.extensions?.sqlStatements);
  });
});
