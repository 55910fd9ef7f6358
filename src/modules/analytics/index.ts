/**
 * Analytical CRM: value metrics per account (ABC class, RFM, lifetime value, lifecycle stage),
 * revenue concentration, and funnel and service metrics. Aggregates only: no person's personal
 * data leaves through them.
 */
import { mergeRules } from '../../graphql/shield';
import { ModuleManifest, ModulePart } from '../module';
import { insightsPart } from './insights.part';
import { metricsPart } from './metrics.part';

const parts: ModulePart[] = [metricsPart, insightsPart];

export const analyticsModule: ModuleManifest = {
  name: 'analytics',
  entities: [],
  resolvers: parts.flatMap((p) => p.resolvers),
  rules: mergeRules(parts.map((p) => p.rules)),
};
