/**
 * A plan's schedule computed in the app (for `MaintenancePlan.nextDates`), by the same rule as the
 * generation's SQL: occurrence k is start + k × interval, counted from the start date each time,
 * with a month's missing days clamped to its last day (as PostgreSQL's date + interval 'n months').
 */
import { calendarDate } from '../../db/calendar-date';
import type { MaintenancePlanEntity } from './maintenance-plans.entity';

export const MAX_NEXT_DATES = 100;

const parse = (date: string): [number, number, number] => date.split('-').map(Number) as [number, number, number];
const iso = (utc: Date): string => utc.toISOString().slice(0, 10);

/** Occurrence k of the schedule as "YYYY-MM-DD". */
function occurrence(plan: Pick<MaintenancePlanEntity, 'frequencyUnit' | 'frequencyInterval'>, start: string, k: number): string {
  const [y, m, d] = parse(start);
  if (plan.frequencyUnit === 'WEEK') return iso(new Date(Date.UTC(y, m - 1, d + 7 * k * plan.frequencyInterval)));
  const monthIndex = m - 1 + k * plan.frequencyInterval;
  const lastDay = new Date(Date.UTC(y, monthIndex + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(y, monthIndex, Math.min(d, lastDay))));
}

/** The first k whose occurrence may be on or after `from` (a step early for months, whose lengths vary). */
function firstStep(plan: Pick<MaintenancePlanEntity, 'frequencyUnit' | 'frequencyInterval'>, start: string, from: string): number {
  if (from <= start) return 0;
  const [sy, sm, sd] = parse(start);
  const [fy, fm, fd] = parse(from);
  if (plan.frequencyUnit === 'WEEK') return Math.floor((Date.UTC(fy, fm - 1, fd) - Date.UTC(sy, sm - 1, sd)) / (7 * 86_400_000 * plan.frequencyInterval));
  return Math.max(0, Math.floor(((fy - sy) * 12 + fm - sm) / plan.frequencyInterval) - 1);
}

/** Up to `limit` (at most 100) occurrences on or after `from`, none after the plan's end date. */
export function occurrencesFrom(plan: Pick<MaintenancePlanEntity, 'frequencyUnit' | 'frequencyInterval' | 'startDate' | 'endDate'>, from: string, limit: number): string[] {
  const start = calendarDate(plan.startDate)!;
  const end = calendarDate(plan.endDate);
  const wanted = Math.min(Math.max(limit, 0), MAX_NEXT_DATES);
  const dates: string[] = [];
  for (let k = firstStep(plan, start, from); dates.length < wanted; k++) {
    const date = occurrence(plan, start, k);
    if (end !== null && date > end) break;
    if (date >= from) dates.push(date);
  }
  return dates;
}
