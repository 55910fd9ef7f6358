import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import type { ConnectionValue } from '../../graphql/pagination';
import { Money } from '../../graphql/values';
import type { RequestContext } from '../../tenancy/request-context';
import { Opportunity, type OpportunityEntity } from '../opportunities';
import * as lineItems from './line-items.service';
import {
  AddOpportunityLineItemInput,
  AddOpportunityLineItemPayload,
  LineItemsArgs,
  OpportunityLineItem,
  OpportunityLineItemConnection,
  RemoveOpportunityLineItemInput,
  RemoveOpportunityLineItemPayload,
  SetOpportunityPriceBookInput,
  SetOpportunityPriceBookPayload,
  UpdateOpportunityLineItemInput,
  UpdateOpportunityLineItemPayload,
} from './line-items.types';
import type { PriceBookEntity, ProductEntity } from './products.entity';
import { type LineItemRow, type PriceBookEntryRow, entryById, lineItemsByOpportunity, priceBookById, productById } from './products.loaders';
import { PriceBook, PriceBookEntry, Product } from './products.types';

@Resolver(() => OpportunityLineItem)
export class OpportunityLineItemResolver {
  @Mutation(() => AddOpportunityLineItemPayload, { description: "Adds a product to an opportunity; its amount becomes the sum of the line totals." })
  addOpportunityLineItem(@Ctx() ctx: RequestContext, @Arg('input') input: AddOpportunityLineItemInput): Promise<AddOpportunityLineItemPayload> {
    return lineItems.addOpportunityLineItem(ctx, input);
  }

  @Mutation(() => UpdateOpportunityLineItemPayload, { description: "Changes a line item's quantity, price, discount or description; the amount follows." })
  updateOpportunityLineItem(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateOpportunityLineItemInput): Promise<UpdateOpportunityLineItemPayload> {
    return lineItems.updateOpportunityLineItem(ctx, input);
  }

  @Mutation(() => RemoveOpportunityLineItemPayload, { description: 'Removes a line item; the amount follows.' })
  removeOpportunityLineItem(@Ctx() ctx: RequestContext, @Arg('input') input: RemoveOpportunityLineItemInput): Promise<RemoveOpportunityLineItemPayload> {
    return lineItems.removeOpportunityLineItem(ctx, input);
  }

  @Mutation(() => SetOpportunityPriceBookPayload, { description: "Chooses an opportunity's price book (only while it has no line items)." })
  setOpportunityPriceBook(@Ctx() ctx: RequestContext, @Arg('input') input: SetOpportunityPriceBookInput): Promise<SetOpportunityPriceBookPayload> {
    return lineItems.setOpportunityPriceBook(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() item: LineItemRow): string {
    return toGlobalId('OpportunityLineItem', item.id);
  }

  @FieldResolver(() => Product)
  async product(@Ctx() ctx: RequestContext, @Root() item: LineItemRow): Promise<ProductEntity> {
    return (await productById(ctx).load(item.productId))!;
  }

  @FieldResolver(() => PriceBookEntry, { nullable: true })
  priceBookEntry(@Ctx() ctx: RequestContext, @Root() item: LineItemRow): Promise<PriceBookEntryRow | null> | null {
    return item.priceBookEntryId ? entryById(ctx).load(item.priceBookEntryId) : null;
  }

  @FieldResolver(() => Money)
  unitPrice(@Root() item: LineItemRow): Money {
    return { amount: item.unitPrice, currency: item.currency };
  }

  @FieldResolver(() => Money)
  total(@Root() item: LineItemRow): Money {
    return { amount: item.total, currency: item.currency };
  }
}

/** `Opportunity.lineItems` and `Opportunity.priceBook`: the catalogue extends the opportunity type without the opportunities module knowing it. */
@Resolver(() => Opportunity)
export class OpportunityLineItemsResolver {
  @FieldResolver(() => OpportunityLineItemConnection, { description: 'Products on this opportunity, in position order (batched across opportunities).' })
  lineItems(@Ctx() ctx: RequestContext, @Root() opportunity: OpportunityEntity, @Args() args: LineItemsArgs): Promise<ConnectionValue<LineItemRow>> {
    return lineItemsByOpportunity(ctx, { ...args }).load(opportunity.id);
  }

  @FieldResolver(() => PriceBook, { nullable: true, description: 'The price book its line items are priced from; set by the first line item or setOpportunityPriceBook.' })
  priceBook(@Ctx() ctx: RequestContext, @Root() opportunity: OpportunityEntity): Promise<PriceBookEntity | null> | null {
    return opportunity.priceBookId ? priceBookById(ctx).load(opportunity.priceBookId) : null;
  }
}
