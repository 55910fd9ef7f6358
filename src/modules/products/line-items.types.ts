import { IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageArgsType, connectionTypes } from '../../graphql/connection-types';
import { DateTimeScalar, DecimalScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { Money } from '../../graphql/values';
import { Opportunity, type OpportunityEntity } from '../opportunities';
import type { LineItemRow } from './products.loaders';
import { PriceBookEntry, Product } from './products.types';

@ObjectType('OpportunityLineItem', {
  description: "A product on an opportunity: quantity × unit price less the discount. The opportunity's amount is the sum of its line totals.",
})
export class OpportunityLineItem {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field(() => Product, { description: 'The product sold.' }) product!: Product;
  @Field(() => PriceBookEntry, { nullable: true, description: 'The price book entry the item was priced from.' }) priceBookEntry!: PriceBookEntry | null;
  @Field(() => DecimalScalar, { description: 'Quantity, greater than 0, e.g. "3" or "0.5".' }) quantity!: string;
  @Field(() => Money, { description: "Unit price in the opportunity's currency." }) unitPrice!: Money;
  @Field(() => DecimalScalar, { description: 'Discount in percent, 0–100, e.g. "12.5".' }) discountPercent!: string;
  @Field(() => Money, { description: 'quantity × unitPrice × (1 − discountPercent/100), rounded half-up to 2 decimals (exact decimal arithmetic).' }) total!: Money;
  @Field(() => String, { nullable: true, description: 'Free description.' }) description!: string | null;
  @Field(() => Int, { description: 'Place on the opportunity, from 1.' }) position!: number;
  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to avoid lost updates.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the item was added.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the item last changed.' }) updatedAt!: Date;
}

export const { Connection: OpportunityLineItemConnection, Edge: OpportunityLineItemEdge } = connectionTypes(OpportunityLineItem, 'OpportunityLineItem', 'line item');

@ArgsType()
export class LineItemsArgs extends PageArgsType {}

@InputType({ description: "A product to add to an opportunity. The first item sets the opportunity's price book to the standard one of its currency when none is set." })
export class AddOpportunityLineItemInput {
  @Field(() => ID, { description: 'The Opportunity.' }) opportunityId!: string;
  @Field(() => ID, { description: "The Product; it needs an active entry in the opportunity's price book." }) productId!: string;
  @Field(() => DecimalScalar, { description: 'Quantity, greater than 0.' }) quantity!: string;
  @Field(() => DecimalScalar, { nullable: true, description: "Unit price; default: the product's price in the opportunity's price book." }) unitPrice?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Discount in percent, 0–100; default 0.' }) discountPercent?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(1000) description?: string | null;
}

@InputType({ description: 'Changes to a line item. Omitted fields stay as they are; null clears the description.' })
export class UpdateOpportunityLineItemInput {
  @Field(() => ID, { description: 'The OpportunityLineItem.' }) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse the change with CONFLICT unless the item is at this version.' }) expectedVersion?: number | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Quantity, greater than 0.' }) quantity?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Unit price, 0 or more.' }) unitPrice?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Discount in percent, 0–100.' }) discountPercent?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(1000) description?: string | null;
}

@InputType({ description: 'A line item to remove; the remaining items are renumbered.' })
export class RemoveOpportunityLineItemInput {
  @Field(() => ID, { description: 'The OpportunityLineItem.' }) id!: string;
}

@InputType({ description: "Chooses the opportunity's price book; only while it has no line items." })
export class SetOpportunityPriceBookInput {
  @Field(() => ID, { description: 'The Opportunity.' }) opportunityId!: string;
  @Field(() => ID, { description: "An active PriceBook in the opportunity's currency." }) priceBookId!: string;
}

@ObjectType('LineItemPayload')
class LineItemPayload {
  @Field(() => OpportunityLineItem, { nullable: true, description: 'The line item, when the mutation succeeded.' }) lineItem?: LineItemRow | null;
  @Field(() => Opportunity, { nullable: true, description: 'The opportunity with its recomputed amount, when the mutation succeeded.' }) opportunity?: OpportunityEntity | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of addOpportunityLineItem.' }) export class AddOpportunityLineItemPayload extends LineItemPayload {}
@ObjectType({ description: 'Result of updateOpportunityLineItem.' }) export class UpdateOpportunityLineItemPayload extends LineItemPayload {}

@ObjectType({ description: 'Result of removeOpportunityLineItem.' })
export class RemoveOpportunityLineItemPayload {
  @Field(() => ID, { nullable: true, description: 'ID of the removed item, when the mutation succeeded.' }) removedLineItemId?: string | null;
  @Field(() => Opportunity, { nullable: true, description: 'The opportunity with its recomputed amount, when the mutation succeeded.' }) opportunity?: OpportunityEntity | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of setOpportunityPriceBook.' })
export class SetOpportunityPriceBookPayload {
  @Field(() => Opportunity, { nullable: true, description: 'The opportunity, when the mutation succeeded.' }) opportunity?: OpportunityEntity | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}
