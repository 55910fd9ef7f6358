import DataLoader from 'dataloader';
import { ConnectionValue } from '../../graphql/pagination';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { ListArgs, countRecordsByParent, listRecordsByParent, loadRecords, specForRequest } from '../records/record-lists';
import { recordScope } from '../records/record-scope';
import { ServiceCaseEntity } from './cases.entity';
import { serviceCaseSpec } from './cases.spec';

/** Live service cases by UUID within the caller's scope, batched per request. */
export const serviceCaseById = (ctx: RequestContext): DataLoader<string, ServiceCaseEntity | null> =>
  ctx.loaders.get('serviceCases.byId', () => new DataLoader(async (ids) => loadRecords(await tenantDb(ctx), serviceCaseSpec, ids, { scope: recordScope(ctx, serviceCaseSpec) })));

/** The columns cases are listed under a parent by (each has an index leading with it). */
type ParentColumn = 'account_id' | 'entitlement_id';

/** One page of cases per parent (account or entitlement), for all parents of the response in one statement (per distinct arguments). */
export function serviceCasesByParent(ctx: RequestContext, column: ParentColumn, args: ListArgs): DataLoader<string, ConnectionValue<ServiceCaseEntity>> {
  return ctx.loaders.get(`serviceCases.by:${column}:${JSON.stringify(args)}`, () =>
    new DataLoader(async (parentIds) =>
      listRecordsByParent(
        await tenantDb(ctx),
        await specForRequest(ctx, serviceCaseSpec, args.where),
        column,
        parentIds,
        args,
        (parentId) => serviceCaseCountByParent(ctx, column, args).load(parentId),
        recordScope(ctx, serviceCaseSpec),
      ),
    ),
  );
}

function serviceCaseCountByParent(ctx: RequestContext, column: ParentColumn, args: ListArgs): DataLoader<string, number> {
  const key = JSON.stringify({ ...args, first: undefined, last: undefined, after: undefined, before: undefined });
  return ctx.loaders.get(`serviceCases.countBy:${column}:${key}`, () =>
    new DataLoader(async (parentIds) =>
      countRecordsByParent(await tenantDb(ctx), await specForRequest(ctx, serviceCaseSpec, args.where), column, parentIds, args, recordScope(ctx, serviceCaseSpec)),
    ),
  );
}
