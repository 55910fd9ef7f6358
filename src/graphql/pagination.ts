/**
 * Relay connections with keyset cursors (sort key values + id), never OFFSET.
 * Ordering treats NULL as larger than any value (PostgreSQL's default: ASC NULLS LAST,
 * DESC NULLS FIRST), and keyset conditions follow the same rule, so pages never skip or repeat rows.
 */
import { SqlParams } from '../db/sql-params';
import { isUuid } from '../db/uuid';
import { badInput } from './errors';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export type Direction = 'ASC' | 'DESC';

/** A sortable column: `expression` is trusted SQL from code; `value` reads the same key from a row. */
export interface SortKey<Row> {
  name: string;
  expression: string;
  nullable: boolean;
  /** SQL type the cursor value is cast to when bound. */
  sqlType: 'text' | 'numeric' | 'integer' | 'timestamptz' | 'uuid';
  value(row: Row): unknown;
  /**
   * For an expression that is not a column of the listed row (a value of another table): the
   * property the list selects it as, so that `value` can read it for the cursor.
   */
  selectedAs?: string;
}

export interface OrderTerm<Row> {
  key: SortKey<Row>;
  direction: Direction;
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface PagePlan {
  limit: number;
  backward: boolean;
  cursor: unknown[] | null;
  /** Whether a cursor was given at all (for hasPreviousPage / hasNextPage). */
  hasCursor: boolean;
}

export function planPage(args: PageArgs, order: OrderTerm<unknown>[], argumentPrefix = ''): PagePlan {
  if (args.first != null && args.last != null) throw badInput(`Pass either "${argumentPrefix}first" or "${argumentPrefix}last", not both`);
  if ((args.first != null && args.before != null) || (args.last != null && args.after != null)) {
    throw badInput(`Use "first" with "after" to page forward and "last" with "before" to page backward`);
  }
  const backward = args.last != null || args.before != null;
  const size = (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badInput(`Page size must be between 1 and ${MAX_PAGE_SIZE}, got ${size}`, { argument: backward ? 'last' : 'first', max: MAX_PAGE_SIZE });
  }
  const raw = backward ? args.before : args.after;
  return { limit: size, backward, cursor: raw ? decodeCursor(raw, order) : null, hasCursor: !!raw };
}

const signature = (order: OrderTerm<unknown>[]): string => order.map((t) => `${t.key.name}:${t.direction}`).join(',');

export function encodeCursor<Row>(row: Row, order: OrderTerm<Row>[]): string {
  const values = order.map((t) => {
    const value = t.key.value(row);
    return value instanceof Date ? value.toISOString() : value;
  });
  return Buffer.from(JSON.stringify({ o: signature(order as OrderTerm<unknown>[]), v: values })).toString('base64url');
}

function decodeCursor(cursor: string, order: OrderTerm<unknown>[]): unknown[] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const values: unknown[] = parsed.v;
    const fits = parsed.o === signature(order) && Array.isArray(values) && values.length === order.length;
    if (fits && values.every((value, i) => cursorValueFits(value, order[i].key))) return values;
  } catch {
    // fall through to the error below
  }
  throw badInput('Invalid cursor (cursors are only valid with the same orderBy they were issued for)');
}

const CURSOR_VALUE: Record<SortKey<unknown>['sqlType'], (value: unknown) => boolean> = {
  text: (v) => typeof v === 'string',
  numeric: (v) => typeof v === 'string' && /^-?\d{1,30}(\.\d{1,30})?$/.test(v),
  integer: (v) => Number.isSafeInteger(v),
  timestamptz: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(v) && !Number.isNaN(Date.parse(v)),
  uuid: (v) => typeof v === 'string' && isUuid(v),
};

/** A forged or corrupted cursor must fail as bad input, never reach SQL as a wrongly typed value. */
const cursorValueFits = (value: unknown, key: SortKey<unknown>): boolean => (value === null ? key.nullable : CURSOR_VALUE[key.sqlType](value));

/** ORDER BY text, reversed when paging backward (rows are flipped back afterwards). */
export function orderBySql<Row>(order: OrderTerm<Row>[], reverse: boolean): string {
  return order
    .map(({ key, direction }) => {
      const effective = reverse ? (direction === 'ASC' ? 'DESC' : 'ASC') : direction;
      return `${key.expression} ${effective}`;
    })
    .join(', ');
}

/** The condition "row comes after the cursor" in the scan direction. */
export function keysetSql<Row>(order: OrderTerm<Row>[], cursor: unknown[], backward: boolean, params: SqlParams): string {
  const bound = order.map((t, i) => (cursor[i] === null ? null : `${params.add(cursor[i])}::${t.key.sqlType}`));
  const allSameDirection = order.every((t) => t.direction === order[0].direction);
  const noNulls = order.every((t, i) => !t.key.nullable && bound[i] !== null);
  if (allSameDirection && noNulls) {
    // Row comparison: one index range scan.
    const greater = (order[0].direction === 'ASC') !== backward;
    return `(${order.map((t) => t.key.expression).join(', ')}) ${greater ? '>' : '<'} (${bound.join(', ')})`;
  }
  const alternatives = order.map((term, i) => {
    const equalPrefix = order.slice(0, i).map((t, j) => (bound[j] === null ? `${t.key.expression} IS NULL` : `${t.key.expression} = ${bound[j]}`));
    const greater = (term.direction === 'ASC') !== backward;
    return [...equalPrefix, beyond(term.key.expression, bound[i], greater)].join(' AND ');
  });
  return `(${alternatives.map((a) => `(${a})`).join(' OR ')})`;
}

/** "Strictly beyond the bound" where NULL sorts as the largest value. */
function beyond(expression: string, bound: string | null, greater: boolean): string {
  if (greater) return bound === null ? 'false' : `(${expression} > ${bound} OR ${expression} IS NULL)`;
  return bound === null ? `${expression} IS NOT NULL` : `${expression} < ${bound}`;
}

export interface Edge<Row> {
  cursor: string;
  node: Row;
}

export interface PageInfoValue {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface ConnectionValue<Row> {
  edges: Edge<Row>[];
  nodes: Row[];
  pageInfo: PageInfoValue;
  /** A getter: the count query runs only when the client selects totalCount. */
  readonly totalCount: Promise<number>;
}

/** Turns rows fetched with LIMIT n+1 in scan order into a connection. */
export function toConnection<Row>(rows: Row[], plan: PagePlan, order: OrderTerm<Row>[], totalCount: () => Promise<number>): ConnectionValue<Row> {
  const hasMore = rows.length > plan.limit;
  const page = rows.slice(0, plan.limit);
  if (plan.backward) page.reverse();
  const edges = page.map((node) => ({ cursor: encodeCursor(node, order), node }));
  return {
    edges,
    nodes: page,
    pageInfo: {
      hasNextPage: plan.backward ? plan.hasCursor : hasMore,
      hasPreviousPage: plan.backward ? hasMore : plan.hasCursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    get totalCount() {
      return totalCount();
    },
  };
}
