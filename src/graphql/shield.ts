/**
 * One shield for the whole schema, assembled from every module's rules. Every field of every
 * object type gets an explicit rule; personal fields additionally require the personal permission
 * for their type. What has no rule is denied, and `unguardedFields` lets a test fail on it.
 *
 * The rules are graphql-shield rules, and graphql-shield's middleware is what enforces any rule
 * that is not a plain per-request check. The rules of our vocabulary (rules.ts) are such checks:
 * their verdict is computed once per request and rule and applied to each field synchronously, with
 * graphql-shield's semantics (false → FORBIDDEN, an error → that error), instead of a chain of
 * promises for every field of every row (measured: half the CPU of a large nested response).
 */
import { GraphQLSchema, isObjectType } from 'graphql';
import type { IMiddlewareTypeMap } from 'graphql-middleware';
import { shield } from 'graphql-shield';
import type { RequestContext } from '../tenancy/request-context';
import { DomainError } from './errors';
import { personalField } from './personal';
import { RuleMap, ShieldRule, Verdict, allOf, canReadPersonal, deny, verdictOf } from './rules';

export interface ShieldAssembly {
  /** graphql-shield's middleware over the whole rule tree. */
  middleware: ReturnType<typeof shield>;
  /** What the schema applies: the synchronous fast path per field, graphql-shield's middleware where a rule needs it. */
  fieldMiddleware: IMiddlewareTypeMap;
  /** "Type.field" entries that no module declared a rule for (denied at run time). */
  unguardedFields: string[];
  /** The rule each field got, for audits. */
  ruleFor(typeName: string, fieldName: string): ShieldRule | undefined;
}

const notAllowed = () => new DomainError('FORBIDDEN', 'Not allowed for this credential');

export function assembleShield(schema: GraphQLSchema, moduleRules: RuleMap[]): ShieldAssembly {
  const declared = mergeRules(moduleRules);
  const tree: Record<string, Record<string, ShieldRule>> = {};
  const unguardedFields: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const typeRules = declared[type.name] ?? {};
    tree[type.name] = {};
    for (const fieldName of Object.keys(type.getFields())) {
      let fieldRule = typeRules[fieldName] ?? typeRules['*'];
      if (!fieldRule) {
        unguardedFields.push(`${type.name}.${fieldName}`);
        fieldRule = deny;
      }
      const personal = personalField(type.name, fieldName);
      if (personal) fieldRule = allOf(fieldRule, canReadPersonal(personal.guardedBy));
      tree[type.name][fieldName] = fieldRule;
    }
  }
  const middleware = shield(tree, {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: notAllowed,
    debug: false,
  });
  return { middleware, fieldMiddleware: fieldMiddleware(schema, tree, middleware), unguardedFields, ruleFor: (typeName, fieldName) => tree[typeName]?.[fieldName] };
}

type Resolve = (parent: unknown, args: unknown, ctx: unknown, info: unknown) => unknown;
type FieldMiddleware = (resolve: Resolve, parent: unknown, args: unknown, ctx: RequestContext, info: unknown) => unknown;

/** Verdicts of one request, by rule (permissions do not change while an operation executes). */
const verdicts = new WeakMap<object, Map<ShieldRule, Verdict>>();

function fieldMiddleware(schema: GraphQLSchema, tree: Record<string, Record<string, ShieldRule>>, generated: ReturnType<typeof shield>): IMiddlewareTypeMap {
  const shieldMiddleware = generated.generate(schema) as unknown as Record<string, Record<string, FieldMiddleware | { resolve: FieldMiddleware }>>;
  const map: Record<string, Record<string, FieldMiddleware | { resolve: FieldMiddleware }>> = {};
  for (const [typeName, fields] of Object.entries(tree)) {
    map[typeName] = {};
    for (const [fieldName, fieldRule] of Object.entries(fields)) {
      const check = verdictOf(fieldRule);
      map[typeName][fieldName] = check
        ? (resolve, parent, args, ctx, info) => {
            let cache = verdicts.get(ctx);
            if (!cache) verdicts.set(ctx, (cache = new Map()));
            let verdict = cache.get(fieldRule);
            if (verdict === undefined) cache.set(fieldRule, (verdict = check(ctx)));
            if (verdict === true) return resolve(parent, args, ctx, info);
            return verdict === false ? notAllowed() : verdict;
          }
        : shieldMiddleware[typeName][fieldName];
    }
  }
  return map as unknown as IMiddlewareTypeMap;
}

/** One rule map from several (modules, or parts of a module); a field declared twice is a bug. */
export function mergeRules(moduleRules: RuleMap[]): RuleMap {
  const merged: RuleMap = {};
  for (const rules of moduleRules) {
    for (const [typeName, fields] of Object.entries(rules)) {
      merged[typeName] ??= {};
      for (const [fieldName, fieldRule] of Object.entries(fields)) {
        if (merged[typeName][fieldName]) throw new Error(`Two modules declare a rule for ${typeName}.${fieldName}`);
        merged[typeName][fieldName] = fieldRule;
      }
    }
  }
  return merged;
}
