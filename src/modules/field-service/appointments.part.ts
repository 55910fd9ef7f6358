import { registerNodeType } from '../../graphql/node';
import { ModulePart } from '../module';
import { appointmentById } from './appointments.loaders';
import { AppointmentHistoryEntryResolver, AppointmentResolver, AppointmentSlotResolver, WorkOrderAppointmentsResolver } from './appointments.resolver';
import { appointmentRules } from './appointments.rules';

// Appointments are no CRM object of the role model: node(id) reads them with their work order.
registerNodeType({ typeName: 'Appointment', load: (ctx, uuid) => (ctx.can.read('WorkOrder') ? appointmentById(ctx).load(uuid) : Promise.resolve(null)) });

/** Appointments: booking technicians without double-booking, scheduling help and the technician's visits. */
export const appointmentsPart: ModulePart = {
  resolvers: [AppointmentResolver, AppointmentHistoryEntryResolver, AppointmentSlotResolver, WorkOrderAppointmentsResolver],
  rules: appointmentRules,
};
