/**
 * Generation of maintenance work orders, shared by the scheduler (every plan of a workspace) and
 * `generateMaintenanceWorkOrders` (one plan, now).
 *
 * A plan's occurrences are start_date + k × interval weeks or months, k = 0, 1, …, each computed
 * from the start date (so a plan starting on Jan 31 visits on Feb 28, Mar 31, Apr 30: month ends
 * clamp as PostgreSQL's `date + interval 'n months'` does, without drifting). Generated are the
 * occurrences from today (in the workspace's time zone) up to today + horizon_days and not after
 * the end date: the past is never back-filled (a visit that was due yesterday is for a person to
 * decide on), but an occurrence falling on today is generated.
 *
 * Plans that generate: active, not deleted, of a live account. Each generated order: subject "<plan name> <date>", the plan's account, contract, site contact,
 * service address, territory and work type, the work type's default duration, status NEW,
 * planned_for = the date, no owner (the dispatch queue's), and no due-by: preventive work has a
 * date, not an SLA deadline (a dispatcher may set one).
 *
 * Idempotent and safe with concurrent runs: one order per plan and date is guaranteed by the unique
 * index work_orders_plan_date_key (INSERT … ON CONFLICT DO NOTHING), so whichever run inserts a
 * date first wins and the other inserts nothing for it. A generated order that was deleted is not
 * generated again (its row still holds the date). Bounded: at most `limit` orders per call, the
 * earliest dates first; the next run continues.
 */
import { QueryRunner } from 'typeorm';
import { queryRows } from '../../db/sql';
import { uuidv7 } from '../../db/uuid';
import { recordWorkOrderStatusChanges } from './work-orders.status';

export const MAINTENANCE_SCHEDULER = { type: 'system', id: 'maintenance-scheduler' } as const;

/** Orders generated per call at most (a weekly plan with the longest horizon has 105 occurrences). */
export const MAX_GENERATED_PER_RUN = 1000;

/**
 * The first k worth generating from: the last occurrence index before today, or a little before it
 * for months (month lengths vary); the window is at most 730 days, which 110 more steps always cover.
 */
const FIRST_STEP = `CASE WHEN p.frequency_unit = 'WEEK'
    THEN greatest(0, ($1::date - p.start_date) / (7 * p.frequency_interval))
    ELSE greatest(0, ((extract(year FROM $1::date) - extract(year FROM p.start_date)) * 12
                      + extract(month FROM $1::date) - extract(month FROM p.start_date))::int / p.frequency_interval - 1) END`;
const STEPS_AFTER_FIRST = 110;

interface Occurrence {
  planId: string;
  day: string;
}

/** Occurrences due for generation and not generated yet, earliest first. */
function missingOccurrences(db: QueryRunner, today: string, planIds: string[] | null, limit: number): Promise<Occurrence[]> {
  return queryRows<Occurrence>(
    db,
    `SELECT p.id AS "planId", o.day::text AS day
       FROM maintenance_plans p
       -- An account in the recycle bin gets no new visits (restored, its plans resume).
       JOIN accounts a ON a.id = p.account_id AND a.deleted_at IS NULL
      CROSS JOIN LATERAL (
        SELECT (p.start_date + CASE WHEN p.frequency_unit = 'WEEK' THEN make_interval(weeks => k * p.frequency_interval)
                                    ELSE make_interval(months => k * p.frequency_interval) END)::date AS day
          FROM generate_series(${FIRST_STEP}, ${FIRST_STEP} + ${STEPS_AFTER_FIRST}) AS k
      ) o
      WHERE p.active AND p.deleted_at IS NULL AND ($2::uuid[] IS NULL OR p.id = ANY($2::uuid[]))
        AND o.day >= greatest(p.start_date, $1::date)
        AND o.day <= least(coalesce(p.end_date, 'infinity'::date), $1::date + p.horizon_days)
        AND NOT EXISTS (SELECT 1 FROM work_orders wo WHERE wo.maintenance_plan_id = p.id AND wo.planned_for = o.day)
      ORDER BY o.day, p.id
      LIMIT $3`,
    [today, planIds, limit],
  );
}

/** Inserts the orders of the occurrences; those another run inserted meanwhile are skipped. Returns the ids inserted. */
async function insertOccurrences(db: QueryRunner, occurrences: Occurrence[]): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    `INSERT INTO work_orders (id, number, subject, account_id, contract_id, site_contact_id, service_address, territory_id,
                              work_type_id, duration_minutes, maintenance_plan_id, planned_for, status)
     SELECT o.id, 'WO-' || lpad(nextval('work_order_number_seq')::text, 6, '0'), left(p.name, 244) || ' ' || o.day::text,
            p.account_id, p.contract_id, p.site_contact_id, p.service_address, p.territory_id,
            p.work_type_id, wt.default_duration_minutes, p.id, o.day, 'NEW'
       FROM unnest($1::uuid[], $2::uuid[], $3::date[]) WITH ORDINALITY AS o(id, plan_id, day, n)
       JOIN maintenance_plans p ON p.id = o.plan_id
       JOIN work_types wt ON wt.id = p.work_type_id
      ORDER BY o.n
     ON CONFLICT (maintenance_plan_id, planned_for) WHERE maintenance_plan_id IS NOT NULL DO NOTHING
     RETURNING id`,
    [occurrences.map(() => uuidv7()), occurrences.map((o) => o.planId), occurrences.map((o) => o.day)],
  );
  return rows.map((r) => r.id);
}

/**
 * Generates the missing work orders of the given plans (null: every active plan), each recorded
 * in its status history as created NEW by `actor`. Returns how many were created.
 * `beforeInsert` sees how many are about to be (the quota check of a request).
 */
export async function generateMaintenanceWorkOrders(
  db: QueryRunner,
  today: string,
  actor: { type: string; id: string },
  planIds: string[] | null = null,
  beforeInsert: (count: number) => Promise<void> = async () => undefined,
): Promise<number> {
  const occurrences = await missingOccurrences(db, today, planIds, MAX_GENERATED_PER_RUN);
  if (!occurrences.length) return 0;
  await beforeInsert(occurrences.length);
  const created = await insertOccurrences(db, occurrences);
  await recordWorkOrderStatusChanges(
    db,
    created.map((workOrderId) => ({ workOrderId, from: null, to: 'NEW' as const, reason: 'Generated by its maintenance plan', actor })),
  );
  return created.length;
}
