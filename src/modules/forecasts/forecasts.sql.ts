/**
 * The opportunities that pipeline summaries and forecasts add up, as a common table expression:
 * not in the recycle bin, within the caller's record scope on Opportunity, each with its amount
 * converted into the workspace currency, or left in its own currency (and marked `unconverted`)
 * when that currency has no exchange rate. All arithmetic stays numeric in SQL.
 */
import { SqlParams } from '../../db/sql-params';
import { requireUuid } from '../../graphql/global-id';
import { RequestContext } from '../../tenancy/request-context';
import { recordScope } from '../records/record-scope';
import type { SalesSettings } from './workspace-currency';

export interface OpportunityFilter {
  ownerId?: string | null;
  /** Inclusive bounds ("YYYY-MM-DD") of the close date, or for closed opportunities without one, the day they were closed. */
  closeDateFrom?: string | null;
  closeDateTo?: string | null;
  /** Extra conditions over alias `o`, built from constants only. */
  conditions?: string[];
}

/** `counted AS (…)` with stage_id, owner_id, territory_id, status, forecast_category, probability, `value` and `unconverted` (currency or null). */
export function countedOpportunities(ctx: RequestContext, params: SqlParams, settings: Omit<SalesSettings, 'fiscalYearStartMonth'>, filter: OpportunityFilter): string {
  const conditions = ['o.deleted_at IS NULL', ...(filter.conditions ?? [])];
  // A closed opportunity without a close date closed on the day it was closed (in the workspace's zone).
  let zone: string | undefined;
  const closeDate = () => `coalesce(o.close_date, (o.closed_at AT TIME ZONE ${(zone ??= params.add(settings.timeZone))}::text)::date)`;
  const scope = recordScope(ctx, { typeName: 'Opportunity', alias: 'o', ownerColumn: 'owner_id' })(params);
  if (scope) conditions.push(scope);
  if (filter.ownerId != null) conditions.push(`o.owner_id = ${params.add(requireUuid(filter.ownerId, 'User', 'ownerId'))}::uuid`);
  if (filter.closeDateFrom != null) conditions.push(`${closeDate()} >= ${params.add(filter.closeDateFrom)}::date`);
  if (filter.closeDateTo != null) conditions.push(`${closeDate()} <= ${params.add(filter.closeDateTo)}::date`);
  const base = `${params.add(settings.currency)}::text`;
  return `counted AS (
    SELECT o.stage_id, o.owner_id, o.territory_id, o.status, o.forecast_category, o.probability,
           CASE WHEN o.currency::text <> ${base} AND r.rate IS NULL THEN o.currency::text END AS unconverted,
           coalesce(o.amount, 0) * CASE WHEN o.currency::text = ${base} THEN 1 ELSE coalesce(r.rate, 1) END AS value
    FROM opportunities o LEFT JOIN currency_rates r ON r.currency = o.currency
    WHERE ${conditions.join(' AND ')}
  )`;
}

/** A sum as an exact decimal string: rounded once, at the end, to the 6 decimals money is stored with. */
export const money = (sum: string) => `trim_scale(round(coalesce(${sum}, 0), 6))::text`;

/** Rows of one group: the one with the converted sums (if any), those per currency without a rate, and their counts. */
export function byConversion<R extends { unconverted: string | null; count: number }>(rows: R[]) {
  const converted = rows.find((r) => r.unconverted === null);
  const unconverted = rows.filter((r): r is R & { unconverted: string } => r.unconverted !== null);
  const unconvertedCount = unconverted.reduce((n, r) => n + r.count, 0);
  return { converted, unconverted, unconvertedCount, count: (converted?.count ?? 0) + unconvertedCount };
}
