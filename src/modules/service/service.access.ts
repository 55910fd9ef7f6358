import { grant, registerCrmObjectType } from '../../tenancy/role-model';

/**
 * What each built-in role may do with service cases. Service agents work every case; sales reps
 * and managers read the cases of the accounts they (or their team) own, or cases assigned to them.
 */
registerCrmObjectType({
  typeName: 'ServiceCase',
  operations: ['create', 'read', 'update', 'delete'],
  owned: true,
  builtIn: {
    admin: grant('CRUD', 'all', 'full'),
    sales_manager: grant('R', 'team', 'full'),
    sales_rep: grant('R', 'own', 'full'),
    service_agent: grant('CRUD', 'all', 'full'),
    dispatcher: grant('R', 'all', 'full'),
    analyst: grant('R', 'all', 'none'),
    read_only: grant('R', 'all', 'masked'),
  },
});
