import { RuleMap, canCreate, canDelete, canRead, canUpdate, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';

export const opportunityRules: RuleMap = {
  Query: { opportunities: canRead('Opportunity'), opportunity: canRead('Opportunity') },
  Mutation: {
    createOpportunity: canCreate('Opportunity'),
    updateOpportunity: canUpdate('Opportunity'),
    deleteOpportunity: canDelete('Opportunity'),
    restoreOpportunity: canDelete('Opportunity'),
    closeOpportunityAsWon: canUpdate('Opportunity'),
    closeOpportunityAsLost: canUpdate('Opportunity'),
    reopenOpportunity: canUpdate('Opportunity'),
  },
  Opportunity: { '*': canRead('Opportunity'), account: canRead('Account'), primaryContact: canRead('Contact'), owner: canRead('User') },
  // The history goes with its opportunity; who acted is a user like any owner.
  OpportunityStageHistoryEntry: { '*': canRead('Opportunity'), actor: canRead('User') },
  Account: { opportunities: canRead('Opportunity') },
  ...wholeTypes(
    reachableOnlyThroughGuardedFields,
    'OpportunityConnection',
    'OpportunityEdge',
    'OpportunityStageHistoryConnection',
    'OpportunityStageHistoryEdge',
    'CreateOpportunityPayload',
    'UpdateOpportunityPayload',
    'DeleteOpportunityPayload',
    'RestoreOpportunityPayload',
    'CloseOpportunityAsWonPayload',
    'CloseOpportunityAsLostPayload',
    'ReopenOpportunityPayload',
  ),
};
