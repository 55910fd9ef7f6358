import { ModuleManifest } from '../module';
import { ControlPlaneResolver } from './control-plane.resolver';
import { controlPlaneRules } from './control-plane.rules';

/** Provisioning and API keys through GraphQL; the data lives in the control schema, not in modules' tables. */
export const controlPlaneModule: ModuleManifest = {
  name: 'control-plane',
  entities: [],
  resolvers: [ControlPlaneResolver],
  rules: controlPlaneRules,
};
