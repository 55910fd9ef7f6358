/**
 * Contract line items are written as a whole list (create, draft update, amendment): checked
 * first, then replaced in one statement; the contract's value is their total, summed in
 * PostgreSQL numeric like opportunity line items.
 */
import { QueryRunner } from 'typeorm';
import { queryOne, queryRows } from '../../db/sql';
import { uuidv7 } from '../../db/uuid';
import { uuidOf } from '../../graphql/global-id';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';
import { MAX_MICROS, PERCENT, PRICE, QUANTITY, checkRange, lineTotalSql, micros } from '../products/decimals';
import type { ContractLineItemInput } from './contracts.types';

/** A checked line item: product UUID, decimals as given (exact strings). */
export interface LineItemValues {
  productId: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  description: string | null;
}

type Checked = { items: LineItemValues[]; errors?: undefined } | { items?: undefined; errors: UserError[] };

/** Checks the items before any write: IDs, ranges, and that every product exists and is active. */
export async function checkLineItems(db: QueryRunner, inputs: ContractLineItemInput[]): Promise<Checked> {
  const errors: UserError[] = [];
  const items = inputs.map((input, i) => {
    const field = (name: string) => ['input', 'lineItems', String(i), name];
    const productId = uuidOf(input.productId, 'Product');
    if (!productId) errors.push(userError(field('productId'), '"productId" is not a valid Product ID', UserErrorCode.INVALID));
    errors.push(
      ...[
        checkRange(input.quantity, field('quantity'), 'The quantity', QUANTITY),
        checkRange(input.unitPrice, field('unitPrice'), 'The unit price', PRICE),
        checkRange(input.discountPercent, field('discountPercent'), 'The discount', PERCENT),
      ].filter((e): e is UserError => e !== null),
    );
    return { productId: productId ?? '', quantity: input.quantity, unitPrice: input.unitPrice, discountPercent: input.discountPercent ?? '0', description: input.description ?? null };
  });
  if (errors.length) return { errors };
  const products = await queryRows<{ id: string; active: boolean }>(db, 'SELECT id, active FROM products WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL', [
    [...new Set(items.map((item) => item.productId))],
  ]);
  const active = new Map(products.map((p) => [p.id, p.active]));
  items.forEach((item, i) => {
    const field = ['input', 'lineItems', String(i), 'productId'];
    if (!active.has(item.productId)) errors.push(userError(field, 'Product not found', UserErrorCode.NOT_FOUND));
    else if (!active.get(item.productId)) errors.push(userError(field, 'The product is inactive', UserErrorCode.INVALID));
  });
  return errors.length ? { errors } : { items };
}

/** Replaces the contract's line items with these, numbered 1..n in the given order. */
export async function replaceLineItems(db: QueryRunner, contractId: string, items: LineItemValues[]): Promise<void> {
  await db.query('DELETE FROM contract_line_items WHERE contract_id = $1', [contractId]);
  if (items.length === 0) return;
  await db.query(
    `INSERT INTO contract_line_items (id, contract_id, product_id, quantity, unit_price, discount_percent, description, position)
     SELECT item.id, $1, item.product_id, item.quantity, item.unit_price, item.discount_percent, item.description, item.position::int
       FROM unnest($2::uuid[], $3::uuid[], $4::numeric[], $5::numeric[], $6::numeric[], $7::text[]) WITH ORDINALITY
            AS item(id, product_id, quantity, unit_price, discount_percent, description, position)`,
    [
      contractId,
      items.map(() => uuidv7()),
      items.map((item) => item.productId),
      items.map((item) => item.quantity),
      items.map((item) => item.unitPrice),
      items.map((item) => item.discountPercent),
      items.map((item) => item.description),
    ],
  );
}

/** The sum of the line totals as exact text; OUT_OF_RANGE when it does not fit a contract's value. */
export async function lineItemsTotal(db: QueryRunner, contractId: string): Promise<{ total: string; error?: undefined } | { total?: undefined; error: UserError }> {
  const { total } = (await queryOne<{ total: string }>(db, `SELECT coalesce(sum(${lineTotalSql('li')}), 0)::text AS total FROM contract_line_items li WHERE li.contract_id = $1`, [
    contractId,
  ]))!;
  if (micros(total) > MAX_MICROS) return { error: userError(['input', 'lineItems'], `The line items would total ${total}, more than a contract's value can be`, UserErrorCode.OUT_OF_RANGE) };
  return { total };
}

/**
 * The value a draft update or amendment leaves: when a line item list was given it replaces the
 * old one, and the value becomes their total if there are any; otherwise the value given (if any).
 */
export async function valueAfterLineItems(
  db: QueryRunner,
  contractId: string,
  items: LineItemValues[] | undefined,
  givenValue: string | undefined,
): Promise<{ value: string | undefined; error?: undefined } | { value?: undefined; error: UserError }> {
  if (!items) return { value: givenValue };
  await replaceLineItems(db, contractId, items);
  if (items.length === 0) return { value: givenValue };
  const total = await lineItemsTotal(db, contractId);
  return total.error ? { error: total.error } : { value: total.total };
}

/** Whether the contract has line items (its value is then their total). */
export async function hasLineItems(db: QueryRunner, contractId: string): Promise<boolean> {
  return !!(await queryOne(db, 'SELECT 1 FROM contract_line_items WHERE contract_id = $1 LIMIT 1', [contractId]));
}

/** With line items the value is their total: a value given as well is refused rather than ignored. */
export const valueWithLineItems = (lineItems: unknown[] | null | undefined, value: unknown): UserError | null =>
  lineItems?.length && value != null ? userError(['input', 'value'], 'A contract with line items is worth their total; omit the value', UserErrorCode.INVALID) : null;
