import { RuleMap, canCreate, canDelete, canRead, canUpdate, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';

export const contractRules: RuleMap = {
  Query: { contracts: canRead('Contract'), contract: canRead('Contract') },
  Mutation: {
    createContract: canCreate('Contract'),
    updateContract: canUpdate('Contract'),
    deleteContract: canDelete('Contract'),
    restoreContract: canDelete('Contract'),
    submitContractForApproval: canUpdate('Contract'),
    approveContract: canUpdate('Contract'),
    rejectContract: canUpdate('Contract'),
    terminateContract: canUpdate('Contract'),
    amendContract: canUpdate('Contract'),
    // Reads the opportunity (its scope is checked in the mutation) and creates the contract.
    createContractFromOpportunity: canCreate('Contract'),
  },
  Contract: {
    '*': canRead('Contract'),
    account: canRead('Account'),
    signer: canRead('Contact'),
    owner: canRead('User'),
    opportunity: canRead('Opportunity'),
  },
  // Line items, versions and status changes go with their contract; products, users and related contracts need their own read.
  ContractLineItem: { '*': canRead('Contract'), product: canRead('Product') },
  ContractVersion: { '*': canRead('Contract'), actor: canRead('User') },
  ContractTerms: { '*': canRead('Contract') },
  ContractTermsLineItem: { '*': canRead('Contract'), product: canRead('Product') },
  ContractStatusChange: { '*': canRead('Contract'), actor: canRead('User') },
  Account: { contracts: canRead('Contract') },
  ...wholeTypes(
    reachableOnlyThroughGuardedFields,
    'ContractConnection',
    'ContractEdge',
    'CreateContractPayload',
    'UpdateContractPayload',
    'DeleteContractPayload',
    'RestoreContractPayload',
    'SubmitContractForApprovalPayload',
    'ApproveContractPayload',
    'RejectContractPayload',
    'TerminateContractPayload',
    'AmendContractPayload',
    'CreateContractFromOpportunityPayload',
  ),
};
