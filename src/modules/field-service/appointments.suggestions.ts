/**
 * Scheduling help: which technicians could take a work order's visit, and when. A candidate is
 * active, has every skill the work type requires at its minimum level, covers the order's
 * territory (home or extra territory; any technician when the order has none), works and is free
 * (no live appointment, no time off, capacity left) for the whole visit, and finishes by the
 * order's due-by. Starts lie on a 30-minute grid; slots are ranked by earliest start, then by the
 * fewest minutes the technician already has booked that day (spreading the work), then by
 * technician for a stable order.
 *
 * Three statements at most, whatever the number of technicians or slots: the work order with its
 * requirements, the candidates with everything about their availability, and (only when a
 * technician has no home territory zone) the workspace's time zone.
 */
import { queryOne } from '../../db/sql';
import { SqlParams } from '../../db/sql-params';
import { badInput, notFound } from '../../graphql/errors';
import { requireUuid } from '../../graphql/global-id';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { workOrderScope } from './appointments.loaders';
import { DAY, bookedMinutesOn, freeStarts, loadAvailability } from './availability';
import { WorkOrderStatus } from './work-orders.entity';

/** The longest range searched: bounds the work of one request. */
export const MAX_SUGGESTION_DAYS = 14;
const MAX_LIMIT = 50;
const SCHEDULABLE: readonly WorkOrderStatus[] = ['NEW', 'SCHEDULED', 'DISPATCHED'];

export interface SuggestedSlot {
  technicianId: string;
  start: Date;
  end: Date;
  rank: number;
  bookedMinutesThatDay: number;
  reasons: string[];
}

interface Requirements {
  id: string;
  status: WorkOrderStatus;
  durationMinutes: number;
  dueBy: Date | null;
  territoryId: string | null;
  workTypeId: string | null;
  skillCount: number;
  /** The order's live appointment: when moving it, its own time counts as free. */
  liveAppointmentId: string | null;
}

/**
 * Candidates by skills and territory, as trusted SQL over the technicians alias `t` ($3 the work
 * type, $4 the territory): no required skill of the work type is missing or below its level.
 */
const CANDIDATES = `t.active
  AND NOT EXISTS (SELECT 1 FROM work_type_skills req WHERE req.work_type_id = $3::uuid
                   AND NOT EXISTS (SELECT 1 FROM technician_skills ts WHERE ts.technician_id = t.id AND ts.skill_id = req.skill_id AND ts.level >= req.min_level))
  AND ($4::uuid IS NULL OR t.home_territory_id = $4::uuid
       OR EXISTS (SELECT 1 FROM technician_territories tt WHERE tt.technician_id = t.id AND tt.territory_id = $4::uuid))`;

async function requirements(ctx: RequestContext, workOrderId: string): Promise<Requirements> {
  const params = new SqlParams();
  const conditions = [`wo.id = ${params.add(requireUuid(workOrderId, 'WorkOrder', 'workOrderId'))}`, 'wo.deleted_at IS NULL', workOrderScope(ctx)(params) ?? 'true'];
  const row = await queryOne<Requirements>(
    await tenantDb(ctx),
    `SELECT wo.id, wo.status, wo.duration_minutes AS "durationMinutes", wo.due_by AS "dueBy", wo.territory_id AS "territoryId", wo.work_type_id AS "workTypeId",
            (SELECT count(*)::int FROM work_type_skills s WHERE s.work_type_id = wo.work_type_id) AS "skillCount",
            (SELECT a.id FROM appointments a WHERE a.work_order_id = wo.id AND a.status <> 'CANCELLED') AS "liveAppointmentId"
       FROM work_orders wo WHERE ${conditions.join(' AND ')}`,
    params.values,
  );
  if (!row) throw notFound('WorkOrder');
  return row;
}

function checkArguments(from: Date, to: Date, limit: number): void {
  const days = (to.getTime() - from.getTime()) / DAY;
  if (!(days > 0 && days <= MAX_SUGGESTION_DAYS)) throw badInput(`"to" must be after "from" and at most ${MAX_SUGGESTION_DAYS} days later`, { argument: 'to' });
  if (!(Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT)) throw badInput(`"limit" must be 1 to ${MAX_LIMIT}`, { argument: 'limit' });
}

function reasonsFor(order: Requirements): string[] {
  return [
    order.skillCount ? `Has the ${order.skillCount} required skill(s) at the required level` : 'No skills required',
    order.territoryId ? 'Covers the work order’s territory' : 'The work order has no territory',
    'Working, free and within daily capacity for the whole visit',
    ...(order.dueBy ? [`Finishes by the due-by ${order.dueBy.toISOString()}`] : []),
  ];
}

export async function suggestAppointmentSlots(ctx: RequestContext, workOrderId: string, from: Date, to: Date, limit: number): Promise<SuggestedSlot[]> {
  checkArguments(from, to, limit);
  const order = await requirements(ctx, workOrderId);
  if (!SCHEDULABLE.includes(order.status)) return [];
  // Nothing is suggested in the past.
  const earliest = Math.max(from.getTime(), Date.now());
  if (earliest >= to.getTime()) return [];
  const technicians = await loadAvailability(ctx, await tenantDb(ctx), new Date(earliest), to, CANDIDATES, [order.workTypeId, order.territoryId]);
  const latestEnd = order.dueBy ? order.dueBy.getTime() : Infinity;
  const reasons = reasonsFor(order);
  // Each technician's earliest `limit` slots are enough for the overall earliest `limit`.
  const slots = technicians.flatMap((technician) =>
    freeStarts(technician, { from: earliest, to: to.getTime(), latestEnd }, order.durationMinutes, limit, order.liveAppointmentId).map((slot) => ({
      technicianId: technician.technicianId,
      start: slot.start,
      end: slot.end,
      booked: bookedMinutesOn(technician, slot.start, order.liveAppointmentId),
    })),
  );
  slots.sort((a, b) => a.start - b.start || a.booked - b.booked || a.technicianId.localeCompare(b.technicianId));
  return slots.slice(0, limit).map((slot, index) => ({
    technicianId: slot.technicianId,
    start: new Date(slot.start),
    end: new Date(slot.end),
    rank: index + 1,
    bookedMinutesThatDay: Math.round(slot.booked),
    reasons,
  }));
}

