import DataLoader from 'dataloader';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { RoleDefinition } from '../../tenancy/role-model';
import { rolesByKeys } from './roles.service';

export const roleByKey = (ctx: RequestContext): DataLoader<string, RoleDefinition | null> =>
  ctx.loaders.get('roles.byKey', () => new DataLoader(async (keys: readonly string[]) => rolesByKeys(await tenantDb(ctx), keys)));
