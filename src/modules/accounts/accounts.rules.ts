import { RuleMap, canCreate, canDelete, canRead, canUpdate, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';

export const accountRules: RuleMap = {
  Query: { accounts: canRead('Account'), account: canRead('Account') },
  Mutation: {
    createAccount: canCreate('Account'),
    updateAccount: canUpdate('Account'),
    deleteAccount: canDelete('Account'),
    restoreAccount: canDelete('Account'),
  },
  Account: { '*': canRead('Account'), owner: canRead('User') },
  ...wholeTypes(
    reachableOnlyThroughGuardedFields,
    'AccountConnection',
    'AccountEdge',
    'CreateAccountPayload',
    'UpdateAccountPayload',
    'DeleteAccountPayload',
    'RestoreAccountPayload',
  ),
};
