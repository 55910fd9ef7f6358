/** Reads of the workspace calendar (one row per weekday, holidays by date). */
import { QueryRunner } from 'typeorm';
import { queryRows } from '../../db/sql';
import type { HolidayValue, Hours } from '../configuration/territories.service';

/** "HH:MM" as LocalTime shows it; a closing time of 24:00 reads back as "24:00". */
export async function loadWorkspaceHours(db: QueryRunner): Promise<Hours[]> {
  return queryRows<Hours>(db, `SELECT weekday, left(opens_at::text, 5) AS open, left(closes_at::text, 5) AS close FROM workspace_business_hours ORDER BY weekday`);
}

/** Holidays between two dates (either bound optional), by date. */
export async function loadWorkspaceHolidays(db: QueryRunner, from: string | null = null, to: string | null = null): Promise<HolidayValue[]> {
  return queryRows<HolidayValue>(
    db,
    `SELECT date::text AS date, name FROM workspace_holidays WHERE ($1::date IS NULL OR date >= $1) AND ($2::date IS NULL OR date <= $2) ORDER BY date`,
    [from, to],
  );
}
