/**
 * What an operation asks for, from its document and variables alone, before anything runs: its
 * cost in points, depth, aliases and root fields, and any page size out of range. The cost model
 * (docs/api.md, "Limits and cost"):
 *   - scalar and enum fields (and lists of them), `__typename` and introspection: 0;
 *   - an object field: 1 + its selections;
 *   - a connection (`first`/`last`): page size × (1 + the selections on each item, under `nodes`
 *     and under `edges { node }`), page size = `first` or `last`, default DEFAULT_PAGE_SIZE;
 *     `pageInfo`, `totalCount` and `cursor` are free;
 *   - another list of objects: (1 + the selections on each item) × the number of `ids` asked for,
 *     or else × DEFAULT_PAGE_SIZE;
 *   - a root mutation field: MUTATION_FIELD_COST + its selections (the payload is included);
 *   - fragments count where they apply; on an interface or union the most expensive member counts.
 */
import {
  FieldNode,
  GraphQLCompositeType,
  GraphQLObjectType,
  Kind,
  SelectionSetNode,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isLeafType,
  isObjectType,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../pagination';
import { OperationScope, argumentValue, collectFields, isConnectionField, isIncluded, isListField, subSelections } from './selections';

/** Points of each root mutation field, besides what it selects. */
export const MUTATION_FIELD_COST = 10;

export interface PageSizeViolation {
  argument: 'first' | 'last';
  value: unknown;
}

/** What an operation looks like, measured in one pass over its text (fragments once each). */
export interface OperationShape {
  depth: number;
  aliases: number;
}

/** What an operation asks for, fragments expanded where they apply. */
export interface OperationPrice {
  cost: number;
  rootFields: number;
  /** The first `first`/`last` outside 1..MAX_PAGE_SIZE, refused as the resolver would (BAD_USER_INPUT). */
  pageSizeViolation?: PageSizeViolation;
}

export const operationShape = (scope: OperationScope): OperationShape => ({
  depth: depthOf(scope, scope.operation.selectionSet, new Map()),
  aliases: aliasCount(scope),
});

/** The requested cost; throws WalkTooLong past the scope's step budget (check the shape first: depth bounds the walk). */
export function priceOperation(scope: OperationScope): OperationPrice {
  const { operation, schema } = scope;
  const root = schema.getRootType(operation.operation);
  if (!root) return { cost: 0, rootFields: 0 };
  const walk = new CostWalk(scope);
  const rootFields = collectFields(scope, root, [operation.selectionSet]);
  let cost = 0;
  for (const nodes of rootFields.values()) cost += walk.fieldCost(root, nodes, operation.operation === 'mutation');
  return {
    cost,
    rootFields: [...rootFields.values()].filter((nodes) => !nodes[0].name.value.startsWith('__')).length,
    pageSizeViolation: walk.pageSizeViolation,
  };
}

class CostWalk {
  pageSizeViolation?: PageSizeViolation;

  constructor(private readonly scope: OperationScope) {}

  /** On an interface or union: the most expensive object type it may be. */
  selectionCost(type: GraphQLCompositeType, selectionSets: SelectionSetNode[]): number {
    if (!selectionSets.length) return 0;
    if (!isAbstractType(type)) return this.objectCost(type, selectionSets);
    let most = 0;
    for (const possible of this.scope.schema.getPossibleTypes(type)) most = Math.max(most, this.objectCost(possible, selectionSets));
    return most;
  }

  private objectCost(type: GraphQLObjectType, selectionSets: SelectionSetNode[]): number {
    let total = 0;
    for (const nodes of collectFields(this.scope, type, selectionSets).values()) total += this.fieldCost(type, nodes);
    return total;
  }

  fieldCost(parent: GraphQLObjectType, nodes: FieldNode[], mutationRoot = false): number {
    const name = nodes[0].name.value;
    const field = parent.getFields()[name];
    if (!field || name.startsWith('__')) return 0;
    const named = getNamedType(field.type);
    const selections = subSelections(nodes);
    if (isLeafType(named) || !isCompositeType(named)) return mutationRoot ? MUTATION_FIELD_COST : 0;
    if (mutationRoot) return MUTATION_FIELD_COST + this.selectionCost(named, selections);
    if (isConnectionField(field) && isObjectType(named)) return this.connectionCost(named, selections, this.pageSize(nodes[0]));
    const own = this.selectionCost(named, selections);
    if (isListField(field)) return this.listSize(nodes[0]) * (1 + own);
    return 1 + own;
  }

  /** page size × (1 + what each item selects) + whatever else the connection selects. */
  private connectionCost(connection: GraphQLObjectType, selectionSets: SelectionSetNode[], pageSize: number): number {
    let perItem = 0;
    let extra = 0;
    for (const nodes of collectFields(this.scope, connection, selectionSets).values()) {
      const name = nodes[0].name.value;
      const field = connection.getFields()[name];
      if (!field) continue;
      const named = getNamedType(field.type);
      if (name === 'nodes' && isCompositeType(named)) {
        perItem += this.selectionCost(named, subSelections(nodes));
      } else if (name === 'edges' && isObjectType(named)) {
        for (const edgeNodes of collectFields(this.scope, named, subSelections(nodes)).values()) {
          const edgeField = named.getFields()[edgeNodes[0].name.value];
          const nodeType = edgeField && getNamedType(edgeField.type);
          if (edgeNodes[0].name.value === 'node' && nodeType && isCompositeType(nodeType)) perItem += this.selectionCost(nodeType, subSelections(edgeNodes));
          else perItem += this.fieldCost(named, edgeNodes);
        }
      } else if (name !== 'pageInfo') {
        extra += this.fieldCost(connection, nodes);
      }
    }
    return pageSize * (1 + perItem) + extra;
  }

  /** `last` when given, else `first`, else the default; one out of range is noted (and priced at the maximum). */
  private pageSize(node: FieldNode): number {
    const first = argumentValue(this.scope, node, 'first');
    const last = argumentValue(this.scope, node, 'last');
    if (first != null && last != null) {
      // Refused by the resolver ("either first or last"); priced at the larger.
      return clampPageSize(Math.max(Number(first), Number(last)));
    }
    const argument = last != null ? 'last' : 'first';
    const value = last ?? first;
    if (value == null) return DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_PAGE_SIZE) {
      this.pageSizeViolation ??= { argument, value };
    }
    return clampPageSize(Number(value));
  }

  /** Lists without paging: as many as `ids` asks for, else a default page's worth. */
  private listSize(node: FieldNode): number {
    const ids = argumentValue(this.scope, node, 'ids');
    return Array.isArray(ids) ? Math.max(1, ids.length) : DEFAULT_PAGE_SIZE;
  }
}

