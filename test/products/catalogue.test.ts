/** Products, price books and price book entries: CRUD, validation, uniqueness and permissions. */
import { Client, dataOf, errorCodes, useHarness } from '../support/harness';
import { Row } from '../support/crm-operations';
import { BOOK_FIELDS, OPS, PRODUCT_FIELDS, codesOf, createPriceBook, createProduct, mutate, mutateOk, setEntry } from './products-helpers';

const harness = useHarness();
let client: Client;

beforeAll(async () => {
  ({ client } = await harness.createTenant());
});

const PRODUCTS = `query($where: ProductFilter, $orderBy: [ProductOrder!], $inRecycleBin: Boolean! = false) {
  products(first: 50, where: $where, orderBy: $orderBy, inRecycleBin: $inRecycleBin) { totalCount nodes { ${PRODUCT_FIELDS} } }
}`;

describe('products', () => {
  let widget: Row;
  let gadget: Row;
  let bolt: Row;

  beforeAll(async () => {
    widget = await createProduct(client, { sku: 'WID-1', name: 'Widget', family: 'Hardware', description: 'A widget' });
    gadget = await createProduct(client, { sku: 'GAD-1', name: 'Gadget', family: 'Hardware', active: false });
    bolt = await createProduct(client, { sku: ' BOLT-9 ', name: 'Bolt', family: 'Parts' });
  });

  test('creates with defaults and trims the SKU; product(id) and node(id) read it', async () => {
    expect(widget).toMatchObject({ sku: 'WID-1', name: 'Widget', family: 'Hardware', description: 'A widget', active: true, version: 1, deletedAt: null });
    expect(gadget.active).toBe(false);
    expect(bolt.sku).toBe('BOLT-9');
    const data = dataOf(await client.request(`query($id: ID!) { product(id: $id) { id sku } node(id: $id) { id ... on Product { name } } }`, { id: widget.id }));
    expect(data).toEqual({ product: { id: widget.id, sku: 'WID-1' }, node: { id: widget.id, name: 'Widget' } });
  });

  test('a SKU is unique ignoring case: DUPLICATE, nothing written', async () => {
    const payload = await mutate(client, OPS.createProduct, { sku: 'wid-1', name: 'Copy' });
    expect(payload.product).toBeNull();
    expect(payload.userErrors).toEqual([{ field: ['input', 'sku'], code: 'DUPLICATE', message: expect.stringContaining('SKU') }]);
    const renamed = await mutate(client, OPS.updateProduct, { id: bolt.id, sku: 'Gad-1' });
    expect(codesOf(renamed)).toEqual(['DUPLICATE']);
    const { products } = dataOf(await client.request(PRODUCTS, { where: { name: { eq: 'Copy' } } }));
    expect(products.totalCount).toBe(0);
  });

  test('blank SKU or name is REQUIRED', async () => {
    expect(codesOf(await mutate(client, OPS.createProduct, { sku: '   ', name: 'X' }))).toEqual(['REQUIRED']);
    expect(codesOf(await mutate(client, OPS.createProduct, { sku: 'X-1', name: '' }))).toEqual(['REQUIRED']);
  });

  test('filters by sku (ignoring case), name, family and active; sorts', async () => {
    const names = async (variables: Record<string, unknown>) => dataOf(await client.request(PRODUCTS, variables)).products.nodes.map((p: Row) => p.name);
    expect(await names({ where: { sku: { eq: 'wid-1' } } })).toEqual(['Widget']);
    expect(await names({ where: { family: { eq: 'Hardware' } } })).toEqual(['Gadget', 'Widget']);
    expect(await names({ where: { active: { eq: false } } })).toEqual(['Gadget']);
    expect(await names({ where: { name: { startsWith: 'b' } } })).toEqual(['Bolt']);
    expect(await names({ where: { family: { eq: 'Hardware' } }, orderBy: [{ field: 'SKU', direction: 'DESC' }] })).toEqual(['Widget', 'Gadget']);
  });

  test('update with expectedVersion; a stale version is CONFLICT', async () => {
    const updated = (await mutateOk(client, OPS.updateProduct, { id: bolt.id, expectedVersion: 1, name: 'Hex bolt', family: null })).product;
    expect(updated).toMatchObject({ name: 'Hex bolt', family: null, sku: 'BOLT-9', version: 2 });
    expect(codesOf(await mutate(client, OPS.updateProduct, { id: bolt.id, expectedVersion: 1, name: 'Stale' }))).toEqual(['CONFLICT']);
  });

  test('delete moves to the recycle bin and frees the SKU; restore with a taken SKU is DUPLICATE', async () => {
    const temp = await createProduct(client, { sku: 'TMP-1', name: 'Temporary' });
    const deleted = (await mutateOk(client, OPS.deleteProduct, { id: temp.id })).product;
    expect(deleted.deletedAt).not.toBeNull();
    expect(errorCodes(await client.request(`query($id: ID!) { product(id: $id) { id } }`, { id: temp.id }))).toEqual(['NOT_FOUND']);
    const bin = dataOf(await client.request(PRODUCTS, { inRecycleBin: true })).products.nodes.map((p: Row) => p.id);
    expect(bin).toEqual([temp.id]);
    const successor = await createProduct(client, { sku: 'tmp-1', name: 'Successor' });
    expect(codesOf(await mutate(client, OPS.restoreProduct, { id: temp.id }))).toEqual(['DUPLICATE']);
    await mutateOk(client, OPS.deleteProduct, { id: successor.id });
    expect((await mutateOk(client, OPS.restoreProduct, { id: temp.id })).product.deletedAt).toBeNull();
  });
});

