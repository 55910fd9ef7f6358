/**
 * Opportunity line items. Each change locks the opportunity (in the caller's record scope, open),
 * writes the item, and sets the opportunity's amount to the sum of the line totals, computed in
 * PostgreSQL numeric. Prices come from the opportunity's price book, whose currency is the
 * opportunity's.
 */
import { QueryRunner } from 'typeorm';
import { SqlParams } from '../../db/sql-params';
import { queryOne } from '../../db/sql';
import { uuidv7 } from '../../db/uuid';
import { toGlobalId, uuidOf } from '../../graphql/global-id';
import { Payload, UserError, UserErrorCode, failure, staleVersion, userError } from '../../graphql/user-errors';
import { RequestContext } from '../../tenancy/request-context';
import { OpportunityEntity, opportunitySpec, setOpportunityAmount } from '../opportunities';
import { runMutation } from '../records/mutation';
import { loadRecords } from '../records/record-lists';
import { recordScope } from '../records/record-scope';
import { MAX_MICROS, PERCENT, PRICE, QUANTITY, checkRange, lineTotalSql, micros } from './decimals';
import {
  AddOpportunityLineItemInput,
  AddOpportunityLineItemPayload,
  RemoveOpportunityLineItemInput,
  RemoveOpportunityLineItemPayload,
  SetOpportunityPriceBookInput,
  SetOpportunityPriceBookPayload,
  UpdateOpportunityLineItemInput,
  UpdateOpportunityLineItemPayload,
} from './line-items.types';
import { lineItemRow } from './products.loaders';

interface OpenOpportunity {
  id: string;
  currency: string;
  priceBookId: string | null;
  items: number;
}

interface Book {
  id: string;
  name: string;
  currency: string;
  active: boolean;
  deleted: boolean;
}

type Found<T> = { value: T; error?: undefined } | { value?: undefined; error: UserError };

const invalidId = (field: string, typeName: string) => userError(['input', field], `"${field}" is not a valid ${typeName} ID`, UserErrorCode.INVALID);

/**
 * The opportunity, locked against concurrent line-item changes: NOT_FOUND when it does not exist
 * or is outside the caller's record scope, INVALID_STATE once it is won or lost.
 */
async function openOpportunity(ctx: RequestContext, db: QueryRunner, uuid: string, notFound: UserError): Promise<Found<OpenOpportunity>> {
  const params = new SqlParams();
  const conditions = [`o.id = ${params.add(uuid)}`, 'o.deleted_at IS NULL', recordScope(ctx, opportunitySpec)(params) ?? 'true'];
  const row = await queryOne<OpenOpportunity & { status: string }>(
    db,
    `SELECT o.id, o.currency::text AS currency, o.price_book_id AS "priceBookId", o.status,
            (SELECT count(*)::int FROM opportunity_line_items li WHERE li.opportunity_id = o.id) AS items
       FROM opportunities o WHERE ${conditions.join(' AND ')} FOR UPDATE OF o`,
    params.values,
  );
  if (!row) return { error: notFound };
  if (row.status !== 'OPEN') {
    return { error: userError(['input'], `The opportunity is closed (${row.status}); its line items cannot change unless it is reopened`, UserErrorCode.INVALID_STATE) };
  }
  return { value: row };
}

const bookById = (db: QueryRunner, id: string) =>
  queryOne<Book>(db, 'SELECT id, name, currency::text AS currency, active, deleted_at IS NOT NULL AS deleted FROM price_books WHERE id = $1', [id]);

/** A price book line items may be priced from for this opportunity: live, active, same currency. */
function bookProblem(book: Book, opportunity: OpenOpportunity, field: string[]): UserError | null {
  if (book.deleted) return userError(field, `The price book "${book.name}" is in the recycle bin`, UserErrorCode.INVALID);
  if (!book.active) return userError(field, `The price book "${book.name}" is inactive`, UserErrorCode.INVALID);
  if (book.currency !== opportunity.currency) {
    return userError(field, `Currency mismatch: the price book "${book.name}" is in ${book.currency} but the opportunity is in ${opportunity.currency}`, UserErrorCode.INVALID);
  }
  return null;
}

/** The opportunity's price book, or (none set yet) the standard price book of its currency. */
async function priceBookOf(db: QueryRunner, opportunity: OpenOpportunity): Promise<Found<Book>> {
  const book = opportunity.priceBookId
    ? await bookById(db, opportunity.priceBookId)
    : await queryOne<Book>(
        db,
        `SELECT id, name, currency::text AS currency, active, false AS deleted FROM price_books WHERE currency = $1 AND is_standard AND deleted_at IS NULL`,
        [opportunity.currency],
      );
  if (!book) {
    return { error: userError(['input', 'opportunityId'], `There is no standard price book for ${opportunity.currency}: create one or choose a price book with setOpportunityPriceBook`, UserErrorCode.INVALID) };
  }
  const problem = bookProblem(book, opportunity, ['input', 'opportunityId']);
  return problem ? { error: problem } : { value: book };
}

