import { isTenantAdmin, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';
import { ModulePart } from '../module';
import { RetentionResolver } from './retention.resolver';

export const retentionPart: ModulePart = {
  resolvers: [RetentionResolver],
  rules: {
    Query: { privacyPolicy: isTenantAdmin, contactsDueForRetentionReview: isTenantAdmin },
    Mutation: { updatePrivacyPolicy: isTenantAdmin, applyRetentionPolicy: isTenantAdmin },
    ...wholeTypes(reachableOnlyThroughGuardedFields, 'PrivacyPolicy', 'UpdatePrivacyPolicyPayload', 'ApplyRetentionPolicyPayload'),
  },
};
