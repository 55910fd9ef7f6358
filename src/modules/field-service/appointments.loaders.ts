/**
 * Reading appointments, batched per request. An appointment is visible with its work order: the
 * caller's record scope on work orders (a technician's own scope reaches the orders whose live
 * appointment is theirs).
 */
import DataLoader from 'dataloader';
import { SqlParams } from '../../db/sql-params';
import { queryRows } from '../../db/sql';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { recordScope } from '../records/record-scope';
import { workOrderSpec } from './work-orders.spec';

export type AppointmentStatusValue = 'SCHEDULED' | 'CHECKED_IN' | 'COMPLETED' | 'CANCELLED';

/** An appointment as the API shows it: the ranges split into their bounds. */
export interface AppointmentRow {
  id: string;
  workOrderId: string;
  technicianId: string;
  scheduledStart: Date;
  scheduledEnd: Date;
  arrivalWindowStart: Date;
  arrivalWindowEnd: Date;
  status: AppointmentStatusValue;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  cancelReason: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The select list of an AppointmentRow over an alias of `appointments`. */
export const appointmentColumns = (a: string): string =>
  `${a}.id, ${a}.work_order_id AS "workOrderId", ${a}.technician_id AS "technicianId",
   lower(${a}.scheduled) AS "scheduledStart", upper(${a}.scheduled) AS "scheduledEnd",
   lower(${a}.arrival_window) AS "arrivalWindowStart", upper(${a}.arrival_window) AS "arrivalWindowEnd",
   ${a}.status, ${a}.checked_in_at AS "checkedInAt", ${a}.checked_out_at AS "checkedOutAt", ${a}.cancel_reason AS "cancelReason",
   ${a}.version, ${a}.created_at AS "createdAt", ${a}.updated_at AS "updatedAt"`;

/** The work order record scope as SQL over alias `wo` (null: everything). */
export const workOrderScope = (ctx: RequestContext) => recordScope(ctx, workOrderSpec);

/** Appointments by UUID whose work order the caller may see, in key order. */
export const appointmentById = (ctx: RequestContext): DataLoader<string, AppointmentRow | null> =>
  ctx.loaders.get('appointments.byId', () =>
    new DataLoader(async (ids) => {
      const params = new SqlParams();
      const conditions = [`a.id = ANY(${params.add(ids)}::uuid[])`, workOrderScope(ctx)(params) ?? 'true'];
      const rows = await queryRows<AppointmentRow>(
        await tenantDb(ctx),
        `SELECT ${appointmentColumns('a')} FROM appointments a JOIN work_orders wo ON wo.id = a.work_order_id WHERE ${conditions.join(' AND ')}`,
        params.values,
      );
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  );

/** Every appointment of each work order, oldest first (the work orders are already visible). */
export const appointmentsByWorkOrder = (ctx: RequestContext): DataLoader<string, AppointmentRow[]> =>
  ctx.loaders.get('appointments.byWorkOrder', () =>
    new DataLoader(async (workOrderIds) => {
      const rows = await queryRows<AppointmentRow>(
        await tenantDb(ctx),
        `SELECT ${appointmentColumns('a')} FROM appointments a WHERE a.work_order_id = ANY($1::uuid[]) ORDER BY a.created_at, a.id`,
        [workOrderIds],
      );
      return workOrderIds.map((id) => rows.filter((row) => row.workOrderId === id));
    }),
  );

export interface AppointmentHistoryRow {
  appointmentId: string;
  event: string;
  technicianId: string | null;
  scheduledStart: Date | null;
  scheduledEnd: Date | null;
  previousTechnicianId: string | null;
  previousScheduledStart: Date | null;
  previousScheduledEnd: Date | null;
  reason: string | null;
  actorKind: string;
  actorId: string;
  at: Date;
}

/** Each appointment's history, oldest first, in one statement per batch. */
export const historyByAppointment = (ctx: RequestContext): DataLoader<string, AppointmentHistoryRow[]> =>
  ctx.loaders.get('appointments.history', () =>
    new DataLoader(async (appointmentIds) => {
      const rows = await queryRows<AppointmentHistoryRow>(
        await tenantDb(ctx),
        `SELECT appointment_id AS "appointmentId", event, technician_id AS "technicianId",
                lower(scheduled) AS "scheduledStart", upper(scheduled) AS "scheduledEnd",
                previous_technician_id AS "previousTechnicianId",
                lower(previous_scheduled) AS "previousScheduledStart", upper(previous_scheduled) AS "previousScheduledEnd",
                reason, actor_kind AS "actorKind", actor_id AS "actorId", at
           FROM appointment_history WHERE appointment_id = ANY($1::uuid[]) ORDER BY at, id`,
        [appointmentIds],
      );
      return appointmentIds.map((id) => rows.filter((row) => row.appointmentId === id));
    }),
  );

/**
 * The caller's live appointments overlapping [from, to), earliest first: those of the technician
 * linked to the caller's user (none for a user who is no technician, or a key acting for nobody).
 */
export async function appointmentsOfUser(ctx: RequestContext, from: Date, to: Date): Promise<AppointmentRow[]> {
  const userId = ctx.can.userId;
  if (!userId) return [];
  return queryRows<AppointmentRow>(
    await tenantDb(ctx),
    `SELECT ${appointmentColumns('a')}
       FROM appointments a JOIN technicians t ON t.id = a.technician_id
      WHERE t.user_id = $1 AND a.status <> 'CANCELLED' AND a.scheduled && tstzrange($2, $3)
      ORDER BY lower(a.scheduled), a.id`,
    [userId, from, to],
  );
}
