/**
 * The period of a forecast as calendar dates: given from/to, or a fiscal year (and quarter) of a
 * workspace whose fiscal year starts in `startMonth`. A fiscal year is named after the calendar
 * year it ends in (fiscal year 2027 starting in April runs 2026-04-01 … 2027-03-31).
 */
import { badInput } from '../../graphql/errors';
import type { ForecastPeriodInput } from './forecasts.types';

export interface Period {
  from: string;
  to: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The first day of the month `index` months after January of year 0, as "YYYY-MM-DD". */
const firstDay = (index: number) => `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}-01`;

/** The last day of that month. */
function lastDay(index: number): string {
  const year = Math.floor(index / 12);
  const month = index % 12;
  return `${pad(year, 4)}-${pad(month + 1)}-${pad(new Date(Date.UTC(year, month + 1, 0)).getUTCDate())}`;
}

export function fiscalPeriod(fiscalYear: number, quarter: number | null | undefined, startMonth: number): Period {
  // Month index of the fiscal year's first month: a year starting in January is its calendar year.
  const start = (startMonth === 1 ? fiscalYear : fiscalYear - 1) * 12 + (startMonth - 1);
  if (quarter == null) return { from: firstDay(start), to: lastDay(start + 11) };
  const first = start + 3 * (quarter - 1);
  return { from: firstDay(first), to: lastDay(first + 2) };
}

/** Checks the input (BAD_USER_INPUT naming the problem) and resolves it to dates. */
export function resolvePeriod(period: ForecastPeriodInput, fiscalYearStartMonth: number): Period {
  const explicit = period.from != null || period.to != null;
  const fiscal = period.fiscalYear != null || period.quarter != null;
  if (explicit && fiscal) throw badInput('Give the period either as from/to or as fiscalYear (and quarter), not both', { argument: 'period' });
  if (fiscal) {
    const { fiscalYear, quarter } = period;
    if (fiscalYear == null) throw badInput('A quarter needs its fiscalYear', { argument: 'period.fiscalYear' });
    if (fiscalYear < 1901 || fiscalYear > 9998) throw badInput('fiscalYear must be between 1901 and 9998', { argument: 'period.fiscalYear' });
    if (quarter != null && (quarter < 1 || quarter > 4)) throw badInput(`There is no quarter ${quarter}: quarters are 1 to 4`, { argument: 'period.quarter' });
    return fiscalPeriod(fiscalYear, quarter, fiscalYearStartMonth);
  }
  if (period.from == null || period.to == null) throw badInput('Give the period as both from and to, or as fiscalYear (and quarter)', { argument: 'period' });
  // ISO dates compare correctly as strings.
  if (period.from > period.to) throw badInput(`The period starts (${period.from}) after it ends (${period.to})`, { argument: 'period.from' });
  return { from: period.from, to: period.to };
}
