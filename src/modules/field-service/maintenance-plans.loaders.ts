/**
 * Batched reads of maintenance plans and of the work orders they generated: one statement per
 * kind (and distinct arguments) for all plans or accounts of a response.
 */
import DataLoader from 'dataloader';
import { ConnectionValue } from '../../graphql/pagination';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { ListArgs, countRecordsByParent, listRecordsByParent, loadRecords, specForRequest } from '../records/record-lists';
import { RecordRow, RecordSpec } from '../records/record-spec';
import { recordScope } from '../records/record-scope';
import { MaintenancePlanEntity } from './maintenance-plans.entity';
import { maintenancePlanSpec } from './maintenance-plans.spec';
import { WorkOrderEntity } from './work-orders.entity';
import { workOrderSpec } from './work-orders.spec';

/** Live plans by UUID, batched per request. */
export const maintenancePlanById = (ctx: RequestContext): DataLoader<string, MaintenancePlanEntity | null> =>
  ctx.loaders.get('maintenancePlans.byId', () =>
    new DataLoader(async (ids) => loadRecords(await tenantDb(ctx), maintenancePlanSpec, ids, { scope: recordScope(ctx, maintenancePlanSpec) })),
  );

/** One page of `spec` records per parent (a column with an index leading with it), all parents in one statement; the counts likewise. */
function pagesByParent<Row extends RecordRow>(ctx: RequestContext, spec: RecordSpec<Row>, column: string, args: ListArgs): DataLoader<string, ConnectionValue<Row>> {
  const countKey = JSON.stringify({ ...args, first: undefined, last: undefined, after: undefined, before: undefined });
  const counts = ctx.loaders.get(`${spec.typeName}.countBy:${column}:${countKey}`, () =>
    new DataLoader<string, number>(async (parentIds) =>
      countRecordsByParent(await tenantDb(ctx), await specForRequest(ctx, spec, args.where), column, parentIds, args, recordScope(ctx, spec)),
    ),
  );
  return ctx.loaders.get(`${spec.typeName}.by:${column}:${JSON.stringify(args)}`, () =>
    new DataLoader<string, ConnectionValue<Row>>(async (parentIds) =>
      listRecordsByParent(await tenantDb(ctx), await specForRequest(ctx, spec, args.where), column, parentIds, args, (id) => counts.load(id), recordScope(ctx, spec)),
    ),
  );
}

/** The plans of each account (maintenance_plans_account_idx). */
export const maintenancePlansByAccount = (ctx: RequestContext, args: ListArgs): DataLoader<string, ConnectionValue<MaintenancePlanEntity>> =>
  pagesByParent(ctx, maintenancePlanSpec, 'account_id', args);

/** The work orders each plan generated, within the caller's work order scope (work_orders_plan_date_key). */
export const workOrdersByMaintenancePlan = (ctx: RequestContext, args: ListArgs): DataLoader<string, ConnectionValue<WorkOrderEntity>> =>
  pagesByParent(ctx, workOrderSpec, 'maintenance_plan_id', args);
