import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId, uuidOf } from '../../graphql/global-id';
import type { RequestContext } from '../../tenancy/request-context';
import { User, type UserEntity, userById } from '../workspace';
import { type AppointmentHistoryRow, type AppointmentRow, appointmentsByWorkOrder, historyByAppointment } from './appointments.loaders';
import * as appointments from './appointments.service';
import { type SuggestedSlot, suggestAppointmentSlots } from './appointments.suggestions';
import {
  Appointment,
  AppointmentHistoryEntry,
  AppointmentSlot,
  CancelAppointmentInput,
  CancelAppointmentPayload,
  CheckInInput,
  CheckInPayload,
  CheckOutInput,
  CheckOutPayload,
  MyAppointmentsArgs,
  RescheduleAppointmentInput,
  RescheduleAppointmentPayload,
  ScheduleAppointmentInput,
  ScheduleAppointmentPayload,
  SuggestAppointmentSlotsArgs,
} from './appointments.types';
import * as visits from './appointments.visits';
import { Technician } from './technicians.types';
import { technicianById } from './technicians.loaders';
import type { WorkOrderEntity } from './work-orders.entity';
import { workOrderById } from './work-orders.loaders';
import { WorkOrder } from './work-orders.types';

const technician = (ctx: RequestContext, id: string | null) => (id ? technicianById(ctx).load(id) : null);

@Resolver(() => Appointment)
export class AppointmentResolver {
  @Mutation(() => ScheduleAppointmentPayload, {
    description:
      'Books a technician for a NEW work order (which becomes SCHEDULED). The visit must lie in the technician’s working hours (INVALID), outside their time off and within their daily capacity (CONFLICT); an overlapping live appointment of the technician is CONFLICT, decided by the database so that concurrent bookings cannot both win.',
  })
  scheduleAppointment(@Ctx() ctx: RequestContext, @Arg('input') input: ScheduleAppointmentInput): Promise<ScheduleAppointmentPayload> {
    return appointments.scheduleAppointment(ctx, input);
  }

  @Mutation(() => RescheduleAppointmentPayload, {
    description: 'Moves a SCHEDULED appointment (same checks as scheduleAppointment); a DISPATCHED work order goes back to SCHEDULED. Kept in the history with the previous time and technician.',
  })
  rescheduleAppointment(@Ctx() ctx: RequestContext, @Arg('input') input: RescheduleAppointmentInput): Promise<RescheduleAppointmentPayload> {
    return appointments.rescheduleAppointment(ctx, input);
  }

  @Mutation(() => CancelAppointmentPayload, { description: 'Calls off a SCHEDULED appointment, freeing its time; the work order goes back to NEW.' })
  cancelAppointment(@Ctx() ctx: RequestContext, @Arg('input') input: CancelAppointmentInput): Promise<CancelAppointmentPayload> {
    return appointments.cancelAppointment(ctx, input);
  }

  @Mutation(() => CheckInPayload, { description: 'The assigned technician (or a dispatcher) arrives: the appointment is CHECKED_IN and the DISPATCHED work order IN_PROGRESS.' })
  checkIn(@Ctx() ctx: RequestContext, @Arg('input') input: CheckInInput): Promise<CheckInPayload> {
    return visits.checkIn(ctx, input);
  }

  @Mutation(() => CheckOutPayload, { description: 'The assigned technician (or a dispatcher) leaves: the appointment is COMPLETED and the work order takes the outcome, with notes and signature.' })
  checkOut(@Ctx() ctx: RequestContext, @Arg('input') input: CheckOutInput): Promise<CheckOutPayload> {
    return visits.checkOut(ctx, input);
  }

  @Query(() => [Appointment], { description: 'Your own live visits (as the technician linked to your user) overlapping [from, to), earliest first; empty when you are no technician.' })
  myAppointments(@Ctx() ctx: RequestContext, @Args() args: MyAppointmentsArgs): Promise<AppointmentRow[]> {
    return visits.myAppointments(ctx, args.from, args.to);
  }

