import { registerNodeType } from '../../graphql/node';
import { ModuleManifest } from '../module';
import './products.access';
import { OpportunityLineItemResolver, OpportunityLineItemsResolver } from './line-items.resolver';
import { PriceBookEntity, ProductEntity } from './products.entity';
import { priceBookById, productById } from './products.loaders';
import { PriceBookEntryResolver, PriceBookResolver, ProductResolver } from './products.resolver';
import { productRules } from './products.rules';

export { Product, PriceBook } from './products.types';
export { ProductEntity, PriceBookEntity } from './products.entity';
export { productById, priceBookById } from './products.loaders';

// The loaders include the recycle bin (line items show deleted products); node(id) does not.
const live = <T extends { deletedAt: Date | null }>(row: T | null): T | null => (row && !row.deletedAt ? row : null);
registerNodeType({ typeName: 'Product', load: async (ctx, uuid) => live(await productById(ctx).load(uuid)) });
registerNodeType({ typeName: 'PriceBook', load: async (ctx, uuid) => live(await priceBookById(ctx).load(uuid)) });

/** The catalogue (products, price books and their entries) and opportunity line items. */
export const productsModule: ModuleManifest = {
  name: 'products',
  entities: [ProductEntity, PriceBookEntity],
  resolvers: [ProductResolver, PriceBookResolver, PriceBookEntryResolver, OpportunityLineItemResolver, OpportunityLineItemsResolver],
  rules: productRules,
};
