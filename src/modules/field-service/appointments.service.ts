/**
 * Booking, moving and calling off visits. The database alone decides between overlapping
 * bookings of one technician (the exclusion constraint appointments_no_double_booking), so
 * concurrent dispatchers can never both win; working hours, time off and capacity are checked
 * here under a lock on the technician. Every change is kept in the appointment's history and moves
 * the work order: NEW → SCHEDULED on booking, DISPATCHED → SCHEDULED on a move (it must be sent
 * again), back to NEW on cancellation.
 */
import { QueryRunner } from 'typeorm';
import { queryOne } from '../../db/sql';
import { uuidv7 } from '../../db/uuid';
import { uuidOf } from '../../graphql/global-id';
import { UserErrorCode, staleVersion, userError } from '../../graphql/user-errors';
import { auditActor } from '../../tenancy/principal';
import { RequestContext } from '../../tenancy/request-context';
import { AppointmentRow, appointmentColumns } from './appointments.loaders';
import {
  CancelAppointmentInput,
  CancelAppointmentPayload,
  RescheduleAppointmentInput,
  RescheduleAppointmentPayload,
  ScheduleAppointmentInput,
  ScheduleAppointmentPayload,
} from './appointments.types';
import { BookedTime, appointmentMutation, bookedTime, invalidId, lockAppointment, lockWorkOrder, recordHistory, slotOf, technicianCanTake, tstzRange } from './appointments.writes';
import { WorkOrderStatus } from './work-orders.entity';
import { transitionWorkOrder } from './work-orders.status';

/** Writes the booked time (insert or move); a clash with another live booking throws 23P01. */
async function writeBooking(db: QueryRunner, sql: string, params: unknown[]): Promise<AppointmentRow> {
  return (await queryOne<AppointmentRow>(db, sql, params))!;
}

const bookingParams = (time: BookedTime) => [tstzRange(time.slot), tstzRange(time.window)];

export function scheduleAppointment(ctx: RequestContext, input: ScheduleAppointmentInput): Promise<ScheduleAppointmentPayload> {
  return appointmentMutation<ScheduleAppointmentPayload>(ctx, input, async (db) => {
    const workOrderId = uuidOf(input.workOrderId, 'WorkOrder');
    const technicianId = uuidOf(input.technicianId, 'Technician');
    if (!workOrderId) return { error: invalidId('workOrderId', 'WorkOrder') };
    if (!technicianId) return { error: invalidId('technicianId', 'Technician') };
    const workOrder = await lockWorkOrder(ctx, db, workOrderId, ['input', 'workOrderId']);
    if (workOrder.error) return workOrder;
    if (workOrder.value.status !== 'NEW') {
      return { error: userError(['input', 'workOrderId'], `The work order is ${workOrder.value.status}: only NEW work orders are scheduled (reschedule its appointment instead)`, UserErrorCode.INVALID_STATE) };
    }
    const time = bookedTime(input, workOrder.value.durationMinutes);
    if (time.error) return time;
    const refused = await technicianCanTake(ctx, db, technicianId, time.value.slot, null);
    if (refused) return { error: refused };
    const appointment = await writeBooking(
      db,
      `INSERT INTO appointments AS a (id, work_order_id, technician_id, scheduled, arrival_window) VALUES ($1, $2, $3, $4::tstzrange, $5::tstzrange)
       RETURNING ${appointmentColumns('a')}`,
      [uuidv7(), workOrderId, technicianId, ...bookingParams(time.value)],
    );
    await transitionWorkOrder(db, workOrderId, 'NEW', 'SCHEDULED', auditActor(ctx.principal));
    await recordHistory(ctx, db, { appointmentId: appointment.id, event: 'SCHEDULED', technicianId, slot: time.value.slot });
    return { value: { appointment } };
  });
}

