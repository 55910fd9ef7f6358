import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import type { ConnectionValue } from '../../graphql/pagination';
import type { RequestContext } from '../../tenancy/request-context';
import { Account, AccountEntity, accountById } from '../accounts';
import { Contact, ContactEntity, contactById } from '../contacts';
import type { EntitlementEntity } from '../contracts/entitlements.entity';
import { entitlementById } from '../contracts/entitlements.loaders';
import { Entitlement } from '../contracts/entitlements.types';
import { Product, ProductEntity, productById } from '../products';
import { User, UserEntity, userById } from '../workspace';
import { ServiceCaseEntity } from './cases.entity';
import { serviceCasesByParent } from './cases.loaders';
import { MilestoneValue, caseMilestones } from './cases.milestones';
import * as cases from './cases.service';
import {
  AccountServiceCasesArgs,
  CaseMilestone,
  ChangeServiceCaseStatusInput,
  ChangeServiceCaseStatusPayload,
  CreateServiceCaseInput,
  CreateServiceCasePayload,
  DeleteServiceCaseInput,
  DeleteServiceCasePayload,
  RespondToServiceCaseInput,
  RespondToServiceCasePayload,
  RestoreServiceCaseInput,
  RestoreServiceCasePayload,
  ServiceCase,
  ServiceCaseConnection,
  ServiceCasesArgs,
  UpdateServiceCaseInput,
  UpdateServiceCasePayload,
} from './cases.types';

@Resolver(() => ServiceCase)
export class ServiceCaseResolver {
  @Query(() => ServiceCaseConnection, { description: 'Service cases within your record scope, filtered, sorted and paginated.' })
  serviceCases(@Ctx() ctx: RequestContext, @Args() args: ServiceCasesArgs): Promise<ConnectionValue<ServiceCaseEntity>> {
    return cases.listServiceCases(ctx, args);
  }

  @Query(() => ServiceCase, { nullable: true, description: 'One service case by ID; NOT_FOUND when it does not exist, is deleted or is outside your record scope.' })
  serviceCase(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<ServiceCaseEntity> {
    return cases.getServiceCase(ctx, id);
  }

  @Mutation(() => CreateServiceCasePayload, { description: 'Logs a service case, matched to the entitlement covering it, with its SLA due times.' })
  createServiceCase(@Ctx() ctx: RequestContext, @Arg('input') input: CreateServiceCaseInput): Promise<CreateServiceCasePayload> {
    return cases.createServiceCase(ctx, input);
  }

  @Mutation(() => UpdateServiceCasePayload, { description: 'Changes a service case (not its status); a new entitlement brings new due times. CLOSED cases are final.' })
  updateServiceCase(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateServiceCaseInput): Promise<UpdateServiceCasePayload> {
    return cases.updateServiceCase(ctx, input);
  }

  @Mutation(() => RespondToServiceCasePayload, { description: 'Records the first response to the customer; later calls keep the first time.' })
  respondToServiceCase(@Ctx() ctx: RequestContext, @Arg('input') input: RespondToServiceCaseInput): Promise<RespondToServiceCasePayload> {
    return cases.respondToServiceCase(ctx, input);
  }

  @Mutation(() => ChangeServiceCaseStatusPayload, { description: 'Moves a service case through its statuses; a refused transition is INVALID_STATE.' })
  changeServiceCaseStatus(@Ctx() ctx: RequestContext, @Arg('input') input: ChangeServiceCaseStatusInput): Promise<ChangeServiceCaseStatusPayload> {
    return cases.changeServiceCaseStatus(ctx, input);
  }

  @Mutation(() => DeleteServiceCasePayload, { description: 'Moves a service case to the recycle bin.' })
  deleteServiceCase(@Ctx() ctx: RequestContext, @Arg('input') input: DeleteServiceCaseInput): Promise<DeleteServiceCasePayload> {
    return cases.deleteServiceCase(ctx, input);
  }

  @Mutation(() => RestoreServiceCasePayload, { description: 'Restores a service case from the recycle bin.' })
  restoreServiceCase(@Ctx() ctx: RequestContext, @Arg('input') input: RestoreServiceCaseInput): Promise<RestoreServiceCasePayload> {
    return cases.restoreServiceCase(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() serviceCase: ServiceCaseEntity): string {
    return toGlobalId('ServiceCase', serviceCase.id);
  }

  @FieldResolver(() => Boolean)
  withoutEntitlement(@Root() serviceCase: ServiceCaseEntity): boolean {
    return serviceCase.entitlementId === null;
  }

  @FieldResolver(() => [CaseMilestone])
  milestones(@Root() serviceCase: ServiceCaseEntity): MilestoneValue[] {
    return caseMilestones(serviceCase);
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The customer (null when it is outside what your role sees, or in the recycle bin).' })
  account(@Ctx() ctx: RequestContext, @Root() serviceCase: ServiceCaseEntity): Promise<AccountEntity | null> {
    return accountById(ctx).load(serviceCase.accountId);
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'The person at the account who asked (null when none, or outside what your role sees).' })
  contact(@Ctx() ctx: RequestContext, @Root() serviceCase: ServiceCaseEntity): Promise<ContactEntity | null> | null {
    return serviceCase.contactId ? contactById(ctx).load(serviceCase.contactId) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user working the case.' })
  owner(@Ctx() ctx: RequestContext, @Root() serviceCase: ServiceCaseEntity): Promise<UserEntity | null> | null {
    return serviceCase.ownerId ? userById(ctx).load(serviceCase.ownerId) : null;
  }

  @FieldResolver(() => Product, { nullable: true, description: 'The product it is about.' })
  product(@Ctx() ctx: RequestContext, @Root() serviceCase: ServiceCaseEntity): Promise<ProductEntity | null> | null {
    return serviceCase.productId ? productById(ctx).load(serviceCase.productId) : null;
  }

  @FieldResolver(() => Entitlement, { nullable: true, description: 'The entitlement it is served under (null without one: see withoutEntitlement, or outside the contracts you see).' })
  entitlement(@Ctx() ctx: RequestContext, @Root() serviceCase: ServiceCaseEntity): Promise<EntitlementEntity | null> | null {
    return serviceCase.entitlementId ? entitlementById(ctx).load(serviceCase.entitlementId) : null;
  }
}

/** `Account.serviceCases`: cases extend the account type without the accounts module knowing them. */
@Resolver(() => Account)
export class AccountServiceCasesResolver {
  @FieldResolver(() => ServiceCaseConnection, { description: 'Service cases of this account within your record scope, newest first (batched across accounts).' })
  serviceCases(@Ctx() ctx: RequestContext, @Root() account: AccountEntity, @Args() args: AccountServiceCasesArgs): Promise<ConnectionValue<ServiceCaseEntity>> {
    return serviceCasesByParent(ctx, 'account_id', { ...args }).load(account.id);
  }
}

/** `Entitlement.serviceCases`: the cases served under an entitlement (the contracts module does not know cases). */
@Resolver(() => Entitlement)
export class EntitlementServiceCasesResolver {
  @FieldResolver(() => ServiceCaseConnection, { description: 'Service cases served under this entitlement within your record scope, newest first (batched across entitlements).' })
  serviceCases(@Ctx() ctx: RequestContext, @Root() entitlement: EntitlementEntity, @Args() args: AccountServiceCasesArgs): Promise<ConnectionValue<ServiceCaseEntity>> {
    return serviceCasesByParent(ctx, 'entitlement_id', { ...args }).load(entitlement.id);
  }
}
