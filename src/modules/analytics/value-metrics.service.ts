/**
 * Value metrics of accounts and the settings they are computed with: read per account (batched),
 * recomputed on request, and recomputed with new settings in the same transaction that changes them.
 */
import DataLoader from 'dataloader';
import { QueryRunner } from 'typeorm';
import { queryOne, queryRows } from '../../db/sql';
import { calendarDate } from '../../db/calendar-date';
import { UserErrorCode, failure, staleVersion, userError } from '../../graphql/user-errors';
import type { UserError } from '../../graphql/user-errors';
import { moneyAmount } from '../../graphql/values';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import type { AbcClass, LifecycleStage } from '../accounts';
import { recordAdminChange } from '../admin-audit';
import { salesSettings } from '../forecasts/workspace-currency';
import { runMutation } from '../records/mutation';
import { rebuildValueMetrics } from './value-metrics.compute';
import {
  AccountValueMetrics,
  AnalyticsSettings,
  RecomputeValueMetricsPayload,
  UpdateAnalyticsSettingsInput,
  UpdateAnalyticsSettingsPayload,
} from './value-metrics.types';

const SETTINGS_COLUMNS = `window_months AS "windowMonths", abc_a_share::float8 AS "abcAShare", abc_b_share::float8 AS "abcBShare",
  margin_rate::float8 AS "marginRate", retention_rate::float8 AS "retentionRate", discount_rate::float8 AS "discountRate",
  new_customer_days AS "newCustomerDays", loyal_purchase_count AS "loyalPurchaseCount", at_risk_after_days AS "atRiskAfterDays",
  lost_after_days AS "lostAfterDays", version, updated_at AS "updatedAt", metrics_computed_at AS "computedAt"`;

async function readSettings(db: QueryRunner, forUpdate = false): Promise<AnalyticsSettings> {
  return (await queryOne<AnalyticsSettings>(db, `SELECT ${SETTINGS_COLUMNS} FROM analytics_settings${forUpdate ? ' FOR UPDATE' : ''}`))!;
}

export async function getAnalyticsSettings(ctx: RequestContext): Promise<AnalyticsSettings> {
  return readSettings(await tenantDb(ctx));
}

type Rates = Pick<AnalyticsSettings, 'abcAShare' | 'abcBShare' | 'marginRate' | 'retentionRate' | 'discountRate' | 'atRiskAfterDays' | 'lostAfterDays'>;

/** The rules a combination of settings must follow; each broken one names its field. */
function invalidSettings(next: Rates): UserError[] {
  const errors: UserError[] = [];
  const check = (ok: boolean, field: keyof Rates, message: string, code = UserErrorCode.OUT_OF_RANGE) => {
    if (!ok) errors.push(userError(['input', field], message, code));
  };
  check(next.abcAShare > 0 && next.abcAShare < 1, 'abcAShare', 'abcAShare must be above 0 and below 1');
  check(next.abcBShare < 1, 'abcBShare', 'abcBShare must be below 1');
  check(next.abcBShare > next.abcAShare, 'abcBShare', 'abcBShare must be above abcAShare', UserErrorCode.INVALID);
  check(next.marginRate > 0 && next.marginRate <= 1, 'marginRate', 'marginRate must be above 0 and at most 1');
  check(next.retentionRate >= 0 && next.retentionRate < 1, 'retentionRate', 'retentionRate must be at least 0 and below 1');
  check(next.discountRate >= 0 && next.discountRate <= 1, 'discountRate', 'discountRate must be between 0 and 1');
  check(next.lostAfterDays > next.atRiskAfterDays, 'lostAfterDays', 'lostAfterDays must be more than atRiskAfterDays', UserErrorCode.INVALID);
  return errors;
}

/** Rates are kept to 4 decimals; rounding first makes the checks see what is stored. */
const rate = (value: number | null | undefined, current: number) => (value == null ? current : Math.round(value * 10_000) / 10_000);

