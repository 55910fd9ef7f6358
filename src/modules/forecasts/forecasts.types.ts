import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CurrencyScalar, DateScalar } from '../../graphql/scalars';
import { Money } from '../../graphql/values';
import { PipelineStage } from '../configuration';
import type { PipelineStageEntity } from '../configuration';

const CONVERSION =
  "Amounts are in the workspace's default currency: amounts in other currencies are converted with the configured exchange rates (currencyRates); " +
  'opportunities in a currency without a rate are counted but left out of the converted amounts and reported in `unconverted`, in their own currency. An opportunity without an amount counts as 0.';

@ObjectType({ description: 'Amounts of opportunities in one currency that has no exchange rate, so they are not in the converted amounts.' })
export class UnconvertedAmounts {
  @Field(() => CurrencyScalar, { description: 'The currency without an exchange rate.' }) currency!: string;
  @Field(() => Int, { description: 'How many opportunities are in this currency.' }) count!: number;
  @Field(() => Money, { description: 'Their amount, in this currency.' }) amount!: Money;
  @Field(() => Money, { description: 'Their weighted amount (amount × probability / 100 each), in this currency.' }) weightedAmount!: Money;
}

@ObjectType({ description: 'Open opportunities in one stage, or in all stages (the totals).' })
export class PipelineAmounts {
  @Field(() => Int, { description: 'How many opportunities, converted or not.' }) count!: number;
  @Field(() => Money, { description: 'Sum of their amounts, in the workspace currency (converted ones only).' }) amount!: Money;
  @Field(() => Money, { description: 'Sum of amount × probability / 100 of each opportunity, in the workspace currency (converted ones only); exact, rounded to 6 decimals once at the end.' })
  weightedAmount!: Money;
  @Field(() => Int, { description: 'How many of them are in a currency without an exchange rate (not in amount and weightedAmount; see the totals for their amounts).' })
  unconvertedCount!: number;
}

// Per-currency lists only on the totals: a list in every row would multiply the operation's cost.
@ObjectType({ description: 'Open opportunities in all open stages.' })
export class PipelineTotals extends PipelineAmounts {
  @Field(() => [UnconvertedAmounts], { description: 'Amounts of those without an exchange rate, per currency, in their own currency.' }) unconverted!: UnconvertedAmounts[];
}

@ObjectType({ description: 'Open opportunities in one open stage of the pipeline.' })
export class PipelineStageSummary extends PipelineAmounts {
  @Field(() => PipelineStage, { description: 'The stage.' }) stage!: PipelineStageEntity;
}

@ObjectType({ description: `The open pipeline per stage: open opportunities (not in the recycle bin) within the caller's record scope. ${CONVERSION}` })
export class PipelineSummary {
  @Field(() => CurrencyScalar, { description: "The workspace's default currency, the currency of the converted amounts." }) currency!: string;
  @Field(() => [PipelineStageSummary], { description: 'Every open stage (neither won nor lost) in pipeline order, with zeros when it has no opportunities.' })
  stages!: PipelineStageSummary[];
  @Field(() => PipelineTotals, { description: 'All stages together.' }) total!: PipelineTotals;
}

@InputType({ description: 'Which open opportunities the pipeline summary counts.' })
export class PipelineSummaryFilter {
  @Field(() => ID, { nullable: true, description: 'Only those owned by this User.' }) ownerId?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Only those expected to close on or after this date (excludes those without a close date).' }) closeDateFrom?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Only those expected to close on or before this date (excludes those without a close date).' }) closeDateTo?: string | null;
}

export enum ForecastGroupBy {
  OWNER = 'OWNER',
  TERRITORY = 'TERRITORY',
  STAGE = 'STAGE',
}
registerEnumType(ForecastGroupBy, {
  name: 'ForecastGroupBy',
  description: 'What the rows of a forecast are.',
  valuesConfig: {
    OWNER: { description: 'One row per opportunity owner (a row without owner for unowned opportunities), by name.' },
    TERRITORY: { description: 'One row per territory (a row without territory for opportunities in none), by name.' },
    STAGE: { description: 'One row per pipeline stage, in pipeline order.' },
  },
});

