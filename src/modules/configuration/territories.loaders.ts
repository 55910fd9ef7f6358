import DataLoader from 'dataloader';
import { QueryRunner } from 'typeorm';
import { entitySql } from '../../db/entity-sql';
import { queryRows } from '../../db/sql';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { TerritoryEntity } from './territories.entity';

export interface HoursRow {
  territoryId: string;
  weekday: number;
  open: string;
  close: string;
}

export interface HolidayRow {
  territoryId: string;
  date: string;
  name: string;
}

const select = (db: QueryRunner) => entitySql(db.connection, TerritoryEntity).selectList('t');

export const territoryById = (ctx: RequestContext): DataLoader<string, TerritoryEntity | null> =>
  ctx.loaders.get(
    'configuration.territoryById',
    () =>
      new DataLoader(async (ids: readonly string[]) => {
        const db = await tenantDb(ctx);
        const rows = await queryRows<TerritoryEntity>(db, `SELECT ${select(db)} FROM territories t WHERE t.id = ANY($1::uuid[])`, [ids]);
        return ids.map((id) => rows.find((r) => r.id === id) ?? null);
      }),
  );

/** Child territories of many parents in one statement, by name. */
export const territoryChildren = (ctx: RequestContext): DataLoader<string, TerritoryEntity[]> =>
  ctx.loaders.get(
    'configuration.territoryChildren',
    () =>
      new DataLoader(async (ids: readonly string[]) => {
        const db = await tenantDb(ctx);
        const rows = await queryRows<TerritoryEntity>(db, `SELECT ${select(db)} FROM territories t WHERE t.parent_id = ANY($1::uuid[]) ORDER BY t.name, t.id`, [ids]);
        return ids.map((id) => rows.filter((r) => r.parentId === id));
      }),
  );

export async function loadHours(db: QueryRunner, ids: readonly string[]): Promise<HoursRow[]> {
  return queryRows<HoursRow>(
    db,
    `SELECT territory_id AS "territoryId", weekday, left(opens_at::text, 5) AS open, left(closes_at::text, 5) AS close
       FROM territory_business_hours WHERE territory_id = ANY($1::uuid[]) ORDER BY weekday`,
    [ids],
  );
}

export async function loadHolidays(db: QueryRunner, ids: readonly string[], from: string | null = null, to: string | null = null): Promise<HolidayRow[]> {
  return queryRows<HolidayRow>(
    db,
    `SELECT territory_id AS "territoryId", date::text AS date, name FROM territory_holidays
      WHERE territory_id = ANY($1::uuid[]) AND ($2::date IS NULL OR date >= $2) AND ($3::date IS NULL OR date <= $3) ORDER BY date`,
    [ids, from, to],
  );
}

export const territoryHours = (ctx: RequestContext): DataLoader<string, HoursRow[]> =>
  ctx.loaders.get(
    'configuration.territoryHours',
    () =>
      new DataLoader(async (ids: readonly string[]) => {
        const rows = await loadHours(await tenantDb(ctx), ids);
        return ids.map((id) => rows.filter((r) => r.territoryId === id));
      }),
  );

/** Holidays of many territories in one statement, per date range asked. */
export const territoryHolidays = (ctx: RequestContext, from: string | null, to: string | null): DataLoader<string, HolidayRow[]> =>
  ctx.loaders.get(
    `configuration.territoryHolidays:${from ?? ''}:${to ?? ''}`,
    () =>
      new DataLoader(async (ids: readonly string[]) => {
        const rows = await loadHolidays(await tenantDb(ctx), ids, from, to);
        return ids.map((id) => rows.filter((r) => r.territoryId === id));
      }),
  );
