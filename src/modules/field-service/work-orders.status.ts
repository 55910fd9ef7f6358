/**
 * The work order status machine, in one place for every writer (dispatch, appointments, the
 * technician's check-in and check-out, completion): NEW → SCHEDULED → DISPATCHED → IN_PROGRESS →
 * COMPLETED / CANNOT_COMPLETE, and CANCELLED from any open status. A cancelled or rescheduled
 * appointment takes a SCHEDULED or DISPATCHED order back to NEW or SCHEDULED. Anything else is
 * refused; every change is recorded.
 */
import { QueryRunner } from 'typeorm';
import { uuidv7 } from '../../db/uuid';
import { WorkOrderStatus } from './work-orders.entity';

const TRANSITIONS: Record<WorkOrderStatus, readonly WorkOrderStatus[]> = {
  NEW: ['SCHEDULED', 'CANCELLED'],
  SCHEDULED: ['DISPATCHED', 'NEW', 'CANCELLED'],
  DISPATCHED: ['IN_PROGRESS', 'SCHEDULED', 'NEW', 'CANCELLED'],
  IN_PROGRESS: ['COMPLETED', 'CANNOT_COMPLETE'],
  COMPLETED: [],
  CANNOT_COMPLETE: [],
  CANCELLED: [],
};

export const canTransitionWorkOrder = (from: WorkOrderStatus, to: WorkOrderStatus): boolean => TRANSITIONS[from].includes(to);

/** Statuses in which the order still needs (or has) a visit. */
export const OPEN_WORK_ORDER_STATUSES: readonly WorkOrderStatus[] = ['NEW', 'SCHEDULED', 'DISPATCHED', 'IN_PROGRESS'];

export interface WorkOrderStatusChange {
  workOrderId: string;
  from: WorkOrderStatus | null;
  to: WorkOrderStatus;
  reason?: string | null;
  actor: { type: string; id: string };
}

/** Appends status changes to the history, many in one statement. */
export async function recordWorkOrderStatusChanges(db: QueryRunner, changes: WorkOrderStatusChange[]): Promise<void> {
  if (changes.length === 0) return;
  await db.query(
    `INSERT INTO work_order_status_history (id, work_order_id, from_status, to_status, reason, actor_kind, actor_id)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
    [
      changes.map(() => uuidv7()),
      changes.map((c) => c.workOrderId),
      changes.map((c) => c.from),
      changes.map((c) => c.to),
      changes.map((c) => c.reason ?? null),
      changes.map((c) => c.actor.type),
      changes.map((c) => c.actor.id),
    ],
  );
}

/**
 * Moves a work order the caller has locked to a status, if the machine allows it; returns false
 * (nothing written) when it does not.
 */
export async function transitionWorkOrder(db: QueryRunner, workOrderId: string, from: WorkOrderStatus, to: WorkOrderStatus, actor: { type: string; id: string }, reason: string | null = null): Promise<boolean> {
  if (!canTransitionWorkOrder(from, to)) return false;
  await db.query(
    `UPDATE work_orders SET status = $2, completed_at = CASE WHEN $2 IN ('COMPLETED', 'CANNOT_COMPLETE') THEN now() ELSE completed_at END,
            version = version + 1, updated_at = now() WHERE id = $1`,
    [workOrderId, to],
  );
  await recordWorkOrderStatusChanges(db, [{ workOrderId, from, to, reason, actor }]);
  return true;
}
