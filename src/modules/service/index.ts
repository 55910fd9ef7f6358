/**
 * Customer service: the workspace's business-hours calendar that service levels are measured in,
 * and service cases matched to the entitlement that covers them, with SLA milestones.
 */
import { mergeRules } from '../../graphql/shield';
import { ModuleManifest, ModulePart } from '../module';
import { businessHoursPart } from './business-hours.part';
import { ServiceCaseEntity } from './cases.entity';
import { casesPart } from './cases.part';
import './service.access';

const parts: ModulePart[] = [businessHoursPart, casesPart];

export const serviceModule: ModuleManifest = {
  name: 'service',
  entities: [ServiceCaseEntity],
  resolvers: parts.flatMap((p) => p.resolvers),
  rules: mergeRules(parts.map((p) => p.rules)),
};
