import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { ConnectionValue } from '../../graphql/pagination';
import type { RequestContext } from '../../tenancy/request-context';
import { AdminAuditRow, listAdminAudit } from './admin-audit.service';
import { AdminAuditArgs, AdminAuditConnection } from './admin-audit.types';

@Resolver()
export class AdminAuditResolver {
  @Query(() => AdminAuditConnection, { description: 'Workspace admins: configuration and permission changes, newest first.' })
  adminAuditLog(@Ctx() ctx: RequestContext, @Args() args: AdminAuditArgs): Promise<ConnectionValue<AdminAuditRow>> {
    return listAdminAudit(ctx, args);
  }
}
