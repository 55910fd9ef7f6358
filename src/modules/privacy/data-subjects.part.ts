import { isTenantAdmin, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';
import { ModulePart } from '../module';
import { DataSubjectsResolver } from './data-subjects.resolver';

/** Data-subject requests act on all of a person's data, so only workspace admins make them. */
export const dataSubjectsPart: ModulePart = {
  resolvers: [DataSubjectsResolver],
  rules: {
    Query: { privacyRequests: isTenantAdmin },
    Mutation: { exportPersonalData: isTenantAdmin, erasePersonalData: isTenantAdmin, restrictProcessing: isTenantAdmin, liftProcessingRestriction: isTenantAdmin },
    ...wholeTypes(
      reachableOnlyThroughGuardedFields,
      'PrivacyRequest',
      'PrivacyRequestConnection',
      'PrivacyRequestEdge',
      'ExportPersonalDataPayload',
      'ErasePersonalDataPayload',
      'ProcessingRestrictionPayload',
    ),
  },
};