export function updateAnalyticsSettings(ctx: RequestContext, input: UpdateAnalyticsSettingsInput): Promise<UpdateAnalyticsSettingsPayload> {
  return runMutation<UpdateAnalyticsSettingsPayload>(ctx, input, async (db) => {
    const before = await readSettings(db, true);
    const conflict = staleVersion('The analytics settings', input.expectedVersion, before.version);
    if (conflict) return failure(conflict);
    const next = {
      windowMonths: input.windowMonths ?? before.windowMonths,
      abcAShare: rate(input.abcAShare, before.abcAShare),
      abcBShare: rate(input.abcBShare, before.abcBShare),
      marginRate: rate(input.marginRate, before.marginRate),
      retentionRate: rate(input.retentionRate, before.retentionRate),
      discountRate: rate(input.discountRate, before.discountRate),
      newCustomerDays: input.newCustomerDays ?? before.newCustomerDays,
      loyalPurchaseCount: input.loyalPurchaseCount ?? before.loyalPurchaseCount,
      atRiskAfterDays: input.atRiskAfterDays ?? before.atRiskAfterDays,
      lostAfterDays: input.lostAfterDays ?? before.lostAfterDays,
    };
    const errors = invalidSettings(next);
    if (errors.length) return failure(...errors);
    await db.query(
      `UPDATE analytics_settings SET window_months = $1, abc_a_share = $2, abc_b_share = $3, margin_rate = $4, retention_rate = $5, discount_rate = $6,
              new_customer_days = $7, loyal_purchase_count = $8, at_risk_after_days = $9, lost_after_days = $10, version = version + 1, updated_at = now()`,
      [next.windowMonths, next.abcAShare, next.abcBShare, next.marginRate, next.retentionRate, next.discountRate, next.newCustomerDays, next.loyalPurchaseCount, next.atRiskAfterDays, next.lostAfterDays],
    );
    await rebuildValueMetrics(db, await salesSettings(ctx));
    const after = await readSettings(db);
    await recordAdminChange(ctx, db, { action: 'analytics_settings.update', targetType: 'AnalyticsSettings', before: withoutRunTime(before), after: withoutRunTime(after) });
    return { settings: after, userErrors: [] };
  });
}

/** The audit records what an admin changed, not when metrics happened to be computed. */
const withoutRunTime = ({ computedAt: _computedAt, ...settings }: AnalyticsSettings) => settings;

export function recomputeValueMetrics(ctx: RequestContext): Promise<RecomputeValueMetricsPayload> {
  return runMutation<RecomputeValueMetricsPayload>(ctx, {}, async (db) => ({ ...(await rebuildValueMetrics(db, await salesSettings(ctx))), userErrors: [] }));
}

interface MetricsRow {
  accountId: string;
  revenue: string;
  purchaseCount: number;
  firstPurchaseOn: Date | string | null;
  lastPurchaseOn: Date | string | null;
  lastActivityAt: Date | null;
  abcClass: AbcClass | null;
  recencyScore: number | null;
  frequencyScore: number | null;
  monetaryScore: number | null;
  lifetimeValue: string | null;
  lifecycleStage: LifecycleStage;
  computedAt: Date;
}

function toMetrics(row: MetricsRow, currency: string): AccountValueMetrics {
  const scores = [row.recencyScore, row.frequencyScore, row.monetaryScore];
  return {
    revenue: { amount: moneyAmount(row.revenue), currency },
    purchaseCount: row.purchaseCount,
    firstPurchaseOn: calendarDate(row.firstPurchaseOn),
    lastPurchaseOn: calendarDate(row.lastPurchaseOn),
    lastActivityAt: row.lastActivityAt,
    abcClass: row.abcClass,
    recencyScore: row.recencyScore,
    frequencyScore: row.frequencyScore,
    monetaryScore: row.monetaryScore,
    rfmScore: scores.every((s) => s !== null) ? scores.join('') : null,
    lifetimeValue: row.lifetimeValue === null ? null : { amount: moneyAmount(row.lifetimeValue), currency },
    lifecycleStage: row.lifecycleStage,
    computedAt: row.computedAt,
  };
}

/** Accounts' metrics by account UUID, batched per request; null until first computed. */
export const valueMetricsByAccount = (ctx: RequestContext): DataLoader<string, AccountValueMetrics | null> =>
  ctx.loaders.get(
    'analytics.valueMetricsByAccount',
    () =>
      new DataLoader(async (accountIds) => {
        const db = await tenantDb(ctx);
        const { currency } = await salesSettings(ctx);
        const rows = await queryRows<MetricsRow>(
          db,
          `SELECT account_id AS "accountId", revenue::text, purchase_count AS "purchaseCount", first_purchase_on AS "firstPurchaseOn", last_purchase_on AS "lastPurchaseOn",
                  last_activity_at AS "lastActivityAt", abc_class::text AS "abcClass", recency_score AS "recencyScore", frequency_score AS "frequencyScore",
                  monetary_score AS "monetaryScore", lifetime_value::text AS "lifetimeValue", lifecycle_stage AS "lifecycleStage", computed_at AS "computedAt"
             FROM account_metrics WHERE account_id = ANY($1::uuid[])`,
          [accountIds],
        );
        const byAccount = new Map(rows.map((row) => [row.accountId, toMetrics(row, currency)]));
        return accountIds.map((id) => byAccount.get(id) ?? null);
      }),
  );
