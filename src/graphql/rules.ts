/**
 * The vocabulary of shield rules. Rules read the request's precomputed permissions only, so each
 * is cached per request (`contextual`) and costs a lookup. Rules that will look at the parent
 * record or arguments (record scope) must use `no_cache`.
 */
import { allow, and, rule } from 'graphql-shield';
import { RequestContext } from '../tenancy/request-context';
import type { Operation } from '../tenancy/role-model';
import { DomainError } from './errors';

/** Any shield rule (graphql-shield does not export the union type itself). */
export type ShieldRule = Parameters<typeof and>[0];

/** Per module: GraphQL type name → field name (or '*' for the type's default) → rule. */
export type RuleMap = Record<string, Record<string, ShieldRule>>;

const unauthenticated = () => new DomainError('UNAUTHENTICATED', 'Authentication required: send "Authorization: Bearer <API key or access token>"');

function contextRule(name: string, check: (ctx: RequestContext) => boolean | DomainError): ShieldRule {
  return rule(name, { cache: 'contextual' })((_parent, _args, ctx: RequestContext) => {
    if (ctx.principal.kind === 'anonymous') return unauthenticated();
    return check(ctx);
  });
}

const memo = new Map<string, ShieldRule>();
const memoized = (name: string, make: () => ShieldRule): ShieldRule => {
  let found = memo.get(name);
  if (!found) memo.set(name, (found = make()));
  return found;
};

export const isAuthenticated = contextRule('isAuthenticated', () => true);
export const isPlatformAdmin = contextRule('isPlatformAdmin', (ctx) => ctx.can.platform);
export const isReseller = contextRule('isReseller', (ctx) => ctx.can.reseller);
/** A plan feature (e.g. "field_service"): FORBIDDEN with the reason when the workspace's plan lacks it. */
export const planIncludes = (feature: string) =>
  memoized(`planIncludes:${feature}`, () =>
    rule(`planIncludes:${feature}`, { cache: 'contextual' })((_parent, _args, ctx: RequestContext) => {
      if (ctx.principal.kind !== 'tenant') return false;
      const { plan } = ctx.principal.tenant;
      return plan.features.includes(feature) || new DomainError('FORBIDDEN', `The ${plan.name} plan does not include ${feature.replace(/_/g, ' ')}; change the plan to use it`);
    }),
  );
/**
 * Operations for callers without a credential yet (signing in, accepting an invitation): they check
 * what they are given themselves. A named rule, so audits can tell it from an oversight.
 */
export const publicOperation = rule('publicOperation', { cache: 'contextual' })(() => true);
/** A user signed in with a session (not an API key). */
export const isSignedInUser = contextRule(
  'isSignedInUser',
  (ctx) => (ctx.principal.kind === 'tenant' && ctx.principal.credential.type === 'session') || new DomainError('FORBIDDEN', 'Only a signed-in user can do this'),
);
export const isTenantUser = contextRule('isTenantUser', (ctx) => ctx.principal.kind === 'tenant');
export const isTenantAdmin = contextRule('isTenantAdmin', (ctx) => ctx.can.tenantAdmin);
/** The role's per-object operations (a read-only key never gets create, update or delete). */
export const canRead = (type: string) => operationRule('read', type);
export const canCreate = (type: string) => operationRule('create', type);
export const canUpdate = (type: string) => operationRule('update', type);
export const canDelete = (type: string) => operationRule('delete', type);
/** Personal fields: full or masked access reads them (masked values are masked after resolution); none is FORBIDDEN. */
export const canReadPersonal = (type: string) =>
  memoized(`canReadPersonal:${type}`, () =>
    contextRule(
      `canReadPersonal:${type}`,
      (ctx) => ctx.can.personalAccess(type) !== 'none' || new DomainError('FORBIDDEN', `Your role may not read personal data of ${type} records`),
    ),
  );

function operationRule(operation: Operation, type: string): ShieldRule {
  return memoized(`${operation}:${type}`, () =>
    contextRule(`${operation}:${type}`, (ctx) => ctx.can.can(operation, type) || new DomainError('FORBIDDEN', `Your role may not ${operation} ${type} records`)),
  );
}

/** For shapes that are only reachable through a guarded field (payloads, edges, money, addresses). */
export const reachableOnlyThroughGuardedFields = allow;

/** Declares the same rule for every field of several types. */
export function wholeTypes(rule: ShieldRule, ...typeNames: string[]): RuleMap {
  return Object.fromEntries(typeNames.map((name) => [name, { '*': rule }]));
}
