import DataLoader from 'dataloader';
import { ConnectionValue } from '../../graphql/pagination';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { ListArgs, countRecordsByParent, listRecordsByParent, loadRecords, specForRequest } from '../records/record-lists';
import { recordScope } from '../records/record-scope';
import { ActivityEntity } from './activities.entity';
import { activitySpec } from './activities.spec';

export const activityById = (ctx: RequestContext): DataLoader<string, ActivityEntity | null> =>
  ctx.loaders.get('activities.byId', () => new DataLoader(async (ids) => loadRecords(await tenantDb(ctx), activitySpec, ids, { scope: recordScope(ctx, activitySpec) })));

/** The record an activity list hangs off: each is an indexed column (with the sort keys) of activities. */
export type ActivityParent = 'account_id' | 'contact_id' | 'opportunity_id';

/**
 * One page of activities per parent record (the account timeline, a contact's or opportunity's
 * activities), for all parents of the response in one statement per distinct arguments.
 */
export function activitiesByParent(ctx: RequestContext, parent: ActivityParent, args: ListArgs): DataLoader<string, ConnectionValue<ActivityEntity>> {
  const key = JSON.stringify(args);
  return ctx.loaders.get(`activities.by:${parent}:${key}`, () =>
    new DataLoader(async (parentIds) =>
      listRecordsByParent(
        await tenantDb(ctx),
        await specForRequest(ctx, activitySpec, args.where),
        parent,
        parentIds,
        args,
        (parentId) => activityCountByParent(ctx, parent, args).load(parentId),
        recordScope(ctx, activitySpec),
      ),
    ),
  );
}

function activityCountByParent(ctx: RequestContext, parent: ActivityParent, args: ListArgs): DataLoader<string, number> {
  const key = JSON.stringify({ ...args, first: undefined, last: undefined, after: undefined, before: undefined });
  return ctx.loaders.get(`activities.countBy:${parent}:${key}`, () =>
    new DataLoader(async (parentIds) => countRecordsByParent(await tenantDb(ctx), await specForRequest(ctx, activitySpec, args.where), parent, parentIds, args, recordScope(ctx, activitySpec))),
  );
}
