import DataLoader from 'dataloader';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { loadRecords } from '../records/record-lists';
import { recordScope } from '../records/record-scope';
import { AccountEntity } from './accounts.entity';
import { accountSpec } from './accounts.spec';

/** Live accounts by UUID within the caller's scope, batched per request (contact.account, node(id), account(id)). */
export const accountById = (ctx: RequestContext): DataLoader<string, AccountEntity | null> =>
  ctx.loaders.get('accounts.byId', () => new DataLoader(async (ids) => loadRecords(await tenantDb(ctx), accountSpec, ids, { scope: recordScope(ctx, accountSpec) })));
