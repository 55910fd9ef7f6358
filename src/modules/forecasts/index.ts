import { ModuleManifest } from '../module';
// The role grants on Opportunity that the rules and record scope here rely on (registered once, whoever imports first).
import '../opportunities/opportunities.access';
import { CurrencyRateResolver, ForecastResolver } from './forecasts.resolver';
import { forecastRules } from './forecasts.rules';

export { workspaceCurrency } from './workspace-currency';

/** Exchange rates, the pipeline summary and forecasts over the opportunities (issue 8). */
export const forecastsModule: ModuleManifest = {
  name: 'forecasts',
  entities: [],
  resolvers: [CurrencyRateResolver, ForecastResolver],
  rules: forecastRules,
};
