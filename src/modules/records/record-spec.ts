import { EntityTarget } from 'typeorm';
import { forbidden } from '../../graphql/errors';
import { FilterFields } from '../../graphql/filter-sql';
import { Direction, OrderTerm, SortKey } from '../../graphql/pagination';
import type { RequestContext } from '../../tenancy/request-context';

/** Columns every CRM record has (see the migrations): UUID v7 id, version, timestamps, soft delete. */
export interface RecordRow {
  id: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

/** How a module's table is listed, filtered, sorted and identified. Expressions are trusted SQL. */
export interface RecordSpec<Row extends RecordRow> {
  entity: EntityTarget<Row>;
  typeName: string;
  /** Human name for messages, e.g. "Account". */
  label: string;
  alias: string;
  sortKeys: Record<string, SortKey<Row>>;
  defaultOrder: { field: string; direction: Direction }[];
  filters: FilterFields;
  /** Column holding the owning user: own/team record scopes apply to the type. */
  ownerColumn?: string;
  /**
   * Trusted SQL over the alias for further owners whose records these also are to own/team scopes,
   * e.g. the account's owner for a contract: a sales rep sees the contracts of the accounts they own.
   */
  alsoOwnedThrough?: readonly string[];
  /** Order used instead of `defaultOrder` for callers who may not sort by its personal fields. */
  impersonalOrder?: { field: string; direction: Direction }[];
  /** Filter fields that depend on the request (custom fields, checked against the workspace's definitions); asked only when a `where:` is given. */
  requestFilters?: (ctx: RequestContext, where: object) => Promise<FilterFields>;
}

export interface OrderInput {
  field: string;
  direction: Direction;
}

export function idSortKey<Row extends RecordRow>(alias: string): SortKey<Row> {
  return { name: 'id', expression: `${alias}.id`, nullable: false, sqlType: 'uuid', value: (row) => row.id };
}

/** The requested order plus the id as the final tie-breaker, so every order is total. */
export function resolveOrder<Row extends RecordRow>(spec: RecordSpec<Row>, orderBy: OrderInput[] | null | undefined): OrderTerm<Row>[] {
  const requested = orderBy?.length ? orderBy : spec.defaultOrder;
  const terms = requested.map(({ field, direction }) => {
    const key = spec.sortKeys[field];
    if (!key) throw forbidden(`Your role may not sort ${spec.label} records by ${field}: it is personal data`);
    return { key, direction };
  });
  const last = terms[terms.length - 1]?.direction ?? 'ASC';
  return [...terms, { key: idSortKey<Row>(spec.alias), direction: last }];
}

export const DELETED_AT = (alias: string, inRecycleBin: boolean) =>
  inRecycleBin ? `${alias}.deleted_at IS NOT NULL` : `${alias}.deleted_at IS NULL`;
