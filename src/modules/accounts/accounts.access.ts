import { grant, registerCrmObjectType } from '../../tenancy/role-model';

/** What each built-in role may do with accounts. */
registerCrmObjectType({
  typeName: 'Account',
  operations: ['create', 'read', 'update', 'delete'],
  owned: true,
  builtIn: {
    admin: grant('CRUD', 'all', 'full'),
    sales_manager: grant('CRUD', 'team', 'full'),
    sales_rep: grant('CRUD', 'own', 'full'),
    service_agent: grant('CRU', 'all', 'full'),
    dispatcher: grant('R', 'all', 'full'),
    technician: grant('R', 'own', 'masked'),
    analyst: grant('R', 'all', 'none'),
    read_only: grant('R', 'all', 'masked'),
  },
});