const clampPageSize = (size: number): number => (Number.isFinite(size) ? Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(size))) : MAX_PAGE_SIZE);

/**
 * Fields on the longest path (`{ viewer { kind } }` is 2), fragments expanded. `ofType` does not
 * count: introspection's type references nest it by design, and it leads nowhere else.
 */
function depthOf(scope: OperationScope, selectionSet: SelectionSetNode, fragmentDepths: Map<string, number>): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (!isIncluded(scope, selection)) continue;
    let depth: number;
    if (selection.kind === Kind.FIELD) {
      const own = selection.name.value === 'ofType' ? 0 : 1;
      depth = own + (selection.selectionSet ? depthOf(scope, selection.selectionSet, fragmentDepths) : 0);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      depth = depthOf(scope, selection.selectionSet, fragmentDepths);
    } else {
      const name = selection.name.value;
      const fragment = scope.fragments.get(name);
      if (!fragmentDepths.has(name)) {
        // Validation has refused fragment cycles; the placeholder guards against them anyway.
        fragmentDepths.set(name, 0);
        fragmentDepths.set(name, fragment ? depthOf(scope, fragment.selectionSet, fragmentDepths) : 0);
      }
      depth = fragmentDepths.get(name)!;
    }
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

/** Aliased fields written in the operation and in the fragments it uses (each fragment once). */
function aliasCount(scope: OperationScope): number {
  const used = new Set<string>();
  let count = 0;
  const visit = (selectionSet: SelectionSetNode): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) count += 1;
        if (selection.selectionSet) visit(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else if (!used.has(selection.name.value)) {
        used.add(selection.name.value);
        const fragment = scope.fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet);
      }
    }
  };
  visit(scope.operation.selectionSet);
  return count;
}