/** Range checks of the decimal inputs (before any SQL). */
function decimalProblems(input: { quantity?: string | null; unitPrice?: string | null; discountPercent?: string | null }): UserError[] {
  return [
    checkRange(input.quantity, ['input', 'quantity'], 'The quantity', QUANTITY),
    checkRange(input.unitPrice, ['input', 'unitPrice'], 'The unit price', PRICE),
    checkRange(input.discountPercent, ['input', 'discountPercent'], 'The discount', PERCENT),
  ].filter((e): e is UserError => e !== null);
}

/**
 * The opportunity's amount becomes the sum of its line totals; OUT_OF_RANGE when that sum does not
 * fit an amount. Returns the opportunity as it is now.
 */
async function settleAmount(db: QueryRunner, opportunityId: string): Promise<Found<OpportunityEntity>> {
  const { sum } = (await queryOne<{ sum: string }>(db, `SELECT coalesce(sum(${lineTotalSql('li')}), 0)::text AS sum FROM opportunity_line_items li WHERE li.opportunity_id = $1`, [
    opportunityId,
  ]))!;
  if (micros(sum) > MAX_MICROS) return { error: userError(['input'], `The line items would total ${sum}, more than an opportunity's amount can be`, UserErrorCode.OUT_OF_RANGE) };
  await setOpportunityAmount(db, opportunityId, sum);
  return { value: (await loadRecords(db, opportunitySpec, [opportunityId]))[0]! };
}

/** Runs a line-item change and settles the amount; any userError leaves nothing written. */
function lineItemMutation<P extends Payload>(
  ctx: RequestContext,
  input: object,
  work: (db: QueryRunner) => Promise<Found<{ opportunityId: string; payload: Omit<P, 'userErrors' | 'opportunity'> }>>,
): Promise<P> {
  return runMutation<P>(ctx, input, async (db) => {
    const done = await work(db);
    if (done.error) return failure<P>(done.error);
    const settled = await settleAmount(db, done.value.opportunityId);
    if (settled.error) return failure<P>(settled.error);
    return { ...done.value.payload, opportunity: settled.value, userErrors: [] } as unknown as P;
  });
}

export function addOpportunityLineItem(ctx: RequestContext, input: AddOpportunityLineItemInput): Promise<AddOpportunityLineItemPayload> {
  return lineItemMutation(ctx, input, async (db) => {
    const opportunityId = uuidOf(input.opportunityId, 'Opportunity');
    if (!opportunityId) return { error: invalidId('opportunityId', 'Opportunity') };
    const productId = uuidOf(input.productId, 'Product');
    if (!productId) return { error: invalidId('productId', 'Product') };
    const [problem] = decimalProblems(input);
    if (problem) return { error: problem };
    const opportunity = await openOpportunity(ctx, db, opportunityId, userError(['input', 'opportunityId'], 'Opportunity not found', UserErrorCode.NOT_FOUND));
    if (opportunity.error) return opportunity;
    const book = await priceBookOf(db, opportunity.value);
    if (book.error) return book;
    const entry = await queryOne<{ id: string; unitPrice: string; productActive: boolean; entryActive: boolean }>(
      db,
      `SELECT e.id, e.unit_price::text AS "unitPrice", p.active AS "productActive", e.active AS "entryActive"
         FROM products p LEFT JOIN price_book_entries e ON e.product_id = p.id AND e.price_book_id = $2
        WHERE p.id = $1 AND p.deleted_at IS NULL`,
      [productId, book.value.id],
    );
    if (!entry) return { error: userError(['input', 'productId'], 'Product not found', UserErrorCode.NOT_FOUND) };
    if (!entry.productActive) return { error: userError(['input', 'productId'], 'The product is inactive', UserErrorCode.INVALID) };
    if (!entry.id || !entry.entryActive) {
      return { error: userError(['input', 'productId'], `The product has no active price in the price book "${book.value.name}"`, UserErrorCode.INVALID) };
    }
    // The first item fixes the price book the opportunity's items are priced from.
    if (!opportunity.value.priceBookId) await db.query('UPDATE opportunities SET price_book_id = $2 WHERE id = $1', [opportunityId, book.value.id]);
    const id = uuidv7();
    await db.query(
      `INSERT INTO opportunity_line_items (id, opportunity_id, product_id, price_book_entry_id, quantity, unit_price, discount_percent, description, position)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, coalesce(max(position), 0) + 1 FROM opportunity_line_items WHERE opportunity_id = $2`,
      [id, opportunityId, productId, entry.id, input.quantity, input.unitPrice ?? entry.unitPrice, input.discountPercent ?? '0', input.description ?? null],
    );
    return { value: { opportunityId, payload: { lineItem: await lineItemRow(db, id) } } };
  });
}

