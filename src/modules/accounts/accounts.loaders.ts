import DataLoader from 'dataloader';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { loadRecords } from '../records/record-lists';
import { AccountEntity } from './accounts.entity';
import { accountSpec } from './accounts.spec';

/** Live accounts by UUID, batched per request (contact.account, node(id), account(id)). */
export const accountById = (ctx: RequestContext): DataLoader<string, AccountEntity | null> =>
  ctx.loaders.get('accounts.byId', () => new DataLoader(async (ids) => loadRecords(await tenantDb(ctx), accountSpec, ids)));
