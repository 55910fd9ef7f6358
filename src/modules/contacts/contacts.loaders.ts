import DataLoader from 'dataloader';
import { ConnectionValue } from '../../graphql/pagination';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { ListArgs, countRecordsByParent, listRecordsByParent, loadRecords, specForRequest } from '../records/record-lists';
import { recordScope } from '../records/record-scope';
import { ContactEntity } from './contacts.entity';
import { contactSpec } from './contacts.spec';

export const contactById = (ctx: RequestContext): DataLoader<string, ContactEntity | null> =>
  ctx.loaders.get('contacts.byId', () => new DataLoader(async (ids) => loadRecords(await tenantDb(ctx), contactSpec, ids, { scope: recordScope(ctx, contactSpec) })));

/** One page of contacts per account, for all accounts of the response in one statement (per distinct arguments). */
export function contactsByAccount(ctx: RequestContext, args: ListArgs): DataLoader<string, ConnectionValue<ContactEntity>> {
  const key = JSON.stringify(args);
  return ctx.loaders.get(`contacts.byAccount:${key}`, () =>
    new DataLoader(async (accountIds) =>
      listRecordsByParent(
        await tenantDb(ctx),
        await specForRequest(ctx, contactSpec, args.where),
        'account_id',
        accountIds,
        args,
        (accountId) => contactCountByAccount(ctx, args).load(accountId),
        recordScope(ctx, contactSpec),
      ),
    ),
  );
}

function contactCountByAccount(ctx: RequestContext, args: ListArgs): DataLoader<string, number> {
  const key = JSON.stringify({ ...args, first: undefined, last: undefined, after: undefined, before: undefined });
  return ctx.loaders.get(`contacts.countByAccount:${key}`, () =>
    new DataLoader(async (accountIds) => countRecordsByParent(await tenantDb(ctx), await specForRequest(ctx, contactSpec, args.where), 'account_id', accountIds, args, recordScope(ctx, contactSpec)),
    ),
  );
}
