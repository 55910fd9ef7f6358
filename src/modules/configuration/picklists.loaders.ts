import DataLoader from 'dataloader';
import { QueryRunner } from 'typeorm';
import { entitySql } from '../../db/entity-sql';
import { queryRows } from '../../db/sql';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { PicklistEntity, PicklistValueEntity } from './picklists.entity';

/** A value with the key of its picklist. */
export type PicklistValueRow = PicklistValueEntity & { picklistKey: string };

export function valueSelect(db: QueryRunner, alias = 'v', picklistAlias = 'p'): string {
  return `${entitySql(db.connection, PicklistValueEntity).selectList(alias)}, ${picklistAlias}.key AS "picklistKey"`;
}

async function loadValues(db: QueryRunner, where: string, ids: readonly string[]): Promise<PicklistValueRow[]> {
  return queryRows<PicklistValueRow>(
    db,
    `SELECT ${valueSelect(db)} FROM picklist_values v JOIN picklists p ON p.id = v.picklist_id WHERE ${where} = ANY($1::uuid[]) ORDER BY v.position, v.id`,
    [ids],
  );
}

/** Values of many picklists in one statement, by position. */
export const picklistValuesByPicklist = (ctx: RequestContext): DataLoader<string, PicklistValueRow[]> =>
  ctx.loaders.get(
    'configuration.picklistValues',
    () =>
      new DataLoader(async (ids: readonly string[]) => {
        const rows = await loadValues(await tenantDb(ctx), 'v.picklist_id', ids);
        return ids.map((id) => rows.filter((r) => r.picklistId === id));
      }),
  );

export const picklistValueById = (ctx: RequestContext): DataLoader<string, PicklistValueRow | null> =>
  ctx.loaders.get(
    'configuration.picklistValueById',
    () =>
      new DataLoader(async (ids: readonly string[]) => {
        const rows = await loadValues(await tenantDb(ctx), 'v.id', ids);
        return ids.map((id) => rows.find((r) => r.id === id) ?? null);
      }),
  );

export const picklistById = (ctx: RequestContext): DataLoader<string, PicklistEntity | null> =>
  ctx.loaders.get(
    'configuration.picklistById',
    () =>
      new DataLoader(async (ids: readonly string[]) => {
        const db = await tenantDb(ctx);
        const rows = await queryRows<PicklistEntity>(db, `SELECT ${entitySql(db.connection, PicklistEntity).selectList('p')} FROM picklists p WHERE p.id = ANY($1::uuid[])`, [ids]);
        return ids.map((id) => rows.find((r) => r.id === id) ?? null);
      }),
  );
