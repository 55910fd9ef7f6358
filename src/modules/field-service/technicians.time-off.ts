/** A technician's time off: periods they take no appointments. */
import { queryOne } from '../../db/sql';
import { uuidv7 } from '../../db/uuid';
import { uuidOf } from '../../graphql/global-id';
import { UserErrorCode, failure, userError } from '../../graphql/user-errors';
import { RequestContext } from '../../tenancy/request-context';
import { notFoundError } from '../configuration/configuration.shared';
import { runMutation } from '../records/mutation';
import { TECHNICIAN_SELECT, TIME_OFF_SELECT, TechnicianRow, TimeOffRow } from './technicians.loaders';
import { AddTechnicianTimeOffInput, AddTechnicianTimeOffPayload, RemoveTechnicianTimeOffInput, RemoveTechnicianTimeOffPayload } from './technicians.types';

/**
 * Adds time off. The technician's row is locked as a booking locks it, so a booking being made
 * at the same moment sees the time off or is seen by it (appointments already booked stay).
 */
export function addTechnicianTimeOff(ctx: RequestContext, input: AddTechnicianTimeOffInput): Promise<AddTechnicianTimeOffPayload> {
  return runMutation<AddTechnicianTimeOffPayload>(ctx, input, async (db) => {
    const technicianId = uuidOf(input.technicianId, 'Technician');
    if (!technicianId) return failure(userError(['input', 'technicianId'], '"technicianId" is not a valid Technician ID', UserErrorCode.INVALID));
    if (input.endsAt.getTime() <= input.startsAt.getTime()) return failure(userError(['input', 'endsAt'], 'The end must be after the start', UserErrorCode.INVALID));
    const technician = await queryOne<TechnicianRow>(db, `SELECT ${TECHNICIAN_SELECT} FROM technicians t WHERE t.id = $1 FOR UPDATE`, [technicianId]);
    if (!technician) return failure(notFoundError(['input', 'technicianId'], 'Technician'));
    const timeOff = await queryOne<TimeOffRow>(
      db,
      `INSERT INTO technician_time_off AS o (id, technician_id, during, reason) VALUES ($1, $2, tstzrange($3, $4), $5) RETURNING ${TIME_OFF_SELECT}`,
      [uuidv7(), technician.id, input.startsAt, input.endsAt, input.reason?.trim() || null],
    );
    return { timeOff, technician, userErrors: [] };
  });
}

export function removeTechnicianTimeOff(ctx: RequestContext, input: RemoveTechnicianTimeOffInput): Promise<RemoveTechnicianTimeOffPayload> {
  return runMutation<RemoveTechnicianTimeOffPayload>(ctx, input, async (db) => {
    const id = uuidOf(input.id, 'TimeOff');
    if (!id) return failure(userError(['input', 'id'], '"id" is not a valid TimeOff ID', UserErrorCode.INVALID));
    const removed = await queryOne<{ technicianId: string }>(db, 'DELETE FROM technician_time_off WHERE id = $1 RETURNING technician_id AS "technicianId"', [id]);
    if (!removed) return failure(notFoundError(['input', 'id'], 'Time off'));
    const technician = await queryOne<TechnicianRow>(db, `SELECT ${TECHNICIAN_SELECT} FROM technicians t WHERE t.id = $1`, [removed.technicianId]);
    return { technician, userErrors: [] };
  });
}
