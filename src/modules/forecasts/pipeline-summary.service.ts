/**
 * The open pipeline per stage: two statements whatever the number of opportunities (the open
 * stages, and one aggregate whose grouping sets give the per-stage rows and the totals).
 */
import { entitySql } from '../../db/entity-sql';
import { SqlParams } from '../../db/sql-params';
import { queryRows } from '../../db/sql';
import { badInput } from '../../graphql/errors';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { PipelineStageEntity } from '../configuration';
import { byConversion, countedOpportunities, money } from './forecasts.sql';
import type { PipelineSummary, PipelineSummaryFilter, PipelineTotals } from './forecasts.types';
import { salesSettings } from './workspace-currency';

interface SumRow {
  stageId: string | null;
  isTotal: boolean;
  unconverted: string | null;
  count: number;
  amount: string;
  weightedAmount: string;
}

function amountsOf(rows: SumRow[], currency: string): PipelineTotals {
  const { converted, unconverted, unconvertedCount, count } = byConversion(rows);
  const amounts = (row: SumRow | undefined, cur: string) => ({ amount: { amount: row?.amount ?? '0', currency: cur }, weightedAmount: { amount: row?.weightedAmount ?? '0', currency: cur } });
  return {
    ...amounts(converted, currency),
    count,
    unconvertedCount,
    unconverted: unconverted.map((r) => ({ currency: r.unconverted, count: r.count, ...amounts(r, r.unconverted) })),
  };
}

export async function pipelineSummary(ctx: RequestContext, where: PipelineSummaryFilter | null | undefined): Promise<PipelineSummary> {
  const filter = where ?? {};
  if (filter.closeDateFrom != null && filter.closeDateTo != null && filter.closeDateFrom > filter.closeDateTo) {
    throw badInput(`closeDateFrom (${filter.closeDateFrom}) is after closeDateTo (${filter.closeDateTo})`, { argument: 'where.closeDateFrom' });
  }
  const settings = await salesSettings(ctx);
  const { currency } = settings;
  const db = await tenantDb(ctx);
  const params = new SqlParams();
  // Open opportunities in open stages only: the stage rows and the totals then always agree.
  const counted = countedOpportunities(ctx, params, settings, {
    ...filter,
    conditions: [`o.status = 'OPEN'`, 'o.stage_id IN (SELECT id FROM pipeline_stages WHERE NOT is_won AND NOT is_lost)'],
  });
  const rows = await queryRows<SumRow>(
    db,
    `WITH ${counted}
     SELECT stage_id AS "stageId", GROUPING(stage_id) = 1 AS "isTotal", unconverted, count(*)::int AS count,
            ${money('sum(value)')} AS amount, ${money('sum(value * probability * 0.01)')} AS "weightedAmount"
     FROM counted GROUP BY GROUPING SETS ((stage_id, unconverted), (unconverted))
     ORDER BY unconverted NULLS FIRST`,
    params.values,
  );
  const stages = await queryRows<PipelineStageEntity>(
    db,
    `SELECT ${entitySql(db.connection, PipelineStageEntity).selectList('s')} FROM pipeline_stages s WHERE NOT s.is_won AND NOT s.is_lost ORDER BY s.position, s.id`,
  );
  return {
    currency,
    stages: stages.map((stage) => ({ stage, ...amountsOf(rows.filter((r) => !r.isTotal && r.stageId === stage.id), currency) })),
    total: amountsOf(rows.filter((r) => r.isTotal), currency),
  };
}
