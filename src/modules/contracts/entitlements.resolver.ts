import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import type { RequestContext } from '../../tenancy/request-context';
import { Territory, territoryById } from '../configuration';
import { Product, ProductEntity, productById } from '../products';
import { EntitlementEntity } from './entitlements.entity';
import { contractById } from './contracts.loaders';
import { coveredProductIds, entitlementsByContract } from './entitlements.loaders';
import * as entitlements from './entitlements.service';
import {
  AddEntitlementInput,
  AddEntitlementPayload,
  Entitlement,
  RemoveEntitlementInput,
  RemoveEntitlementPayload,
  UpdateEntitlementInput,
  UpdateEntitlementPayload,
} from './entitlements.types';
import { Contract } from './contracts.types';
import type { ContractEntity } from './contracts.entity';

@Resolver(() => Entitlement)
export class EntitlementResolver {
  @Mutation(() => AddEntitlementPayload, { description: 'Adds an entitlement to a draft contract (INVALID_STATE once the contract has left DRAFT).' })
  addEntitlement(@Ctx() ctx: RequestContext, @Arg('input') input: AddEntitlementInput): Promise<AddEntitlementPayload> {
    return entitlements.addEntitlement(ctx, input);
  }

  @Mutation(() => UpdateEntitlementPayload, { description: 'Changes an entitlement of a draft contract.' })
  updateEntitlement(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateEntitlementInput): Promise<UpdateEntitlementPayload> {
    return entitlements.updateEntitlement(ctx, input);
  }

  @Mutation(() => RemoveEntitlementPayload, { description: 'Removes an entitlement from a draft contract.' })
  removeEntitlement(@Ctx() ctx: RequestContext, @Arg('input') input: RemoveEntitlementInput): Promise<RemoveEntitlementPayload> {
    return entitlements.removeEntitlement(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() entitlement: EntitlementEntity): string {
    return toGlobalId('Entitlement', entitlement.id);
  }

  @FieldResolver(() => Int)
  responseTimeMinutes(@Root() entitlement: EntitlementEntity): number {
    return entitlement.responseMinutes;
  }

  @FieldResolver(() => Int)
  resolutionTimeMinutes(@Root() entitlement: EntitlementEntity): number {
    return entitlement.resolutionMinutes;
  }

  @FieldResolver(() => Contract, { nullable: true, description: 'The contract granting it (null when it is in the recycle bin).' })
  contract(@Ctx() ctx: RequestContext, @Root() entitlement: EntitlementEntity): Promise<ContractEntity | null> {
    return contractById(ctx).load(entitlement.contractId);
  }

  @FieldResolver(() => Territory, { nullable: true, description: 'The territory whose business hours and holidays apply instead of the workspace’s; null for the workspace’s.' })
  territory(@Ctx() ctx: RequestContext, @Root() entitlement: EntitlementEntity): Promise<object | null> | null {
    return entitlement.territoryId ? territoryById(ctx).load(entitlement.territoryId) : null;
  }

  @FieldResolver(() => [Product], { description: 'The products it covers; empty when it covers everything the customer has (batched across entitlements).' })
  async coveredProducts(@Ctx() ctx: RequestContext, @Root() entitlement: EntitlementEntity): Promise<ProductEntity[]> {
    const products = await productById(ctx).loadMany(await coveredProductIds(ctx).load(entitlement.id));
    return products.filter((p): p is ProductEntity => !!p && !(p instanceof Error));
  }
}

/** `Contract.entitlements`: the contracts module's type, extended here. */
@Resolver(() => Contract)
export class ContractEntitlementsResolver {
  @FieldResolver(() => [Entitlement], { description: 'The service levels the contract grants, in position order (batched across contracts).' })
  entitlements(@Ctx() ctx: RequestContext, @Root() contract: ContractEntity): Promise<EntitlementEntity[]> {
    return entitlementsByContract(ctx).load(contract.id);
  }
}
