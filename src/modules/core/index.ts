import { ModuleManifest } from '../module';
import { CoreResolver } from './core.resolver';
import { coreRules } from './core.rules';

/** Cross-cutting API: viewer, node(id), nodes(ids), and the shared value shapes' rules. */
export const coreModule: ModuleManifest = {
  name: 'core',
  entities: [],
  resolvers: [CoreResolver],
  rules: coreRules,
};
