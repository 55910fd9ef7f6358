import { IsNotEmpty, IsOptional, MaxLength, ValidateIf } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageArgsType, SortDirection, connectionTypes } from '../../graphql/connection-types';
import { BooleanFilter, IDFilter, StringFilter } from '../../graphql/filter-types';
import { Node } from '../../graphql/node';
import { CurrencyScalar, DateTimeScalar, DecimalScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { Money } from '../../graphql/values';
import type { PriceBookEntryRow } from './products.loaders';

const IDEMPOTENCY = 'Retrying with the same key returns the first result instead of creating twice.';
const VERSION = 'Increases with every change; pass it as expectedVersion to avoid lost updates.';
const EXPECTED_VERSION = 'Refuse the change with CONFLICT unless the record is at this version.';

// ---- products ----

@ObjectType('Product', { implements: Node, description: 'Something the workspace sells; line items of opportunities pick products.' })
export class Product implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field({ description: 'Stock keeping unit, unique in the workspace ignoring case.' }) sku!: string;
  @Field({ description: 'Product name.' }) name!: string;
  @Field(() => String, { nullable: true, description: 'Product family, e.g. "Hardware".' }) family!: string | null;
  @Field(() => String, { nullable: true, description: 'Free description.' }) description!: string | null;
  @Field({ description: 'Inactive products stay on existing line items but are not offered for new ones.' }) active!: boolean;
  @Field(() => Int, { description: VERSION }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the product was created.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the product last changed.' }) updatedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the product was moved to the recycle bin.' }) deletedAt!: Date | null;
}

export const { Connection: ProductConnection, Edge: ProductEdge } = connectionTypes(Product, 'Product', 'product');

export enum ProductOrderField {
  NAME = 'NAME',
  SKU = 'SKU',
  FAMILY = 'FAMILY',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(ProductOrderField, { name: 'ProductOrderField', description: 'Fields products can be sorted by.' });

@InputType({ description: 'Sort products by a field.' })
export class ProductOrder {
  @Field(() => ProductOrderField) field!: ProductOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) direction!: SortDirection;
}

@InputType({ description: 'Conditions on products; fields combine with AND.' })
export class ProductFilter {
  @Field(() => IDFilter, { nullable: true }) id?: IDFilter;
  @Field(() => StringFilter, { nullable: true, description: 'Compared without case.' }) sku?: StringFilter;
  @Field(() => StringFilter, { nullable: true }) name?: StringFilter;
  @Field(() => StringFilter, { nullable: true }) family?: StringFilter;
  @Field(() => BooleanFilter, { nullable: true }) active?: BooleanFilter;
  @Field(() => [ProductFilter], { nullable: true, description: 'All of these.' }) and?: ProductFilter[];
  @Field(() => [ProductFilter], { nullable: true, description: 'Any of these.' }) or?: ProductFilter[];
  @Field(() => ProductFilter, { nullable: true, description: 'Not this.' }) not?: ProductFilter;
}

@ArgsType()
export class ProductsArgs extends PageArgsType {
  @Field(() => ProductFilter, { nullable: true }) where?: ProductFilter;
  @Field(() => [ProductOrder], { nullable: true, description: 'Default: name ascending.' }) orderBy?: ProductOrder[];
  @Field(() => Boolean, { defaultValue: false, description: 'List the recycle bin (soft-deleted products) instead.' }) inRecycleBin!: boolean;
}

/** Fields shared by create and update; on update, omitted fields stay as they are and null clears. */
@InputType('ProductFields')
class ProductFields {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) family?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(4000) description?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Default true.' }) active?: boolean | null;
}

@InputType({ description: 'A new product.' })
export class CreateProductInput extends ProductFields {
  @Field({ description: 'Stock keeping unit, unique ignoring case.' }) @IsNotEmpty() @MaxLength(100) sku!: string;
  @Field({ description: 'Product name.' }) @IsNotEmpty() @MaxLength(255) name!: string;
  @Field(() => String, { nullable: true, description: IDEMPOTENCY }) @IsOptional() @MaxLength(200) idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to a product. Omitted fields stay as they are; null clears a field.' })
export class UpdateProductInput extends ProductFields {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true }) @ValidateIf((input) => input.sku !== undefined) @IsNotEmpty() @MaxLength(100) sku?: string;
  @Field(() => String, { nullable: true }) @ValidateIf((input) => input.name !== undefined) @IsNotEmpty() @MaxLength(255) name?: string;
}

