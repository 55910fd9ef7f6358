/**
 * Opportunity line items: exact decimal totals, the amount that follows them, the price book
 * rules (standard book, currency, active entry), closed opportunities, record scope and the
 * SQL budget of nested line items.
 */
import { Client, dataOf, errorCodes, useHarness } from '../support/harness';
import { Row } from '../support/crm-operations';
import { OPS, codesOf, createOpportunity, createPriceBook, createProduct, mutate, mutateOk, plain, setEntry } from './products-helpers';

// 20 opportunities × 20 line items is beyond the default cost budget.
const harness = useHarness({ maxQueryCost: 20_000, rateLimitStore: 'off' });
let client: Client;
let eur: Row;
let usd: Row;
let partner: Row;
let widget: Row;
let cable: Row;
let unpriced: Row;
let dormant: Row;

beforeAll(async () => {
  ({ client } = await harness.createTenant());
  eur = await createPriceBook(client, { name: 'Standard EUR', currency: 'EUR', isStandard: true });
  usd = await createPriceBook(client, { name: 'Standard USD', currency: 'USD', isStandard: true });
  partner = await createPriceBook(client, { name: 'Partner EUR', currency: 'EUR' });
  widget = await createProduct(client, { sku: 'W', name: 'Widget' });
  cable = await createProduct(client, { sku: 'C', name: 'Cable' });
  unpriced = await createProduct(client, { sku: 'U', name: 'Unpriced' });
  dormant = await createProduct(client, { sku: 'D', name: 'Dormant' });
  await setEntry(client, eur.id, widget.id, '19.99');
  await setEntry(client, eur.id, cable.id, '0.1');
  await setEntry(client, eur.id, dormant.id, '5', false);
  await setEntry(client, usd.id, widget.id, '21.50');
  await setEntry(client, partner.id, widget.id, '15');
});

const add = (input: Record<string, unknown>) => mutate(client, OPS.addLineItem, input);

describe('line totals and the amount', () => {
  let deal: Row;
  beforeAll(async () => {
    deal = await createOpportunity(client, 'EUR');
  });

  test('3 × 19.99 with 12.5 % discount is 52.47 (half-up from 52.47375); the price defaults from the standard book', async () => {
    const payload = await mutateOk(client, OPS.addLineItem, { opportunityId: deal.id, productId: widget.id, quantity: '3', discountPercent: '12.5', description: 'Three' });
    expect(payload.lineItem).toMatchObject({
      product: { id: widget.id, name: 'Widget' },
      quantity: '3',
      unitPrice: { amount: '19.99', currency: 'EUR' },
      discountPercent: '12.5',
      total: { amount: '52.47', currency: 'EUR' },
      description: 'Three',
      position: 1,
      priceBookEntry: { id: expect.any(String) },
    });
    expect(payload.opportunity.priceBook).toEqual({ id: eur.id, name: 'Standard EUR' });
    expect(plain(payload.opportunity.amount.amount)).toBe('52.47');
  });

  test('0.1 × 3 is exactly 0.30, and the amount is the exact sum', async () => {
    const payload = await mutateOk(client, OPS.addLineItem, { opportunityId: deal.id, productId: cable.id, quantity: '3' });
    expect(payload.lineItem).toMatchObject({ quantity: '3', unitPrice: { amount: '0.10', currency: 'EUR' }, total: { amount: '0.30', currency: 'EUR' }, position: 2 });
    expect(plain(payload.opportunity.amount.amount)).toBe('52.77');
  });

  test('half a cent rounds up: 1 × 0.005 is 0.01; a given unit price overrides the book', async () => {
    const payload = await mutateOk(client, OPS.addLineItem, { opportunityId: deal.id, productId: widget.id, quantity: '1', unitPrice: '0.005' });
    expect(payload.lineItem).toMatchObject({ unitPrice: { amount: '0.005', currency: 'EUR' }, total: { amount: '0.01', currency: 'EUR' }, position: 3 });
    expect(plain(payload.opportunity.amount.amount)).toBe('52.78');
  });

  test('large values stay exact: 999999 × 999999.99 with 0.000001 % discount', async () => {
    const big = await createOpportunity(client, 'EUR', 'Big');
    const payload = await mutateOk(client, OPS.addLineItem, { opportunityId: big.id, productId: widget.id, quantity: '999999', unitPrice: '999999.99', discountPercent: '0.000001' });
    // 999998990000.01 × (1 − 0.00000001) = 999998980000.0201… → 999998980000.02
    expect(payload.lineItem.total.amount).toBe('999998980000.02');
    const tooMuch = await add({ opportunityId: big.id, productId: widget.id, quantity: '2', unitPrice: '999999999' });
    expect(codesOf(tooMuch)).toEqual(['OUT_OF_RANGE']);
  });

  test('update and remove recompute the amount and keep positions 1..n', async () => {
    const listed = async () => dataOf(await client.request(`query($id: ID!) { opportunity(id: $id) { amount { amount } lineItems { totalCount nodes { id position total { amount } } } } }`, { id: deal.id })).opportunity;
    const before = await listed();
    expect(before.lineItems.nodes.map((n: Row) => n.position)).toEqual([1, 2, 3]);
    const [first, second] = before.lineItems.nodes;
    const updated = await mutateOk(client, OPS.updateLineItem, { id: second.id, expectedVersion: 1, quantity: '10', discountPercent: '100' });
    expect(updated.lineItem).toMatchObject({ quantity: '10', discountPercent: '100', total: { amount: '0.00' }, version: 2 });
    expect(plain(updated.opportunity.amount.amount)).toBe('52.48');
    expect(codesOf(await mutate(client, OPS.updateLineItem, { id: second.id, expectedVersion: 1, quantity: '1' }))).toEqual(['CONFLICT']);
    const removed = await mutateOk(client, OPS.removeLineItem, { id: first.id });
    expect(removed.removedLineItemId).toBe(first.id);
    expect(plain(removed.opportunity.amount.amount)).toBe('0.01');
    const after = await listed();
    expect(after.lineItems.totalCount).toBe(2);
    expect(after.lineItems.nodes.map((n: Row) => n.position)).toEqual([1, 2]);
  });
});

