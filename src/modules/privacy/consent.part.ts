/** Consent and contact preferences: who may be reached on which channel for which purpose. */
import { RuleMap, canRead, canUpdate, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';
import { ModulePart } from '../module';
import { ConsentResolver, ContactConsentsResolver } from './consent.resolver';

const rules: RuleMap = {
  Query: { canContact: canRead('Contact'), canContactMany: canRead('Contact') },
  // Consent is a change to the contact: the same permission and record scope as updating it.
  Mutation: { recordConsent: canUpdate('Contact'), withdrawConsent: canUpdate('Contact') },
  // Consents are part of the contact; Consent.evidence additionally needs the personal permission on Contact (@PersonalField).
  Contact: { consents: canRead('Contact'), consentHistory: canRead('Contact') },
  ContactDecision: { '*': reachableOnlyThroughGuardedFields, contact: canRead('Contact') },
  ...wholeTypes(reachableOnlyThroughGuardedFields, 'Consent', 'ConsentConnection', 'ConsentEdge', 'RecordConsentPayload', 'WithdrawConsentPayload'),
};

export const consentPart: ModulePart = { resolvers: [ConsentResolver, ContactConsentsResolver], rules };
