import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import type { ConnectionValue } from '../../graphql/pagination';
import { DecimalScalar } from '../../graphql/scalars';
import { Money } from '../../graphql/values';
import type { RequestContext } from '../../tenancy/request-context';
import { Account, AccountEntity, accountById } from '../accounts';
import { Territory, territoryById } from '../configuration';
import type { TerritoryEntity } from '../configuration/territories.entity';
import { Contact, ContactEntity, contactById } from '../contacts';
import type { ContractEntity } from '../contracts/contracts.entity';
import { contractById } from '../contracts/contracts.loaders';
import { Contract } from '../contracts/contracts.types';
import type { EntitlementEntity } from '../contracts/entitlements.entity';
import { entitlementById } from '../contracts/entitlements.loaders';
import { Entitlement } from '../contracts/entitlements.types';
import { Product, ProductEntity, productById } from '../products';
import type { ServiceCaseEntity } from '../service/cases.entity';
import { serviceCaseById } from '../service/cases.loaders';
import { ServiceCase } from '../service/cases.types';
import { User, UserEntity, userById } from '../workspace';
import { WorkOrderEntity } from './work-orders.entity';
import { type WorkTypeRow, workTypeById } from './work-types.loaders';
import { WorkType } from './work-types.types';
import type { WorkOrderLineItemRow, WorkOrderStatusChangeRow } from './work-orders.loaders';
import { lineItemsByWorkOrder, statusHistoryByWorkOrder, visitCustomerByWorkOrder, workOrdersByParent } from './work-orders.loaders';
import * as workOrders from './work-orders.service';
import * as transitions from './work-orders.transitions';
import {
  CancelWorkOrderInput,
  CancelWorkOrderPayload,
  CompleteWorkOrderInput,
  CompleteWorkOrderPayload,
  CreateWorkOrderInput,
  CreateWorkOrderPayload,
  DispatchWorkOrderInput,
  DispatchWorkOrderPayload,
  MarkWorkOrderCannotCompleteInput,
  MarkWorkOrderCannotCompletePayload,
  NestedWorkOrdersArgs,
  UpdateWorkOrderInput,
  UpdateWorkOrderPayload,
  WorkOrder,
  WorkOrderConnection,
  WorkOrderLineItem,
  WorkOrderStatusChange,
  WorkOrdersArgs,
} from './work-orders.types';

/** A stored coordinate without the column's padding ("52.520000" → "52.52"). */
const trimDecimal = (value: string | null): string | null => (value === null ? null : value.includes('.') ? value.replace(/\.?0+$/, '') : value);

@Resolver(() => WorkOrder)
export class WorkOrderResolver {
  @Query(() => WorkOrderConnection, { description: 'Work orders within your record scope (a technician: those assigned to them), filtered, sorted and paginated.' })
  workOrders(@Ctx() ctx: RequestContext, @Args() args: WorkOrdersArgs): Promise<ConnectionValue<WorkOrderEntity>> {
    return workOrders.listWorkOrders(ctx, args);
  }

  @Query(() => WorkOrder, { nullable: true, description: 'One work order by ID; NOT_FOUND when it does not exist, is deleted or is outside your record scope.' })
  workOrder(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The work order (WorkOrder ID).' }) id: string): Promise<WorkOrderEntity> {
    return workOrders.getWorkOrder(ctx, id);
  }

  @Mutation(() => CreateWorkOrderPayload, { description: 'Creates a NEW work order; without a due-by it is due when the entitlement’s SLA says.' })
  createWorkOrder(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The work order.' }) input: CreateWorkOrderInput): Promise<CreateWorkOrderPayload> {
    return workOrders.createWorkOrder(ctx, input);
  }

  @Mutation(() => UpdateWorkOrderPayload, { description: 'Changes an open work order (not its status); closed ones are INVALID_STATE.' })
  updateWorkOrder(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The changes.' }) input: UpdateWorkOrderInput): Promise<UpdateWorkOrderPayload> {
    return workOrders.updateWorkOrder(ctx, input);
  }

