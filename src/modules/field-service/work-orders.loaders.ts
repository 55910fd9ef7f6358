/**
 * Batched reads of work orders and what hangs off them (line items, status history, the visit's
 * customer details): one statement per kind for all work orders of a response.
 */
import DataLoader from 'dataloader';
import { queryRows } from '../../db/sql';
import { ConnectionValue } from '../../graphql/pagination';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { decimalSql, moneySql } from '../products/decimals';
import { ListArgs, countRecordsByParent, listRecordsByParent, loadRecords, specForRequest } from '../records/record-lists';
import { recordScope } from '../records/record-scope';
import { WorkOrderEntity, WorkOrderStatus } from './work-orders.entity';
import { workOrderSpec } from './work-orders.spec';

/** Live work orders by UUID within the caller's scope, batched per request. */
export const workOrderById = (ctx: RequestContext): DataLoader<string, WorkOrderEntity | null> =>
  ctx.loaders.get('workOrders.byId', () => new DataLoader(async (ids) => loadRecords(await tenantDb(ctx), workOrderSpec, ids, { scope: recordScope(ctx, workOrderSpec) })));

/** The columns work orders are listed under a parent by (each has an index leading with it). */
export type WorkOrderParentColumn = 'account_id' | 'service_case_id';

/** One page of work orders per parent, for all parents of the response in one statement (per distinct arguments). */
export function workOrdersByParent(ctx: RequestContext, column: WorkOrderParentColumn, args: ListArgs): DataLoader<string, ConnectionValue<WorkOrderEntity>> {
  return ctx.loaders.get(`workOrders.by:${column}:${JSON.stringify(args)}`, () =>
    new DataLoader(async (parentIds) =>
      listRecordsByParent(
        await tenantDb(ctx),
        await specForRequest(ctx, workOrderSpec, args.where),
        column,
        parentIds,
        args,
        (parentId) => workOrderCountByParent(ctx, column, args).load(parentId),
        recordScope(ctx, workOrderSpec),
      ),
    ),
  );
}

function workOrderCountByParent(ctx: RequestContext, column: WorkOrderParentColumn, args: ListArgs): DataLoader<string, number> {
  const key = JSON.stringify({ ...args, first: undefined, last: undefined, after: undefined, before: undefined });
  return ctx.loaders.get(`workOrders.countBy:${column}:${key}`, () =>
    new DataLoader(async (parentIds) =>
      countRecordsByParent(await tenantDb(ctx), await specForRequest(ctx, workOrderSpec, args.where), column, parentIds, args, recordScope(ctx, workOrderSpec)),
    ),
  );
}

/** Rows of the work orders' children, grouped per work order in key order. */
function childrenLoader<T extends { workOrderId: string }>(ctx: RequestContext, name: string, sql: string): DataLoader<string, T[]> {
  return ctx.loaders.get(`workOrders.${name}`, () =>
    new DataLoader(async (ids) => {
      const rows = await queryRows<T>(await tenantDb(ctx), sql, [ids]);
      const byOrder = new Map<string, T[]>();
      for (const row of rows) byOrder.set(row.workOrderId, [...(byOrder.get(row.workOrderId) ?? []), row]);
      return ids.map((id) => byOrder.get(id) ?? []);
    }),
  );
}

/** A line as the API shows it: decimals as exact text, the total computed in SQL numeric. */
export interface WorkOrderLineItemRow {
  workOrderId: string;
  kind: string;
  productId: string | null;
  description: string | null;
  quantity: string;
  unitPrice: string;
  total: string;
  currency: string;
  position: number;
}

export const lineItemsByWorkOrder = (ctx: RequestContext): DataLoader<string, WorkOrderLineItemRow[]> =>
  childrenLoader(
    ctx,
    'lineItems',
    `SELECT li.work_order_id AS "workOrderId", li.kind, li.product_id AS "productId", li.description, ${decimalSql('li.quantity')} AS quantity,
            ${moneySql('li.unit_price')} AS "unitPrice", ${moneySql('round(li.quantity * li.unit_price, 2)')} AS total, li.currency::text AS currency, li.position
       FROM work_order_line_items li WHERE li.work_order_id = ANY($1::uuid[]) ORDER BY li.position, li.id`,
  );

export interface WorkOrderStatusChangeRow {
  workOrderId: string;
  from: WorkOrderStatus | null;
  to: WorkOrderStatus;
  reason: string | null;
  actorKind: string;
  actorId: string;
  at: Date;
}

export const statusHistoryByWorkOrder = (ctx: RequestContext): DataLoader<string, WorkOrderStatusChangeRow[]> =>
  childrenLoader(
    ctx,
    'statusHistory',
    `SELECT work_order_id AS "workOrderId", from_status AS "from", to_status AS "to", reason, actor_kind AS "actorKind", actor_id AS "actorId", at
       FROM work_order_status_history WHERE work_order_id = ANY($1::uuid[]) ORDER BY at, id`,
  );

/** What a visit needs of the customer, read past the Account and Contact permissions (the WorkOrder's guard them). */
export interface VisitCustomerRow {
  workOrderId: string;
  accountName: string;
  siteContactName: string | null;
  siteContactPhone: string | null;
}

/**
 * The customer details of each work order: the account's name, the site contact's name and the
 * number to call (mobile, else work phone). A site contact in the recycle bin is not shown.
 */
export const visitCustomerByWorkOrder = (ctx: RequestContext): DataLoader<string, VisitCustomerRow | null> =>
  ctx.loaders.get('workOrders.visitCustomer', () =>
    new DataLoader(async (ids) => {
      const rows = await queryRows<VisitCustomerRow>(
        await tenantDb(ctx),
        `SELECT wo.id AS "workOrderId", a.name AS "accountName",
                nullif(concat_ws(' ', c.first_name, c.last_name), '') AS "siteContactName", coalesce(c.mobile_phone, c.phone) AS "siteContactPhone"
           FROM work_orders wo JOIN accounts a ON a.id = wo.account_id
           LEFT JOIN contacts c ON c.id = wo.site_contact_id AND c.deleted_at IS NULL
          WHERE wo.id = ANY($1::uuid[])`,
        [ids],
      );
      const byOrder = new Map(rows.map((r) => [r.workOrderId, r]));
      return ids.map((id) => byOrder.get(id) ?? null);
    }),
  );
