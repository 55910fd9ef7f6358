/**
 * Pieces the appointment mutations share: locking the appointment or work order in the caller's
 * scope, working out the booked time, checking the technician can take it, writing the history,
 * and turning a double booking refused by the database into a CONFLICT userError.
 */
import { QueryRunner } from 'typeorm';
import { SqlParams } from '../../db/sql-params';
import { queryOne } from '../../db/sql';
import { uuidv7 } from '../../db/uuid';
import { uuidOf } from '../../graphql/global-id';
import { Payload, UserError, UserErrorCode, failure, userError } from '../../graphql/user-errors';
import { auditActor } from '../../tenancy/principal';
import { RequestContext } from '../../tenancy/request-context';
import { runMutation } from '../records/mutation';
import { AppointmentRow, appointmentColumns, workOrderScope } from './appointments.loaders';
import { Interval, MINUTE, SlotRefusal, lockTechnician, slotRefusal, technicianAvailability } from './availability';
import { WorkOrderStatus } from './work-orders.entity';

export type Found<T> = { value: T; error?: undefined } | { value?: undefined; error: UserError };

export const invalidId = (field: string, typeName: string): UserError => userError(['input', field], `"${field}" is not a valid ${typeName} ID`, UserErrorCode.INVALID);

/** Default arrival window: from the start, this long (the customer is told "between 9 and 11"). */
export const DEFAULT_ARRIVAL_WINDOW_MINUTES = 120;

export interface LockedWorkOrder {
  id: string;
  status: WorkOrderStatus;
  durationMinutes: number;
}

/** The work order, locked, within the caller's scope and not deleted (else NOT_FOUND). */
export async function lockWorkOrder(ctx: RequestContext, db: QueryRunner, id: string, field: string[]): Promise<Found<LockedWorkOrder>> {
  const params = new SqlParams();
  const conditions = [`wo.id = ${params.add(id)}`, 'wo.deleted_at IS NULL', workOrderScope(ctx)(params) ?? 'true'];
  const row = await queryOne<LockedWorkOrder>(
    db,
    `SELECT wo.id, wo.status, wo.duration_minutes AS "durationMinutes" FROM work_orders wo WHERE ${conditions.join(' AND ')} FOR UPDATE OF wo`,
    params.values,
  );
  return row ? { value: row } : { error: userError(field, 'Work order not found', UserErrorCode.NOT_FOUND) };
}

/** The appointment and its work order, both locked, within the caller's scope (else NOT_FOUND). */
export async function lockAppointment(ctx: RequestContext, db: QueryRunner, id: string, field: string): Promise<Found<{ appointment: AppointmentRow; workOrder: LockedWorkOrder; technicianUserId: string }>> {
  const uuid = uuidOf(id, 'Appointment');
  if (!uuid) return { error: invalidId(field, 'Appointment') };
  const params = new SqlParams();
  const conditions = [`a.id = ${params.add(uuid)}`, workOrderScope(ctx)(params) ?? 'true'];
  const row = await queryOne<AppointmentRow & { workOrderStatus: WorkOrderStatus; durationMinutes: number; technicianUserId: string }>(
    db,
    `SELECT ${appointmentColumns('a')}, wo.status AS "workOrderStatus", wo.duration_minutes AS "durationMinutes", t.user_id AS "technicianUserId"
       FROM appointments a JOIN work_orders wo ON wo.id = a.work_order_id JOIN technicians t ON t.id = a.technician_id
      WHERE ${conditions.join(' AND ')} FOR UPDATE OF a, wo`,
    params.values,
  );
  if (!row) return { error: userError(['input', field], 'Appointment not found', UserErrorCode.NOT_FOUND) };
  const { workOrderStatus, durationMinutes, technicianUserId, ...appointment } = row;
  return { value: { appointment, workOrder: { id: row.workOrderId, status: workOrderStatus, durationMinutes }, technicianUserId } };
}

export interface TimeInput {
  start: Date;
  end?: Date | null;
  arrivalWindowStart?: Date | null;
  arrivalWindowEnd?: Date | null;
}

export interface BookedTime {
  slot: Interval;
  window: Interval;
}

/**
 * The booked time and arrival window from the input: end defaults to start plus the work order's
 * duration, the window to [start, start + 2 h). The visit must last 5 minutes to a day, and the
 * window must contain the start (the technician cannot be promised to arrive before they can).
 */
