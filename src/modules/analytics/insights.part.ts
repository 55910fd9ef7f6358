/**
 * Aggregate insights: revenue concentration, the sales funnel and service-level compliance. Each
 * needs read access to the records it adds up; the caller's record scope then limits what is
 * added up, and no row of a single record (let alone a person) is returned.
 */
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { allOf, canRead, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';
import type { RequestContext } from '../../tenancy/request-context';
import { PipelineStage, pipelineStageById } from '../configuration';
import type { PipelineStageEntity } from '../configuration';
import { ModulePart } from '../module';
import { revenueConcentration } from './concentration.service';
import { RevenueConcentration } from './concentration.types';
import { salesFunnel } from './funnel.service';
import { SalesFunnel, StageDuration } from './funnel.types';
import { InsightsPeriodInput } from './insights.period';
import { serviceLevelCompliance } from './service-metrics.service';
import { ServiceLevelCompliance } from './service-metrics.types';

const PERIOD = { description: "The period: calendar days in the workspace's time zone, both ends inclusive; `from` after `to` is BAD_USER_INPUT." };

@Resolver()
export class InsightsResolver {
  @Query(() => RevenueConcentration, { description: "Share of the period's won revenue by share of customers (the Pareto curve), within the caller's record scope on Opportunity." })
  revenueConcentration(@Ctx() ctx: RequestContext, @Arg('period', () => InsightsPeriodInput, PERIOD) period: InsightsPeriodInput): Promise<RevenueConcentration> {
    return revenueConcentration(ctx, period);
  }

  @Query(() => SalesFunnel, { description: "Lead → opportunity → won conversion, win rate, sales cycle and time per stage of the leads and opportunities created in the period, within the caller's record scope." })
  salesFunnel(@Ctx() ctx: RequestContext, @Arg('period', () => InsightsPeriodInput, PERIOD) period: InsightsPeriodInput): Promise<SalesFunnel> {
    return salesFunnel(ctx, period);
  }

  @Query(() => ServiceLevelCompliance, { description: "First-response and resolution SLA compliance of the cases opened in the period, in all and per priority, within the caller's record scope." })
  serviceLevelCompliance(@Ctx() ctx: RequestContext, @Arg('period', () => InsightsPeriodInput, PERIOD) period: InsightsPeriodInput): Promise<ServiceLevelCompliance> {
    return serviceLevelCompliance(ctx, period);
  }
}

@Resolver(() => StageDuration)
export class StageDurationResolver {
  @FieldResolver(() => PipelineStage, { description: 'The stage.' })
  async stage(@Ctx() ctx: RequestContext, @Root() row: StageDuration): Promise<PipelineStageEntity> {
    // The stage came from a join in the same request: it exists.
    return (await pipelineStageById(ctx).load(row.stageUuid))!;
  }
}

export const insightsPart: ModulePart = {
  resolvers: [InsightsResolver, StageDurationResolver],
  rules: {
    Query: {
      revenueConcentration: canRead('Opportunity'),
      salesFunnel: allOf(canRead('Lead'), canRead('Opportunity')),
      serviceLevelCompliance: canRead('ServiceCase'),
    },
    ...wholeTypes(reachableOnlyThroughGuardedFields, 'RevenueConcentration', 'ParetoPoint', 'SalesFunnel', 'StageDuration', 'ServiceLevelCounts', 'ServiceLevelCompliance', 'PriorityServiceLevel'),
  },
};
