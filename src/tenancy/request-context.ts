/**
 * The one object a request carries through resolvers, services and loaders. Built once per request
 * from the credential; modules read the tenant, permissions and transaction from here and nowhere else.
 */
import { DataSource, QueryRunner } from 'typeorm';
import { OperationTransaction } from './operation-transaction';
import { Permissions, Principal, TenantPrincipal, permissionsOf } from './principal';
import { RequestLoaders } from './request-loaders';

export interface RequestContext {
  readonly requestId: string;
  readonly principal: Principal;
  readonly can: Permissions;
  /** The shared DataSource: only control-plane code uses it directly. */
  readonly dataSource: DataSource;
  /** Present for tenant principals: the operation's transaction in the tenant's schema and role. */
  readonly tx?: OperationTransaction;
  readonly loaders: RequestLoaders;
}

export function createRequestContext(args: {
  requestId: string;
  principal: Principal;
  dataSource: DataSource;
  statementTimeoutMs: number;
}): RequestContext {
  const { principal } = args;
  return {
    requestId: args.requestId,
    principal,
    can: permissionsOf(principal),
    dataSource: args.dataSource,
    tx:
      principal.kind === 'tenant'
        ? new OperationTransaction(args.dataSource, principal.tenant, args.statementTimeoutMs)
        : undefined,
    loaders: new RequestLoaders(),
  };
}

/** The tenant principal of a request; resolvers behind shield rules rely on it being there. */
export function tenantOf(ctx: RequestContext): TenantPrincipal {
  if (ctx.principal.kind !== 'tenant' || !ctx.tx) throw new Error('Tenant context required');
  return ctx.principal;
}

/** The tenant transaction's connection (begun on first use). */
export function tenantDb(ctx: RequestContext): Promise<QueryRunner> {
  tenantOf(ctx);
  return ctx.tx!.connection();
}
