import { IsOptional, Max, Min } from 'class-validator';
import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { Money } from '../../graphql/values';
import { AbcClass, LifecycleStage } from '../accounts';

export const VALUE_METRICS_DESCRIPTION =
  "An account's value as a customer, as the last computation left it (recomputed hourly, on recomputeValueMetrics and when the analytics settings change; see computedAt). " +
  'A purchase is an opportunity won (its day: the close date, or the day it was closed if that is earlier) or a contract activated that was not made from an opportunity ' +
  '(renewals included; its day: the start date, or the day it was activated if that is earlier); nothing in the recycle bin counts. ' +
  "Revenue and purchase counts cover the window (analyticsSettings.windowMonths up to today, in the workspace's time zone); amounts are converted into the workspace currency with its exchange rates, " +
  'and a purchase in a currency without a rate counts as a purchase but adds no revenue.';

@ObjectType('AccountValueMetrics', { description: VALUE_METRICS_DESCRIPTION })
export class AccountValueMetrics {
  @Field(() => Money, { description: 'Revenue of the purchases in the window, in the workspace currency.' }) revenue!: Money;
  @Field(() => Int, { description: 'Purchases in the window.' }) purchaseCount!: number;
  @Field(() => DateScalar, { nullable: true, description: 'Day of the first purchase ever; null for a prospect.' }) firstPurchaseOn!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Day of the last purchase ever; null for a prospect.' }) lastPurchaseOn!: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the last activity with the account (or its contacts and opportunities) took place; future ones do not count.' })
  lastActivityAt!: Date | null;
  @Field(() => AbcClass, {
    nullable: true,
    description:
      'Accounts with revenue ranked by it, largest first: A while the revenue share of the accounts above is below abcAShare (the largest is always A), B while it is below abcBShare, else C. ' +
      'Equal revenues get the same class. Null without revenue in the window.',
  })
  abcClass!: AbcClass | null;
  @Field(() => Int, { nullable: true, description: 'RFM recency score 1–5 among the customers with purchases in the window (5: the most recent last purchase). Null without purchases in the window.' })
  recencyScore!: number | null;
  @Field(() => Int, { nullable: true, description: 'RFM frequency score 1–5 (5: the most purchases in the window).' }) frequencyScore!: number | null;
  @Field(() => Int, { nullable: true, description: 'RFM monetary score 1–5 (5: the most revenue in the window).' }) monetaryScore!: number | null;
  @Field(() => String, {
    nullable: true,
    description:
      'The three scores as one code, e.g. "545". Scores are quintiles of the rank among n customers: 1 + ⌊5 × (rank − 1) / n⌋, ranks ascending with ties sharing the lower rank, so equal values always score the same.',
  })
  rfmScore!: string | null;
  @Field(() => Money, {
    nullable: true,
    description:
      'Customer lifetime value: annual margin × r / (1 + d − r), where annual margin = revenue × 12 / windowMonths × marginRate, r = retentionRate and d = discountRate (a margin kept each year while the customer stays, discounted). Null without revenue.',
  })
  lifetimeValue!: Money | null;
  @Field(() => LifecycleStage, {
    description:
      'Derived from purchases and activity (the first rule that holds): PROSPECT without any purchase; NEW_CUSTOMER when the first purchase is less than newCustomerDays old; ' +
      'LOYAL with at least loyalPurchaseCount purchases in the window and the last less than atRiskAfterDays old; ACTIVE when the last purchase is less than atRiskAfterDays old; ' +
      'AT_RISK when the last purchase or activity is less than lostAfterDays old; else LOST.',
  })
  lifecycleStage!: LifecycleStage;
  @Field(() => DateTimeScalar, { description: 'When these metrics were computed.' }) computedAt!: Date;
}

@ObjectType('AnalyticsSettings', { description: "How the workspace's value metrics are computed. Rates are fractions (0.25 = 25 %), kept to 4 decimals." })
export class AnalyticsSettings {
  @Field(() => Int, { description: 'Months back from today that revenue and purchase counts cover (1–120; default 24).' }) windowMonths!: number;
  @Field(() => Float, { description: 'ABC: the revenue share class A covers (default 0.80).' }) abcAShare!: number;
  @Field(() => Float, { description: 'ABC: the revenue share classes A and B cover together (default 0.95); above abcAShare.' }) abcBShare!: number;
  @Field(() => Float, { description: 'Lifetime value: the margin on revenue (0 < rate ≤ 1; default 0.30).' }) marginRate!: number;
  @Field(() => Float, { description: 'Lifetime value: the share of customers kept each year (0 ≤ rate < 1; default 0.80).' }) retentionRate!: number;
  @Field(() => Float, { description: 'Lifetime value: the yearly discount rate (0–1; default 0.10).' }) discountRate!: number;
  @Field(() => Int, { description: 'Lifecycle: days after the first purchase a customer is new (default 90).' }) newCustomerDays!: number;
  @Field(() => Int, { description: 'Lifecycle: purchases in the window that make an active customer loyal (default 3).' }) loyalPurchaseCount!: number;
  @Field(() => Int, { description: 'Lifecycle: days without a purchase after which a customer is at risk (default 180).' }) atRiskAfterDays!: number;
  @Field(() => Int, { description: 'Lifecycle: days without a purchase or activity after which a customer is lost (default 365); above atRiskAfterDays.' }) lostAfterDays!: number;
  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to avoid lost updates.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the settings last changed.' }) updatedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the value metrics were last computed; null before the first computation.' }) computedAt!: Date | null;
}

@InputType({ description: 'Changes to the analytics settings; omitted fields stay as they are. The value metrics are recomputed with the new settings in the same transaction.' })
export class UpdateAnalyticsSettingsInput {
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(120) windowMonths?: number | null;
  @Field(() => Float, { nullable: true }) abcAShare?: number | null;
  @Field(() => Float, { nullable: true }) abcBShare?: number | null;
  @Field(() => Float, { nullable: true }) marginRate?: number | null;
  @Field(() => Float, { nullable: true }) retentionRate?: number | null;
  @Field(() => Float, { nullable: true }) discountRate?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(3650) newCustomerDays?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(2) @Max(1000) loyalPurchaseCount?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(3650) atRiskAfterDays?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(3650) lostAfterDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the settings are at this version.' }) expectedVersion?: number | null;
}

@ObjectType({ description: 'Result of updateAnalyticsSettings.' })
export class UpdateAnalyticsSettingsPayload {
  @Field(() => AnalyticsSettings, { nullable: true, description: 'The settings, when the mutation succeeded.' }) settings?: AnalyticsSettings | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of recomputeValueMetrics.' })
export class RecomputeValueMetricsPayload {
  @Field(() => Int, { description: 'Accounts computed (every account not in the recycle bin).' }) accountCount!: number;
  @Field(() => DateTimeScalar, { description: 'When the metrics were computed.' }) computedAt!: Date;
  @Field(() => [UserError], { description: 'Always empty: recomputing cannot fail on input.' }) userErrors!: UserError[];
}
