/** createContractFromOpportunity: a won opportunity's parties, currency and line items become a draft contract, once. */
import { Client, useHarness } from '../support/harness';
import { Row, createAccount, createContact } from '../support/crm-operations';
import { CLOSE_LOST, CLOSE_WON, CREATE as CREATE_OPPORTUNITY, ok as okOpportunity } from '../opportunities/opportunity-helpers';
import { OPS, createPriceBook, createProduct, mutateOk, setEntry } from '../products/products-helpers';
import { DELETE, FROM_OPPORTUNITY, RESTORE, historyOf, mutate, ok, refused } from './contract-helpers';

const harness = useHarness({ maxQueryCost: 20_000, rateLimitStore: 'off' });
let client: Client;
let schema: string;
let account: Row;
let contact: Row;
let router: Row;
let cable: Row;

beforeAll(async () => {
  const created = await harness.createTenant();
  client = created.client;
  schema = created.tenant.schemaName;
  account = await createAccount(client, { name: 'Hooli' });
  contact = await createContact(client, { lastName: 'Bighead', accountId: account.id });
  router = await createProduct(client, { name: 'Router', sku: 'R-1' });
  cable = await createProduct(client, { name: 'Cable', sku: 'C-1' });
  const book = await createPriceBook(client, { name: 'Standard GBP', currency: 'GBP', isStandard: true });
  await setEntry(client, book.id, router.id, '250');
  await setEntry(client, book.id, cable.id, '3.10');
});

const sql = (text: string, params: unknown[] = []) => harness.dataSource.query(text.replaceAll('$schema', schema), params);

/** An opportunity in GBP with the primary contact, optionally with line items, then won (or lost). */
async function opportunity(options: { items?: boolean; outcome?: 'won' | 'lost' | 'open'; amount?: string } = {}): Promise<Row> {
  const opp = await okOpportunity(client, CREATE_OPPORTUNITY, {
    name: 'Platform deal',
    accountId: account.id,
    primaryContactId: contact.id,
    amount: { amount: options.amount ?? '0', currency: 'GBP' },
  });
  if (options.items) {
    await mutateOk(client, OPS.addLineItem, { opportunityId: opp.id, productId: router.id, quantity: '2', discountPercent: '5', description: 'Edge' });
    await mutateOk(client, OPS.addLineItem, { opportunityId: opp.id, productId: cable.id, quantity: '12' });
  }
  if (options.outcome === 'won' || options.outcome === undefined) await okOpportunity(client, CLOSE_WON, { id: opp.id });
  if (options.outcome === 'lost') await okOpportunity(client, CLOSE_LOST, { id: opp.id, lossReason: 'Price' });
  return opp;
}

test('a won opportunity becomes a draft with its account, signer, currency and line items; value = line total sum', async () => {
  const opp = await opportunity({ items: true });
  const contract = await ok(client, FROM_OPPORTUNITY, { opportunityId: opp.id, startDate: '2026-04-01', termMonths: 24, billingFrequency: 'QUARTERLY', noticePeriodDays: 60 });
  expect(contract).toMatchObject({
    status: 'DRAFT',
    account: { id: account.id },
    signer: { id: contact.id },
    opportunity: { id: opp.id },
    startDate: '2026-04-01',
    endDate: '2028-03-31',
    billingFrequency: 'QUARTERLY',
    noticePeriodDays: 60,
    // 2 × 250 × 0.95 = 475.00; 12 × 3.10 = 37.20.
    value: { amount: '512.20', currency: 'GBP' },
  });
  expect(contract.lineItems.map((li: Row) => [li.product.name, li.quantity, li.unitPrice.amount, li.discountPercent, li.total.amount, li.description, li.position])).toEqual([
    ['Router', '2', '250.00', '5', '475.00', 'Edge', 1],
    ['Cable', '12', '3.10', '0', '37.20', null, 2],
  ]);
  expect((await historyOf(client, contract.id)).statusHistory.map((h: Row) => h.toStatus)).toEqual(['DRAFT']);
});

test('without line items the value is the opportunity amount', async () => {
  const opp = await opportunity({ amount: '9999.99' });
  const contract = await ok(client, FROM_OPPORTUNITY, { opportunityId: opp.id, startDate: '2026-01-01', termMonths: 12 });
  expect(contract).toMatchObject({ value: { amount: '9999.99', currency: 'GBP' }, lineItems: [] });
});

test('an open or lost opportunity is refused (INVALID_STATE) and nothing is written', async () => {
  const [{ count: before }] = await sql('SELECT count(*)::int AS count FROM $schema.contracts');
  for (const outcome of ['open', 'lost'] as const) {
    const opp = await opportunity({ items: true, outcome });
    expect(await refused(client, FROM_OPPORTUNITY, { opportunityId: opp.id, startDate: '2026-01-01', termMonths: 12 })).toEqual([{ code: 'INVALID_STATE', field: 'input.opportunityId' }]);
  }
  const [{ count: after }] = await sql('SELECT count(*)::int AS count FROM $schema.contracts');
  expect(after).toBe(before);
});

test('a second contract for the same opportunity is a DUPLICATE, also when requested concurrently; a deleted draft frees it for good', async () => {
  const opp = await opportunity({ items: true });
  const input = { opportunityId: opp.id, startDate: '2026-01-01', termMonths: 12 };
  const results = await Promise.all([mutate(client, FROM_OPPORTUNITY, input), mutate(client, FROM_OPPORTUNITY, input)]);
  expect(results.map((r) => r.userErrors.map((e: Row) => e.code).join()).sort()).toEqual(['', 'DUPLICATE']);
  const first = results.find((r) => r.contract)!.contract;
  expect(await refused(client, FROM_OPPORTUNITY, input)).toEqual([{ code: 'DUPLICATE', field: 'input.opportunityId' }]);
  const [{ items }] = await sql('SELECT count(*)::int AS items FROM $schema.contract_line_items');
  await ok(client, DELETE, { id: first.id });
  const second = await ok(client, FROM_OPPORTUNITY, input);
  expect(second.id).not.toBe(first.id);
  const [{ items: afterSecond }] = await sql('SELECT count(*)::int AS items FROM $schema.contract_line_items');
  expect(afterSecond).toBe(items + 2);
  // The deleted draft cannot come back beside its replacement.
  expect(await refused(client, RESTORE, { id: first.id })).toEqual([{ code: 'DUPLICATE', field: 'input.id' }]);
});

test('an unknown or malformed opportunity is NOT_FOUND / INVALID', async () => {
  expect(await refused(client, FROM_OPPORTUNITY, { opportunityId: account.id, startDate: '2026-01-01', termMonths: 12 })).toEqual([{ code: 'INVALID', field: 'input.opportunityId' }]);
  const missing = Buffer.from('Opportunity:01900000-0000-7000-8000-000000000000').toString('base64');
  expect(await refused(client, FROM_OPPORTUNITY, { opportunityId: missing, startDate: '2026-01-01', termMonths: 12 })).toEqual([{ code: 'NOT_FOUND', field: 'input.opportunityId' }]);
});