@InputType({
  description:
    'The period of a forecast: either `from` and `to`, or a fiscal year (with an optional quarter). Fiscal years start in the month of the workspace setting fiscalYearStartMonth ' +
    'and are named after the calendar year they end in: with April as the first month, fiscal year 2027 runs from 2026-04-01 to 2027-03-31 and its quarter 1 from 2026-04-01 to 2026-06-30.',
})
export class ForecastPeriodInput {
  @Field(() => DateScalar, { nullable: true, description: 'First day (inclusive); with `to`.' }) from?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Last day (inclusive); with `from`.' }) to?: string | null;
  @Field(() => Int, { nullable: true, description: 'A fiscal year, e.g. 2027; instead of from/to.' }) fiscalYear?: number | null;
  @Field(() => Int, { nullable: true, description: 'A quarter 1–4 of the fiscal year; without it, the whole fiscal year.' }) quarter?: number | null;
}

@InputType({ description: 'Which opportunities a forecast counts, besides the period.' })
export class ForecastFilter {
  @Field(() => ID, { nullable: true, description: 'Only those owned by this User.' }) ownerId?: string | null;
}

@ObjectType({ description: 'Forecast amounts of opportunities in one currency that has no exchange rate, in that currency.' })
export class UnconvertedForecastAmounts {
  @Field(() => CurrencyScalar, { description: 'The currency without an exchange rate.' }) currency!: string;
  @Field(() => Int, { description: 'How many opportunities are in this currency.' }) count!: number;
  @Field(() => Money, { description: 'Won, in this currency.' }) closedWon!: Money;
  @Field(() => Money, { description: 'Commit, in this currency.' }) commit!: Money;
  @Field(() => Money, { description: 'Best case (including commit), in this currency.' }) bestCase!: Money;
  @Field(() => Money, { description: 'Pipeline (every forecast open opportunity), in this currency.' }) pipeline!: Money;
  @Field(() => Money, { description: 'Omitted, in this currency.' }) omitted!: Money;
}

@ObjectType({
  description:
    'Forecast amounts of a group of opportunities, unweighted, by status and forecast category. The amounts are cumulative: commit ⊆ bestCase ⊆ pipeline. ' +
    'Lost opportunities are not counted.',
})
export class ForecastAmounts {
  @Field(() => Money, { description: 'Won opportunities (status WON, forecast category CLOSED).' }) closedWon!: Money;
  @Field(() => Money, { description: 'Open opportunities in forecast category COMMIT.' }) commit!: Money;
  @Field(() => Money, { description: 'Open opportunities in forecast category COMMIT or BEST_CASE: best case includes commit.' }) bestCase!: Money;
  @Field(() => Money, { description: 'Open opportunities in forecast category PIPELINE, BEST_CASE or COMMIT: every open opportunity that is forecast.' }) pipeline!: Money;
  @Field(() => Money, { description: 'Open opportunities in forecast category OMITTED (not in the other amounts).' }) omitted!: Money;
  @Field(() => Int, { description: 'How many opportunities (won and open, converted or not).' }) count!: number;
  @Field(() => Int, { description: 'How many of them are in a currency without an exchange rate (not in the amounts; see the totals for their amounts).' }) unconvertedCount!: number;
}

@ObjectType({ description: 'Forecast amounts of all rows together.' })
export class ForecastTotals extends ForecastAmounts {
  @Field(() => [UnconvertedForecastAmounts], { description: 'Amounts of those without an exchange rate, per currency, in their own currency.' }) unconverted!: UnconvertedForecastAmounts[];
}

@ObjectType({ description: 'One group of a forecast: exactly the key of the grouping is set (owner, territory or stage); null owner or territory is the group of opportunities without one.' })
export class ForecastRow extends ForecastAmounts {
  /** UUIDs of the key, resolved to objects by field resolvers (batched). */
  ownerUuid?: string | null;
  territoryUuid?: string | null;
  stageUuid?: string | null;
}

@ObjectType({
  description:
    "A forecast of the opportunities expected to close (close date) within a period, within the caller's record scope and not in the recycle bin; " +
    `opportunities without a close date are not in any period. ${CONVERSION}`,
})
export class Forecast {
  @Field(() => DateScalar, { description: 'First day of the period.' }) from!: string;
  @Field(() => DateScalar, { description: 'Last day of the period (inclusive).' }) to!: string;
  @Field(() => ForecastGroupBy, { description: 'What the rows are.' }) groupBy!: ForecastGroupBy;
  @Field(() => CurrencyScalar, { description: "The workspace's default currency, the currency of the converted amounts." }) currency!: string;
  @Field(() => [ForecastRow], { description: 'One row per group that has opportunities in the period.' }) rows!: ForecastRow[];
  @Field(() => ForecastTotals, { description: 'All rows together.' }) total!: ForecastTotals;
}
