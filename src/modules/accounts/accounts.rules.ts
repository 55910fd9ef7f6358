import { RuleMap, canRead, canWrite, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';

export const accountRules: RuleMap = {
  Query: { accounts: canRead('Account'), account: canRead('Account') },
  Mutation: {
    createAccount: canWrite('Account'),
    updateAccount: canWrite('Account'),
    deleteAccount: canWrite('Account'),
    restoreAccount: canWrite('Account'),
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
