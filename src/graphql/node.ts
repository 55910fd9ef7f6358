/** The Relay `Node` interface and the registry `node(id)` uses to load any type by global ID. */
import { Field, ID, InterfaceType } from 'type-graphql';
import { RequestContext } from '../tenancy/request-context';

export const TYPENAME = Symbol('typename');

/** Tags a row with its GraphQL type so `Node` can be resolved from plain rows. */
export function asNode<T extends object>(row: T, typeName: string): T {
  Object.defineProperty(row, TYPENAME, { value: typeName, enumerable: false });
  return row;
}

@InterfaceType('Node', {
  description: 'An object with a global ID, loadable with `node(id)`.',
  resolveType: (value: object) => (value as Record<symbol, string>)[TYPENAME],
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global ID.' })
  id!: string;
}

export interface NodeType {
  typeName: string;
  /** Loads rows by UUID in the caller's scope, in key order, null where not visible. */
  load(ctx: RequestContext, uuid: string): Promise<object | null>;
}

const nodeTypes = new Map<string, NodeType>();

export function registerNodeType(nodeType: NodeType): void {
  nodeTypes.set(nodeType.typeName, nodeType);
}

export const nodeTypeOf = (typeName: string): NodeType | undefined => nodeTypes.get(typeName);
