/**
 * The vocabulary of shield rules. Rules read the request's precomputed permissions only, so each
 * is cached per request (`contextual`) and costs a lookup. Rules that will look at the parent
 * record or arguments (record scope) must use `no_cache`.
 *
 * Every rule made here also registers its check as a synchronous verdict (`verdictOf`): the shield
 * assembly evaluates those once per request and rule instead of through graphql-shield's
 * per-field promise chain (the largest cost of resolving big responses); rules without one go
 * through graphql-shield as usual.
 */
import { allow as shieldAllow, and, deny as shieldDeny, or, rule } from 'graphql-shield';
import { RequestContext } from '../tenancy/request-context';
import type { Operation } from '../tenancy/role-model';
import { DomainError } from './errors';

/** Any shield rule (graphql-shield does not export the union type itself). */
export type ShieldRule = Parameters<typeof and>[0];

/** Per module: GraphQL type name → field name (or '*' for the type's default) → rule. */
export type RuleMap = Record<string, Record<string, ShieldRule>>;

/** true: allowed; false: denied (the shield's FORBIDDEN); an Error: denied with that error. */
export type Verdict = boolean | DomainError;
type SyncCheck = (ctx: RequestContext) => Verdict;
const syncChecks = new WeakMap<object, SyncCheck>();

function registered<R extends ShieldRule>(shieldRule: R, check: SyncCheck): R {
  syncChecks.set(shieldRule as object, check);
  return shieldRule;
}

/** The rule's synchronous check, when it was made by this vocabulary. */
export const verdictOf = (shieldRule: ShieldRule): SyncCheck | undefined => syncChecks.get(shieldRule as object);

export const allow = registered(shieldAllow, () => true);
export const deny = registered(shieldDeny, () => false);

/** All of the rules (graphql-shield `and`); the first refusal's error wins. */
export function allOf(...rules: ShieldRule[]): ShieldRule {
  const checks = rules.map(verdictOf);
  const combined = and(...rules);
  if (checks.some((c) => !c)) return combined;
  return registered(combined, (ctx) => {
    for (const check of checks) {
      const verdict = check!(ctx);
      if (verdict !== true) return verdict;
    }
    return true;
  });
}

/** Any of the rules (graphql-shield `or`); when none allows, the first error (or a plain refusal). */
export function anyOf(...rules: ShieldRule[]): ShieldRule {
  const checks = rules.map(verdictOf);
  const combined = or(...rules);
  if (checks.some((c) => !c)) return combined;
  return registered(combined, (ctx) => {
    const verdicts = checks.map((check) => check!(ctx));
    return verdicts.includes(true) || (verdicts.find((v): v is DomainError => v instanceof DomainError) ?? false);
  });
}

const unauthenticated = () => new DomainError('UNAUTHENTICATED', 'Authentication required: send "Authorization: Bearer <API key or access token>"');

function contextRule(name: string, check: (ctx: RequestContext) => boolean | DomainError): ShieldRule {
  const verdict: SyncCheck = (ctx) => (ctx.principal.kind === 'anonymous' ? unauthenticated() : check(ctx));
  return registered(
    rule(name, { cache: 'contextual' })((_parent, _args, ctx: RequestContext) => verdict(ctx)),
    verdict,
  );
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
  memoized(`planIncludes:${feature}`, () => {
    const verdict: SyncCheck = (ctx) => {
      if (ctx.principal.kind !== 'tenant') return false;
      const { plan } = ctx.principal.tenant;
      return plan.features.includes(feature) || new DomainError('FORBIDDEN', `The ${plan.name} plan does not include ${feature.replace(/_/g, ' ')}; change the plan to use it`);
    };
    return registered(
      rule(`planIncludes:${feature}`, { cache: 'contextual' })((_parent, _args, ctx: RequestContext) => verdict(ctx)),
      verdict,
    );
  });
/**
 * Operations for callers without a credential yet (signing in, accepting an invitation): they check
 * what they are given themselves. A named rule, so audits can tell it from an oversight.
 */
export const publicOperation = registered(
  rule('publicOperation', { cache: 'contextual' })(() => true),
  () => true,
);
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

/** Personal fields unmasked: what operations need that hand out personal data other than as fields (a data export). */
export const canReadPersonalUnmasked = (type: string) =>
  memoized(`canReadPersonalUnmasked:${type}`, () =>
    contextRule(
      `canReadPersonalUnmasked:${type}`,
      (ctx) => ctx.can.personalAccess(type) === 'full' || new DomainError('FORBIDDEN', `Your role may not read personal data of ${type} records unmasked`),
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
