/** Plans are data: code, seat and record limits, daily API budget, feature flags. */
import { Queryable, queryOne, queryRows } from '../db/sql';

export interface PlanRecord {
  code: string;
  name: string;
  seatLimit: number;
  recordLimit: number;
  apiBudgetPerDay: number | null;
  features: string[];
}

export const PLAN_COLUMNS = `code, name, seat_limit AS "seatLimit", record_limit AS "recordLimit",
  api_budget_per_day AS "apiBudgetPerDay", features`;

export const listPlans = (db: Queryable): Promise<PlanRecord[]> => queryRows(db, `SELECT ${PLAN_COLUMNS} FROM control.plans ORDER BY seat_limit, code`);

export const findPlan = (db: Queryable, code: string): Promise<PlanRecord | null> =>
  queryOne(db, `SELECT ${PLAN_COLUMNS} FROM control.plans WHERE code = $1`, [code]);

/** Creates or replaces a plan (platform operators). */
export async function upsertPlan(db: Queryable, plan: PlanRecord): Promise<PlanRecord> {
  return (await queryOne<PlanRecord>(
    db,
    `INSERT INTO control.plans (code, name, seat_limit, record_limit, api_budget_per_day, features) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (code) DO UPDATE SET name = $2, seat_limit = $3, record_limit = $4, api_budget_per_day = $5, features = $6, updated_at = now()
     RETURNING ${PLAN_COLUMNS}`,
    [plan.code, plan.name, plan.seatLimit, plan.recordLimit, plan.apiBudgetPerDay, plan.features],
  ))!;
}
