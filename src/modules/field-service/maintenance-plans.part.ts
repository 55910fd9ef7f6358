import { registerNodeType } from '../../graphql/node';
import { ModulePart } from '../module';
import { maintenancePlanById } from './maintenance-plans.loaders';
import { AccountMaintenancePlansResolver, MaintenancePlanResolver, WorkOrderMaintenancePlanResolver } from './maintenance-plans.resolver';
import { maintenancePlanRules } from './maintenance-plans.rules';

registerNodeType({ typeName: 'MaintenancePlan', load: (ctx, uuid) => maintenancePlanById(ctx).load(uuid) });

/** Maintenance plans: their CRUD, the work orders they generated, and generating them on demand (the scheduler is maintenance-plans.sweep.ts). */
export const maintenancePlansPart: ModulePart = {
  resolvers: [MaintenancePlanResolver, AccountMaintenancePlansResolver, WorkOrderMaintenancePlanResolver],
  rules: maintenancePlanRules,
};
