/**
 * Contracts: service agreements with an account (numbered, approved, activated, amended by
 * version, renewed or terminated), their line items from sales, and the entitlements they grant.
 */
import { mergeRules } from '../../graphql/shield';
import { ModuleManifest, ModulePart } from '../module';
import './contracts.access';
import { ContractEntity, ContractLineItemEntity, ContractStatusHistoryEntity } from './contracts.entity';
import { contractsPart } from './contracts.part';
import { EntitlementEntity } from './entitlements.entity';
import { entitlementsPart } from './entitlements.part';
import { renewalsPart } from './renewals.part';

const parts: ModulePart[] = [contractsPart, renewalsPart, entitlementsPart];

export const contractsModule: ModuleManifest = {
  name: 'contracts',
  entities: [ContractEntity, ContractLineItemEntity, ContractStatusHistoryEntity, EntitlementEntity],
  resolvers: parts.flatMap((p) => p.resolvers),
  rules: mergeRules(parts.map((p) => p.rules)),
};