describe('price books and entries', () => {
  let product: Row;
  let other: Row;
  let standardEur: Row;

  beforeAll(async () => {
    product = await createProduct(client, { sku: 'PB-1', name: 'Priced' });
    other = await createProduct(client, { sku: 'PB-2', name: 'Another' });
    standardEur = await createPriceBook(client, { name: 'Standard EUR', currency: 'eur', isStandard: true });
  });

  test('creates with the currency in capitals', () => {
    expect(standardEur).toMatchObject({ name: 'Standard EUR', currency: 'EUR', isStandard: true, active: true, version: 1 });
  });

  test('one standard price book per currency; names unique ignoring case', async () => {
    const second = await mutate(client, OPS.createPriceBook, { name: 'Other EUR', currency: 'EUR', isStandard: true });
    expect(second.userErrors).toEqual([{ field: ['input', 'isStandard'], code: 'DUPLICATE', message: expect.any(String) }]);
    expect(codesOf(await mutate(client, OPS.createPriceBook, { name: 'standard eur', currency: 'USD' }))).toEqual(['DUPLICATE']);
    const usd = await createPriceBook(client, { name: 'Standard USD', currency: 'USD', isStandard: true });
    const plainEur = await createPriceBook(client, { name: 'Partner EUR', currency: 'EUR' });
    expect(codesOf(await mutate(client, OPS.updatePriceBook, { id: plainEur.id, isStandard: true }))).toEqual(['DUPLICATE']);
    const books = dataOf(await client.request(`{ priceBooks(where: { isStandard: { eq: true } }) { nodes { ${BOOK_FIELDS} } } }`)).priceBooks.nodes;
    expect(books.map((b: Row) => b.name)).toEqual(['Standard EUR', 'Standard USD']);
    expect(usd.currency).toBe('USD');
  });

  test('setPriceBookEntry creates and then changes the entry (exact decimals)', async () => {
    const created = await setEntry(client, standardEur.id, product.id, '19.99');
    expect(created).toMatchObject({ product: { id: product.id, name: 'Priced' }, unitPrice: { amount: '19.99', currency: 'EUR' }, active: true, version: 1 });
    const changed = await setEntry(client, standardEur.id, product.id, '1234567890.123456', false);
    expect(changed).toMatchObject({ id: created.id, unitPrice: { amount: '1234567890.123456', currency: 'EUR' }, active: false, version: 2 });
    const kept = await setEntry(client, standardEur.id, product.id, '20');
    expect(kept).toMatchObject({ unitPrice: { amount: '20.00', currency: 'EUR' }, active: false, version: 3 });
  });

  test('a negative or too large price is OUT_OF_RANGE; unknown references are NOT_FOUND or INVALID', async () => {
    const negative = await mutate(client, OPS.setPriceBookEntry, { priceBookId: standardEur.id, productId: other.id, unitPrice: '-1.00' });
    expect(negative.userErrors).toEqual([{ field: ['input', 'unitPrice'], code: 'OUT_OF_RANGE', message: expect.any(String) }]);
    expect(codesOf(await mutate(client, OPS.setPriceBookEntry, { priceBookId: standardEur.id, productId: other.id, unitPrice: '1000000000000' }))).toEqual(['OUT_OF_RANGE']);
    expect(codesOf(await mutate(client, OPS.setPriceBookEntry, { priceBookId: product.id, productId: other.id, unitPrice: '1' }))).toEqual(['INVALID']);
    const deleted = await createProduct(client, { sku: 'PB-DEL', name: 'Gone' });
    await mutateOk(client, OPS.deleteProduct, { id: deleted.id });
    expect(codesOf(await mutate(client, OPS.setPriceBookEntry, { priceBookId: standardEur.id, productId: deleted.id, unitPrice: '1' }))).toEqual(['NOT_FOUND']);
  });

  test('PriceBook.entries lists entries by product name and counts them; removePriceBookEntry removes an unused one', async () => {
    const book = await createPriceBook(client, { name: 'Entries', currency: 'GBP' });
    await setEntry(client, book.id, product.id, '5');
    const removable = await setEntry(client, book.id, other.id, '7.5');
    const ENTRIES = `query($id: ID!) { priceBook(id: $id) { entries(first: 10) { totalCount nodes { product { name } unitPrice { amount currency } } } } }`;
    expect(dataOf(await client.request(ENTRIES, { id: book.id })).priceBook.entries).toEqual({
      totalCount: 2,
      nodes: [
        { product: { name: 'Another' }, unitPrice: { amount: '7.50', currency: 'GBP' } },
        { product: { name: 'Priced' }, unitPrice: { amount: '5.00', currency: 'GBP' } },
      ],
    });
    expect((await mutateOk(client, OPS.removePriceBookEntry, { id: removable.id })).removedEntryId).toBe(removable.id);
    expect(dataOf(await client.request(ENTRIES, { id: book.id })).priceBook.entries.totalCount).toBe(1);
    expect(codesOf(await mutate(client, OPS.removePriceBookEntry, { id: removable.id }))).toEqual(['NOT_FOUND']);
  });
});

