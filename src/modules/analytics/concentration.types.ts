import { Field, Float, Int, ObjectType } from 'type-graphql';
import { CurrencyScalar, DateScalar } from '../../graphql/scalars';
import { Money } from '../../graphql/values';

@ObjectType({ description: 'One point of the Pareto curve: the top `customersCounted` customers by revenue and the share of revenue they brought.' })
export class ParetoPoint {
  @Field(() => Float, { description: 'customersCounted / customerCount, rounded to 6 decimals.' }) customerShare!: number;
  @Field(() => Float, { description: 'Revenue of those customers / total revenue, rounded to 6 decimals.' }) revenueShare!: number;
  @Field(() => Int, { description: 'How many customers (the largest first) the point covers.' }) customersCounted!: number;
}

@ObjectType({
  description:
    "Revenue concentration: how much of the revenue of a period the largest customers bring. Revenue is the amount of opportunities won (status WON, not in the recycle bin) within the caller's record scope " +
    'whose close date (or, without one, the day they were closed) lies in the period, added up per account and converted into the workspace currency; ' +
    'opportunities in a currency without an exchange rate are left out (see unconvertedOpportunities). A customer is an account with at least one such opportunity (an amount-less one counts as 0). ' +
    'Customers are ranked by revenue, largest first; among equal revenues the order does not change any share.',
})
export class RevenueConcentration {
  @Field(() => DateScalar, { description: 'First day of the period.' }) from!: string;
  @Field(() => DateScalar, { description: 'Last day of the period (inclusive).' }) to!: string;
  @Field(() => CurrencyScalar, { description: "The workspace's default currency, the currency of the revenue." }) currency!: string;
  @Field(() => Money, { description: 'Revenue of all customers together, exact, rounded to 6 decimals.' }) totalRevenue!: Money;
  @Field(() => Int, { description: 'How many customers (accounts with won revenue in the period).' }) customerCount!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Share of the revenue brought by the top 20 % of customers, i.e. the ceil(0.2 × customerCount) largest; rounded to 6 decimals. Null without customers.',
  })
  topFifthShare!: number | null;
  @Field(() => [ParetoPoint], {
    description:
      'The Pareto curve, from (0, 0) to (1, 1): one point per customer up to 100 customers, above that one point per percentile of customers (the ceil(p × customerCount / 100) largest, p = 1…100). ' +
      'Empty without customers. When the total revenue is 0, every revenueShare equals its customerShare.',
  })
  curve!: ParetoPoint[];
  @Field(() => Int, { description: 'How many won opportunities of the period are in a currency without an exchange rate and so not counted.' }) unconvertedOpportunities!: number;
}
