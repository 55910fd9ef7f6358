import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';

@ObjectType({ description: 'How long opportunities stayed in one pipeline stage before they left it.' })
export class StageDuration {
  /** UUID of the stage, resolved (batched) by a field resolver. */
  stageUuid!: string;
  @Field(() => Float, { description: 'Average days from entering the stage to leaving it (a later move, close or reopen), over every stay; rounded to 2 decimals.' })
  averageDays!: number;
  @Field(() => Int, { description: 'How many opportunities left the stage at least once (the stays averaged may be more).' }) opportunities!: number;
}

@ObjectType({
  description:
    "The sales funnel of the cohorts created in a period, within the caller's record scope and not in the recycle bin: leads created in the period and what became of them " +
    '(until now), and opportunities created in the period and how they closed. Rates are Floats rounded to 6 decimals, null when their denominator is 0.',
})
export class SalesFunnel {
  @Field(() => DateScalar, { description: 'First day of the period.' }) from!: string;
  @Field(() => DateScalar, { description: 'Last day of the period (inclusive).' }) to!: string;
  @Field(() => Int, { description: 'Leads created in the period.' }) leadsCreated!: number;
  @Field(() => Int, { description: 'Of those, how many are converted (with or without an opportunity).' }) leadsConverted!: number;
  @Field(() => Int, { description: 'Of those, how many were converted into an opportunity.' }) leadsConvertedToOpportunity!: number;
  @Field(() => Float, { nullable: true, description: 'leadsConvertedToOpportunity / leadsCreated.' }) leadToOpportunityRate!: number | null;
  @Field(() => Int, { description: 'Opportunities created in the period.' }) opportunitiesCreated!: number;
  @Field(() => Int, { description: 'Of those, how many are won.' }) opportunitiesWon!: number;
  @Field(() => Int, { description: 'Of those, how many are lost.' }) opportunitiesLost!: number;
  @Field(() => Float, { nullable: true, description: 'opportunitiesWon / opportunitiesCreated (open ones count as not won).' }) opportunityToWonRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'opportunitiesWon / (opportunitiesWon + opportunitiesLost): closed ones only.' }) winRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Average days from creation to close of the won ones, rounded to 2 decimals; null when none is won.' })
  averageSalesCycleDays!: number | null;
  @Field(() => [StageDuration], {
    description: 'Time spent per stage by the opportunities created in the period, from their stage history; only stages some opportunity has left, in pipeline order. A stay still going on is not counted.',
  })
  stageDurations!: StageDuration[];
}
