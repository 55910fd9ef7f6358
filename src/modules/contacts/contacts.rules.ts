import { RuleMap, canCreate, canDelete, canRead, canUpdate, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';

export const contactRules: RuleMap = {
  Query: { contacts: canRead('Contact'), contact: canRead('Contact') },
  Mutation: {
    createContact: canCreate('Contact'),
    updateContact: canUpdate('Contact'),
    deleteContact: canDelete('Contact'),
    restoreContact: canDelete('Contact'),
  },
  // Personal fields of Contact additionally need the personal permission (derived from @PersonalField).
  Contact: { '*': canRead('Contact'), account: canRead('Account'), owner: canRead('User') },
  Account: { contacts: canRead('Contact') },
  ...wholeTypes(
    reachableOnlyThroughGuardedFields,
    'ContactConnection',
    'ContactEdge',
    'CreateContactPayload',
    'UpdateContactPayload',
    'DeleteContactPayload',
    'RestoreContactPayload',
  ),
};
