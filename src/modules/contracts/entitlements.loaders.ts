/**
 * Reading entitlements, batched per request. An entitlement is visible with its contract: the
 * caller's record scope on contracts (own/team through the contract's or its account's owner).
 */
import DataLoader from 'dataloader';
import { entitySql } from '../../db/entity-sql';
import { SqlParams } from '../../db/sql-params';
import { queryRows } from '../../db/sql';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { ScopeCondition, recordScope } from '../records/record-scope';
import { contractSpec } from './contracts.spec';
import { EntitlementEntity } from './entitlements.entity';

/** The contracts record scope, over the contract spec's alias `c` (the statements here use it). */
export const contractScope = (ctx: RequestContext): ScopeCondition => recordScope(ctx, contractSpec);

/** Entitlements by UUID whose contract the caller may see, in key order. */
export const entitlementById = (ctx: RequestContext): DataLoader<string, EntitlementEntity | null> =>
  ctx.loaders.get('entitlements.byId', () =>
    new DataLoader(async (ids) => {
      const db = await tenantDb(ctx);
      const params = new SqlParams();
      const conditions = [`e.id = ANY(${params.add(ids)}::uuid[])`, contractScope(ctx)(params) ?? 'true'];
      const rows = await queryRows<EntitlementEntity>(
        db,
        `SELECT ${entitySql(db.connection, EntitlementEntity).selectList('e')} FROM entitlements e JOIN contracts c ON c.id = e.contract_id WHERE ${conditions.join(' AND ')}`,
        params.values,
      );
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  );

/** Each contract's entitlements in position order, for a page of contracts in one statement (the contracts are already visible). */
export const entitlementsByContract = (ctx: RequestContext): DataLoader<string, EntitlementEntity[]> =>
  ctx.loaders.get('entitlements.byContract', () =>
    new DataLoader(async (contractIds) => {
      const db = await tenantDb(ctx);
      const rows = await queryRows<EntitlementEntity>(
        db,
        `SELECT ${entitySql(db.connection, EntitlementEntity).selectList('e')} FROM entitlements e WHERE e.contract_id = ANY($1::uuid[]) ORDER BY e.position, e.id`,
        [contractIds],
      );
      return contractIds.map((id) => rows.filter((row) => row.contractId === id));
    }),
  );

/** The UUIDs of the products each entitlement covers (empty = all), in one statement per batch. */
export const coveredProductIds = (ctx: RequestContext): DataLoader<string, string[]> =>
  ctx.loaders.get('entitlements.coveredProducts', () =>
    new DataLoader(async (entitlementIds) => {
      const rows = await queryRows<{ entitlementId: string; productId: string }>(
        await tenantDb(ctx),
        `SELECT entitlement_id AS "entitlementId", product_id AS "productId" FROM entitlement_products
          WHERE entitlement_id = ANY($1::uuid[]) ORDER BY product_id`,
        [entitlementIds],
      );
      return entitlementIds.map((id) => rows.filter((row) => row.entitlementId === id).map((row) => row.productId));
    }),
  );