@InputType({ description: 'The product to move to the recycle bin (line items keep it).' })
export class DeleteProductInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION }) expectedVersion?: number | null;
}

@InputType({ description: 'The product to restore from the recycle bin.' })
export class RestoreProductInput {
  @Field(() => ID) id!: string;
}

@ObjectType('ProductPayload')
class ProductPayload {
  @Field(() => Product, { nullable: true, description: 'The product, when the mutation succeeded.' }) product?: Product | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createProduct.' }) export class CreateProductPayload extends ProductPayload {}
@ObjectType({ description: 'Result of updateProduct.' }) export class UpdateProductPayload extends ProductPayload {}
@ObjectType({ description: 'Result of deleteProduct.' }) export class DeleteProductPayload extends ProductPayload {}
@ObjectType({ description: 'Result of restoreProduct.' }) export class RestoreProductPayload extends ProductPayload {}

// ---- price books ----

@ObjectType('PriceBookEntry', { description: 'The price of one product in one price book.' })
export class PriceBookEntry {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field(() => Product, { description: 'The product priced.' }) product!: Product;
  @Field(() => Money, { description: "Unit price in the price book's currency." }) unitPrice!: Money;
  @Field({ description: 'Inactive entries are kept but not offered for new line items.' }) active!: boolean;
  @Field(() => Int, { description: VERSION }) version!: number;
}

export const { Connection: PriceBookEntryConnection, Edge: PriceBookEntryEdge } = connectionTypes(PriceBookEntry, 'PriceBookEntry', 'price book entry');

@ObjectType('PriceBook', { implements: Node, description: 'Prices of products in one currency. One price book per currency is the standard one.' })
export class PriceBook implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field({ description: 'Name, unique ignoring case.' }) name!: string;
  @Field(() => CurrencyScalar, { description: 'Currency of every price in the book; fixed once created.' }) currency!: string;
  @Field({ description: 'The standard price book of its currency: opportunities in that currency use it unless another is set.' }) isStandard!: boolean;
  @Field({ description: 'Inactive price books cannot be chosen for opportunities.' }) active!: boolean;
  @Field(() => String, { nullable: true, description: 'Free description.' }) description!: string | null;
  @Field(() => Int, { description: VERSION }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the price book was created.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the price book last changed.' }) updatedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the price book was moved to the recycle bin.' }) deletedAt!: Date | null;
}

export const { Connection: PriceBookConnection, Edge: PriceBookEdge } = connectionTypes(PriceBook, 'PriceBook', 'price book');

export enum PriceBookOrderField {
  NAME = 'NAME',
  CURRENCY = 'CURRENCY',
  CREATED_AT = 'CREATED_AT',
}
registerEnumType(PriceBookOrderField, { name: 'PriceBookOrderField', description: 'Fields price books can be sorted by.' });

@InputType({ description: 'Sort price books by a field.' })
export class PriceBookOrder {
  @Field(() => PriceBookOrderField) field!: PriceBookOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) direction!: SortDirection;
}

@InputType({ description: 'Conditions on price books; fields combine with AND.' })
export class PriceBookFilter {
  @Field(() => IDFilter, { nullable: true }) id?: IDFilter;
  @Field(() => StringFilter, { nullable: true }) name?: StringFilter;
  @Field(() => StringFilter, { nullable: true, description: 'ISO 4217 code in capitals.' }) currency?: StringFilter;
  @Field(() => BooleanFilter, { nullable: true }) isStandard?: BooleanFilter;
  @Field(() => BooleanFilter, { nullable: true }) active?: BooleanFilter;
  @Field(() => [PriceBookFilter], { nullable: true, description: 'All of these.' }) and?: PriceBookFilter[];
  @Field(() => [PriceBookFilter], { nullable: true, description: 'Any of these.' }) or?: PriceBookFilter[];
  @Field(() => PriceBookFilter, { nullable: true, description: 'Not this.' }) not?: PriceBookFilter;
}