describe('nested entries', () => {
  test('priceBooks { entries { product } } costs the same SQL for 1 and 4 price books', async () => {
    const { client: own } = await harness.createTenant();
    const products = [await createProduct(own, { sku: 'N1', name: 'N one' }), await createProduct(own, { sku: 'N2', name: 'N two' })];
    for (const currency of ['EUR', 'USD', 'GBP', 'CHF']) {
      const book = await createPriceBook(own, { name: `Book ${currency}`, currency });
      for (const p of products) await setEntry(own, book.id, p.id, '3');
    }
    const query = `query($n: Int) { priceBooks(first: $n) { nodes { name entries(first: 1) { totalCount nodes { product { name } } pageInfo { hasNextPage } } } } }`;
    const one = await own.request(query, { n: 1 });
    const four = await own.request(query, { n: 4 });
    expect(dataOf(four).priceBooks.nodes).toHaveLength(4);
    for (const book of dataOf(four).priceBooks.nodes) expect(book.entries).toEqual({ totalCount: 2, nodes: [{ product: { name: 'N one' } }], pageInfo: { hasNextPage: true } });
    expect(typeof one.extensions?.sqlStatements).toBe('number');
    expect(four.extensions?.sqlStatements).toBe(one.extensions?.sqlStatements);
  });
});

describe('permissions', () => {
  test('a sales rep reads the catalogue but cannot change it', async () => {
    const { tenant } = await harness.createTenant();
    const admin = harness.client((await harness.keyFor(tenant, { role: 'admin' })).token);
    const product = await createProduct(admin, { sku: 'R-1', name: 'Readable' });
    const rep = (await harness.keyFor(tenant, { role: 'sales_rep' })).client;
    expect(dataOf(await rep.request(`{ products { nodes { id } } }`)).products.nodes).toEqual([{ id: product.id }]);
    expect(errorCodes(await rep.request(OPS.createProduct, { input: { sku: 'R-2', name: 'Nope' } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await rep.request(OPS.setPriceBookEntry, { input: { priceBookId: product.id, productId: product.id, unitPrice: '1' } }))).toEqual(['FORBIDDEN']);
  });
});
