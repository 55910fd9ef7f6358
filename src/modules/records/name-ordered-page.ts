import { SqlParams } from '../../db/sql-params';
import { queryRows } from '../../db/sql';
import { ConnectionValue, OrderTerm, PageArgs, keysetSql, orderBySql, planPage, toConnection } from '../../graphql/pagination';
import { RequestContext, tenantDb } from '../../tenancy/request-context';

export interface NamedRow {
  id: string;
  name: string;
}

/**
 * A page of a configuration table ordered by name (then id), keyset-paginated like every list.
 * `table`, `alias`, `selectList` and `conditions` are trusted SQL from code; values are bound.
 */
export async function nameOrderedPage<Row extends NamedRow>(
  ctx: RequestContext,
  source: { table: string; alias: string; selectList: string },
  args: PageArgs,
  conditions: (params: SqlParams) => string[] = () => [],
): Promise<ConnectionValue<Row>> {
  const { table, alias, selectList } = source;
  const order: OrderTerm<Row>[] = [
    { key: { name: 'name', expression: `${alias}.name`, nullable: false, sqlType: 'text', value: (r) => r.name }, direction: 'ASC' },
    { key: { name: 'id', expression: `${alias}.id`, nullable: false, sqlType: 'uuid', value: (r) => r.id }, direction: 'ASC' },
  ];
  const plan = planPage(args, order as OrderTerm<unknown>[]);
  const params = new SqlParams();
  const where = [...conditions(params), ...(plan.cursor ? [keysetSql(order, plan.cursor, plan.backward, params)] : [])];
  const countParams = new SqlParams();
  const countWhere = conditions(countParams);
  const whereSql = (parts: string[]) => (parts.length ? `WHERE ${parts.join(' AND ')}` : '');
  const db = await tenantDb(ctx);
  const rows = await queryRows<Row>(
    db,
    `SELECT ${selectList} FROM ${table} ${alias} ${whereSql(where)} ORDER BY ${orderBySql(order, plan.backward)} LIMIT ${plan.limit + 1}`,
    params.values,
  );
  return toConnection(rows, plan, order, async () => {
    const [row] = await queryRows<{ count: number }>(db, `SELECT count(*)::int AS count FROM ${table} ${alias} ${whereSql(countWhere)}`, countParams.values);
    return row.count;
  });
}
