/** Amendments: the commercial terms of an activated contract change only as new versions, each kept with its terms. */
import { Client, useHarness } from '../support/harness';
import { Row, createAccount } from '../support/crm-operations';
import { createProduct } from '../service/case-helpers';
import { AMEND, UPDATE, activate, createDraftContract, historyOf, mutate, ok, refused } from './contract-helpers';

const harness = useHarness({ maxQueryCost: 20_000, rateLimitStore: 'off' });
let client: Client;
let account: Row;
let router: Row;
let cable: Row;

beforeAll(async () => {
  const created = await harness.createTenant();
  client = created.client;
  account = await createAccount(client, { name: 'Umbrella' });
  router = await createProduct(client, 'Router');
  cable = await createProduct(client, 'Cable');
});

async function activated(overrides: Record<string, unknown> = {}): Promise<Row> {
  const draft = await createDraftContract(client, { accountId: account.id, startDate: '2026-01-01', termMonths: 12, ...overrides });
  return activate(client, draft.id);
}

test('every amendment is a new version with its terms and reason; earlier versions keep theirs', async () => {
  const contract = await activated({ value: null, currency: 'EUR', lineItems: [{ productId: router.id, quantity: '2', unitPrice: '100', description: 'Core' }] });
  expect(contract).toMatchObject({ contractVersion: 1, value: { amount: '200.00', currency: 'EUR' } });
  const second = await ok(client, AMEND, { id: contract.id, expectedVersion: contract.version, reason: 'Two more years', termMonths: 36, autoRenew: true, noticePeriodDays: 30 });
  expect(second).toMatchObject({ contractVersion: 2, termMonths: 36, endDate: '2028-12-31', autoRenew: true, noticePeriodDays: 30, noticeDeadline: '2028-12-01', status: 'ACTIVATED' });
  const third = await ok(client, AMEND, {
    id: contract.id,
    reason: 'Added cabling',
    lineItems: [
      { productId: router.id, quantity: '2', unitPrice: '100', description: 'Core' },
      { productId: cable.id, quantity: '10', unitPrice: '1.5', discountPercent: '20' },
    ],
    specialTerms: 'Cables replaced on failure',
  });
  expect(third).toMatchObject({ contractVersion: 3, value: { amount: '212.00', currency: 'EUR' }, specialTerms: 'Cables replaced on failure' });
  expect(third.lineItems.map((li: Row) => [li.product.name, li.position, li.total.amount])).toEqual([
    ['Router', 1, '200.00'],
    ['Cable', 2, '12.00'],
  ]);
  const { versions } = await historyOf(client, contract.id);
  expect(versions.map((v: Row) => [v.version, v.reason, v.actorKind])).toEqual([
    [1, null, 'api_key'],
    [2, 'Two more years', 'api_key'],
    [3, 'Added cabling', 'api_key'],
  ]);
  expect(versions[0].terms).toEqual({
    startDate: '2026-01-01',
    termMonths: 12,
    endDate: '2026-12-31',
    value: { amount: '200.00', currency: 'EUR' },
    billingFrequency: 'ANNUALLY',
    autoRenew: false,
    noticePeriodDays: 0,
    specialTerms: null,
    lineItems: [{ product: { id: router.id, name: 'Router' }, quantity: '2', unitPrice: { amount: '100.00', currency: 'EUR' }, discountPercent: '0', description: 'Core' }],
  });
  expect(versions[1].terms).toMatchObject({ termMonths: 36, endDate: '2028-12-31', autoRenew: true, noticePeriodDays: 30, value: { amount: '200.00' } });
  expect(versions[2].terms.lineItems.map((li: Row) => [li.product.name, li.quantity, li.discountPercent])).toEqual([
    ['Router', '2', '0'],
    ['Cable', '10', '20'],
  ]);
});

test('an amendment that changes nothing is refused and writes no version', async () => {
  const contract = await activated({ billingFrequency: 'MONTHLY' });
  expect(await refused(client, AMEND, { id: contract.id, reason: 'Same again', billingFrequency: 'MONTHLY', termMonths: 12 })).toEqual([{ code: 'INVALID', field: 'input' }]);
  expect(await refused(client, AMEND, { id: contract.id, reason: 'Nothing at all' })).toEqual([{ code: 'INVALID', field: 'input' }]);
  const after = await historyOf(client, contract.id);
  expect(after.versions).toHaveLength(1);
});

test('commercial fields of an activated contract are locked outside amendments', async () => {
  const contract = await activated();
  for (const change of [{ termMonths: 6 }, { value: { amount: '1', currency: 'EUR' } }, { lineItems: [] }, { autoRenew: true }, { startDate: '2027-01-01' }]) {
    const payload = await mutate(client, UPDATE, { id: contract.id, ...change });
    expect(payload.contract).toBeNull();
    expect(payload.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_STATE', field: null })]);
  }
  expect((await historyOf(client, contract.id)).versions).toHaveLength(1);
});

test('an amendment checks its value (currency, line items), reason and version', async () => {
  const withItems = await activated({ value: null, lineItems: [{ productId: router.id, quantity: '1', unitPrice: '10' }] });
  expect(await refused(client, AMEND, { id: withItems.id, reason: 'Cheaper', value: { amount: '5', currency: 'EUR' } })).toEqual([{ code: 'INVALID_STATE', field: 'input.value' }]);
  const plain = await activated();
  expect(await refused(client, AMEND, { id: plain.id, reason: 'Dollars', value: { amount: '5', currency: 'USD' } })).toEqual([{ code: 'INVALID', field: 'input.value.currency' }]);
  expect(await refused(client, AMEND, { id: plain.id, reason: '', termMonths: 3 })).toEqual([{ code: 'REQUIRED', field: 'input.reason' }]);
  expect(await refused(client, AMEND, { id: plain.id, reason: 'Stale', termMonths: 3, expectedVersion: 1 })).toEqual([{ code: 'CONFLICT', field: 'input.expectedVersion' }]);
  const cheaper = await ok(client, AMEND, { id: plain.id, reason: 'Discount', value: { amount: '999.50', currency: 'EUR' } });
  expect(cheaper).toMatchObject({ contractVersion: 2, value: { amount: '999.50', currency: 'EUR' } });
});
