import { RuleMap, canRead, canWrite, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';

export const contactRules: RuleMap = {
  Query: { contacts: canRead('Contact'), contact: canRead('Contact') },
  Mutation: {
    createContact: canWrite('Contact'),
    updateContact: canWrite('Contact'),
    deleteContact: canWrite('Contact'),
    restoreContact: canWrite('Contact'),
  },
  // Personal fields of Contact additionally need the personal permission (derived from @PersonalField).
  Contact: { '*': canRead('Contact'), account: canRead('Account') },
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