  @Query(() => [AppointmentSlot], {
    description:
      'Technicians and times that can take the work order’s visit in [from, to) (at most 14 days): skilled, covering its territory, working, free and finishing by its due-by. Ranked by earliest start, then fewest minutes booked that day.',
  })
  suggestAppointmentSlots(@Ctx() ctx: RequestContext, @Args() args: SuggestAppointmentSlotsArgs): Promise<SuggestedSlot[]> {
    return suggestAppointmentSlots(ctx, args.workOrderId, args.from, args.to, args.limit);
  }

  @FieldResolver(() => ID)
  id(@Root() appointment: AppointmentRow): string {
    return toGlobalId('Appointment', appointment.id);
  }

  @FieldResolver(() => WorkOrder, { nullable: true, description: 'The work order visited (null when it is in the recycle bin).' })
  workOrder(@Ctx() ctx: RequestContext, @Root() appointment: AppointmentRow): Promise<WorkOrderEntity | null> {
    return workOrderById(ctx).load(appointment.workOrderId);
  }

  @FieldResolver(() => Technician, { nullable: true, description: 'The technician booked.' })
  technician(@Ctx() ctx: RequestContext, @Root() appointment: AppointmentRow) {
    return technician(ctx, appointment.technicianId);
  }

  @FieldResolver(() => [AppointmentHistoryEntry], { description: 'Every booking, move, cancellation, check-in and check-out, oldest first.' })
  history(@Ctx() ctx: RequestContext, @Root() appointment: AppointmentRow): Promise<AppointmentHistoryRow[]> {
    return historyByAppointment(ctx).load(appointment.id);
  }
}

@Resolver(() => AppointmentHistoryEntry)
export class AppointmentHistoryEntryResolver {
  @FieldResolver(() => Technician, { nullable: true, description: 'The technician booked after the event.' })
  technician(@Ctx() ctx: RequestContext, @Root() entry: AppointmentHistoryRow) {
    return technician(ctx, entry.technicianId);
  }

  @FieldResolver(() => Technician, { nullable: true, description: 'The technician booked before a reschedule.' })
  previousTechnician(@Ctx() ctx: RequestContext, @Root() entry: AppointmentHistoryRow) {
    return technician(ctx, entry.previousTechnicianId);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user who did it; null for API keys and the system.' })
  actor(@Ctx() ctx: RequestContext, @Root() entry: AppointmentHistoryRow): Promise<UserEntity | null> | null {
    const uuid = entry.actorKind === 'user' ? uuidOf(entry.actorId, 'User') : null;
    return uuid ? userById(ctx).load(uuid) : null;
  }
}

@Resolver(() => AppointmentSlot)
export class AppointmentSlotResolver {
  @FieldResolver(() => Technician, { nullable: true, description: 'The technician who could take the visit.' })
  technician(@Ctx() ctx: RequestContext, @Root() slot: SuggestedSlot) {
    return technician(ctx, slot.technicianId);
  }
}

/** `WorkOrder.appointments` and `WorkOrder.appointment`: the work orders module's type, extended here. */
@Resolver(() => WorkOrder)
export class WorkOrderAppointmentsResolver {
  @FieldResolver(() => [Appointment], { description: 'Every appointment of the work order, cancelled ones included, oldest first (batched across work orders).' })
  appointments(@Ctx() ctx: RequestContext, @Root() workOrder: WorkOrderEntity): Promise<AppointmentRow[]> {
    return appointmentsByWorkOrder(ctx).load(workOrder.id);
  }

  @FieldResolver(() => Appointment, { nullable: true, description: 'The live (not cancelled) appointment, if any: at most one.' })
  async appointment(@Ctx() ctx: RequestContext, @Root() workOrder: WorkOrderEntity): Promise<AppointmentRow | null> {
    return (await appointmentsByWorkOrder(ctx).load(workOrder.id)).find((a) => a.status !== 'CANCELLED') ?? null;
  }
}