@ArgsType()
export class PriceBooksArgs extends PageArgsType {
  @Field(() => PriceBookFilter, { nullable: true }) where?: PriceBookFilter;
  @Field(() => [PriceBookOrder], { nullable: true, description: 'Default: name ascending.' }) orderBy?: PriceBookOrder[];
  @Field(() => Boolean, { defaultValue: false, description: 'List the recycle bin (soft-deleted price books) instead.' }) inRecycleBin!: boolean;
}

@InputType('PriceBookFields')
class PriceBookFields {
  @Field(() => Boolean, { nullable: true, description: 'Make it the standard price book of its currency (another standard one of the currency is refused with DUPLICATE).' })
  isStandard?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Default true.' }) active?: boolean | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(4000) description?: string | null;
}

@InputType({ description: 'A new price book.' })
export class CreatePriceBookInput extends PriceBookFields {
  @Field({ description: 'Name, unique ignoring case.' }) @IsNotEmpty() @MaxLength(255) name!: string;
  @Field(() => CurrencyScalar, { description: 'Currency of its prices; cannot change later.' }) currency!: string;
  @Field(() => String, { nullable: true, description: IDEMPOTENCY }) @IsOptional() @MaxLength(200) idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to a price book. Omitted fields stay as they are; null clears a field. The currency cannot change.' })
export class UpdatePriceBookInput extends PriceBookFields {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true }) @ValidateIf((input) => input.name !== undefined) @IsNotEmpty() @MaxLength(255) name?: string;
}

@InputType({ description: 'The price book to move to the recycle bin.' })
export class DeletePriceBookInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION }) expectedVersion?: number | null;
}

@InputType({ description: 'The price book to restore from the recycle bin.' })
export class RestorePriceBookInput {
  @Field(() => ID) id!: string;
}

@ObjectType('PriceBookPayload')
class PriceBookPayload {
  @Field(() => PriceBook, { nullable: true, description: 'The price book, when the mutation succeeded.' }) priceBook?: PriceBook | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createPriceBook.' }) export class CreatePriceBookPayload extends PriceBookPayload {}
@ObjectType({ description: 'Result of updatePriceBook.' }) export class UpdatePriceBookPayload extends PriceBookPayload {}
@ObjectType({ description: 'Result of deletePriceBook.' }) export class DeletePriceBookPayload extends PriceBookPayload {}
@ObjectType({ description: 'Result of restorePriceBook.' }) export class RestorePriceBookPayload extends PriceBookPayload {}

@InputType({ description: 'Sets the price of a product in a price book: creates the entry or changes it.' })
export class SetPriceBookEntryInput {
  @Field(() => ID, { description: 'The PriceBook.' }) priceBookId!: string;
  @Field(() => ID, { description: 'The Product.' }) productId!: string;
  @Field(() => DecimalScalar, { description: "Unit price in the price book's currency, 0 or more." }) unitPrice!: string;
  @Field(() => Boolean, { nullable: true, description: 'Default: true for a new entry, unchanged for an existing one.' }) active?: boolean | null;
}

@ObjectType({ description: 'Result of setPriceBookEntry.' })
export class SetPriceBookEntryPayload {
  @Field(() => PriceBookEntry, { nullable: true, description: 'The entry, when the mutation succeeded.' }) entry?: PriceBookEntryRow | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@InputType({ description: 'A price book entry to remove. Entries used by line items cannot be removed; deactivate them instead.' })
export class RemovePriceBookEntryInput {
  @Field(() => ID, { description: 'The PriceBookEntry.' }) id!: string;
}

@ObjectType({ description: 'Result of removePriceBookEntry.' })
export class RemovePriceBookEntryPayload {
  @Field(() => ID, { nullable: true, description: 'ID of the removed entry, when the mutation succeeded.' }) removedEntryId?: string | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ArgsType()
export class EntriesArgs extends PageArgsType {}