describe('paging Opportunity.lineItems', () => {
  test('first/after and last/before walk the items in position order', async () => {
    const deal = await createOpportunity(client, 'EUR', 'Paged');
    for (const quantity of ['1', '2', '3']) await mutateOk(client, OPS.addLineItem, { opportunityId: deal.id, productId: widget.id, quantity });
    const PAGE = `query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
      opportunity(id: $id) { lineItems(first: $first, after: $after, last: $last, before: $before) { nodes { quantity } pageInfo { hasNextPage hasPreviousPage endCursor startCursor } } }
    }`;
    const page = async (args: Record<string, unknown>) => dataOf(await client.request(PAGE, { id: deal.id, ...args })).opportunity.lineItems;
    const first = await page({ first: 2 });
    expect(first.nodes).toEqual([{ quantity: '1' }, { quantity: '2' }]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await page({ first: 2, after: first.pageInfo.endCursor });
    expect(second.nodes).toEqual([{ quantity: '3' }]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const back = await page({ last: 2, before: second.pageInfo.startCursor });
    expect(back.nodes).toEqual([{ quantity: '1' }, { quantity: '2' }]);
  });
});

describe('refusals', () => {
  let deal: Row;
  beforeAll(async () => {
    deal = await createOpportunity(client, 'EUR', 'Refusals');
  });

  test.each([
    ['negative quantity', { quantity: '-1' }, 'quantity', 'OUT_OF_RANGE'],
    ['zero quantity', { quantity: '0' }, 'quantity', 'OUT_OF_RANGE'],
    ['discount over 100', { quantity: '1', discountPercent: '100.5' }, 'discountPercent', 'OUT_OF_RANGE'],
    ['negative discount', { quantity: '1', discountPercent: '-1' }, 'discountPercent', 'OUT_OF_RANGE'],
    ['negative unit price', { quantity: '1', unitPrice: '-0.01' }, 'unitPrice', 'OUT_OF_RANGE'],
  ])('%s', async (_label, values, field, code) => {
    const payload = await add({ opportunityId: deal.id, productId: widget.id, ...values });
    expect(payload.userErrors).toEqual([{ field: ['input', field], code, message: expect.any(String) }]);
  });

  test('a product without an (active) entry in the price book is INVALID', async () => {
    for (const product of [unpriced, dormant]) {
      const payload = await add({ opportunityId: deal.id, productId: product.id, quantity: '1' });
      expect(payload.userErrors).toEqual([{ field: ['input', 'productId'], code: 'INVALID', message: expect.stringContaining('no active price') }]);
    }
  });

  test('currency mismatch between the price book and the opportunity is INVALID', async () => {
    const payload = await mutate(client, OPS.setPriceBook, { opportunityId: deal.id, priceBookId: usd.id });
    expect(payload.userErrors).toEqual([{ field: ['input', 'priceBookId'], code: 'INVALID', message: expect.stringMatching(/currency mismatch/i) }]);
  });

  test('an opportunity in a currency without a standard price book is INVALID', async () => {
    const chf = await createOpportunity(client, 'CHF', 'Swiss');
    expect(codesOf(await add({ opportunityId: chf.id, productId: widget.id, quantity: '1' }))).toEqual(['INVALID']);
  });

  test('nothing is written by a refused mutation', async () => {
    const data = dataOf(await client.request(`query($id: ID!) { opportunity(id: $id) { amount { amount } priceBook { id } lineItems { totalCount } } }`, { id: deal.id }));
    expect({ ...data.opportunity, amount: plain(data.opportunity.amount.amount) }).toEqual({ amount: '0', priceBook: null, lineItems: { totalCount: 0 } });
  });

  test('setOpportunityPriceBook picks another book only while there are no line items', async () => {
    const other = await createOpportunity(client, 'EUR', 'Partner deal');
    const set = await mutateOk(client, OPS.setPriceBook, { opportunityId: other.id, priceBookId: partner.id });
    expect(set.opportunity.priceBook).toEqual({ id: partner.id, name: 'Partner EUR' });
    const item = await mutateOk(client, OPS.addLineItem, { opportunityId: other.id, productId: widget.id, quantity: '2' });
    expect(item.lineItem.unitPrice.amount).toBe('15.00');
    expect(codesOf(await mutate(client, OPS.setPriceBook, { opportunityId: other.id, priceBookId: eur.id }))).toEqual(['INVALID_STATE']);
  });

  test('with line items, updateOpportunity may not set the amount or move it off the price book currency', async () => {
    const priced = await createOpportunity(client, 'EUR', 'Priced deal');
    await mutateOk(client, OPS.addLineItem, { opportunityId: priced.id, productId: widget.id, quantity: '2' });
    const update = `mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { opportunity { amount { amount currency } } userErrors { field code message } } }`;
    const sameCurrency = dataOf(await client.request(update, { input: { id: priced.id, amount: { amount: '1.00', currency: 'EUR' } } })).updateOpportunity;
    expect(sameCurrency.userErrors).toEqual([expect.objectContaining({ field: ['input', 'amount'], code: 'INVALID_STATE', message: expect.stringContaining('line items') })]);
    const otherCurrency = dataOf(await client.request(update, { input: { id: priced.id, amount: { amount: '1.00', currency: 'USD' } } })).updateOpportunity;
    expect(otherCurrency.userErrors.map((e: Row) => e.code)).toEqual(['INVALID_STATE']);
    const renamed = dataOf(await client.request(update, { input: { id: priced.id, name: 'Priced deal 2' } })).updateOpportunity;
    expect(renamed.userErrors).toEqual([]);
    expect(renamed.opportunity.amount).toEqual({ amount: '39.98', currency: 'EUR' });
  });

  test("a closed opportunity's line items cannot change", async () => {
    const won = await createOpportunity(client, 'EUR', 'Won deal');
    const item = (await mutateOk(client, OPS.addLineItem, { opportunityId: won.id, productId: widget.id, quantity: '1' })).lineItem;
    await mutateOk(client, OPS.closeAsWon, { id: won.id });
    expect(codesOf(await add({ opportunityId: won.id, productId: widget.id, quantity: '1' }))).toEqual(['INVALID_STATE']);
    expect(codesOf(await mutate(client, OPS.updateLineItem, { id: item.id, quantity: '2' }))).toEqual(['INVALID_STATE']);
    expect(codesOf(await mutate(client, OPS.removeLineItem, { id: item.id }))).toEqual(['INVALID_STATE']);
  });
});

describe('record scope', () => {
  test("a sales rep cannot touch another rep's opportunity: NOT_FOUND, like one that does not exist", async () => {
    const { tenant } = await harness.createTenant();
    const admin = (await harness.keyFor(tenant, { role: 'admin' })).client;
    const book = await createPriceBook(admin, { name: 'Std', currency: 'EUR', isStandard: true });
    const product = await createProduct(admin, { sku: 'S', name: 'Scoped' });
    await setEntry(admin, book.id, product.id, '10');
    const alice = await harness.addUser(tenant, { role: 'sales_rep' });
    const bob = await harness.addUser(tenant, { role: 'sales_rep' });
    const aliceClient = (await harness.keyFor(tenant, { role: 'sales_rep', userId: alice.uuid })).client;
    const bobClient = (await harness.keyFor(tenant, { role: 'sales_rep', userId: bob.uuid })).client;
    const bobsDeal = await createOpportunity(bobClient, 'EUR', 'Bob');
    const bobsItem = (await mutateOk(bobClient, OPS.addLineItem, { opportunityId: bobsDeal.id, productId: product.id, quantity: '1' })).lineItem;
    const outOfScope = await mutate(aliceClient, OPS.addLineItem, { opportunityId: bobsDeal.id, productId: product.id, quantity: '1' });
    expect(outOfScope.userErrors).toEqual([{ field: ['input', 'opportunityId'], code: 'NOT_FOUND', message: 'Opportunity not found' }]);
    expect(codesOf(await mutate(aliceClient, OPS.updateLineItem, { id: bobsItem.id, quantity: '5' }))).toEqual(['NOT_FOUND']);
    expect(codesOf(await mutate(aliceClient, OPS.removeLineItem, { id: bobsItem.id }))).toEqual(['NOT_FOUND']);
    const aliceDeal = await createOpportunity(aliceClient, 'EUR', 'Alice');
    expect((await mutateOk(aliceClient, OPS.addLineItem, { opportunityId: aliceDeal.id, productId: product.id, quantity: '2' })).lineItem.total.amount).toBe('20.00');
    const analyst = (await harness.keyFor(tenant, { role: 'analyst' })).client;
    expect(errorCodes(await analyst.request(OPS.addLineItem, { input: { opportunityId: aliceDeal.id, productId: product.id, quantity: '1' } }))).toEqual(['FORBIDDEN']);
    const bobsView = dataOf(await bobClient.request(`query($id: ID!) { opportunity(id: $id) { lineItems { totalCount } } }`, { id: bobsDeal.id }));
    expect(bobsView.opportunity.lineItems.totalCount).toBe(1);
  });
});

describe('SQL budget', () => {
  test('opportunities { lineItems { product total } } costs the same for 2 and 20 opportunities', async () => {
    const { tenant } = await harness.createTenant();
    const admin = (await harness.keyFor(tenant, { role: 'admin' })).client;
    const book = await createPriceBook(admin, { name: 'Std', currency: 'EUR', isStandard: true });
    const products = [await createProduct(admin, { sku: 'A', name: 'Alpha' }), await createProduct(admin, { sku: 'B', name: 'Beta' })];
    for (const p of products) await setEntry(admin, book.id, p.id, '1.5');
    for (let i = 0; i < 20; i++) {
      const deal = await createOpportunity(admin, 'EUR', `Deal ${String(i).padStart(2, '0')}`);
      for (const p of products) await mutateOk(admin, OPS.addLineItem, { opportunityId: deal.id, productId: p.id, quantity: String(i + 1) });
    }
    const query = `query($n: Int) { opportunities(first: $n) { nodes { name lineItems { totalCount nodes { product { name } priceBookEntry { unitPrice { amount } } total { amount } } } priceBook { name } } } }`;
    const two = await admin.request(query, { n: 2 });
    const twenty = await admin.request(query, { n: 20 });
    expect(dataOf(twenty).opportunities.nodes).toHaveLength(20);
    expect(dataOf(two).opportunities.nodes[1].lineItems).toEqual({
      totalCount: 2,
      nodes: [
        { product: { name: 'Alpha' }, priceBookEntry: { unitPrice: { amount: '1.50' } }, total: { amount: '3.00' } },
        { product: { name: 'Beta' }, priceBookEntry: { unitPrice: { amount: '1.50' } }, total: { amount: '3.00' } },
      ],
    });
    expect(typeof two.extensions?.sqlStatements).toBe('number');
    expect(twenty.extensions?.sqlStatements).toBe(two.extensions?.sqlStatements);

    // The issue's query, with a stage move each so the history has two entries.
    const stages = dataOf(await admin.request(`{ pipelineStages { id name isWon isLost } }`)).pipelineStages.filter((s: Row) => !s.isWon && !s.isLost);
    for (const deal of dataOf(await admin.request(`{ opportunities(first: 100) { nodes { id } } }`)).opportunities.nodes) {
      await mutateOk(admin, `mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { opportunity { id } userErrors { field code message } } }`, { id: deal.id, stageId: stages[1].id });
    }
    const issueQuery = `query($n: Int) { opportunities(first: $n) { nodes { account { name } lineItems { nodes { product { name } } } stageHistory { nodes { toStage { name } } } } } }`;
    const [small, page] = [await admin.request(issueQuery, { n: 2 }), await admin.request(issueQuery, { n: 100 })];
    expect(dataOf(page).opportunities.nodes).toHaveLength(20);
    expect(dataOf(page).opportunities.nodes[0].stageHistory.nodes.map((h: Row) => h.toStage.name)).toEqual([stages[0].name, stages[1].name]);
    expect(page.extensions?.sqlStatements).toBe(small.extensions?.sqlStatements);
  });
});
