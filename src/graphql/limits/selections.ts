/**
 * Walking an operation's selections the way execution will: fragments expanded, type conditions
 * applied to the runtime object type, @skip/@include honoured, fields merged by response key.
 */
import {
  DirectiveNode,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLField,
  GraphQLIncludeDirective,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLSkipDirective,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  isAbstractType,
  isListType,
  isObjectType,
} from 'graphql';

export interface OperationScope {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Map<string, FragmentDefinitionNode>;
  /** Coerced variable values (defaults applied). */
  variables: Record<string, unknown>;
  /**
   * Selections a walk may still visit (fragments expanded); past it the walk stops with
   * WalkTooLong. Fragments spread in many places multiply a small document's selections.
   */
  stepsLeft: number;
}

/** A walk over the operation visited more selections than it was allowed. */
export class WalkTooLong extends Error {}

export function operationScope(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  maxSteps = Number.POSITIVE_INFINITY,
): OperationScope {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return { schema, operation, fragments, variables, stepsLeft: maxSteps };
}

/** @skip(if: true) and @include(if: false) leave a selection out; a variable that does not coerce is left to execution to report. */
export function isIncluded(scope: OperationScope, node: { readonly directives?: readonly DirectiveNode[] }): boolean {
  if (!node.directives?.length) return true;
  try {
    if (getDirectiveValues(GraphQLSkipDirective, node, scope.variables)?.if === true) return false;
    if (getDirectiveValues(GraphQLIncludeDirective, node, scope.variables)?.if === false) return false;
  } catch {
    // execution reports the variable
  }
  return true;
}

function conditionApplies(scope: OperationScope, condition: string | undefined, type: GraphQLObjectType): boolean {
  if (!condition || condition === type.name) return true;
  const conditionType = scope.schema.getType(condition);
  return !!conditionType && isAbstractType(conditionType) && scope.schema.isSubType(conditionType, type);
}

/** The fields executed on an object of `type` for these selection sets, by response key (as graphql-js's collectFields). */
export function collectFields(scope: OperationScope, type: GraphQLObjectType, selectionSets: readonly SelectionSetNode[]): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const visitedFragments = new Set<string>();
  const visit = (selectionSet: SelectionSetNode): void => {
    for (const selection of selectionSet.selections) {
      if (--scope.stepsLeft < 0) throw new WalkTooLong('too many selections to visit');
      if (!isIncluded(scope, selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const existing = fields.get(key);
        if (existing) existing.push(selection);
        else fields.set(key, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (conditionApplies(scope, selection.typeCondition?.name.value, type)) visit(selection.selectionSet);
      } else {
        const name = selection.name.value;
        if (visitedFragments.has(name)) continue;
        visitedFragments.add(name);
        const fragment = scope.fragments.get(name);
        if (fragment && conditionApplies(scope, fragment.typeCondition.name.value, type)) visit(fragment.selectionSet);
      }
    }
  };
  for (const selectionSet of selectionSets) visit(selectionSet);
  return fields;
}

/** The selection sets of fields merged under one response key. */
export const subSelections = (nodes: readonly FieldNode[]): SelectionSetNode[] =>
  nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));

/** A Relay connection: paged by first/last, returning an object with `nodes` and/or `edges`. */
export function isConnectionField(field: GraphQLField<unknown, unknown>): boolean {
  const named = getNamedType(field.type);
  if (!isObjectType(named) || !field.args.some((a) => a.name === 'first' || a.name === 'last')) return false;
  const fields = named.getFields();
  return 'nodes' in fields || 'edges' in fields;
}

export const isListField = (field: GraphQLField<unknown, unknown>): boolean => isListType(getNullableType(field.type));

/** An argument's value from the literal or the variables; undefined when not given. */
export function argumentValue(scope: OperationScope, node: FieldNode, name: string): unknown {
  const argument = node.arguments?.find((a) => a.name.value === name);
  if (!argument) return undefined;
  const { value } = argument;
  switch (value.kind) {
    case Kind.VARIABLE:
      return scope.variables[value.name.value];
    case Kind.INT:
    case Kind.FLOAT:
      return Number(value.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return value.values;
    default:
      return undefined;
  }
}
