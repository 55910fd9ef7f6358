import DataLoader from 'dataloader';
import { QueryRunner } from 'typeorm';
import { queryOne, queryRows } from '../../db/sql';
import { ConnectionValue, OrderTerm, PageArgs } from '../../graphql/pagination';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { loadRecords } from '../records/record-lists';
import { ChildSource, childPages } from './child-lists';
import { decimalSql, lineTotalSql, moneySql } from './decimals';
import { PriceBookEntity, ProductEntity } from './products.entity';
import { priceBookSpec, productSpec } from './products.spec';

/** Products by UUID, recycle bin included: a line item still shows a product deleted since. */
export const productById = (ctx: RequestContext): DataLoader<string, ProductEntity | null> =>
  ctx.loaders.get('products.byId', () => new DataLoader(async (ids) => loadRecords(await tenantDb(ctx), productSpec, ids, { includeDeleted: true })));

/** Price books by UUID, recycle bin included (an opportunity keeps its price book). */
export const priceBookById = (ctx: RequestContext): DataLoader<string, PriceBookEntity | null> =>
  ctx.loaders.get('priceBooks.byId', () => new DataLoader(async (ids) => loadRecords(await tenantDb(ctx), priceBookSpec, ids, { includeDeleted: true })));

export interface PriceBookEntryRow {
  id: string;
  priceBookId: string;
  productId: string;
  productName: string;
  unitPrice: string;
  currency: string;
  active: boolean;
  version: number;
}

export const ENTRY_FROM = 'price_book_entries e JOIN price_books b ON b.id = e.price_book_id JOIN products p ON p.id = e.product_id';
export const ENTRY_SELECT = `e.id, e.price_book_id AS "priceBookId", e.product_id AS "productId", p.name AS "productName",
  ${moneySql('e.unit_price')} AS "unitPrice", b.currency::text AS currency, e.active, e.version`;

export interface LineItemRow {
  id: string;
  opportunityId: string;
  productId: string;
  priceBookEntryId: string | null;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  total: string;
  currency: string;
  description: string | null;
  position: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const LINE_ITEM_FROM = 'opportunity_line_items li JOIN opportunities o ON o.id = li.opportunity_id';
export const LINE_ITEM_SELECT = `li.id, li.opportunity_id AS "opportunityId", li.product_id AS "productId", li.price_book_entry_id AS "priceBookEntryId",
  ${decimalSql('li.quantity')} AS quantity, ${moneySql('li.unit_price')} AS "unitPrice", ${decimalSql('li.discount_percent')} AS "discountPercent",
  ${lineTotalSql('li')}::text AS total, o.currency::text AS currency, li.description, li.position, li.version,
  li.created_at AS "createdAt", li.updated_at AS "updatedAt"`;

const entries: ChildSource<PriceBookEntryRow> = {
  name: 'products.entriesByPriceBook',
  from: ENTRY_FROM,
  select: ENTRY_SELECT,
  parent: 'e.price_book_id',
  order: [
    { key: { name: 'productName', expression: 'p.name', nullable: false, sqlType: 'text', value: (r) => r.productName }, direction: 'ASC' },
    { key: { name: 'id', expression: 'e.id', nullable: false, sqlType: 'uuid', value: (r) => r.id }, direction: 'ASC' },
  ] satisfies OrderTerm<PriceBookEntryRow>[],
};

const lineItems: ChildSource<LineItemRow> = {
  name: 'products.lineItemsByOpportunity',
  from: LINE_ITEM_FROM,
  select: LINE_ITEM_SELECT,
  parent: 'li.opportunity_id',
  order: [
    { key: { name: 'position', expression: 'li.position', nullable: false, sqlType: 'integer', value: (r) => r.position }, direction: 'ASC' },
    { key: { name: 'id', expression: 'li.id', nullable: false, sqlType: 'uuid', value: (r) => r.id }, direction: 'ASC' },
  ] satisfies OrderTerm<LineItemRow>[],
};

export const entriesByPriceBook = (ctx: RequestContext, args: PageArgs): DataLoader<string, ConnectionValue<PriceBookEntryRow>> => childPages(ctx, entries, args);

/** Line items of the opportunities of a response (their visibility is the opportunity's). */
export const lineItemsByOpportunity = (ctx: RequestContext, args: PageArgs): DataLoader<string, ConnectionValue<LineItemRow>> => childPages(ctx, lineItems, args);

/** Price book entries by UUID, batched per request (line items' priceBookEntry). */
export const entryById = (ctx: RequestContext): DataLoader<string, PriceBookEntryRow | null> =>
  ctx.loaders.get('products.entryById', () =>
    new DataLoader(async (ids: readonly string[]) => {
      const rows = await queryRows<PriceBookEntryRow>(await tenantDb(ctx), `SELECT ${ENTRY_SELECT} FROM ${ENTRY_FROM} WHERE e.id = ANY($1::uuid[])`, [ids]);
      return ids.map((id) => rows.find((r) => r.id === id) ?? null);
    }),
  );

export const entryRow = (db: QueryRunner, id: string): Promise<PriceBookEntryRow | null> => queryOne(db, `SELECT ${ENTRY_SELECT} FROM ${ENTRY_FROM} WHERE e.id = $1`, [id]);
export const lineItemRow = (db: QueryRunner, id: string): Promise<LineItemRow | null> => queryOne(db, `SELECT ${LINE_ITEM_SELECT} FROM ${LINE_ITEM_FROM} WHERE li.id = $1`, [id]);
