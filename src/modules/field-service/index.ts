/**
 * Field service: service resources (technicians with skills, territories, working hours and time
 * off) and work types, work orders at customers' sites, appointments that never double-book a
 * technician, scheduling help, the technician's own view, and maintenance plans.
 */
import { mergeRules } from '../../graphql/shield';
import { ModuleManifest, ModulePart } from '../module';
import { appointmentsPart } from './appointments.part';
import './field-service.access';
import { MaintenancePlanEntity } from './maintenance-plans.entity';
import { maintenancePlansPart } from './maintenance-plans.part';
import { resourcesPart } from './resources.part';
import { WorkOrderEntity } from './work-orders.entity';
import { workOrdersPart } from './work-orders.part';

const parts: ModulePart[] = [resourcesPart, workOrdersPart, appointmentsPart, maintenancePlansPart];

export const fieldServiceModule: ModuleManifest = {
  name: 'field-service',
  entities: [WorkOrderEntity, MaintenancePlanEntity],
  resolvers: parts.flatMap((p) => p.resolvers),
  rules: mergeRules(parts.map((p) => p.rules)),
};
