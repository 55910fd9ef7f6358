import { RuleMap, allOf, canCreate, canDelete, canRead, canReadPersonal, canUpdate, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';

export const leadRules: RuleMap = {
  Query: { leads: canRead('Lead'), lead: canRead('Lead') },
  Mutation: {
    createLead: canCreate('Lead'),
    updateLead: canUpdate('Lead'),
    qualifyLead: canUpdate('Lead'),
    disqualifyLead: canUpdate('Lead'),
    deleteLead: canDelete('Lead'),
    restoreLead: canDelete('Lead'),
    // What it creates (account, contact, opportunity) is checked against the role in the service.
    convertLead: canUpdate('Lead'),
  },
  // Personal fields of Lead additionally need the personal permission (derived from @PersonalField).
  Lead: {
    '*': canRead('Lead'),
    owner: canRead('User'),
    convertedAccount: canRead('Account'),
    convertedContact: canRead('Contact'),
    convertedOpportunity: canRead('Opportunity'),
  },
  // Contacts found by the lead's e-mail tell whether two people share an address: that is reading
  // the lead's personal data. Accounts are matched on the company's domain.
  LeadDuplicates: { contacts: allOf(canRead('Contact'), canReadPersonal('Lead')), accounts: canRead('Account') },
  ConvertLeadPayload: {
    '*': reachableOnlyThroughGuardedFields,
    account: canRead('Account'),
    contact: canRead('Contact'),
    opportunity: canRead('Opportunity'),
  },
  ...wholeTypes(
    reachableOnlyThroughGuardedFields,
    'LeadConnection',
    'LeadEdge',
    'CreateLeadPayload',
    'UpdateLeadPayload',
    'QualifyLeadPayload',
    'DisqualifyLeadPayload',
    'DeleteLeadPayload',
    'RestoreLeadPayload',
  ),
};