/** The line item's opportunity, locked and open; out of scope is NOT_FOUND like a missing item. */
async function itemOpportunity(ctx: RequestContext, db: QueryRunner, id: string): Promise<Found<{ itemId: string; opportunityId: string; version: number }>> {
  const itemId = uuidOf(id, 'OpportunityLineItem');
  if (!itemId) return { error: invalidId('id', 'OpportunityLineItem') };
  const missing = userError(['input', 'id'], 'Line item not found', UserErrorCode.NOT_FOUND);
  const item = await queryOne<{ opportunityId: string }>(db, 'SELECT opportunity_id AS "opportunityId" FROM opportunity_line_items WHERE id = $1', [itemId]);
  if (!item) return { error: missing };
  const opportunity = await openOpportunity(ctx, db, item.opportunityId, missing);
  if (opportunity.error) return opportunity;
  // Read again under the opportunity's lock: the version a concurrent change may have moved.
  const locked = await queryOne<{ version: number }>(db, 'SELECT version FROM opportunity_line_items WHERE id = $1', [itemId]);
  return locked ? { value: { itemId, opportunityId: item.opportunityId, version: locked.version } } : { error: missing };
}

export function updateOpportunityLineItem(ctx: RequestContext, input: UpdateOpportunityLineItemInput): Promise<UpdateOpportunityLineItemPayload> {
  return lineItemMutation(ctx, input, async (db) => {
    const [problem] = decimalProblems(input);
    if (problem) return { error: problem };
    const found = await itemOpportunity(ctx, db, input.id);
    if (found.error) return found;
    const conflict = staleVersion('The line item', input.expectedVersion, found.value.version);
    if (conflict) return { error: conflict };
    await db.query(
      `UPDATE opportunity_line_items SET quantity = coalesce($2, quantity), unit_price = coalesce($3, unit_price), discount_percent = coalesce($4, discount_percent),
              description = CASE WHEN $5 THEN $6 ELSE description END, version = version + 1, updated_at = now()
        WHERE id = $1`,
      [found.value.itemId, input.quantity ?? null, input.unitPrice ?? null, input.discountPercent ?? null, input.description !== undefined, input.description ?? null],
    );
    return { value: { opportunityId: found.value.opportunityId, payload: { lineItem: await lineItemRow(db, found.value.itemId) } } };
  });
}

export function removeOpportunityLineItem(ctx: RequestContext, input: RemoveOpportunityLineItemInput): Promise<RemoveOpportunityLineItemPayload> {
  return lineItemMutation(ctx, input, async (db) => {
    const found = await itemOpportunity(ctx, db, input.id);
    if (found.error) return found;
    await db.query('DELETE FROM opportunity_line_items WHERE id = $1', [found.value.itemId]);
    // Positions stay 1..n.
    await db.query(
      `UPDATE opportunity_line_items li SET position = o.position FROM (
         SELECT id, row_number() OVER (ORDER BY position, id)::int AS position FROM opportunity_line_items WHERE opportunity_id = $1
       ) o WHERE li.id = o.id AND li.position <> o.position`,
      [found.value.opportunityId],
    );
    return { value: { opportunityId: found.value.opportunityId, payload: { removedLineItemId: toGlobalId('OpportunityLineItem', found.value.itemId) } } };
  });
}

export function setOpportunityPriceBook(ctx: RequestContext, input: SetOpportunityPriceBookInput): Promise<SetOpportunityPriceBookPayload> {
  return runMutation<SetOpportunityPriceBookPayload>(ctx, input, async (db) => {
    const opportunityId = uuidOf(input.opportunityId, 'Opportunity');
    if (!opportunityId) return failure(invalidId('opportunityId', 'Opportunity'));
    const bookId = uuidOf(input.priceBookId, 'PriceBook');
    if (!bookId) return failure(invalidId('priceBookId', 'PriceBook'));
    const opportunity = await openOpportunity(ctx, db, opportunityId, userError(['input', 'opportunityId'], 'Opportunity not found', UserErrorCode.NOT_FOUND));
    if (opportunity.error) return failure(opportunity.error);
    if (opportunity.value.items > 0) {
      return failure(userError(['input', 'priceBookId'], 'The opportunity has line items priced from its current price book; remove them before changing it', UserErrorCode.INVALID_STATE));
    }
    const book = await bookById(db, bookId);
    if (!book) return failure(userError(['input', 'priceBookId'], 'Price book not found', UserErrorCode.NOT_FOUND));
    const problem = bookProblem(book, opportunity.value, ['input', 'priceBookId']);
    if (problem) return failure(problem);
    if (opportunity.value.priceBookId !== bookId) {
      await db.query('UPDATE opportunities SET price_book_id = $2, version = version + 1, updated_at = now() WHERE id = $1', [opportunityId, bookId]);
    }
    return { opportunity: (await loadRecords(db, opportunitySpec, [opportunityId]))[0], userErrors: [] };
  });
}
