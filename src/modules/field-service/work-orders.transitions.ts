/**
 * The work order status mutations: dispatch, cancel, complete, cannot complete. Each locks the
 * order, checks the expected version, and moves it through the one status machine
 * (work-orders.status.ts); a refused transition is INVALID_STATE and writes nothing.
 */
import { QueryRunner } from 'typeorm';
import { uuidv7 } from '../../db/uuid';
import { Payload, UserErrorCode, userError } from '../../graphql/user-errors';
import { auditActor } from '../../tenancy/principal';
import { RequestContext } from '../../tenancy/request-context';
import { loadRecords } from '../records/record-lists';
import { writeRecordMutation } from '../records/record-mutations';
import { WriteResult } from '../records/record-writes';
import { WorkOrderEntity, WorkOrderStatus } from './work-orders.entity';
import { lockedWorkOrder } from './work-orders.service';
import { workOrderSpec } from './work-orders.spec';
import { transitionWorkOrder } from './work-orders.status';
import {
  CancelWorkOrderInput,
  CancelWorkOrderPayload,
  CompleteWorkOrderInput,
  CompleteWorkOrderPayload,
  DispatchWorkOrderInput,
  DispatchWorkOrderPayload,
  MarkWorkOrderCannotCompleteInput,
  MarkWorkOrderCannotCompletePayload,
} from './work-orders.types';

type Actor = { type: string; id: string };

interface Transition {
  to: WorkOrderStatus;
  reason?: string | null;
  /** Further writes of the same change, after the status moved (e.g. the visit's outcome). */
  alongside?: (db: QueryRunner, id: string, actor: Actor) => Promise<void>;
}

/** Moves the order to `to` if its status machine allows it from where it is; the updated row, or why not. */
function transitionMutation<P extends Payload>(ctx: RequestContext, input: { id: string; expectedVersion?: number | null }, transition: Transition): Promise<P> {
  return writeRecordMutation(ctx, workOrderSpec, 'workOrder', input, async (db, id): Promise<WriteResult<WorkOrderEntity>> => {
    const locked = await lockedWorkOrder(db, id, input.expectedVersion);
    if (locked.error) return { userErrors: [locked.error] };
    const from = locked.row.status;
    const actor = auditActor(ctx.principal);
    if (!(await transitionWorkOrder(db, id, from, transition.to, actor, transition.reason ?? null))) {
      return { userErrors: [userError(['input', 'id'], `A ${from} work order cannot become ${transition.to}`, UserErrorCode.INVALID_STATE)] };
    }
    await transition.alongside?.(db, id, actor);
    return { row: (await loadRecords(db, workOrderSpec, [id]))[0]! };
  });
}

/** SCHEDULED → DISPATCHED: the visit is sent to its technician. */
export function dispatchWorkOrder(ctx: RequestContext, input: DispatchWorkOrderInput): Promise<DispatchWorkOrderPayload> {
  return transitionMutation(ctx, input, { to: 'DISPATCHED' });
}

/**
 * Closes the live appointment of an order that ends without the technician's check-out, recorded
 * in the appointment's history: a cancelled order's visit is cancelled (the technician's slot is
 * free again); a visit under way on an order finished from the office is checked out.
 */
async function closeLiveAppointment(db: QueryRunner, workOrderId: string, close: 'CANCELLED' | 'CHECKED_OUT', reason: string | null, actor: Actor): Promise<void> {
  const [set, event, current] =
    close === 'CANCELLED'
      ? ["status = 'CANCELLED', cancel_reason = $2", 'CANCELLED', "status <> 'CANCELLED'"]
      : ["status = 'COMPLETED', checked_out_at = now()", 'CHECKED_OUT', "status = 'CHECKED_IN'"];
  await db.query(
    `WITH closed AS (
       UPDATE appointments SET ${set}, version = version + 1, updated_at = now()
        WHERE work_order_id = $1 AND ${current} RETURNING id, technician_id, scheduled)
     INSERT INTO appointment_history (id, appointment_id, event, technician_id, scheduled, reason, actor_kind, actor_id)
     SELECT $3, id, '${event}', technician_id, scheduled, $2, $4, $5 FROM closed`,
    [workOrderId, reason, uuidv7(), actor.type, actor.id],
  );
}

/** NEW, SCHEDULED or DISPATCHED → CANCELLED, with its live appointment; work under way (IN_PROGRESS) is finished instead. */
export function cancelWorkOrder(ctx: RequestContext, input: CancelWorkOrderInput): Promise<CancelWorkOrderPayload> {
  return transitionMutation(ctx, input, {
    to: 'CANCELLED',
    reason: input.reason,
    alongside: (db, id, actor) => closeLiveAppointment(db, id, 'CANCELLED', input.reason, actor),
  });
}

/** IN_PROGRESS → COMPLETED, with what was done and who signed for it. */
export function completeWorkOrder(ctx: RequestContext, input: CompleteWorkOrderInput): Promise<CompleteWorkOrderPayload> {
  return transitionMutation(ctx, input, {
    to: 'COMPLETED',
    alongside: async (db, id, actor) => {
      await db.query('UPDATE work_orders SET completion_notes = $2, signature_name = $3 WHERE id = $1', [id, input.completionNotes ?? null, input.signatureName ?? null]);
      await closeLiveAppointment(db, id, 'CHECKED_OUT', 'COMPLETED', actor);
    },
  });
}

/** IN_PROGRESS → CANNOT_COMPLETE, with the reason (kept in the status history and as the completion notes). */
export function markWorkOrderCannotComplete(ctx: RequestContext, input: MarkWorkOrderCannotCompleteInput): Promise<MarkWorkOrderCannotCompletePayload> {
  return transitionMutation(ctx, input, {
    to: 'CANNOT_COMPLETE',
    reason: input.reason,
    alongside: async (db, id, actor) => {
      await db.query('UPDATE work_orders SET completion_notes = $2 WHERE id = $1', [id, input.reason]);
      await closeLiveAppointment(db, id, 'CHECKED_OUT', 'CANNOT_COMPLETE', actor);
    },
  });
}