  @Mutation(() => DispatchWorkOrderPayload, { description: 'SCHEDULED → DISPATCHED: sends the visit to its technician.' })
  dispatchWorkOrder(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The work order.' }) input: DispatchWorkOrderInput): Promise<DispatchWorkOrderPayload> {
    return transitions.dispatchWorkOrder(ctx, input);
  }

  @Mutation(() => CancelWorkOrderPayload, { description: 'NEW, SCHEDULED or DISPATCHED → CANCELLED; its live appointment is cancelled too.' })
  cancelWorkOrder(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The work order and why.' }) input: CancelWorkOrderInput): Promise<CancelWorkOrderPayload> {
    return transitions.cancelWorkOrder(ctx, input);
  }

  @Mutation(() => CompleteWorkOrderPayload, { description: 'IN_PROGRESS → COMPLETED, with completion notes and the signer’s name.' })
  completeWorkOrder(@Ctx() ctx: RequestContext, @Arg('input', { description: 'The work order and the outcome.' }) input: CompleteWorkOrderInput): Promise<CompleteWorkOrderPayload> {
    return transitions.completeWorkOrder(ctx, input);
  }

  @Mutation(() => MarkWorkOrderCannotCompletePayload, { description: 'IN_PROGRESS → CANNOT_COMPLETE, with the reason.' })
  markWorkOrderCannotComplete(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'The work order and why.' }) input: MarkWorkOrderCannotCompleteInput,
  ): Promise<MarkWorkOrderCannotCompletePayload> {
    return transitions.markWorkOrderCannotComplete(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() workOrder: WorkOrderEntity): string {
    return toGlobalId('WorkOrder', workOrder.id);
  }

  @FieldResolver(() => DecimalScalar, { nullable: true })
  latitude(@Root() workOrder: WorkOrderEntity): string | null {
    return trimDecimal(workOrder.latitude);
  }

  @FieldResolver(() => DecimalScalar, { nullable: true })
  longitude(@Root() workOrder: WorkOrderEntity): string | null {
    return trimDecimal(workOrder.longitude);
  }

  @FieldResolver(() => String)
  async accountName(@Ctx() ctx: RequestContext, @Root() workOrder: WorkOrderEntity): Promise<string> {
    return (await visitCustomerByWorkOrder(ctx).load(workOrder.id))?.accountName ?? '';
  }

  @FieldResolver(() => String, { nullable: true })
  async siteContactName(@Ctx() ctx: RequestContext, @Root() workOrder: WorkOrderEntity): Promise<string | null> {
    return (await visitCustomerByWorkOrder(ctx).load(workOrder.id))?.siteContactName ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  async siteContactPhone(@Ctx() ctx: RequestContext, @Root() workOrder: WorkOrderEntity): Promise<string | null> {
    return (await visitCustomerByWorkOrder(ctx).load(workOrder.id))?.siteContactPhone ?? null;
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The customer (null when outside what your role sees, or in the recycle bin; a technician reads accountName instead).' })
  account(@Ctx() ctx: RequestContext, @Root() workOrder: WorkOrderEntity): Promise<AccountEntity | null> {
    return accountById(ctx).load(workOrder.accountId);
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'The person on site (null when none, or outside what your role sees; a technician reads siteContactName and siteContactPhone instead).' })
  siteContact(@Ctx() ctx: RequestContext, @Root() workOrder: WorkOrderEntity): Promise<ContactEntity | null> | null {
    return workOrder.siteContactId ? contactById(ctx).load(workOrder.siteContactId) : null;
  }

  @FieldResolver(() => Territory, { nullable: true, description: 'The territory the site lies in.' })
  territory(@Ctx() ctx: RequestContext, @Root() workOrder: WorkOrderEntity): Promise<TerritoryEntity | null> | null {
    return workOrder.territoryId ? territoryById(ctx).load(workOrder.territoryId) : null;
  }

  @FieldResolver(() => ServiceCase, { nullable: true, description: 'The service case the work is for (null when none, or outside your record scope).' })
  serviceCase(@Ctx() ctx: RequestContext, @Root() workOrder: WorkOrderEntity): Promise<ServiceCaseEntity | null> | null {
    return workOrder.serviceCaseId ? serviceCaseById(ctx).load(workOrder.serviceCaseId) : null;
  }

  @FieldResolver(() => Contract, { nullable: true, description: 'The contract the work is done under (the entitlement’s), if any.' })
  contract(@Ctx() ctx: RequestContext, @Root() workOrder: WorkOrderEntity): Promise<ContractEntity | null> | null {
    return workOrder.contractId ? contractById(ctx).load(workOrder.contractId) : null;
  }

  @FieldResolver(() => Entitlement, { nullable: true, description: 'The entitlement the work is done under, whose SLA set the due-by.' })
  entitlement(@Ctx() ctx: RequestContext, @Root() workOrder: WorkOrderEntity): Promise<EntitlementEntity | null> | null {
    return workOrder.entitlementId ? entitlementById(ctx).load(workOrder.entitlementId) : null;
  }

  @FieldResolver(() => WorkType, { nullable: true, description: 'The kind of work: its required skills guide scheduling.' })
  workType(@Ctx() ctx: RequestContext, @Root() workOrder: WorkOrderEntity): Promise<WorkTypeRow | null> | null {
    return workOrder.workTypeId ? workTypeById(ctx).load(workOrder.workTypeId) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user responsible for the work order.' })
  owner(@Ctx() ctx: RequestContext, @Root() workOrder: WorkOrderEntity): Promise<UserEntity | null> | null {
    return workOrder.ownerId ? userById(ctx).load(workOrder.ownerId) : null;
  }

  @FieldResolver(() => [WorkOrderLineItem], { description: 'Parts and labour, in order (batched across work orders).' })
  lineItems(@Ctx() ctx: RequestContext, @Root() workOrder: WorkOrderEntity): Promise<WorkOrderLineItemRow[]> {
    return lineItemsByWorkOrder(ctx).load(workOrder.id);
  }

  @FieldResolver(() => [WorkOrderStatusChange], { description: 'Every status change, oldest first (batched across work orders).' })
  statusHistory(@Ctx() ctx: RequestContext, @Root() workOrder: WorkOrderEntity): Promise<WorkOrderStatusChangeRow[]> {
    return statusHistoryByWorkOrder(ctx).load(workOrder.id);
  }
}

@Resolver(() => WorkOrderLineItem)
export class WorkOrderLineItemResolver {
  @FieldResolver(() => Product, { nullable: true, description: 'The part’s product, if any.' })
  product(@Ctx() ctx: RequestContext, @Root() line: WorkOrderLineItemRow): Promise<ProductEntity | null> | null {
    return line.productId ? productById(ctx).load(line.productId) : null;
  }

  @FieldResolver(() => Money)
  unitPrice(@Root() line: WorkOrderLineItemRow): Money {
    return { amount: line.unitPrice, currency: line.currency };
  }

  @FieldResolver(() => Money)
  total(@Root() line: WorkOrderLineItemRow): Money {
    return { amount: line.total, currency: line.currency };
  }
}

/** `Account.workOrders` and `ServiceCase.workOrders`: field service extends those types without their modules knowing it. */
@Resolver(() => Account)
export class AccountWorkOrdersResolver {
  @FieldResolver(() => WorkOrderConnection, { description: 'Work orders at this account within your record scope, earliest due first (batched across accounts).' })
  workOrders(@Ctx() ctx: RequestContext, @Root() account: AccountEntity, @Args() args: NestedWorkOrdersArgs): Promise<ConnectionValue<WorkOrderEntity>> {
    return workOrdersByParent(ctx, 'account_id', { ...args }).load(account.id);
  }
}

@Resolver(() => ServiceCase)
export class ServiceCaseWorkOrdersResolver {
  @FieldResolver(() => WorkOrderConnection, { description: 'Work orders for this service case within your record scope, earliest due first (batched across cases).' })
  workOrders(@Ctx() ctx: RequestContext, @Root() serviceCase: ServiceCaseEntity, @Args() args: NestedWorkOrdersArgs): Promise<ConnectionValue<WorkOrderEntity>> {
    return workOrdersByParent(ctx, 'service_case_id', { ...args }).load(serviceCase.id);
  }
}
