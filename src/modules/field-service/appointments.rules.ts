import { RuleMap, allOf, canRead, canUpdate, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';

/**
 * Appointments are part of their work order: reading and booking them is reading and updating the
 * work order (record scope applies in the statements); the technicians they name need read on Technician.
 */
export const appointmentRules: RuleMap = {
  Query: {
    myAppointments: canRead('WorkOrder'),
    suggestAppointmentSlots: allOf(canRead('WorkOrder'), canRead('Technician')),
  },
  Mutation: {
    scheduleAppointment: canUpdate('WorkOrder'),
    rescheduleAppointment: canUpdate('WorkOrder'),
    cancelAppointment: canUpdate('WorkOrder'),
    checkIn: canUpdate('WorkOrder'),
    checkOut: canUpdate('WorkOrder'),
  },
  Appointment: { '*': canRead('WorkOrder'), technician: canRead('Technician') },
  AppointmentHistoryEntry: { '*': canRead('WorkOrder'), technician: canRead('Technician'), previousTechnician: canRead('Technician'), actor: canRead('User') },
  AppointmentSlot: { '*': canRead('WorkOrder'), technician: canRead('Technician') },
  WorkOrder: { appointments: canRead('WorkOrder'), appointment: canRead('WorkOrder') },
  ...wholeTypes(reachableOnlyThroughGuardedFields, 'ScheduleAppointmentPayload', 'RescheduleAppointmentPayload', 'CancelAppointmentPayload', 'CheckInPayload', 'CheckOutPayload'),
};
