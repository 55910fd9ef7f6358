import { allOf, canReadPersonalUnmasked, isTenantAdmin, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';
import { ModulePart } from '../module';
import { DataSubjectsResolver } from './data-subjects.resolver';

/**
 * Data-subject requests act on all of a person's data, so only workspace admins make them, and only
 * with unmasked access to people's data: the export hands it out whole (a custom admin role with
 * masked personal data may not), and erasing or restricting what one may not see would be blind.
 */
const dataSubjectOfficer = allOf(isTenantAdmin, canReadPersonalUnmasked('Contact'), canReadPersonalUnmasked('User'));

export const dataSubjectsPart: ModulePart = {
  resolvers: [DataSubjectsResolver],
  rules: {
    Query: { privacyRequests: isTenantAdmin },
    Mutation: { exportPersonalData: dataSubjectOfficer, erasePersonalData: dataSubjectOfficer, restrictProcessing: dataSubjectOfficer, liftProcessingRestriction: dataSubjectOfficer },
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
