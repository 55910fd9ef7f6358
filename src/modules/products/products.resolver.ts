import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import type { ConnectionValue } from '../../graphql/pagination';
import { Money } from '../../graphql/values';
import type { RequestContext } from '../../tenancy/request-context';
import { PriceBookEntity, ProductEntity } from './products.entity';
import { type PriceBookEntryRow, entriesByPriceBook, productById } from './products.loaders';
import * as catalogue from './products.service';
import {
  CreatePriceBookInput,
  CreatePriceBookPayload,
  CreateProductInput,
  CreateProductPayload,
  DeletePriceBookInput,
  DeletePriceBookPayload,
  DeleteProductInput,
  DeleteProductPayload,
  EntriesArgs,
  PriceBook,
  PriceBookConnection,
  PriceBookEntry,
  PriceBookEntryConnection,
  PriceBooksArgs,
  Product,
  ProductConnection,
  ProductsArgs,
  RemovePriceBookEntryInput,
  RemovePriceBookEntryPayload,
  RestorePriceBookInput,
  RestorePriceBookPayload,
  RestoreProductInput,
  RestoreProductPayload,
  SetPriceBookEntryInput,
  SetPriceBookEntryPayload,
  UpdatePriceBookInput,
  UpdatePriceBookPayload,
  UpdateProductInput,
  UpdateProductPayload,
} from './products.types';

@Resolver(() => Product)
export class ProductResolver {
  @Query(() => ProductConnection, { description: 'Products of the catalogue, filtered, sorted and paginated.' })
  products(@Ctx() ctx: RequestContext, @Args() args: ProductsArgs): Promise<ConnectionValue<ProductEntity>> {
    return catalogue.listProducts(ctx, args);
  }

  @Query(() => Product, { nullable: true, description: 'One product by ID; NOT_FOUND when it does not exist or is deleted.' })
  product(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<ProductEntity> {
    return catalogue.getProduct(ctx, id);
  }

  @Mutation(() => CreateProductPayload, { description: 'Adds a product to the catalogue; DUPLICATE when its SKU is taken.' })
  createProduct(@Ctx() ctx: RequestContext, @Arg('input') input: CreateProductInput): Promise<CreateProductPayload> {
    return catalogue.createProduct(ctx, input);
  }

  @Mutation(() => UpdateProductPayload, { description: 'Changes a product.' })
  updateProduct(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateProductInput): Promise<UpdateProductPayload> {
    return catalogue.updateProduct(ctx, input);
  }

  @Mutation(() => DeleteProductPayload, { description: 'Moves a product to the recycle bin (existing line items keep it).' })
  deleteProduct(@Ctx() ctx: RequestContext, @Arg('input') input: DeleteProductInput): Promise<DeleteProductPayload> {
    return catalogue.deleteProduct(ctx, input);
  }

  @Mutation(() => RestoreProductPayload, { description: 'Restores a product from the recycle bin.' })
  restoreProduct(@Ctx() ctx: RequestContext, @Arg('input') input: RestoreProductInput): Promise<RestoreProductPayload> {
    return catalogue.restoreProduct(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() product: ProductEntity): string {
    return toGlobalId('Product', product.id);
  }
}

@Resolver(() => PriceBook)
export class PriceBookResolver {
  @Query(() => PriceBookConnection, { description: 'Price books of the workspace, filtered, sorted and paginated.' })
  priceBooks(@Ctx() ctx: RequestContext, @Args() args: PriceBooksArgs): Promise<ConnectionValue<PriceBookEntity>> {
    return catalogue.listPriceBooks(ctx, args);
  }

  @Query(() => PriceBook, { nullable: true, description: 'One price book by ID; NOT_FOUND when it does not exist or is deleted.' })
  priceBook(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<PriceBookEntity> {
    return catalogue.getPriceBook(ctx, id);
  }

  @Mutation(() => CreatePriceBookPayload, { description: 'Creates a price book; DUPLICATE when the name is taken or the currency has a standard one already.' })
  createPriceBook(@Ctx() ctx: RequestContext, @Arg('input') input: CreatePriceBookInput): Promise<CreatePriceBookPayload> {
    return catalogue.createPriceBook(ctx, input);
  }

  @Mutation(() => UpdatePriceBookPayload, { description: 'Changes a price book (not its currency).' })
  updatePriceBook(@Ctx() ctx: RequestContext, @Arg('input') input: UpdatePriceBookInput): Promise<UpdatePriceBookPayload> {
    return catalogue.updatePriceBook(ctx, input);
  }

  @Mutation(() => DeletePriceBookPayload, { description: 'Moves a price book to the recycle bin.' })
  deletePriceBook(@Ctx() ctx: RequestContext, @Arg('input') input: DeletePriceBookInput): Promise<DeletePriceBookPayload> {
    return catalogue.deletePriceBook(ctx, input);
  }

  @Mutation(() => RestorePriceBookPayload, { description: 'Restores a price book from the recycle bin.' })
  restorePriceBook(@Ctx() ctx: RequestContext, @Arg('input') input: RestorePriceBookInput): Promise<RestorePriceBookPayload> {
    return catalogue.restorePriceBook(ctx, input);
  }

  @Mutation(() => SetPriceBookEntryPayload, { description: 'Sets the price of a product in a price book (creates or changes the entry).' })
  setPriceBookEntry(@Ctx() ctx: RequestContext, @Arg('input') input: SetPriceBookEntryInput): Promise<SetPriceBookEntryPayload> {
    return catalogue.setPriceBookEntry(ctx, input);
  }

  @Mutation(() => RemovePriceBookEntryPayload, { description: 'Removes a price book entry that no line item uses.' })
  removePriceBookEntry(@Ctx() ctx: RequestContext, @Arg('input') input: RemovePriceBookEntryInput): Promise<RemovePriceBookEntryPayload> {
    return catalogue.removePriceBookEntry(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() book: PriceBookEntity): string {
    return toGlobalId('PriceBook', book.id);
  }

  @FieldResolver(() => PriceBookEntryConnection, { description: 'Prices in this book, by product name (batched across price books).' })
  entries(@Ctx() ctx: RequestContext, @Root() book: PriceBookEntity, @Args() args: EntriesArgs): Promise<ConnectionValue<PriceBookEntryRow>> {
    return entriesByPriceBook(ctx, { ...args }).load(book.id);
  }
}

@Resolver(() => PriceBookEntry)
export class PriceBookEntryResolver {
  @FieldResolver(() => ID)
  id(@Root() entry: PriceBookEntryRow): string {
    return toGlobalId('PriceBookEntry', entry.id);
  }

  @FieldResolver(() => Product)
  async product(@Ctx() ctx: RequestContext, @Root() entry: PriceBookEntryRow): Promise<ProductEntity> {
    return (await productById(ctx).load(entry.productId))!;
  }

  @FieldResolver(() => Money)
  unitPrice(@Root() entry: PriceBookEntryRow): Money {
    return { amount: entry.unitPrice, currency: entry.currency };
  }
}
