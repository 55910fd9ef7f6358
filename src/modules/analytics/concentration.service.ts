/**
 * Revenue concentration (Pareto) in one statement: revenue per account ranked by window functions,
 * and only the rows that become curve points leave the database (at most 100 whatever the number
 * of customers).
 */
import { SqlParams } from '../../db/sql-params';
import { queryRows } from '../../db/sql';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { money } from '../forecasts/forecasts.sql';
import { salesSettings } from '../forecasts/workspace-currency';
import { recordScope } from '../records/record-scope';
import { opportunitySpec } from '../opportunities/opportunities.spec';
import type { ParetoPoint, RevenueConcentration } from './concentration.types';
import { InsightsPeriodInput, checkPeriod } from './insights.period';

interface PointRow {
  rank: number;
  customers: number;
  total: string;
  customerShare: number;
  revenueShare: number;
  isTopFifth: boolean;
  unconverted: number;
}

export async function revenueConcentration(ctx: RequestContext, period: InsightsPeriodInput): Promise<RevenueConcentration> {
  checkPeriod(period);
  const { currency, timeZone } = await salesSettings(ctx);
  const params = new SqlParams();
  const base = `${params.add(currency)}::text`;
  // The same day rule as forecasts: the close date, or the local day the opportunity was closed.
  const closeDay = `coalesce(o.close_date, (o.closed_at AT TIME ZONE ${params.add(timeZone)}::text)::date)`;
  const conditions = [`o.deleted_at IS NULL`, `o.status = 'WON'`, `${closeDay} BETWEEN ${params.add(period.from)}::date AND ${params.add(period.to)}::date`];
  const scope = recordScope(ctx, opportunitySpec)(params);
  if (scope) conditions.push(scope);
  const rows = await queryRows<PointRow>(
    await tenantDb(ctx),
    `WITH won AS (
       SELECT o.account_id, o.currency::text <> ${base} AND r.rate IS NULL AS unconverted,
              coalesce(o.amount, 0) * CASE WHEN o.currency::text = ${base} THEN 1 ELSE r.rate END AS value
       FROM opportunities o LEFT JOIN currency_rates r ON r.currency = o.currency
       WHERE ${conditions.join(' AND ')}
     ), per_account AS (
       SELECT account_id, sum(value) AS revenue FROM won WHERE NOT unconverted GROUP BY account_id
     ), ranked AS (
       SELECT row_number() OVER w AS rank, count(*) OVER () AS n, sum(revenue) OVER () AS total,
              sum(revenue) OVER (w ROWS UNBOUNDED PRECEDING) AS cumulative
       FROM per_account WINDOW w AS (ORDER BY revenue DESC, account_id)
     )
     SELECT rank::int, n::int AS customers, ${money('total')} AS total,
            round(rank::numeric / n, 6)::float8 AS "customerShare",
            -- Zero revenue in all: spread evenly, so the curve still ends at (1, 1).
            coalesce(round(cumulative / nullif(total, 0), 6), round(rank::numeric / n, 6))::float8 AS "revenueShare",
            rank = ceil(0.2 * n) AS "isTopFifth",
            (SELECT count(*)::int FROM won WHERE unconverted) AS unconverted
     FROM ranked
     WHERE n <= 100 OR rank IN (SELECT ceil(p * n / 100.0) FROM generate_series(1, 100) AS p)
     UNION ALL
     -- Keeps the count of unconverted opportunities when there is no customer.
     SELECT 0, 0, '0', 0, 0, false, (SELECT count(*)::int FROM won WHERE unconverted) WHERE NOT EXISTS (SELECT 1 FROM per_account)
     ORDER BY 1`,
    params.values,
  );
  const points = rows.filter((r) => r.rank > 0);
  const curve: ParetoPoint[] = points.length ? [{ customerShare: 0, revenueShare: 0, customersCounted: 0 }] : [];
  curve.push(...points.map((r) => ({ customerShare: r.customerShare, revenueShare: r.revenueShare, customersCounted: r.rank })));
  return {
    from: period.from,
    to: period.to,
    currency,
    totalRevenue: { amount: points[0]?.total ?? '0', currency },
    customerCount: points[0]?.customers ?? 0,
    topFifthShare: points.find((r) => r.isTopFifth)?.revenueShare ?? null,
    curve,
    unconvertedOpportunities: rows[0]?.unconverted ?? 0,
  };
}
