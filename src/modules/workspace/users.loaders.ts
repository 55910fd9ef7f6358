import DataLoader from 'dataloader';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { UserEntity } from './users.entity';
import { loadUsers } from './users.service';

export const userById = (ctx: RequestContext): DataLoader<string, UserEntity | null> =>
  ctx.loaders.get('users.byId', () => new DataLoader(async (ids) => loadUsers(await tenantDb(ctx), ids)));
