import { RuleMap, canCreate, canDelete, canRead, canUpdate, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';

export const activityRules: RuleMap = {
  Query: { activities: canRead('Activity'), activity: canRead('Activity'), myOpenTasks: canRead('Activity') },
  Mutation: {
    createActivity: canCreate('Activity'),
    updateActivity: canUpdate('Activity'),
    completeActivity: canUpdate('Activity'),
    deleteActivity: canDelete('Activity'),
    restoreActivity: canDelete('Activity'),
  },
  // Subject and body additionally need the personal permission (derived from @PersonalField).
  Activity: { '*': canRead('Activity'), owner: canRead('User'), account: canRead('Account'), contact: canRead('Contact'), opportunity: canRead('Opportunity'), lead: canRead('Lead') },
  Account: { timeline: canRead('Activity') },
  Contact: { activities: canRead('Activity') },
  Opportunity: { activities: canRead('Activity') },
  ...wholeTypes(
    reachableOnlyThroughGuardedFields,
    'ActivityConnection',
    'ActivityEdge',
    'CreateActivityPayload',
    'UpdateActivityPayload',
    'CompleteActivityPayload',
    'DeleteActivityPayload',
    'RestoreActivityPayload',
  ),
};
