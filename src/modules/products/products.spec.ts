import { RecordSpec } from '../records/record-spec';
import { PriceBookEntity, ProductEntity } from './products.entity';

/** How products are listed: sortable keys and filterable fields map to trusted SQL over alias `p`. */
export const productSpec: RecordSpec<ProductEntity> = {
  entity: ProductEntity,
  typeName: 'Product',
  label: 'Product',
  alias: 'p',
  sortKeys: {
    NAME: { name: 'name', expression: 'p.name', nullable: false, sqlType: 'text', value: (r) => r.name },
    SKU: { name: 'sku', expression: 'p.sku', nullable: false, sqlType: 'text', value: (r) => r.sku },
    FAMILY: { name: 'family', expression: 'p.family', nullable: true, sqlType: 'text', value: (r) => r.family },
    CREATED_AT: { name: 'createdAt', expression: 'p.created_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.createdAt },
    UPDATED_AT: { name: 'updatedAt', expression: 'p.updated_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.updatedAt },
  },
  defaultOrder: [{ field: 'NAME', direction: 'ASC' }],
  filters: {
    id: { expression: 'p.id', kind: { id: 'Product' } },
    sku: { expression: 'p.sku', kind: 'text', caseInsensitive: true },
    name: { expression: 'p.name', kind: 'text' },
    family: { expression: 'p.family', kind: 'text' },
    active: { expression: 'p.active', kind: 'boolean' },
    createdAt: { expression: 'p.created_at', kind: 'datetime' },
    updatedAt: { expression: 'p.updated_at', kind: 'datetime' },
  },
};

/** How price books are listed, over alias `b`. */
export const priceBookSpec: RecordSpec<PriceBookEntity> = {
  entity: PriceBookEntity,
  typeName: 'PriceBook',
  label: 'Price book',
  alias: 'b',
  sortKeys: {
    NAME: { name: 'name', expression: 'b.name', nullable: false, sqlType: 'text', value: (r) => r.name },
    CURRENCY: { name: 'currency', expression: 'b.currency', nullable: false, sqlType: 'text', value: (r) => r.currency },
    CREATED_AT: { name: 'createdAt', expression: 'b.created_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.createdAt },
  },
  defaultOrder: [{ field: 'NAME', direction: 'ASC' }],
  filters: {
    id: { expression: 'b.id', kind: { id: 'PriceBook' } },
    name: { expression: 'b.name', kind: 'text' },
    currency: { expression: 'b.currency', kind: 'text' },
    isStandard: { expression: 'b.is_standard', kind: 'boolean' },
    active: { expression: 'b.active', kind: 'boolean' },
  },
};
