/**
 * Value metrics of every account, rebuilt as a whole in SQL: purchases (won opportunities and
 * activated contracts not made from one) are converted into the workspace currency and added up
 * per account, then ranked with window functions for the ABC class and the RFM scores, and turned
 * into a lifetime value and a lifecycle stage with the workspace's analytics settings. Rules as
 * documented on AccountValueMetrics (value-metrics.types.ts).
 */
import { QueryRunner } from 'typeorm';
import { queryOne } from '../../db/sql';

export interface MetricsBasis {
  /** The workspace currency revenue is converted into. */
  currency: string;
  /** The workspace's time zone: "today" and the day of each purchase are local days there. */
  timeZone: string;
}

export interface MetricsRun {
  accountCount: number;
  computedAt: Date;
}

// $1 = workspace currency, $2 = time zone.
const localDay = (timestamp: string) => `(${timestamp} AT TIME ZONE $2::text)::date`;

const PURCHASES = `
  SELECT o.account_id, least(o.close_date, ${localDay('o.closed_at')}) AS day, o.currency::text AS currency, coalesce(o.amount, 0) AS amount
    FROM opportunities o
   WHERE o.status = 'WON' AND o.deleted_at IS NULL
  UNION ALL
  -- A contract made from an opportunity is that opportunity's purchase, counted there.
  SELECT k.account_id, least(k.start_date, ${localDay('k.activated_at')}), k.currency::text, k.value
    FROM contracts k
   WHERE k.activated_at IS NOT NULL AND k.opportunity_id IS NULL AND k.deleted_at IS NULL`;

// Tasks count once done; every other activity once it has taken place.
const LAST_ACTIVITY = `
  SELECT coalesce(x.account_id, c.account_id, o.account_id) AS account_id, max(x.occurred_at) AS last_activity_at
    FROM activities x
    LEFT JOIN contacts c ON c.id = x.contact_id
    LEFT JOIN opportunities o ON o.id = x.opportunity_id
   WHERE x.deleted_at IS NULL AND x.occurred_at <= now() AND (x.kind <> 'TASK' OR x.completed_at IS NOT NULL)
   GROUP BY 1`;

const REBUILD = `
  WITH settings AS (
    SELECT s.*, ${localDay('now()')} AS today FROM analytics_settings s
  ), per_account AS (
    SELECT p.account_id,
           -- An unconvertible amount is NULL here: a purchase all the same, but no revenue.
           coalesce(sum(p.amount * CASE WHEN p.currency = $1::text THEN 1 ELSE r.rate END) FILTER (WHERE p.day > s.today - make_interval(months => s.window_months)), 0) AS revenue,
           count(*) FILTER (WHERE p.day > s.today - make_interval(months => s.window_months)) AS purchase_count,
           min(p.day) AS first_purchase_on,
           max(p.day) AS last_purchase_on
      FROM (${PURCHASES}) p
      JOIN accounts a ON a.id = p.account_id AND a.deleted_at IS NULL
      CROSS JOIN settings s
      LEFT JOIN currency_rates r ON r.currency = p.currency
     GROUP BY p.account_id
  ), abc AS (
    -- The share of the accounts ranked above (equal revenues excluded: they share a class).
    SELECT m.account_id,
           CASE WHEN coalesce(sum(m.revenue) OVER above, 0) < s.abc_a_share * sum(m.revenue) OVER () THEN 'A'
                WHEN coalesce(sum(m.revenue) OVER above, 0) < s.abc_b_share * sum(m.revenue) OVER () THEN 'B'
                ELSE 'C' END AS abc_class
      FROM per_account m CROSS JOIN settings s
     WHERE m.revenue > 0
    WINDOW above AS (ORDER BY m.revenue DESC RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE GROUP)
  ), rfm AS (
    -- Quintiles of the ascending rank (ties share the lower rank), in integer arithmetic.
    SELECT m.account_id,
           1 + 5 * (rank() OVER (ORDER BY m.last_purchase_on) - 1) / count(*) OVER () AS recency_score,
           1 + 5 * (rank() OVER (ORDER BY m.purchase_count) - 1) / count(*) OVER () AS frequency_score,
           1 + 5 * (rank() OVER (ORDER BY m.revenue) - 1) / count(*) OVER () AS monetary_score
      FROM per_account m
     WHERE m.purchase_count > 0
  )
  INSERT INTO account_metrics (account_id, revenue, purchase_count, first_purchase_on, last_purchase_on, last_activity_at,
                               abc_class, recency_score, frequency_score, monetary_score, lifetime_value, lifecycle_stage, computed_at)
  SELECT a.id, coalesce(m.revenue, 0), coalesce(m.purchase_count, 0), m.first_purchase_on, m.last_purchase_on, act.last_activity_at,
         abc.abc_class, rfm.recency_score, rfm.frequency_score, rfm.monetary_score,
         CASE WHEN m.revenue > 0
              THEN round(m.revenue * 12 / s.window_months * s.margin_rate * s.retention_rate / (1 + s.discount_rate - s.retention_rate), 2) END,
         CASE WHEN m.last_purchase_on IS NULL THEN 'PROSPECT'
              WHEN s.today - m.first_purchase_on < s.new_customer_days THEN 'NEW_CUSTOMER'
              WHEN s.today - m.last_purchase_on < s.at_risk_after_days AND m.purchase_count >= s.loyal_purchase_count THEN 'LOYAL'
              WHEN s.today - m.last_purchase_on < s.at_risk_after_days THEN 'ACTIVE'
              WHEN s.today - greatest(m.last_purchase_on, ${localDay('act.last_activity_at')}) < s.lost_after_days THEN 'AT_RISK'
              ELSE 'LOST' END,
         now()
    FROM accounts a
    CROSS JOIN settings s
    LEFT JOIN per_account m ON m.account_id = a.id
    LEFT JOIN (${LAST_ACTIVITY}) act ON act.account_id = a.id
    LEFT JOIN abc ON abc.account_id = a.id
    LEFT JOIN rfm ON rfm.account_id = a.id
   WHERE a.deleted_at IS NULL`;

/**
 * Replaces every account's metrics in the caller's transaction. Concurrent rebuilds queue on the
 * settings row, always locked first (as a settings change does), so each one replaces the whole
 * set; readers are not blocked.
 */
export async function rebuildValueMetrics(db: QueryRunner, basis: MetricsBasis): Promise<MetricsRun> {
  await db.query('UPDATE analytics_settings SET metrics_computed_at = now()');
  await db.query('DELETE FROM account_metrics');
  const run = await queryOne<MetricsRun>(
    db,
    `WITH rebuilt AS (${REBUILD} RETURNING 1) SELECT count(*)::int AS "accountCount", now()::timestamptz(3) AS "computedAt" FROM rebuilt`,
    [basis.currency, basis.timeZone],
  );
  return run!;
}
