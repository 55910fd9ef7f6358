/**
 * A work order's parts and labour are replaced as a whole list (the technician's final tally, the
 * dispatcher's estimate): one DELETE and one INSERT, positions in the given order.
 */
import { QueryRunner } from 'typeorm';
import { uuidv7 } from '../../db/uuid';
import { uuidOf } from '../../graphql/global-id';
import { WorkOrderLineItemInput } from './work-orders.types';

/** Replaces the lines; prices default to 0 and currencies to the workspace's (inputs already checked). */
export async function replaceLineItems(db: QueryRunner, workOrderId: string, lines: WorkOrderLineItemInput[], defaultCurrency: string): Promise<void> {
  await db.query('DELETE FROM work_order_line_items WHERE work_order_id = $1', [workOrderId]);
  if (lines.length === 0) return;
  await db.query(
    `INSERT INTO work_order_line_items (id, work_order_id, kind, product_id, description, quantity, unit_price, currency, position)
     SELECT id, $2, kind, product_id, description, quantity, unit_price, currency, position
       FROM unnest($1::uuid[], $3::text[], $4::uuid[], $5::text[], $6::numeric[], $7::numeric[], $8::text[], $9::int[])
            AS l(id, kind, product_id, description, quantity, unit_price, currency, position)`,
    [
      lines.map(() => uuidv7()),
      workOrderId,
      lines.map((l) => l.kind),
      lines.map((l) => (l.productId == null ? null : uuidOf(l.productId, 'Product'))),
      lines.map((l) => l.description ?? null),
      lines.map((l) => l.quantity),
      lines.map((l) => l.unitPrice ?? '0'),
      lines.map((l) => (l.currency ?? defaultCurrency).toUpperCase()),
      lines.map((_, i) => i + 1),
    ],
  );
}
