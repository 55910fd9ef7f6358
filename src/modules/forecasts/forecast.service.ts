/**
 * Forecasts: opportunities expected to close in a period, grouped by owner, territory or stage,
 * summed per forecast category in one statement (grouping sets give the rows and the totals).
 */
import { SqlParams } from '../../db/sql-params';
import { queryRows } from '../../db/sql';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { resolvePeriod } from './forecast-period';
import { byConversion, countedOpportunities, money } from './forecasts.sql';
import { Forecast, ForecastFilter, ForecastGroupBy, ForecastPeriodInput, ForecastRow, ForecastTotals } from './forecasts.types';
import { salesSettings } from './workspace-currency';

/** Per grouping: the key column and how its rows are ordered (constants, never client text). */
const GROUPINGS: Record<ForecastGroupBy, { column: string; join: string; order: string; key: 'ownerUuid' | 'territoryUuid' | 'stageUuid' }> = {
  [ForecastGroupBy.OWNER]: { column: 'owner_id', join: 'LEFT JOIN users k ON k.id = g.key', order: 'k.name', key: 'ownerUuid' },
  [ForecastGroupBy.TERRITORY]: { column: 'territory_id', join: 'LEFT JOIN territories k ON k.id = g.key', order: 'k.name', key: 'territoryUuid' },
  [ForecastGroupBy.STAGE]: { column: 'stage_id', join: 'LEFT JOIN pipeline_stages k ON k.id = g.key', order: 'k.position', key: 'stageUuid' },
};

const OPEN = `status = 'OPEN'`;
// An open opportunity in category CLOSED (a won stage's category, set by hand) is as good as committed.
const COMMIT = `${OPEN} AND forecast_category IN ('COMMIT', 'CLOSED')`;
const AMOUNTS = {
  closedWon: `status = 'WON'`,
  commit: COMMIT,
  bestCase: `${OPEN} AND forecast_category IN ('COMMIT', 'CLOSED', 'BEST_CASE')`,
  pipeline: `${OPEN} AND forecast_category <> 'OMITTED'`,
  omitted: `${OPEN} AND forecast_category = 'OMITTED'`,
} as const;
type AmountName = keyof typeof AMOUNTS;
const NAMES = Object.keys(AMOUNTS) as AmountName[];

type SumRow = { key: string | null; isTotal: boolean; unconverted: string | null; count: number } & Record<AmountName, string>;

function amountsOf(rows: SumRow[], currency: string): ForecastTotals {
  const { converted, unconverted, unconvertedCount, count } = byConversion(rows);
  const amounts = (row: SumRow | undefined, cur: string) => Object.fromEntries(NAMES.map((n) => [n, { amount: row?.[n] ?? '0', currency: cur }])) as Pick<ForecastTotals, AmountName>;
  return {
    ...amounts(converted, currency),
    count,
    unconvertedCount,
    unconverted: unconverted.map((r) => ({ currency: r.unconverted, count: r.count, ...amounts(r, r.unconverted) })),
  };
}

export async function forecast(ctx: RequestContext, periodInput: ForecastPeriodInput, groupBy: ForecastGroupBy, where: ForecastFilter | null | undefined): Promise<Forecast> {
  const settings = await salesSettings(ctx);
  const { currency } = settings;
  const period = resolvePeriod(periodInput, settings.fiscalYearStartMonth);
  const grouping = GROUPINGS[groupBy];
  const params = new SqlParams();
  // Lost opportunities are in no forecast amount.
  const counted = countedOpportunities(ctx, params, settings, { ownerId: where?.ownerId, closeDateFrom: period.from, closeDateTo: period.to, conditions: [`o.status <> 'LOST'`] });
  const sums = NAMES.map((n) => `${money(`sum(value) FILTER (WHERE ${AMOUNTS[n]})`)} AS "${n}"`).join(', ');
  const rows = await queryRows<SumRow>(
    await tenantDb(ctx),
    `WITH ${counted},
     grouped AS (
       SELECT ${grouping.column} AS key, GROUPING(${grouping.column}) = 1 AS "isTotal", unconverted, count(*)::int AS count, ${sums}
       FROM counted GROUP BY GROUPING SETS ((${grouping.column}, unconverted), (unconverted))
     )
     SELECT g.* FROM grouped g ${grouping.join}
     ORDER BY ${grouping.order} NULLS LAST, g.key NULLS LAST, g.unconverted NULLS FIRST`,
    params.values,
  );
  const groups = rows.filter((r) => !r.isTotal);
  // The rows arrive in display order; a key's rows are adjacent.
  const keys = [...new Set(groups.map((r) => r.key))];
  const forecastRows: ForecastRow[] = keys.map((key) => ({ ...amountsOf(groups.filter((r) => r.key === key), currency), [grouping.key]: key }));
  return { ...period, groupBy, currency, rows: forecastRows, total: amountsOf(rows.filter((r) => r.isTotal), currency) };
}
