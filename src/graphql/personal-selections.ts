/**
 * Which personal data an operation may read, known from its document alone: the access log writes
 * in the operation's transaction, so a query that may read personal data must not begin READ ONLY.
 * The walk is static (every selection counts, whatever @skip/@include and the data say) and its
 * answer is cached per parsed document, so repeated operations pay nothing. Should it ever miss a
 * read, the log's write fails in the READ ONLY transaction and the operation fails: closed, not silent.
 */
import {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isUnionType,
} from 'graphql';
import type { RequestContext } from '../tenancy/request-context';
import { personalField } from './personal';

/**
 * The field of record types whose values include the workspace's personal custom fields, guarded by
 * the record type's personal permission like its built-in personal fields.
 */
const CUSTOM_FIELDS = 'customFields';

const cache = new WeakMap<DocumentNode, Map<OperationDefinitionNode, readonly string[]>>();

/** The types whose personal permission guards a field the operation selects (sorted). */
export function personalGuardsOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): readonly string[] {
  let ofDocument = cache.get(document);
  if (!ofDocument) cache.set(document, (ofDocument = new Map()));
  let guards = ofDocument.get(operation);
  if (!guards) ofDocument.set(operation, (guards = walk(schema, document, operation)));
  return guards;
}

/**
 * Whether the operation may note personal reads, so its transaction must be read-write: when it
 * selects personal fields and the caller may read some of them in full (masked reads are not
 * logged). Permissions still to be read from the database count as full.
 */
export function mayReadPersonalData(ctx: RequestContext, schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): boolean {
  const guards = personalGuardsOf(schema, document, operation);
  return guards.length > 0 && (ctx.permissionsPending || guards.some((type) => ctx.can.personalAccess(type) === 'full'));
}

function walk(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): readonly string[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const guards = new Set<string>();
  // A fragment's fields depend on its own type condition only: one visit is enough wherever it is spread.
  const visited = new Set<string>();
  const visit = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | null | undefined): void => {
    if (!isCompositeType(parent)) return;
    // On an interface or union, a field is personal when it is on any type the object may turn out to be.
    const runtimeTypes: readonly GraphQLObjectType[] = isAbstractType(parent) ? schema.getPossibleTypes(parent) : [parent];
    const fields = isUnionType(parent) ? {} : parent.getFields();
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        for (const type of runtimeTypes) {
          const personal = personalField(type.name, name);
          if (personal) guards.add(personal.guardedBy);
          else if (name === CUSTOM_FIELDS && type.getFields()[name]) guards.add(type.name);
        }
        const field = fields[name];
        if (selection.selectionSet && field) visit(selection.selectionSet, getNamedType(field.type));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent);
      } else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value));
      }
    }
  };
  visit(operation.selectionSet, schema.getRootType(operation.operation));
  return [...guards].sort();
}
