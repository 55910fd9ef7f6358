/** Plans are data: code, seat and record limits, daily API budget, rate limit, feature flags. */
import { Queryable, queryOne, queryRows } from '../db/sql';

export interface PlanRecord {
  code: string;
  name: string;
  seatLimit: number;
  recordLimit: number;
  apiBudgetPerDay: number | null;
  features: string[];
  /** Token bucket of the workspace's API calls, in cost points: most spent at once… */
  rateLimitBucketSize: number;
  /** …and points restored per second. */
  rateLimitRefillPerSecond: number;
}

/** The bucket a new plan gets when none is given (the column defaults of control.plans). */
export const DEFAULT_RATE_LIMIT = { bucketSize: 2000, refillPerSecond: 100 } as const;

export const PLAN_COLUMNS = `code, name, seat_limit AS "seatLimit", record_limit AS "recordLimit",
  api_budget_per_day AS "apiBudgetPerDay", features, rate_limit_bucket_size AS "rateLimitBucketSize",
  rate_limit_refill_per_second AS "rateLimitRefillPerSecond"`;

export const listPlans = (db: Queryable): Promise<PlanRecord[]> => queryRows(db, `SELECT ${PLAN_COLUMNS} FROM control.plans ORDER BY seat_limit, code`);

export const findPlan = (db: Queryable, code: string): Promise<PlanRecord | null> =>
  queryOne(db, `SELECT ${PLAN_COLUMNS} FROM control.plans WHERE code = $1`, [code]);

/** What upsertPlan takes: the rate limit may be left out (a new plan gets the default, an existing one keeps its own). */
export type PlanInput = Omit<PlanRecord, 'rateLimitBucketSize' | 'rateLimitRefillPerSecond'> &
  Partial<Pick<PlanRecord, 'rateLimitBucketSize' | 'rateLimitRefillPerSecond'>>;

/** Creates or replaces a plan (platform operators). */
export async function upsertPlan(db: Queryable, plan: PlanInput): Promise<PlanRecord> {
  return (await queryOne<PlanRecord>(
    db,
    `INSERT INTO control.plans AS p (code, name, seat_limit, record_limit, api_budget_per_day, features, rate_limit_bucket_size, rate_limit_refill_per_second)
     VALUES ($1, $2, $3, $4, $5, $6, coalesce($7::int, $9::int), coalesce($8::int, $10::int))
     ON CONFLICT (code) DO UPDATE SET name = $2, seat_limit = $3, record_limit = $4, api_budget_per_day = $5, features = $6,
       rate_limit_bucket_size = coalesce($7::int, p.rate_limit_bucket_size), rate_limit_refill_per_second = coalesce($8::int, p.rate_limit_refill_per_second),
       updated_at = now()
     RETURNING ${PLAN_COLUMNS}`,
    [
      plan.code,
      plan.name,
      plan.seatLimit,
      plan.recordLimit,
      plan.apiBudgetPerDay,
      plan.features,
      plan.rateLimitBucketSize ?? null,
      plan.rateLimitRefillPerSecond ?? null,
      DEFAULT_RATE_LIMIT.bucketSize,
      DEFAULT_RATE_LIMIT.refillPerSecond,
    ],
  ))!;
}