export function bookedTime(input: TimeInput, durationMinutes: number): Found<BookedTime> {
  const start = input.start.getTime();
  const end = input.end ? input.end.getTime() : start + durationMinutes * MINUTE;
  const length = (end - start) / MINUTE;
  if (!(length >= 5 && length <= 1440)) {
    return { error: userError(['input', 'end'], 'The visit must end 5 minutes to 24 hours after it starts', UserErrorCode.OUT_OF_RANGE) };
  }
  const windowStart = input.arrivalWindowStart ? input.arrivalWindowStart.getTime() : start;
  const windowEnd = input.arrivalWindowEnd ? input.arrivalWindowEnd.getTime() : windowStart + DEFAULT_ARRIVAL_WINDOW_MINUTES * MINUTE;
  if (windowEnd <= windowStart) return { error: userError(['input', 'arrivalWindowEnd'], 'The arrival window must end after it starts', UserErrorCode.INVALID) };
  if (windowStart > start || windowEnd < start) {
    return { error: userError(['input', 'arrivalWindowStart'], 'The arrival window must contain the scheduled start', UserErrorCode.INVALID) };
  }
  return { value: { slot: { start, end }, window: { start: windowStart, end: windowEnd } } };
}

const REFUSALS: Record<Exclude<SlotRefusal, 'BOOKED'>, { message: string; code: UserErrorCode; field: string }> = {
  INACTIVE: { message: 'The technician is inactive', code: UserErrorCode.INVALID, field: 'technicianId' },
  OUTSIDE_WORKING_HOURS: { message: 'The visit is outside the technician’s working hours', code: UserErrorCode.INVALID, field: 'start' },
  TIME_OFF: { message: 'The technician has time off then', code: UserErrorCode.CONFLICT, field: 'start' },
  OVER_CAPACITY: { message: 'The visit would exceed the technician’s daily capacity', code: UserErrorCode.CONFLICT, field: 'start' },
};

/**
 * Locks the technician (bookings of one technician check capacity one after the other) and checks
 * they can take the slot. Overlapping appointments are left to the exclusion constraint.
 */
export async function technicianCanTake(ctx: RequestContext, db: QueryRunner, technicianId: string, slot: Interval, ignoreId: string | null): Promise<UserError | null> {
  if (!(await lockTechnician(db, technicianId))) return userError(['input', 'technicianId'], 'Technician not found', UserErrorCode.NOT_FOUND);
  const availability = (await technicianAvailability(ctx, db, technicianId, new Date(slot.start), new Date(slot.end)))!;
  const refusal = slotRefusal(availability, slot, { checkBookings: false, ignoreId });
  if (!refusal || refusal === 'BOOKED') return null;
  const { message, code, field } = REFUSALS[refusal];
  return userError(['input', field], message, code);
}

export interface HistoryEntry {
  appointmentId: string;
  event: 'SCHEDULED' | 'RESCHEDULED' | 'CANCELLED' | 'CHECKED_IN' | 'CHECKED_OUT';
  technicianId: string;
  slot: Interval;
  previous?: { technicianId: string; slot: Interval };
  reason?: string | null;
}

/** An interval as a half-open tstzrange literal (a bound parameter, never interpolated into SQL). */
export const tstzRange = (slot: Interval): string => `[${new Date(slot.start).toISOString()},${new Date(slot.end).toISOString()})`;
const range = (slot: Interval | undefined) => (slot ? tstzRange(slot) : null);

export async function recordHistory(ctx: RequestContext, db: QueryRunner, entry: HistoryEntry): Promise<void> {
  const actor = auditActor(ctx.principal);
  await db.query(
    `INSERT INTO appointment_history (id, appointment_id, event, technician_id, scheduled, previous_technician_id, previous_scheduled, reason, actor_kind, actor_id)
     VALUES ($1, $2, $3, $4, $5::tstzrange, $6, $7::tstzrange, $8, $9, $10)`,
    [uuidv7(), entry.appointmentId, entry.event, entry.technicianId, range(entry.slot), entry.previous?.technicianId ?? null, range(entry.previous?.slot), entry.reason ?? null, actor.type, actor.id],
  );
}

export const slotOf = (row: AppointmentRow): Interval => ({ start: row.scheduledStart.getTime(), end: row.scheduledEnd.getTime() });

const sqlState = (error: unknown): string | undefined => {
  const e = error as { code?: string; driverError?: { code?: string } };
  return e?.code ?? e?.driverError?.code;
};

/**
 * Runs an appointment mutation whose work answers a value or userErrors (both roll back). A
 * booking the exclusion constraint refuses (SQLSTATE 23P01, another live appointment of the
 * technician overlaps) aborted the statement and so the transaction, which the transaction layer
 * has already undone: it is answered as CONFLICT at once, with nothing written.
 */
export async function appointmentMutation<P extends Payload>(
  ctx: RequestContext,
  input: object,
  work: (db: QueryRunner) => Promise<Found<Omit<P, 'userErrors'>> | { errors: UserError[] }>,
): Promise<P> {
  try {
    return await runMutation<P>(ctx, input, async (db) => {
      const result = await work(db);
      if ('errors' in result) return failure<P>(...result.errors);
      if (result.error) return failure<P>(result.error);
      return { ...result.value, userErrors: [] } as unknown as P;
    });
  } catch (error) {
    if (sqlState(error) === '23P01') {
      return failure<P>(userError(['input', 'start'], 'The technician is already booked at that time', UserErrorCode.CONFLICT));
    }
    throw error;
  }
}
