/**
 * Lists of CRM records as keyset-paginated connections: one statement per page, and one statement
 * for the pages of many parents at once (nested connections batched by DataLoader).
 */
import { QueryRunner } from 'typeorm';
import { entitySql } from '../../db/entity-sql';
import { SqlParams } from '../../db/sql-params';
import { queryRows } from '../../db/sql';
import { filterSql } from '../../graphql/filter-sql';
import { ConnectionValue, OrderTerm, PageArgs, PagePlan, keysetSql, orderBySql, planPage, toConnection } from '../../graphql/pagination';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { DELETED_AT, OrderInput, RecordRow, RecordSpec, resolveOrder } from './record-spec';
import { ScopeCondition, recordScope, specForCaller } from './record-scope';

export interface ListArgs extends PageArgs {
  where?: object | null;
  orderBy?: OrderInput[] | null;
  inRecycleBin?: boolean | null;
}

interface PreparedList<Row extends RecordRow> {
  order: OrderTerm<Row>[];
  plan: PagePlan;
  /** Conditions without the cursor (for counts) and with it (for the page). */
  conditions: (params: SqlParams) => string[];
  pageConditions: (params: SqlParams) => string[];
}

/** The row's columns, plus the sort expressions that are not columns of it (read back for cursors). */
function selectList<Row extends RecordRow>(sql: { selectList(alias: string): string }, alias: string, order: OrderTerm<Row>[]): string {
  const extra = order.filter((t) => t.key.selectedAs).map((t) => `${t.key.expression} AS "${t.key.selectedAs}"`);
  return [sql.selectList(alias), ...extra].join(', ');
}

/** Conditions every statement of a list adds: the parent link and the caller's record scope. */
export type Condition = (params: SqlParams) => string | null;

function prepare<Row extends RecordRow>(spec: RecordSpec<Row>, args: ListArgs, extraConditions: Condition[]): PreparedList<Row> {
  const order = resolveOrder(spec, args.orderBy);
  const plan = planPage(args, order as OrderTerm<unknown>[]);
  const conditions = (params: SqlParams) => {
    const extra = extraConditions.map((condition) => condition(params)).filter((c): c is string => !!c);
    const filter = filterSql(args.where, spec.filters, params);
    return [DELETED_AT(spec.alias, !!args.inRecycleBin), ...extra, ...(filter ? [filter] : [])];
  };
  const pageConditions = (params: SqlParams) => {
    const base = conditions(params);
    return plan.cursor ? [...base, keysetSql(order, plan.cursor, plan.backward, params)] : base;
  };
  return { order, plan, conditions, pageConditions };
}

/** The spec with the filter fields this request's `where:` needs beyond the static ones (custom fields). */
export async function withRequestFilters<Row extends RecordRow>(ctx: RequestContext, spec: RecordSpec<Row>, where: object | null | undefined): Promise<RecordSpec<Row>> {
  if (!where || !spec.requestFilters) return spec;
  const extra = await spec.requestFilters(ctx, where);
  return Object.keys(extra).length ? { ...spec, filters: { ...spec.filters, ...extra } } : spec;
}

/** The spec as this request may filter and sort it: custom fields added, personal fields limited by role. */
export async function specForRequest<Row extends RecordRow>(ctx: RequestContext, spec: RecordSpec<Row>, where: object | null | undefined): Promise<RecordSpec<Row>> {
  return specForCaller(ctx, await withRequestFilters(ctx, spec, where));
}

/**
 * A page of records within the caller's scope. Arguments are checked and the statement built
 * before the page is read (a custom field filter first reads the definitions it is checked against).
 */
export async function listRecords<Row extends RecordRow>(
  ctx: RequestContext,
  spec: RecordSpec<Row>,
  args: ListArgs,
  /** Further conditions (trusted SQL over the spec's alias, values bound), e.g. membership in a set. */
  extraConditions: Condition[] = [],
): Promise<ConnectionValue<Row>> {
  const sql = entitySql(ctx.dataSource, spec.entity);
  const list = prepare(await specForRequest(ctx, spec, args.where), args, [recordScope(ctx, spec), ...extraConditions]);
  const params = new SqlParams();
  const where = list.pageConditions(params).join(' AND ');
  const countParams = new SqlParams();
  const countWhere = list.conditions(countParams).join(' AND ');
  const db = await tenantDb(ctx);
  const rows = await queryRows<Row>(
    db,
    `SELECT ${selectList(sql, spec.alias, list.order)} FROM ${sql.table} ${spec.alias} WHERE ${where}
      ORDER BY ${orderBySql(list.order, list.plan.backward)} LIMIT ${list.plan.limit + 1}`,
    params.values,
  );
  return toConnection(rows, list.plan, list.order, async () => {
    const [row] = await queryRows<{ count: number }>(db, `SELECT count(*)::int AS count FROM ${sql.table} ${spec.alias} WHERE ${countWhere}`, countParams.values);
    return row.count;
  });
}

