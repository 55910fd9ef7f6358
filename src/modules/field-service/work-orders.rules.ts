import { RuleMap, canCreate, canDelete, canRead, canUpdate, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';

export const workOrderRules: RuleMap = {
  Query: { workOrders: canRead('WorkOrder'), workOrder: canRead('WorkOrder') },
  Mutation: {
    createWorkOrder: canCreate('WorkOrder'),
    updateWorkOrder: canUpdate('WorkOrder'),
    dispatchWorkOrder: canUpdate('WorkOrder'),
    // Cancelling drops the customer's visit: for those who may delete work orders, not technicians.
    cancelWorkOrder: canDelete('WorkOrder'),
    completeWorkOrder: canUpdate('WorkOrder'),
    markWorkOrderCannotComplete: canUpdate('WorkOrder'),
  },
  // The visit's customer details (accountName, serviceAddress, siteContactName, siteContactPhone)
  // need only the WorkOrder read (plus its personal permission for the person's name and phone,
  // derived from @PersonalField): that is all a technician gets of the customer. References need
  // the referenced type's read; an entitlement goes with its contract.
  WorkOrder: {
    '*': canRead('WorkOrder'),
    account: canRead('Account'),
    siteContact: canRead('Contact'),
    serviceCase: canRead('ServiceCase'),
    contract: canRead('Contract'),
    entitlement: canRead('Contract'),
    owner: canRead('User'),
  },
  WorkOrderLineItem: { '*': canRead('WorkOrder'), product: canRead('Product') },
  WorkOrderStatusChange: { '*': canRead('WorkOrder') },
  Account: { workOrders: canRead('WorkOrder') },
  ServiceCase: { workOrders: canRead('WorkOrder') },
  ...wholeTypes(
    reachableOnlyThroughGuardedFields,
    'WorkOrderConnection',
    'WorkOrderEdge',
    'CreateWorkOrderPayload',
    'UpdateWorkOrderPayload',
    'DispatchWorkOrderPayload',
    'CancelWorkOrderPayload',
    'CompleteWorkOrderPayload',
    'MarkWorkOrderCannotCompletePayload',
  ),
};
