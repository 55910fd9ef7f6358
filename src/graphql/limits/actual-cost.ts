/**
 * The cost of what an operation actually returned, by the same model as the requested cost but
 * counting the items each list really had (at least 1 per list: it was still read). Fields that
 * came back null cost nothing, except root mutation fields (the write was attempted).
 */
import { FieldNode, GraphQLAbstractType, GraphQLCompositeType, GraphQLObjectType, SelectionSetNode, getNamedType, isAbstractType, isCompositeType, isObjectType } from 'graphql';
import { MUTATION_FIELD_COST } from './analysis';
import { OperationScope, collectFields, isConnectionField, isListField, subSelections } from './selections';

type Data = Record<string, unknown>;

const isData = (value: unknown): value is Data => typeof value === 'object' && value !== null && !Array.isArray(value);

export function actualCost(scope: OperationScope, data: unknown): number {
  const { operation, schema } = scope;
  const root = schema.getRootType(operation.operation);
  if (!root || !isData(data)) return 0;
  return new ActualWalk(scope).objectCost(root, [operation.selectionSet], data, operation.operation === 'mutation');
}

class ActualWalk {
  constructor(private readonly scope: OperationScope) {}

  selectionCost(type: GraphQLCompositeType, selectionSets: SelectionSetNode[], value: Data): number {
    const runtime = isAbstractType(type) ? this.runtimeType(type, selectionSets, value) : type;
    return runtime ? this.objectCost(runtime, selectionSets, value) : 0;
  }

  objectCost(type: GraphQLObjectType, selectionSets: SelectionSetNode[], value: Data, mutationRoot = false): number {
    let total = 0;
    for (const [key, nodes] of collectFields(this.scope, type, selectionSets)) {
      if (key in value) total += this.fieldCost(type, nodes, value[key], mutationRoot);
    }
    return total;
  }

  private fieldCost(parent: GraphQLObjectType, nodes: FieldNode[], value: unknown, mutationRoot: boolean): number {
    const name = nodes[0].name.value;
    const field = parent.getFields()[name];
    if (!field || name.startsWith('__')) return 0;
    const named = getNamedType(field.type);
    const selections = subSelections(nodes);
    if (mutationRoot) return MUTATION_FIELD_COST + (isCompositeType(named) && isData(value) ? this.selectionCost(named, selections, value) : 0);
    if (value == null || !isCompositeType(named)) return 0;
    if (isConnectionField(field) && isObjectType(named) && isData(value)) return this.connectionCost(named, selections, value);
    if (isListField(field) && Array.isArray(value)) return this.itemsCost(named, selections, value);
    return isData(value) ? 1 + this.selectionCost(named, selections, value) : 0;
  }

  private itemsCost(type: GraphQLCompositeType, selectionSets: SelectionSetNode[], items: unknown[]): number {
    let total = Math.max(1, items.length);
    for (const item of items) if (isData(item)) total += this.selectionCost(type, selectionSets, item);
    return total;
  }

  private connectionCost(connection: GraphQLObjectType, selectionSets: SelectionSetNode[], value: Data): number {
    let items = 0;
    let total = 0;
    for (const [key, nodes] of collectFields(this.scope, connection, selectionSets)) {
      const name = nodes[0].name.value;
      const field = connection.getFields()[name];
      const got = value[key];
      if (!field || !(key in value)) continue;
      const named = getNamedType(field.type);
      if (name === 'nodes' && isCompositeType(named) && Array.isArray(got)) {
        items = Math.max(items, got.length);
        for (const item of got) if (isData(item)) total += this.selectionCost(named, subSelections(nodes), item);
      } else if (name === 'edges' && isObjectType(named) && Array.isArray(got)) {
        items = Math.max(items, got.length);
        for (const edge of got) if (isData(edge)) total += this.edgeCost(named, subSelections(nodes), edge);
      } else if (name !== 'pageInfo') {
        total += this.fieldCost(connection, nodes, got, false);
      }
    }
    return Math.max(1, items) + total;
  }

  private edgeCost(edgeType: GraphQLObjectType, selectionSets: SelectionSetNode[], edge: Data): number {
    let total = 0;
    for (const [key, nodes] of collectFields(this.scope, edgeType, selectionSets)) {
      if (!(key in edge)) continue;
      const field = edgeType.getFields()[nodes[0].name.value];
      const named = field && getNamedType(field.type);
      const got = edge[key];
      if (nodes[0].name.value === 'node' && named && isCompositeType(named)) total += isData(got) ? this.selectionCost(named, subSelections(nodes), got) : 0;
      else total += this.fieldCost(edgeType, nodes, got, false);
    }
    return total;
  }

  /**
   * The object type a value of an interface or union had: its `__typename` when selected, else the
   * member whose executed fields are exactly the keys the value has.
   */
  private runtimeType(type: GraphQLAbstractType, selectionSets: SelectionSetNode[], value: Data): GraphQLObjectType | undefined {
    const keys = Object.keys(value);
    let candidate: GraphQLObjectType | undefined;
    for (const possible of this.scope.schema.getPossibleTypes(type)) {
      const fields = collectFields(this.scope, possible, selectionSets);
      const typenameKey = [...fields].find(([, nodes]) => nodes[0].name.value === '__typename')?.[0];
      if (typenameKey && typeof value[typenameKey] === 'string') {
        if (value[typenameKey] === possible.name) return possible;
        continue;
      }
      if (!candidate && keys.length === fields.size && keys.every((k) => fields.has(k))) candidate = possible;
    }
    return candidate;
  }
}
