/**
 * Analytical CRM: revenue concentration (the Pareto curve), the sales funnel, and service-level
 * compliance. Aggregates only: no person's personal data leaves through them.
 */
import { mergeRules } from '../../graphql/shield';
import { ModuleManifest, ModulePart } from '../module';
import { insightsPart } from './insights.part';

const parts: ModulePart[] = [insightsPart];

export const analyticsModule: ModuleManifest = {
  name: 'analytics',
  entities: [],
  resolvers: parts.flatMap((p) => p.resolvers),
  rules: mergeRules(parts.map((p) => p.rules)),
};
