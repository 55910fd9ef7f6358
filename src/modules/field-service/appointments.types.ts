import { IsNotEmpty, IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../graphql/node';
import { DateTimeScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import type { AppointmentRow } from './appointments.loaders';

export enum AppointmentStatus {
  SCHEDULED = 'SCHEDULED',
  CHECKED_IN = 'CHECKED_IN',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(AppointmentStatus, {
  name: 'AppointmentStatus',
  description: 'Where a visit is.',
  valuesConfig: {
    SCHEDULED: { description: 'Booked; can be rescheduled or cancelled.' },
    CHECKED_IN: { description: 'The technician is on site (the work order is IN_PROGRESS).' },
    COMPLETED: { description: 'The technician checked out; final.' },
    CANCELLED: { description: 'Called off; its time is free again; final.' },
  },
});

export enum AppointmentEvent {
  SCHEDULED = 'SCHEDULED',
  RESCHEDULED = 'RESCHEDULED',
  CANCELLED = 'CANCELLED',
  CHECKED_IN = 'CHECKED_IN',
  CHECKED_OUT = 'CHECKED_OUT',
}
registerEnumType(AppointmentEvent, { name: 'AppointmentEvent', description: 'What happened to an appointment.' });

export enum VisitOutcome {
  COMPLETED = 'COMPLETED',
  CANNOT_COMPLETE = 'CANNOT_COMPLETE',
}
registerEnumType(VisitOutcome, {
  name: 'VisitOutcome',
  description: 'How a visit ended; the work order takes this status.',
  valuesConfig: { COMPLETED: { description: 'The work is done.' }, CANNOT_COMPLETE: { description: 'The work could not be finished on this visit.' } },
});

@ObjectType('Appointment', { implements: Node, description: 'A booked visit of a technician for a work order. A technician is never in two live appointments at once.' })
export class Appointment implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field(() => DateTimeScalar, { description: 'When the visit starts (inclusive).' }) scheduledStart!: Date;
  @Field(() => DateTimeScalar, { description: 'When the visit ends (exclusive: another visit may start at this instant).' }) scheduledEnd!: Date;
  @Field(() => DateTimeScalar, { description: 'Start of the arrival window promised to the customer.' }) arrivalWindowStart!: Date;
  @Field(() => DateTimeScalar, { description: 'End of the arrival window promised to the customer.' }) arrivalWindowEnd!: Date;
  @Field(() => AppointmentStatus, { description: 'Where the visit is.' }) status!: AppointmentStatus;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the technician checked in on site.' }) checkedInAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the technician checked out.' }) checkedOutAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it was cancelled.' }) cancelReason!: string | null;
  @Field(() => Int, { description: 'Increases with every change.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When it was booked.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When it last changed.' }) updatedAt!: Date;
}

@ObjectType('AppointmentHistoryEntry', { description: 'One booking, move, cancellation, check-in or check-out of an appointment.' })
export class AppointmentHistoryEntry {
  @Field(() => AppointmentEvent, { description: 'What happened.' }) event!: AppointmentEvent;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Start of the booked time after the event.' }) scheduledStart!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'End of the booked time after the event.' }) scheduledEnd!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Start of the booked time before a reschedule.' }) previousScheduledStart!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'End of the booked time before a reschedule.' }) previousScheduledEnd!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why, when given (reschedules and cancellations).' }) reason!: string | null;
  @Field({ description: 'Who did it: "user", "api_key" or "system".' }) actorKind!: string;
  @Field(() => DateTimeScalar, { description: 'When.' }) at!: Date;
}

@ObjectType('AppointmentSlot', { description: 'A technician and time that can take a work order’s visit.' })
export class AppointmentSlot {
  @Field(() => DateTimeScalar, { description: 'When the visit would start.' }) start!: Date;
  @Field(() => DateTimeScalar, { description: 'When the visit would end (start plus the work order’s duration).' }) end!: Date;
  @Field(() => Int, { description: 'Rank, from 1 (best): earliest start first, then the technician with the fewest booked minutes that day.' }) rank!: number;
  @Field(() => Int, { description: 'Minutes the technician already has booked on that day (their local date).' }) bookedMinutesThatDay!: number;
  @Field(() => [String], { description: 'Why the technician fits, in words (skills, territory, free time, due-by).' }) reasons!: string[];
}

