/**
 * Nested connections over tables without soft delete or owner (price book entries, line items):
 * the same page for many parents in ONE statement (a LATERAL top-N per parent), counts in one more.
 * `from`, `select`, `parent` and the order expressions are trusted SQL from code; values are bound.
 */
import DataLoader from 'dataloader';
import { SqlParams } from '../../db/sql-params';
import { queryRows } from '../../db/sql';
import { ConnectionValue, OrderTerm, PageArgs, keysetSql, orderBySql, planPage, toConnection } from '../../graphql/pagination';
import { RequestContext, tenantDb } from '../../tenancy/request-context';

export interface ChildSource<Row> {
  /** Loader namespace, e.g. "products.entries". */
  name: string;
  /** FROM clause; the child table's alias owns `parent`. */
  from: string;
  select: string;
  /** Column of the child naming its parent, e.g. "e.price_book_id". */
  parent: string;
  /** Total order; the last term is unique (the id). */
  order: OrderTerm<Row>[];
}

/** One page of children per parent, batched across the parents of the response (per distinct arguments). */
export function childPages<Row>(ctx: RequestContext, source: ChildSource<Row>, args: PageArgs): DataLoader<string, ConnectionValue<Row>> {
  const key = JSON.stringify({ first: args.first, after: args.after, last: args.last, before: args.before });
  return ctx.loaders.get(`${source.name}:${key}`, () =>
    new DataLoader(async (parentIds: readonly string[]) => {
      const plan = planPage(args, source.order as OrderTerm<unknown>[]);
      const params = new SqlParams();
      const parents = params.add(parentIds);
      const conditions = [`${source.parent} = parent.id`, ...(plan.cursor ? [keysetSql(source.order, plan.cursor, plan.backward, params)] : [])];
      const rows = await queryRows<Row & { __parent: string }>(
        await tenantDb(ctx),
        `SELECT parent.id AS "__parent", page.* FROM unnest(${parents}::uuid[]) AS parent(id)
           CROSS JOIN LATERAL (
             SELECT ${source.select} FROM ${source.from} WHERE ${conditions.join(' AND ')}
              ORDER BY ${orderBySql(source.order, plan.backward)} LIMIT ${plan.limit + 1}
           ) page`,
        params.values,
      );
      const byParent = new Map<string, Row[]>();
      for (const { __parent, ...row } of rows) byParent.set(__parent, [...(byParent.get(__parent) ?? []), row as unknown as Row]);
      return parentIds.map((id) => toConnection(byParent.get(id) ?? [], plan, source.order, () => childCounts(ctx, source).load(id)));
    }),
  );
}

/** Children per parent, for totalCount, in one statement for all parents. */
function childCounts<Row>(ctx: RequestContext, source: ChildSource<Row>): DataLoader<string, number> {
  return ctx.loaders.get(`${source.name}:count`, () =>
    new DataLoader(async (parentIds: readonly string[]) => {
      const rows = await queryRows<{ parent: string; count: number }>(
        await tenantDb(ctx),
        `SELECT ${source.parent} AS parent, count(*)::int AS count FROM ${source.from} WHERE ${source.parent} = ANY($1::uuid[]) GROUP BY 1`,
        [parentIds],
      );
      const counts = new Map(rows.map((r) => [r.parent, r.count]));
      return parentIds.map((id) => counts.get(id) ?? 0);
    }),
  );
}
