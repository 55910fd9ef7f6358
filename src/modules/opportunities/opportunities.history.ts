/**
 * `Opportunity.stageHistory`: oldest first, keyset-paginated on (at, id), the pages of every
 * opportunity of a response in one statement. Entries are visible with their opportunity.
 */
import DataLoader from 'dataloader';
import { entitySql } from '../../db/entity-sql';
import { SqlParams } from '../../db/sql-params';
import { queryRows } from '../../db/sql';
import { ConnectionValue, OrderTerm, PageArgs, keysetSql, orderBySql, planPage, toConnection } from '../../graphql/pagination';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { OpportunityStageHistoryEntity } from './opportunities.entity';

const ORDER: OrderTerm<OpportunityStageHistoryEntity>[] = [
  { key: { name: 'at', expression: 'h.at', nullable: false, sqlType: 'timestamptz', value: (r) => r.at }, direction: 'ASC' },
  { key: { name: 'id', expression: 'h.id', nullable: false, sqlType: 'uuid', value: (r) => r.id }, direction: 'ASC' },
];

export function stageHistoryByOpportunity(ctx: RequestContext, args: PageArgs): DataLoader<string, ConnectionValue<OpportunityStageHistoryEntity>> {
  const plan = planPage(args, ORDER as OrderTerm<unknown>[]);
  return ctx.loaders.get(`opportunities.stageHistory:${JSON.stringify(args)}`, () =>
    new DataLoader(async (opportunityIds) => {
      const db = await tenantDb(ctx);
      const params = new SqlParams();
      const parents = params.add(opportunityIds);
      const conditions = ['h.opportunity_id = parent.id', ...(plan.cursor ? [keysetSql(ORDER, plan.cursor, plan.backward, params)] : [])];
      const rows = await queryRows<OpportunityStageHistoryEntity & { __parent: string }>(
        db,
        `SELECT parent.id AS "__parent", page.* FROM unnest(${parents}::uuid[]) AS parent(id)
           CROSS JOIN LATERAL (
             SELECT ${entitySql(db.connection, OpportunityStageHistoryEntity).selectList('h')} FROM opportunity_stage_history h
              WHERE ${conditions.join(' AND ')} ORDER BY ${orderBySql(ORDER, plan.backward)} LIMIT ${plan.limit + 1}
           ) page`,
        params.values,
      );
      const byParent = new Map<string, OpportunityStageHistoryEntity[]>();
      for (const { __parent, ...row } of rows) byParent.set(__parent, [...(byParent.get(__parent) ?? []), row]);
      return opportunityIds.map((id) => toConnection(byParent.get(id) ?? [], plan, ORDER, () => historyCount(ctx).load(id)));
    }),
  );
}

function historyCount(ctx: RequestContext): DataLoader<string, number> {
  return ctx.loaders.get('opportunities.stageHistoryCount', () =>
    new DataLoader(async (ids) => {
      const rows = await queryRows<{ id: string; count: number }>(
        await tenantDb(ctx),
        'SELECT opportunity_id AS id, count(*)::int AS count FROM opportunity_stage_history WHERE opportunity_id = ANY($1::uuid[]) GROUP BY 1',
        [ids],
      );
      const counts = new Map(rows.map((r) => [r.id, r.count]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
  );
}