/** A visit's booked time: start, and end or the work order's duration. */
@InputType('AppointmentTimeFields')
class AppointmentTimeFields {
  @Field(() => DateTimeScalar, { description: 'When the visit starts.' }) start!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it ends (exclusive); default: start plus the work order’s duration.' }) end?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Start of the arrival window promised to the customer; default: start.' }) arrivalWindowStart?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'End of the arrival window; default: arrivalWindowStart plus 2 hours (never before it).' }) arrivalWindowEnd?: Date | null;
}

@InputType({ description: 'Books a technician for a NEW work order.' })
export class ScheduleAppointmentInput extends AppointmentTimeFields {
  @Field(() => ID, { description: 'The WorkOrder; it must be NEW.' }) workOrderId!: string;
  @Field(() => ID, { description: 'The Technician; active, working and free for the whole visit.' }) technicianId!: string;
}

@InputType({ description: 'Moves a SCHEDULED appointment to another time and/or technician.' })
export class RescheduleAppointmentInput extends AppointmentTimeFields {
  @Field(() => ID, { description: 'The Appointment.' }) id!: string;
  @Field(() => ID, { nullable: true, description: 'Another Technician; default: the same one.' }) technicianId?: string | null;
  @Field({ description: 'Why it moves (kept in the history), 1–1000 characters.' }) @IsNotEmpty() @MaxLength(1000) reason!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the appointment is at this version.' }) expectedVersion?: number | null;
}

@InputType({ description: 'Calls off a SCHEDULED appointment; the work order goes back to NEW.' })
export class CancelAppointmentInput {
  @Field(() => ID, { description: 'The Appointment.' }) id!: string;
  @Field({ description: 'Why (kept on the appointment and in its history), 1–1000 characters.' }) @IsNotEmpty() @MaxLength(1000) reason!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the appointment is at this version.' }) expectedVersion?: number | null;
}

@InputType({ description: 'The technician arrives on site.' })
export class CheckInInput {
  @Field(() => ID, { description: 'The Appointment; SCHEDULED, its work order DISPATCHED.' }) appointmentId!: string;
}

@InputType({ description: 'The technician leaves the site.' })
export class CheckOutInput {
  @Field(() => ID, { description: 'The Appointment; CHECKED_IN.' }) appointmentId!: string;
  @Field(() => VisitOutcome, { description: 'How the visit ended; the work order takes this status.' }) outcome!: VisitOutcome;
  @Field(() => String, { nullable: true, description: 'What was done (stored on the work order), at most 10000 characters.' })
  @IsOptional()
  @MaxLength(10000)
  completionNotes?: string | null;
  @Field(() => String, { nullable: true, description: 'Personal data: the name of who signed for the work on site, at most 255 characters.' })
  @IsOptional()
  @MaxLength(255)
  signatureName?: string | null;
}

@ArgsType()
export class MyAppointmentsArgs {
  @Field(() => DateTimeScalar, { description: 'Visits ending after this instant.' }) from!: Date;
  @Field(() => DateTimeScalar, { description: 'Visits starting before this instant (at most 92 days after from).' }) to!: Date;
}

@ArgsType()
export class SuggestAppointmentSlotsArgs {
  @Field(() => ID, { description: 'The WorkOrder to find a visit for.' }) workOrderId!: string;
  @Field(() => DateTimeScalar, { description: 'Earliest start (the present, if later).' }) from!: Date;
  @Field(() => DateTimeScalar, { description: 'Latest start (exclusive), at most 14 days after from.' }) to!: Date;
  @Field(() => Int, { defaultValue: 10, description: 'How many slots, 1–50.' }) limit!: number;
}

@ObjectType('AppointmentPayload')
class AppointmentPayload {
  @Field(() => Appointment, { nullable: true, description: 'The appointment, when the mutation succeeded.' }) appointment?: AppointmentRow | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of scheduleAppointment.' }) export class ScheduleAppointmentPayload extends AppointmentPayload {}
@ObjectType({ description: 'Result of rescheduleAppointment.' }) export class RescheduleAppointmentPayload extends AppointmentPayload {}
@ObjectType({ description: 'Result of cancelAppointment.' }) export class CancelAppointmentPayload extends AppointmentPayload {}
@ObjectType({ description: 'Result of checkIn.' }) export class CheckInPayload extends AppointmentPayload {}
@ObjectType({ description: 'Result of checkOut.' }) export class CheckOutPayload extends AppointmentPayload {}