/** The status a work order takes back when its booked visit changes, if it must. */
const AFTER_MOVE: Partial<Record<WorkOrderStatus, WorkOrderStatus>> = { DISPATCHED: 'SCHEDULED' };
const AFTER_CANCEL: Partial<Record<WorkOrderStatus, WorkOrderStatus>> = { SCHEDULED: 'NEW', DISPATCHED: 'NEW' };

export function rescheduleAppointment(ctx: RequestContext, input: RescheduleAppointmentInput): Promise<RescheduleAppointmentPayload> {
  return appointmentMutation<RescheduleAppointmentPayload>(ctx, input, async (db) => {
    const technicianId = input.technicianId == null ? null : uuidOf(input.technicianId, 'Technician');
    if (input.technicianId != null && !technicianId) return { error: invalidId('technicianId', 'Technician') };
    const found = await lockAppointment(ctx, db, input.id, 'id');
    if (found.error) return found;
    const { appointment: current, workOrder } = found.value;
    const conflict = staleVersion('The appointment', input.expectedVersion, current.version);
    if (conflict) return { error: conflict };
    if (current.status !== 'SCHEDULED' || !['SCHEDULED', 'DISPATCHED'].includes(workOrder.status)) {
      return { error: userError(['input', 'id'], `The appointment is ${current.status} (work order ${workOrder.status}): only SCHEDULED appointments can be moved`, UserErrorCode.INVALID_STATE) };
    }
    const time = bookedTime(input, workOrder.durationMinutes);
    if (time.error) return time;
    const technician = technicianId ?? current.technicianId;
    const refused = await technicianCanTake(ctx, db, technician, time.value.slot, current.id);
    if (refused) return { error: refused };
    const appointment = await writeBooking(
      db,
      `UPDATE appointments a SET technician_id = $2, scheduled = $3::tstzrange, arrival_window = $4::tstzrange, version = a.version + 1, updated_at = now()
        WHERE a.id = $1 RETURNING ${appointmentColumns('a')}`,
      [current.id, technician, ...bookingParams(time.value)],
    );
    const back = AFTER_MOVE[workOrder.status];
    if (back) await transitionWorkOrder(db, workOrder.id, workOrder.status, back, auditActor(ctx.principal), input.reason);
    await recordHistory(ctx, db, {
      appointmentId: current.id,
      event: 'RESCHEDULED',
      technicianId: technician,
      slot: time.value.slot,
      previous: { technicianId: current.technicianId, slot: slotOf(current) },
      reason: input.reason,
    });
    return { value: { appointment } };
  });
}

export function cancelAppointment(ctx: RequestContext, input: CancelAppointmentInput): Promise<CancelAppointmentPayload> {
  return appointmentMutation<CancelAppointmentPayload>(ctx, input, async (db) => {
    const found = await lockAppointment(ctx, db, input.id, 'id');
    if (found.error) return found;
    const { appointment: current, workOrder } = found.value;
    const conflict = staleVersion('The appointment', input.expectedVersion, current.version);
    if (conflict) return { error: conflict };
    if (current.status !== 'SCHEDULED') {
      return { error: userError(['input', 'id'], `The appointment is ${current.status}: only SCHEDULED appointments can be cancelled`, UserErrorCode.INVALID_STATE) };
    }
    const appointment = (await queryOne<AppointmentRow>(
      db,
      `UPDATE appointments a SET status = 'CANCELLED', cancel_reason = $2, version = a.version + 1, updated_at = now()
        WHERE a.id = $1 RETURNING ${appointmentColumns('a')}`,
      [current.id, input.reason],
    ))!;
    const back = AFTER_CANCEL[workOrder.status];
    if (back) await transitionWorkOrder(db, workOrder.id, workOrder.status, back, auditActor(ctx.principal), input.reason);
    await recordHistory(ctx, db, { appointmentId: current.id, event: 'CANCELLED', technicianId: current.technicianId, slot: slotOf(current), reason: input.reason });
    return { value: { appointment } };
  });
}
