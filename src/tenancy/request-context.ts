/**
 * The one object a request carries through resolvers, services and loaders. Built once per request
 * from the credential; modules read the tenant, permissions and transaction from here and nowhere else.
 */
import { DataSource, QueryRunner } from 'typeorm';
import { Logger, defaultLogger } from '../ops/logger';
import type { MasterKeyring } from '../platform/encryption';
import { OperationTransaction } from './operation-transaction';
import { PersonalReads } from './personal-reads';
import { NO_PERMISSIONS, Permissions, loadPermissions, staticPermissions } from './permissions';
import { Principal, TenantPrincipal } from './principal';
import { RequestLoaders } from './request-loaders';
import { SessionTokens } from './session-tokens';

export interface RequestContext {
  readonly requestId: string;
  readonly principal: Principal;
  /** Complete once `resolvePermissions` ran (before execution); until then deny-all for roles read from the database. */
  can: Permissions;
  /** Whether `can` still has to be read from the tenant's schema. */
  permissionsPending: boolean;
  /** The shared DataSource: only control-plane code uses it directly. */
  readonly dataSource: DataSource;
  /** Present for tenant principals: the operation's transaction in the tenant's schema and role. */
  readonly tx?: OperationTransaction;
  readonly loaders: RequestLoaders;
  /** Present for tenant principals: the personal fields this operation read, for the access log. */
  readonly personalReads?: PersonalReads;
  /** What signing in needs: the token issuer and lifetimes (absent outside the HTTP API, e.g. manifests). */
  readonly signIn?: SignInSettings;
  /** The caller's network address and user agent (sign-in throttling, session list). */
  readonly client: { address: string; userAgent: string | null };
  /** The app's logger, bound to this request's id. Never give it variables, tokens or personal data. */
  readonly log: Logger;
  /** The master keys that unwrap the workspace's data key (tenancy/sealed-data); without them sealing fails. */
  readonly keyring?: MasterKeyring;
}

export interface SignInSettings {
  tokens: SessionTokens;
  refreshTtlSeconds: number;
  invitationTtlSeconds: number;
  statementTimeoutMs: number;
}

export function createRequestContext(args: {
  requestId: string;
  principal: Principal;
  dataSource: DataSource;
  statementTimeoutMs: number;
  signIn?: SignInSettings;
  client?: { address: string; userAgent: string | null };
  log?: Logger;
  keyring?: MasterKeyring;
}): RequestContext {
  const { principal } = args;
  const log = (args.log ?? defaultLogger()).child({ requestId: args.requestId });
  const known = staticPermissions(principal);
  return {
    requestId: args.requestId,
    principal,
    can: known ?? NO_PERMISSIONS,
    permissionsPending: !known,
    dataSource: args.dataSource,
    tx:
      principal.kind === 'tenant'
        ? new OperationTransaction(args.dataSource, principal.tenant, args.statementTimeoutMs, log)
        : undefined,
    loaders: new RequestLoaders(),
    personalReads: principal.kind === 'tenant' ? new PersonalReads() : undefined,
    signIn: args.signIn,
    client: args.client ?? { address: 'local', userAgent: null },
    log,
    keyring: args.keyring,
  };
}

/**
 * Apollo runs the operations of a batched HTTP request concurrently, each with a shallow copy of
 * the one context: give the copy its own transaction, loaders and access log, so that each
 * operation commits, rolls back, caches and logs what it read on its own.
 */
export function separateBatchedOperation(ctx: RequestContext): void {
  const own = ctx as { tx?: OperationTransaction; loaders: RequestLoaders; personalReads?: PersonalReads };
  own.tx = ctx.tx?.sibling();
  own.loaders = new RequestLoaders();
  own.personalReads = ctx.personalReads && new PersonalReads();
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

/** Reads the caller's role (and user and session status) when the credential alone does not tell it. */
export async function resolvePermissions(ctx: RequestContext): Promise<void> {
  if (!ctx.permissionsPending) return;
  ctx.can = await loadPermissions(tenantOf(ctx), await ctx.tx!.connection());
  ctx.permissionsPending = false;
}
