/**
 * The sales funnel in two statements whatever the number of records: one for the counts of leads
 * and opportunities, one for the time spent per stage (from opportunity_stage_history).
 */
import { SqlParams } from '../../db/sql-params';
import { queryOne, queryRows } from '../../db/sql';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { salesSettings } from '../forecasts/workspace-currency';
import { leadSpec } from '../leads/leads.spec';
import { opportunitySpec } from '../opportunities/opportunities.spec';
import { recordScope } from '../records/record-scope';
import type { SalesFunnel, StageDuration } from './funnel.types';
import { InsightsPeriodInput, checkPeriod, dayWithin, ratio } from './insights.period';

type Counts = Omit<SalesFunnel, 'from' | 'to' | 'stageDurations'>;

const DAYS = (interval: string) => `extract(epoch FROM ${interval}) / 86400`;

/** Opportunities of the cohort (alias `o`): created in the period, in scope, not in the recycle bin. */
function cohort(ctx: RequestContext, params: SqlParams, timeZone: string, period: InsightsPeriodInput): string {
  const conditions = ['o.deleted_at IS NULL', dayWithin(params, timeZone, 'o.created_at', period)];
  const scope = recordScope(ctx, opportunitySpec)(params);
  if (scope) conditions.push(scope);
  return `SELECT o.id, o.status, o.created_at, o.closed_at FROM opportunities o WHERE ${conditions.join(' AND ')}`;
}

export async function salesFunnel(ctx: RequestContext, period: InsightsPeriodInput): Promise<SalesFunnel> {
  checkPeriod(period);
  const { timeZone } = await salesSettings(ctx);
  const db = await tenantDb(ctx);

  const params = new SqlParams();
  const leadConditions = ['l.deleted_at IS NULL', dayWithin(params, timeZone, 'l.created_at', period)];
  const leadScope = recordScope(ctx, leadSpec)(params);
  if (leadScope) leadConditions.push(leadScope);
  const counts = (await queryOne<Counts>(
    db,
    `WITH l AS (
       SELECT count(*)::int AS created, count(*) FILTER (WHERE l.status = 'CONVERTED')::int AS converted,
              count(*) FILTER (WHERE l.converted_opportunity_id IS NOT NULL)::int AS to_opportunity
       FROM leads l WHERE ${leadConditions.join(' AND ')}
     ), o AS (
       SELECT count(*)::int AS created, count(*) FILTER (WHERE status = 'WON')::int AS won, count(*) FILTER (WHERE status = 'LOST')::int AS lost,
              round((avg(${DAYS('closed_at - created_at')}) FILTER (WHERE status = 'WON'))::numeric, 2)::float8 AS cycle
       FROM (${cohort(ctx, params, timeZone, period)}) o
     )
     SELECT l.created AS "leadsCreated", l.converted AS "leadsConverted", l.to_opportunity AS "leadsConvertedToOpportunity",
            ${ratio('l.to_opportunity', 'l.created')} AS "leadToOpportunityRate",
            o.created AS "opportunitiesCreated", o.won AS "opportunitiesWon", o.lost AS "opportunitiesLost",
            ${ratio('o.won', 'o.created')} AS "opportunityToWonRate", ${ratio('o.won', 'o.won + o.lost')} AS "winRate",
            o.cycle AS "averageSalesCycleDays"
     FROM l, o`,
    params.values,
  ))!;

  const stageParams = new SqlParams();
  // Each history row starts a stay in its to-stage; the next row of the same opportunity ends it.
  const durations = await queryRows<StageDuration>(
    db,
    `WITH stays AS (
       SELECT h.opportunity_id, h.to_stage_id, h.at, lead(h.at) OVER (PARTITION BY h.opportunity_id ORDER BY h.at, h.id) AS left_at
       FROM opportunity_stage_history h WHERE h.opportunity_id IN (SELECT id FROM (${cohort(ctx, stageParams, timeZone, period)}) o)
     )
     SELECT s.id AS "stageUuid", round(avg(${DAYS('st.left_at - st.at')})::numeric, 2)::float8 AS "averageDays",
            count(DISTINCT st.opportunity_id)::int AS opportunities
     FROM stays st JOIN pipeline_stages s ON s.id = st.to_stage_id
     WHERE st.left_at IS NOT NULL
     GROUP BY s.id, s.position ORDER BY s.position, s.id`,
    stageParams.values,
  );
  return { from: period.from, to: period.to, ...counts, stageDurations: durations };
}
