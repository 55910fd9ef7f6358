/**
 * Personal data protection as product features, all driven by the @PersonalField declarations:
 * consent and contact preferences (the right to choose), data-subject requests (to know, access,
 * correct, delete, restrict), the log of personal-data reads, and retention of inactive contacts.
 * Encryption at rest lives with the tenancy (sealed-data) and the platform (data keys).
 */
import { mergeRules } from '../../graphql/shield';
import { ModuleManifest, ModulePart } from '../module';
import { accessLogPart } from './access-log.part';
import { consentPart } from './consent.part';
import { dataSubjectsPart } from './data-subjects.part';
import { retentionPart } from './retention.part';

const parts: ModulePart[] = [consentPart, dataSubjectsPart, accessLogPart, retentionPart];

export const privacyModule: ModuleManifest = {
  name: 'privacy',
  entities: [],
  resolvers: parts.flatMap((p) => p.resolvers),
  // Parts share types (Query, Mutation, Contact): their rules merge per type.
  rules: mergeRules(parts.map((p) => p.rules)),
};

