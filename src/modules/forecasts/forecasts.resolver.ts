import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../tenancy/request-context';
import { PipelineStage, Territory, pipelineStageById, territoryById } from '../configuration';
import type { PipelineStageEntity } from '../configuration';
import { User, userById } from '../workspace';
import type { UserEntity } from '../workspace';
import * as rates from './currency-rates.service';
import { CurrencyRate, RemoveCurrencyRateInput, RemoveCurrencyRatePayload, SetCurrencyRateInput, SetCurrencyRatePayload } from './currency-rates.types';
import { forecast } from './forecast.service';
import { Forecast, ForecastFilter, ForecastGroupBy, ForecastPeriodInput, ForecastRow, PipelineSummary, PipelineSummaryFilter } from './forecasts.types';
import { pipelineSummary } from './pipeline-summary.service';

@Resolver(() => CurrencyRate)
export class CurrencyRateResolver {
  @Query(() => [CurrencyRate], { description: "Exchange rates into the workspace's default currency, by currency code." })
  currencyRates(@Ctx() ctx: RequestContext): Promise<CurrencyRate[]> {
    return rates.listCurrencyRates(ctx);
  }

  @Mutation(() => SetCurrencyRatePayload, { description: 'Workspace admins: sets the exchange rate of a currency into the default currency (audited).' })
  setCurrencyRate(@Ctx() ctx: RequestContext, @Arg('input') input: SetCurrencyRateInput): Promise<SetCurrencyRatePayload> {
    return rates.setCurrencyRate(ctx, input);
  }

  @Mutation(() => RemoveCurrencyRatePayload, { description: "Workspace admins: removes a currency's exchange rate (audited); its amounts are then reported unconverted." })
  removeCurrencyRate(@Ctx() ctx: RequestContext, @Arg('input') input: RemoveCurrencyRateInput): Promise<RemoveCurrencyRatePayload> {
    return rates.removeCurrencyRate(ctx, input);
  }
}

@Resolver(() => ForecastRow)
export class ForecastResolver {
  @Query(() => PipelineSummary, { description: "Count, amount and weighted amount of the open opportunities per open pipeline stage, within the caller's record scope." })
  pipelineSummary(@Ctx() ctx: RequestContext, @Arg('where', () => PipelineSummaryFilter, { nullable: true }) where?: PipelineSummaryFilter | null): Promise<PipelineSummary> {
    return pipelineSummary(ctx, where);
  }

  @Query(() => Forecast, { description: "Won, commit, best-case, pipeline and omitted amounts of the opportunities closing in a period, per owner, territory or stage, within the caller's record scope." })
  forecast(
    @Ctx() ctx: RequestContext,
    @Arg('period', () => ForecastPeriodInput) period: ForecastPeriodInput,
    @Arg('groupBy', () => ForecastGroupBy) groupBy: ForecastGroupBy,
    @Arg('where', () => ForecastFilter, { nullable: true }) where?: ForecastFilter | null,
  ): Promise<Forecast> {
    return forecast(ctx, period, groupBy, where);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The owner (grouped by OWNER); null on the row of unowned opportunities and when grouped otherwise.' })
  owner(@Ctx() ctx: RequestContext, @Root() row: ForecastRow): Promise<UserEntity | null> | null {
    return row.ownerUuid ? userById(ctx).load(row.ownerUuid) : null;
  }

  @FieldResolver(() => Territory, { nullable: true, description: 'The territory (grouped by TERRITORY); null on the row of opportunities without territory and when grouped otherwise.' })
  territory(@Ctx() ctx: RequestContext, @Root() row: ForecastRow): Promise<unknown> | null {
    return row.territoryUuid ? territoryById(ctx).load(row.territoryUuid) : null;
  }

  @FieldResolver(() => PipelineStage, { nullable: true, description: 'The stage (grouped by STAGE); null when grouped otherwise.' })
  stage(@Ctx() ctx: RequestContext, @Root() row: ForecastRow): Promise<PipelineStageEntity | null> | null {
    return row.stageUuid ? pipelineStageById(ctx).load(row.stageUuid) : null;
  }
}
