import { RuleMap, canCreate, canRead, canUpdate, isTenantUser, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';

/**
 * Technicians follow the Technician grants (dispatchers and admins manage them, field roles read);
 * the linked user is read as users are, territories as every workspace member reads them.
 * Skills and work types are a catalogue any workspace member reads and whoever may create
 * technicians maintains.
 */
export const resourceRules: RuleMap = {
  Query: {
    technicians: canRead('Technician'),
    technician: canRead('Technician'),
    skills: isTenantUser,
    skill: isTenantUser,
    workTypes: isTenantUser,
    workType: isTenantUser,
  },
  Mutation: {
    createTechnician: canCreate('Technician'),
    updateTechnician: canUpdate('Technician'),
    addTechnicianTimeOff: canUpdate('Technician'),
    removeTechnicianTimeOff: canUpdate('Technician'),
    createSkill: canCreate('Technician'),
    updateSkill: canCreate('Technician'),
    deleteSkill: canCreate('Technician'),
    createWorkType: canCreate('Technician'),
    updateWorkType: canCreate('Technician'),
  },
  Technician: { '*': canRead('Technician'), user: canRead('User'), homeTerritory: isTenantUser, territories: isTenantUser },
  Skill: { '*': isTenantUser },
  WorkType: { '*': isTenantUser },
  ...wholeTypes(
    reachableOnlyThroughGuardedFields,
    'TechnicianSkill',
    'WorkingHours',
    'TimeOff',
    'SkillRequirement',
    'TechnicianConnection',
    'TechnicianEdge',
    'SkillConnection',
    'SkillEdge',
    'WorkTypeConnection',
    'WorkTypeEdge',
    'CreateTechnicianPayload',
    'UpdateTechnicianPayload',
    'AddTechnicianTimeOffPayload',
    'RemoveTechnicianTimeOffPayload',
    'CreateSkillPayload',
    'UpdateSkillPayload',
    'DeleteSkillPayload',
    'CreateWorkTypePayload',
    'UpdateWorkTypePayload',
  ),
};
