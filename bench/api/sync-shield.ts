/**
 * BENCH-ONLY PROTOTYPE of a proposed change to src/graphql/shield.ts (assembleShield), used by the
 * "what-if" runs of `npm run bench` to measure its gain before anyone implements it in src/.
 *
 * graphql-shield evaluates every field's rule through an async middleware: for each resolved field
 * (every scalar of every row included) it awaits rule.resolve → executeRule → the contextual
 * cache's promise → the resolver, i.e. several promises and microtask turns per field. Every rule
 * of this API is a `contextual` rule (a pure function of the request's precomputed permissions) or
 * allow/deny, combined with and/or, so its verdict can be computed synchronously once per rule and
 * request and then reused by every field: allowed fields call their resolver directly, no promise.
 *
 * Same semantics as graphql-shield with the options of assembleShield (fallbackError for `false`,
 * returned errors, `allowExternalErrors`): a rule that is not plain-synchronous (another cache
 * mode, a rule returning a promise, chain/race/not/input rules) falls back to graphql-shield's own
 * middleware for that field.
 */
import { GraphQLSchema, isObjectType } from 'graphql';
import type { IMiddlewareTypeMap } from 'graphql-middleware';
import { DomainError } from '../../src/graphql/errors';
import type { ShieldAssembly } from '../../src/graphql/shield';

type Verdict = true | false | Error;
type FieldMiddleware = (resolve: (...args: unknown[]) => unknown, parent: unknown, args: unknown, ctx: unknown, info: unknown) => unknown;
interface AnyRule {
  constructor: { name: string };
  name?: string;
  cache?: unknown;
  func?: (parent: unknown, args: unknown, ctx: unknown, info: unknown) => unknown;
  rules?: AnyRule[];
}

const verdicts = new WeakMap<object, Map<string, Verdict>>();
const UNKNOWN = Symbol('not synchronous');

function evaluate(rule: AnyRule, parent: unknown, args: unknown, ctx: object, info: unknown): Verdict | typeof UNKNOWN {
  switch (rule.constructor.name) {
    case 'RuleTrue':
      return true;
    case 'RuleFalse':
      return false;
    case 'RuleAnd':
    case 'RuleOr': {
      const results: Verdict[] = [];
      for (const sub of rule.rules ?? []) {
        const v = evaluate(sub, parent, args, ctx, info);
        if (v === UNKNOWN) return UNKNOWN;
        results.push(v);
      }
      const ok = rule.constructor.name === 'RuleAnd' ? results.every((v) => v === true) : results.some((v) => v === true);
      return ok ? true : (results.find((v): v is Error => v instanceof Error) ?? false);
    }
    case 'Rule': {
      if (rule.cache !== 'contextual' || !rule.func || !rule.name) return UNKNOWN;
      let cache = verdicts.get(ctx);
      if (!cache) verdicts.set(ctx, (cache = new Map()));
      const cached = cache.get(rule.name);
      if (cached !== undefined) return cached;
      let verdict: Verdict;
      try {
        const result = rule.func(parent, args, ctx, info);
        if (result && typeof (result as Promise<unknown>).then === 'function') return UNKNOWN;
        verdict = result instanceof Error ? result : typeof result === 'string' ? new Error(result) : result === true;
      } catch {
        verdict = false;
      }
      cache.set(rule.name, verdict);
      return verdict;
    }
    default:
      return UNKNOWN;
  }
}

/** Field middleware for every field of every object type, with graphql-shield's own as the fallback. */
export function syncShieldMiddleware(schema: GraphQLSchema, shield: ShieldAssembly): IMiddlewareTypeMap {
  const fallback = shield.middleware as unknown as { generate(schema: GraphQLSchema): IMiddlewareTypeMap };
  const generated = fallback.generate(schema) as unknown as Record<string, Record<string, FieldMiddleware | { resolve: FieldMiddleware }>>;
  const map: Record<string, Record<string, FieldMiddleware>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    map[type.name] = {};
    for (const fieldName of Object.keys(type.getFields())) {
      const rule = shield.ruleFor(type.name, fieldName) as unknown as AnyRule | undefined;
      const original = generated[type.name]?.[fieldName];
      const slow = typeof original === 'function' ? original : original?.resolve;
      map[type.name][fieldName] = (resolve, parent, args, ctx, info) => {
        const verdict = rule ? evaluate(rule, parent, args, ctx as object, info) : false;
        if (verdict === true) return resolve(parent, args, ctx, info);
        if (verdict === UNKNOWN) return slow ? slow(resolve, parent, args, ctx, info) : new DomainError('FORBIDDEN', 'Not allowed for this credential');
        return verdict === false ? new DomainError('FORBIDDEN', 'Not allowed for this credential') : verdict;
      };
    }
  }
  return map as unknown as IMiddlewareTypeMap;
}
