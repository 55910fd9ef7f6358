/**
 * The visit on site: the assigned technician (or anyone who sees every work order, such as a
 * dispatcher) checks in when the order is DISPATCHED, which starts the work (IN_PROGRESS), and
 * checks out with the outcome, which ends the order (COMPLETED or CANNOT_COMPLETE) with its notes
 * and the name of who signed. Both record their timestamps and a history entry.
 */
import { queryOne } from '../../db/sql';
import { badInput } from '../../graphql/errors';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';
import { auditActor } from '../../tenancy/principal';
import { RequestContext } from '../../tenancy/request-context';
import { AppointmentRow, appointmentColumns, appointmentsOfUser } from './appointments.loaders';
import { CheckInInput, CheckInPayload, CheckOutInput, CheckOutPayload } from './appointments.types';
import { appointmentMutation, lockAppointment, recordHistory, slotOf } from './appointments.writes';
import { transitionWorkOrder } from './work-orders.status';

/** A caller limited to its own work orders checks in and out only for visits assigned to it. */
function notAssigned(ctx: RequestContext, technicianUserId: string): UserError | null {
  if (ctx.can.scope('WorkOrder') === 'all' || technicianUserId === ctx.can.userId) return null;
  return userError(['input', 'appointmentId'], 'Only the assigned technician or a dispatcher can check in and out', UserErrorCode.FORBIDDEN);
}

export function checkIn(ctx: RequestContext, input: CheckInInput): Promise<CheckInPayload> {
  return appointmentMutation<CheckInPayload>(ctx, input, async (db) => {
    const found = await lockAppointment(ctx, db, input.appointmentId, 'appointmentId');
    if (found.error) return found;
    const { appointment: current, workOrder, technicianUserId } = found.value;
    const forbidden = notAssigned(ctx, technicianUserId);
    if (forbidden) return { error: forbidden };
    if (current.status !== 'SCHEDULED' || workOrder.status !== 'DISPATCHED') {
      return {
        error: userError(['input', 'appointmentId'], `The appointment is ${current.status} and its work order ${workOrder.status}: check-in needs a SCHEDULED appointment of a DISPATCHED work order`, UserErrorCode.INVALID_STATE),
      };
    }
    const appointment = (await queryOne<AppointmentRow>(
      db,
      `UPDATE appointments a SET status = 'CHECKED_IN', checked_in_at = now(), version = a.version + 1, updated_at = now() WHERE a.id = $1 RETURNING ${appointmentColumns('a')}`,
      [current.id],
    ))!;
    await transitionWorkOrder(db, workOrder.id, 'DISPATCHED', 'IN_PROGRESS', auditActor(ctx.principal));
    await recordHistory(ctx, db, { appointmentId: current.id, event: 'CHECKED_IN', technicianId: current.technicianId, slot: slotOf(current) });
    return { value: { appointment } };
  });
}

export function checkOut(ctx: RequestContext, input: CheckOutInput): Promise<CheckOutPayload> {
  return appointmentMutation<CheckOutPayload>(ctx, input, async (db) => {
    const found = await lockAppointment(ctx, db, input.appointmentId, 'appointmentId');
    if (found.error) return found;
    const { appointment: current, workOrder, technicianUserId } = found.value;
    const forbidden = notAssigned(ctx, technicianUserId);
    if (forbidden) return { error: forbidden };
    if (current.status !== 'CHECKED_IN' || workOrder.status !== 'IN_PROGRESS') {
      return { error: userError(['input', 'appointmentId'], `The appointment is ${current.status}: check-out needs a CHECKED_IN appointment`, UserErrorCode.INVALID_STATE) };
    }
    const appointment = (await queryOne<AppointmentRow>(
      db,
      `UPDATE appointments a SET status = 'COMPLETED', checked_out_at = now(), version = a.version + 1, updated_at = now() WHERE a.id = $1 RETURNING ${appointmentColumns('a')}`,
      [current.id],
    ))!;
    // Notes and signature first: the transition below bumps the order's version once for both.
    await db.query('UPDATE work_orders SET completion_notes = coalesce($2, completion_notes), signature_name = coalesce($3, signature_name) WHERE id = $1', [
      workOrder.id,
      input.completionNotes ?? null,
      input.signatureName ?? null,
    ]);
    await transitionWorkOrder(db, workOrder.id, 'IN_PROGRESS', input.outcome, auditActor(ctx.principal));
    await recordHistory(ctx, db, { appointmentId: current.id, event: 'CHECKED_OUT', technicianId: current.technicianId, slot: slotOf(current), reason: input.outcome });
    return { value: { appointment } };
  });
}

/** The longest range myAppointments answers (a quarter): one technician's visits stay a short list. */
const MAX_RANGE_DAYS = 92;

export function myAppointments(ctx: RequestContext, from: Date, to: Date): Promise<AppointmentRow[]> {
  const days = (to.getTime() - from.getTime()) / 86_400_000;
  if (!(days > 0 && days <= MAX_RANGE_DAYS)) throw badInput(`"to" must be after "from" and at most ${MAX_RANGE_DAYS} days later`, { argument: 'to' });
  return appointmentsOfUser(ctx, from, to);
}
