import { registerNodeType } from '../../graphql/node';
import { ModulePart } from '../module';
import { workOrderById } from './work-orders.loaders';
import { AccountWorkOrdersResolver, ServiceCaseWorkOrdersResolver, WorkOrderLineItemResolver, WorkOrderResolver } from './work-orders.resolver';
import { workOrderRules } from './work-orders.rules';

registerNodeType({ typeName: 'WorkOrder', load: (ctx, uuid) => workOrderById(ctx).load(uuid) });

/** Work orders: created (due-by from the SLA), changed while open, dispatched, cancelled, completed. */
export const workOrdersPart: ModulePart = {
  resolvers: [WorkOrderResolver, WorkOrderLineItemResolver, AccountWorkOrdersResolver, ServiceCaseWorkOrdersResolver],
  rules: workOrderRules,
};
