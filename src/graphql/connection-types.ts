/** GraphQL shapes of Relay connections, shared by every module's lists. */
import { ArgsType, ClassType, Field, Int, ObjectType, registerEnumType } from 'type-graphql';

@ObjectType({ description: 'Where a page sits in its list.' })
export class PageInfo {
  @Field({ description: 'More items follow the last one of this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'Items precede the first one of this page (known when paging backward, or after a cursor).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the page.' })
  endCursor!: string | null;
}

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection', description: 'Ascending or descending; NULL sorts after values ascending.' });

@ArgsType()
export class PageArgsType {
  @Field(() => Int, { nullable: true, description: 'Items after `after`, 1–100 (default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to page forward from.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: 'Items before `before`, 1–100.' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor to page backward from.' })
  before?: string | null;
}

/** Builds `<Name>Connection` and `<Name>Edge` types for a node type. */
export function connectionTypes<T extends object>(node: ClassType<T>, name: string, what: string) {
  @ObjectType(`${name}Edge`, { description: `One ${what} in a list, with its cursor.` })
  class Edge {
    @Field({ description: 'Opaque cursor of this item.' })
    cursor!: string;

    @Field(() => node, { description: `The ${what}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what}s.` })
  class Connection {
    @Field(() => [Edge], { description: 'Items with their cursors.' })
    edges!: Edge[];

    @Field(() => [node], { description: 'Items of the page, without cursors.' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Paging information.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of items matching the filter over all pages; computed only when selected.' })
    totalCount!: number;
  }

  return { Edge, Connection };
}
