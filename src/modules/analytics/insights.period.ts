/**
 * The period of an insight query: calendar days from/to (inclusive), in the workspace's time zone,
 * so that a case opened at 23:30 local time on the last day still belongs to the period.
 */
import { Field, InputType } from 'type-graphql';
import { SqlParams } from '../../db/sql-params';
import { badInput } from '../../graphql/errors';
import { DateScalar } from '../../graphql/scalars';

@InputType({ description: "A period of calendar days in the workspace's time zone, both ends inclusive." })
export class InsightsPeriodInput {
  @Field(() => DateScalar, { description: 'First day (inclusive).' }) from!: string;
  @Field(() => DateScalar, { description: 'Last day (inclusive).' }) to!: string;
}

/** BAD_USER_INPUT when the period is reversed (ISO dates compare correctly as strings). */
export function checkPeriod(period: InsightsPeriodInput): void {
  if (period.from > period.to) throw badInput(`The period starts (${period.from}) after it ends (${period.to})`, { argument: 'period.from' });
}

/** SQL condition: the local day of the timestamp `column` lies within the period (values are bound, never interpolated). */
export function dayWithin(params: SqlParams, timeZone: string, column: string, period: InsightsPeriodInput): string {
  const day = `(${column} AT TIME ZONE ${params.add(timeZone)}::text)::date`;
  return `${day} BETWEEN ${params.add(period.from)}::date AND ${params.add(period.to)}::date`;
}

/** A share (0–1) as a Float rounded to 6 decimals, null when the denominator is 0. */
export const ratio = (numerator: string, denominator: string) => `round(${numerator}::numeric / nullif(${denominator}, 0), 6)::float8`;
