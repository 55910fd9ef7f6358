/**
 * One shield for the whole schema, assembled from every module's rules. Every field of every
 * object type gets an explicit rule; personal fields additionally require the personal permission
 * for their type. What has no rule is denied, and `unguardedFields` lets a test fail on it.
 */
import { GraphQLSchema, isObjectType } from 'graphql';
import { and, deny, shield } from 'graphql-shield';
import { DomainError } from './errors';
import { personalField } from './personal';
import { RuleMap, ShieldRule, canReadPersonal } from './rules';

export interface ShieldAssembly {
  middleware: ReturnType<typeof shield>;
  /** "Type.field" entries that no module declared a rule for (denied at run time). */
  unguardedFields: string[];
  /** The rule each field got, for audits. */
  ruleFor(typeName: string, fieldName: string): ShieldRule | undefined;
}

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
      if (personalField(type.name, fieldName)) fieldRule = and(fieldRule, canReadPersonal(type.name));
      tree[type.name][fieldName] = fieldRule;
    }
  }
  const middleware = shield(tree, {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: () => new DomainError('FORBIDDEN', 'Not allowed for this credential'),
    debug: false,
  });
  return { middleware, unguardedFields, ruleFor: (typeName, fieldName) => tree[typeName]?.[fieldName] };
}

function mergeRules(moduleRules: RuleMap[]): RuleMap {
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
