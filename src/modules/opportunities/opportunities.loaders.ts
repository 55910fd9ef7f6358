import DataLoader from 'dataloader';
import { ConnectionValue } from '../../graphql/pagination';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { ListArgs, countRecordsByParent, listRecordsByParent, loadRecords, specForRequest } from '../records/record-lists';
import { recordScope } from '../records/record-scope';
import { OpportunityEntity } from './opportunities.entity';
import { opportunitySpec } from './opportunities.spec';

/** Live opportunities by UUID within the caller's scope, batched per request. */
export const opportunityById = (ctx: RequestContext): DataLoader<string, OpportunityEntity | null> =>
  ctx.loaders.get('opportunities.byId', () => new DataLoader(async (ids) => loadRecords(await tenantDb(ctx), opportunitySpec, ids, { scope: recordScope(ctx, opportunitySpec) })));

/** One page of opportunities per account, for all accounts of the response in one statement (per distinct arguments). */
export function opportunitiesByAccount(ctx: RequestContext, args: ListArgs): DataLoader<string, ConnectionValue<OpportunityEntity>> {
  return ctx.loaders.get(`opportunities.byAccount:${JSON.stringify(args)}`, () =>
    new DataLoader(async (accountIds) =>
      listRecordsByParent(
        await tenantDb(ctx),
        await specForRequest(ctx, opportunitySpec, args.where),
        'account_id',
        accountIds,
        args,
        (accountId) => opportunityCountByAccount(ctx, args).load(accountId),
        recordScope(ctx, opportunitySpec),
      ),
    ),
  );
}

function opportunityCountByAccount(ctx: RequestContext, args: ListArgs): DataLoader<string, number> {
  const key = JSON.stringify({ ...args, first: undefined, last: undefined, after: undefined, before: undefined });
  return ctx.loaders.get(`opportunities.countByAccount:${key}`, () =>
    new DataLoader(async (accountIds) =>
      countRecordsByParent(await tenantDb(ctx), await specForRequest(ctx, opportunitySpec, args.where), 'account_id', accountIds, args, recordScope(ctx, opportunitySpec)),
    ),
  );
}
