/** The catalogue: products, price books and their entries. Every function takes the request context first. */
import { queryOne } from '../../db/sql';
import { uuidv7 } from '../../db/uuid';
import { notFound } from '../../graphql/errors';
import { requireUuid, toGlobalId, uuidOf } from '../../graphql/global-id';
import { ConnectionValue } from '../../graphql/pagination';
import { Payload, UserError, UserErrorCode, failure, userError } from '../../graphql/user-errors';
import { RequestContext } from '../../tenancy/request-context';
import { answeringDuplicates } from '../configuration/configuration.shared';
import { runMutation } from '../records/mutation';
import { listRecords } from '../records/record-lists';
import { createRecordMutation, writeRecordMutation } from '../records/record-mutations';
import { restoreRecord, softDeleteRecord, updateRecord } from '../records/record-writes';
import { PRICE, checkRange } from './decimals';
import { PriceBookEntity, ProductEntity } from './products.entity';
import { entryRow, priceBookById, productById } from './products.loaders';
import { priceBookSpec, productSpec } from './products.spec';
import {
  CreatePriceBookInput,
  CreatePriceBookPayload,
  CreateProductInput,
  CreateProductPayload,
  DeletePriceBookInput,
  DeletePriceBookPayload,
  DeleteProductInput,
  DeleteProductPayload,
  PriceBooksArgs,
  ProductsArgs,
  RemovePriceBookEntryInput,
  RemovePriceBookEntryPayload,
  RestorePriceBookInput,
  RestorePriceBookPayload,
  RestoreProductInput,
  RestoreProductPayload,
  SetPriceBookEntryInput,
  SetPriceBookEntryPayload,
  UpdatePriceBookInput,
  UpdatePriceBookPayload,
  UpdateProductInput,
  UpdateProductPayload,
} from './products.types';

/** The unique indexes of the catalogue, as the userError a violation means. */
const DUPLICATES: Record<string, UserError> = {
  products_sku_key: userError(['input', 'sku'], 'A product with this SKU already exists (SKUs are unique ignoring case)', UserErrorCode.DUPLICATE),
  price_books_name_key: userError(['input', 'name'], 'A price book with this name already exists (names are unique ignoring case)', UserErrorCode.DUPLICATE),
  price_books_standard_key: userError(['input', 'isStandard'], 'This currency already has a standard price book; unset it there first', UserErrorCode.DUPLICATE),
};

const refusingDuplicates = <P extends Payload>(work: Promise<P>): Promise<P> => answeringDuplicates(work, DUPLICATES);

// ---- products ----

export function listProducts(ctx: RequestContext, args: ProductsArgs): Promise<ConnectionValue<ProductEntity>> {
  return listRecords(ctx, productSpec, args);
}

export async function getProduct(ctx: RequestContext, id: string): Promise<ProductEntity> {
  const product = await productById(ctx).load(requireUuid(id, 'Product'));
  if (!product || product.deletedAt) throw notFound('Product');
  return product;
}

/** A SKU without surrounding blanks; blank is REQUIRED. */
function cleanSku(sku: string | undefined): { value?: string; error?: UserError } {
  if (sku === undefined) return {};
  const value = sku.trim();
  return value ? { value } : { error: userError(['input', 'sku'], 'The SKU must not be empty', UserErrorCode.REQUIRED) };
}

export function createProduct(ctx: RequestContext, input: CreateProductInput): Promise<CreateProductPayload> {
  return refusingDuplicates(
    createRecordMutation(ctx, productSpec, 'product', input, async () => {
      const sku = cleanSku(input.sku);
      if (sku.error) return { userErrors: [sku.error] };
      return { values: { sku: sku.value, name: input.name, family: input.family ?? null, description: input.description ?? null, active: input.active ?? true } };
    }),
  );
}

export function updateProduct(ctx: RequestContext, input: UpdateProductInput): Promise<UpdateProductPayload> {
  return refusingDuplicates(
    writeRecordMutation(ctx, productSpec, 'product', input, async (db, id) => {
      const sku = cleanSku(input.sku);
      if (sku.error) return { userErrors: [sku.error] };
      const values = { sku: sku.value, name: input.name, family: input.family, description: input.description, active: input.active ?? undefined };
      return updateRecord(db, productSpec, id, values, input.expectedVersion);
    }),
  );
}

/** Moves the product to the recycle bin; line items and price book entries keep pointing at it. */
export function deleteProduct(ctx: RequestContext, input: DeleteProductInput): Promise<DeleteProductPayload> {
  return writeRecordMutation(ctx, productSpec, 'product', input, (db, id) => softDeleteRecord(db, productSpec, id, input.expectedVersion));
}

/** Restores a product; DUPLICATE when another live product took its SKU meanwhile. */
export function restoreProduct(ctx: RequestContext, input: RestoreProductInput): Promise<RestoreProductPayload> {
  return refusingDuplicates(writeRecordMutation(ctx, productSpec, 'product', input, (db, id) => restoreRecord(db, productSpec, id)));
}

// ---- price books ----

export function listPriceBooks(ctx: RequestContext, args: PriceBooksArgs): Promise<ConnectionValue<PriceBookEntity>> {
  return listRecords(ctx, priceBookSpec, args);
}

