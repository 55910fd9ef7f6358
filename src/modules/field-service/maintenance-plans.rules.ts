import { RuleMap, allOf, canCreate, canDelete, canRead, canUpdate, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';

export const maintenancePlanRules: RuleMap = {
  Query: { maintenancePlans: canRead('MaintenancePlan'), maintenancePlan: canRead('MaintenancePlan') },
  Mutation: {
    createMaintenancePlan: canCreate('MaintenancePlan'),
    updateMaintenancePlan: canUpdate('MaintenancePlan'),
    deleteMaintenancePlan: canDelete('MaintenancePlan'),
    // Creates work orders: the plan's manager does, on the plan's behalf, what the scheduler does.
    generateMaintenanceWorkOrders: allOf(canUpdate('MaintenancePlan'), canCreate('WorkOrder')),
  },
  // The work type is read with the plan (as with work orders); other references need their own read.
  MaintenancePlan: {
    '*': canRead('MaintenancePlan'),
    account: canRead('Account'),
    contract: canRead('Contract'),
    siteContact: canRead('Contact'),
    workOrders: canRead('WorkOrder'),
  },
  Account: { maintenancePlans: canRead('MaintenancePlan') },
  WorkOrder: { maintenancePlan: canRead('MaintenancePlan') },
  ...wholeTypes(
    reachableOnlyThroughGuardedFields,
    'MaintenancePlanConnection',
    'MaintenancePlanEdge',
    'CreateMaintenancePlanPayload',
    'UpdateMaintenancePlanPayload',
    'DeleteMaintenancePlanPayload',
    'GenerateMaintenanceWorkOrdersPayload',
  ),
};
