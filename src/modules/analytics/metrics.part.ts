/**
 * Value metrics per account (ABC class, RFM scores, lifetime value, lifecycle stage) and the
 * settings they are computed with. Whoever reads an account reads its metrics: they are about
 * the customer company, not a person.
 */
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { canRead, isTenantAdmin, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';
import type { RequestContext } from '../../tenancy/request-context';
import { Account } from '../accounts';
import type { AccountEntity } from '../accounts';
import { ModulePart } from '../module';
import { getAnalyticsSettings, recomputeValueMetrics, updateAnalyticsSettings, valueMetricsByAccount } from './value-metrics.service';
import {
  AccountValueMetrics,
  AnalyticsSettings,
  RecomputeValueMetricsPayload,
  UpdateAnalyticsSettingsInput,
  UpdateAnalyticsSettingsPayload,
  VALUE_METRICS_DESCRIPTION,
} from './value-metrics.types';

@Resolver()
export class ValueMetricsResolver {
  @Query(() => AnalyticsSettings, { description: "How the workspace's value metrics are computed, and when they last were." })
  analyticsSettings(@Ctx() ctx: RequestContext): Promise<AnalyticsSettings> {
    return getAnalyticsSettings(ctx);
  }

  @Mutation(() => UpdateAnalyticsSettingsPayload, { description: 'Workspace admins: changes how value metrics are computed and recomputes them. Audited.' })
  updateAnalyticsSettings(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateAnalyticsSettingsInput): Promise<UpdateAnalyticsSettingsPayload> {
    return updateAnalyticsSettings(ctx, input);
  }

  @Mutation(() => RecomputeValueMetricsPayload, { description: 'Workspace admins: recomputes the value metrics of every account now (they are also recomputed hourly).' })
  recomputeValueMetrics(@Ctx() ctx: RequestContext): Promise<RecomputeValueMetricsPayload> {
    return recomputeValueMetrics(ctx);
  }
}

@Resolver(() => Account)
export class AccountValueMetricsResolver {
  @FieldResolver(() => AccountValueMetrics, { nullable: true, description: `${VALUE_METRICS_DESCRIPTION} Null until first computed for the account.` })
  valueMetrics(@Ctx() ctx: RequestContext, @Root() account: AccountEntity): Promise<AccountValueMetrics | null> {
    return valueMetricsByAccount(ctx).load(account.id);
  }
}

export const metricsPart: ModulePart = {
  resolvers: [ValueMetricsResolver, AccountValueMetricsResolver],
  rules: {
    Query: { analyticsSettings: canRead('Account') },
    Mutation: { updateAnalyticsSettings: isTenantAdmin, recomputeValueMetrics: isTenantAdmin },
    ...wholeTypes(reachableOnlyThroughGuardedFields, 'AccountValueMetrics', 'AnalyticsSettings', 'UpdateAnalyticsSettingsPayload', 'RecomputeValueMetricsPayload'),
  },
};