/** Builds `SELECT <alias>.id FROM … WHERE …` with its values bound in the given params. */
export type IdsQuery = (params: SqlParams) => string;

/**
 * The live records a `where:` matches within the caller's scope, checked exactly like a list's
 * `where:` (custom fields, personal fields by role), as a subquery to build into a statement.
 * Throws the list's errors (BAD_USER_INPUT here, FORBIDDEN when built for a personal field).
 */
export async function matchingIds<Row extends RecordRow>(ctx: RequestContext, spec: RecordSpec<Row>, where: object | null): Promise<IdsQuery> {
  const sql = entitySql(ctx.dataSource, spec.entity);
  const list = prepare(await specForRequest(ctx, spec, where), { where }, [recordScope(ctx, spec)]);
  return (params) => `SELECT ${spec.alias}.id FROM ${sql.table} ${spec.alias} WHERE ${list.conditions(params).join(' AND ')}`;
}

/**
 * The same page of children for many parents in ONE statement: a LATERAL top-N per parent,
 * served by an index on (parent column, sort keys).
 */
export async function listRecordsByParent<Row extends RecordRow>(
  db: QueryRunner,
  spec: RecordSpec<Row>,
  parentColumn: string,
  parentIds: readonly string[],
  args: ListArgs,
  countByParent: (parentId: string) => Promise<number>,
  scope: ScopeCondition,
): Promise<ConnectionValue<Row>[]> {
  const sql = entitySql(db.connection, spec.entity);
  const list = prepare(spec, args, [() => `${spec.alias}.${parentColumn} = parent.id`, scope]);
  const params = new SqlParams();
  const parents = params.add(parentIds);
  const where = list.pageConditions(params).join(' AND ');
  const rows = await queryRows<Row & { __parent: string }>(
    db,
    `SELECT parent.id AS "__parent", page.* FROM unnest(${parents}::uuid[]) AS parent(id)
       CROSS JOIN LATERAL (
         SELECT ${selectList(sql, spec.alias, list.order)} FROM ${sql.table} ${spec.alias} WHERE ${where}
          ORDER BY ${orderBySql(list.order, list.plan.backward)} LIMIT ${list.plan.limit + 1}
       ) page`,
    params.values,
  );
  const byParent = new Map<string, Row[]>();
  for (const { __parent, ...row } of rows) {
    const bucket = byParent.get(__parent) ?? [];
    bucket.push(row as unknown as Row);
    byParent.set(__parent, bucket);
  }
  return parentIds.map((id) => toConnection(byParent.get(id) ?? [], list.plan, list.order, () => countByParent(id)));
}

/** Counts of children per parent for the same filter, in one statement. */
export async function countRecordsByParent<Row extends RecordRow>(
  db: QueryRunner,
  spec: RecordSpec<Row>,
  parentColumn: string,
  parentIds: readonly string[],
  args: ListArgs,
  scope: ScopeCondition,
): Promise<number[]> {
  const sql = entitySql(db.connection, spec.entity);
  const list = prepare(spec, args, [(params) => `${spec.alias}.${parentColumn} = ANY(${params.add(parentIds)}::uuid[])`, scope]);
  const params = new SqlParams();
  const rows = await queryRows<{ parent: string; count: number }>(
    db,
    `SELECT ${spec.alias}.${parentColumn} AS parent, count(*)::int AS count FROM ${sql.table} ${spec.alias}
      WHERE ${list.conditions(params).join(' AND ')} GROUP BY 1`,
    params.values,
  );
  const counts = new Map(rows.map((r) => [r.parent, r.count]));
  return parentIds.map((id) => counts.get(id) ?? 0);
}

/** Rows by UUID in key order (null where missing, out of scope or soft-deleted, unless `includeDeleted`). */
export async function loadRecords<Row extends RecordRow>(
  db: QueryRunner,
  spec: RecordSpec<Row>,
  ids: readonly string[],
  options: { includeDeleted?: boolean; scope?: ScopeCondition } = {},
): Promise<(Row | null)[]> {
  const sql = entitySql(db.connection, spec.entity);
  const params = new SqlParams();
  const conditions = [`${spec.alias}.id = ANY(${params.add(ids)}::uuid[])`];
  if (!options.includeDeleted) conditions.push(`${spec.alias}.deleted_at IS NULL`);
  const scoped = options.scope?.(params);
  if (scoped) conditions.push(scoped);
  const rows = await queryRows<Row>(db, `SELECT ${sql.selectList(spec.alias)} FROM ${sql.table} ${spec.alias} WHERE ${conditions.join(' AND ')}`, params.values);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}