export async function getPriceBook(ctx: RequestContext, id: string): Promise<PriceBookEntity> {
  const book = await priceBookById(ctx).load(requireUuid(id, 'PriceBook'));
  if (!book || book.deletedAt) throw notFound('Price book');
  return book;
}

export function createPriceBook(ctx: RequestContext, input: CreatePriceBookInput): Promise<CreatePriceBookPayload> {
  return refusingDuplicates(
    createRecordMutation(ctx, priceBookSpec, 'priceBook', input, async () => ({
      values: { name: input.name, currency: input.currency, isStandard: input.isStandard ?? false, active: input.active ?? true, description: input.description ?? null },
    })),
  );
}

export function updatePriceBook(ctx: RequestContext, input: UpdatePriceBookInput): Promise<UpdatePriceBookPayload> {
  return refusingDuplicates(
    writeRecordMutation(ctx, priceBookSpec, 'priceBook', input, (db, id) =>
      updateRecord(db, priceBookSpec, id, { name: input.name, isStandard: input.isStandard ?? undefined, active: input.active ?? undefined, description: input.description }, input.expectedVersion),
    ),
  );
}

/** Moves the price book to the recycle bin; opportunities keep it, but no line item can be added from it. */
export function deletePriceBook(ctx: RequestContext, input: DeletePriceBookInput): Promise<DeletePriceBookPayload> {
  return writeRecordMutation(ctx, priceBookSpec, 'priceBook', input, (db, id) => softDeleteRecord(db, priceBookSpec, id, input.expectedVersion));
}

/** Restores a price book; DUPLICATE when its name or its currency's standard role was taken meanwhile. */
export function restorePriceBook(ctx: RequestContext, input: RestorePriceBookInput): Promise<RestorePriceBookPayload> {
  return refusingDuplicates(writeRecordMutation(ctx, priceBookSpec, 'priceBook', input, (db, id) => restoreRecord(db, priceBookSpec, id)));
}

/** Creates the entry for the product in the price book, or changes its price (and active flag when given). */
export function setPriceBookEntry(ctx: RequestContext, input: SetPriceBookEntryInput): Promise<SetPriceBookEntryPayload> {
  return runMutation<SetPriceBookEntryPayload>(ctx, input, async (db) => {
    const bookId = uuidOf(input.priceBookId, 'PriceBook');
    const productId = uuidOf(input.productId, 'Product');
    const problems = [
      ...(bookId ? [] : [userError(['input', 'priceBookId'], '"priceBookId" is not a valid PriceBook ID', UserErrorCode.INVALID)]),
      ...(productId ? [] : [userError(['input', 'productId'], '"productId" is not a valid Product ID', UserErrorCode.INVALID)]),
      ...[checkRange(input.unitPrice, ['input', 'unitPrice'], 'The unit price', PRICE)].filter((e): e is UserError => e !== null),
    ];
    if (problems.length) return failure(...problems);
    const live = await queryOne<{ book: boolean; product: boolean }>(
      db,
      `SELECT EXISTS (SELECT 1 FROM price_books WHERE id = $1 AND deleted_at IS NULL) AS book,
              EXISTS (SELECT 1 FROM products WHERE id = $2 AND deleted_at IS NULL) AS product`,
      [bookId, productId],
    );
    if (!live!.book) return failure(userError(['input', 'priceBookId'], 'Price book not found', UserErrorCode.NOT_FOUND));
    if (!live!.product) return failure(userError(['input', 'productId'], 'Product not found', UserErrorCode.NOT_FOUND));
    const written = await queryOne<{ id: string }>(
      db,
      `INSERT INTO price_book_entries AS e (id, price_book_id, product_id, unit_price, active) VALUES ($1, $2, $3, $4, coalesce($5, true))
       ON CONFLICT (price_book_id, product_id) DO UPDATE
         SET unit_price = excluded.unit_price, active = coalesce($5, e.active), version = e.version + 1, updated_at = now()
       RETURNING e.id`,
      [uuidv7(), bookId, productId, input.unitPrice, input.active ?? null],
    );
    return { entry: await entryRow(db, written!.id), userErrors: [] };
  });
}

/** Removes an entry no line item uses (used entries keep the history of where prices came from: deactivate them). */
export function removePriceBookEntry(ctx: RequestContext, input: RemovePriceBookEntryInput): Promise<RemovePriceBookEntryPayload> {
  return runMutation<RemovePriceBookEntryPayload>(ctx, input, async (db) => {
    const id = uuidOf(input.id, 'PriceBookEntry');
    if (!id) return failure(userError(['input', 'id'], '"id" is not a valid PriceBookEntry ID', UserErrorCode.INVALID));
    const entry = await queryOne<{ used: number }>(
      db,
      'SELECT (SELECT count(*)::int FROM opportunity_line_items WHERE price_book_entry_id = e.id) AS used FROM price_book_entries e WHERE e.id = $1 FOR UPDATE',
      [id],
    );
    if (!entry) return failure(userError(['input', 'id'], 'Price book entry not found', UserErrorCode.NOT_FOUND));
    if (entry.used > 0) {
      return failure(userError(['input', 'id'], `The entry is used by ${entry.used} opportunity line item(s); deactivate it instead (setPriceBookEntry with active: false)`, UserErrorCode.INVALID_STATE));
    }
    await db.query('DELETE FROM price_book_entries WHERE id = $1', [id]);
    return { removedEntryId: toGlobalId('PriceBookEntry', id), userErrors: [] };
  });
}
