import { RuleMap, canRead, isTenantAdmin, isTenantUser, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';

/** Sums of opportunities need read access to them (the record scope then limits what is summed); rates are configuration. */
export const forecastRules: RuleMap = {
  Query: { currencyRates: isTenantUser, pipelineSummary: canRead('Opportunity'), forecast: canRead('Opportunity') },
  Mutation: { setCurrencyRate: isTenantAdmin, removeCurrencyRate: isTenantAdmin },
  CurrencyRate: { '*': isTenantUser },
  ForecastRow: { '*': reachableOnlyThroughGuardedFields, owner: canRead('User') },
  ...wholeTypes(
    reachableOnlyThroughGuardedFields,
    'PipelineSummary',
    'PipelineStageSummary',
    'PipelineAmounts',
    'PipelineTotals',
    'UnconvertedAmounts',
    'Forecast',
    'ForecastAmounts',
    'ForecastTotals',
    'UnconvertedForecastAmounts',
    'SetCurrencyRatePayload',
    'RemoveCurrencyRatePayload',
  ),
};
