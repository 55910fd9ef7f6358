import { grant, registerCrmObjectType } from '../../tenancy/role-model';

/**
 * Colleagues (record owners) are read through the role model; managing users is workspace
 * administration, not a grant.
 */
registerCrmObjectType({
  typeName: 'User',
  operations: ['read'],
  owned: false,
  builtIn: {
    admin: grant('R', 'all', 'full'),
    sales_manager: grant('R', 'all', 'full'),
    sales_rep: grant('R', 'all', 'full'),
    service_agent: grant('R', 'all', 'full'),
    dispatcher: grant('R', 'all', 'full'),
    technician: grant('R', 'all', 'full'),
    analyst: grant('R', 'all', 'none'),
    read_only: grant('R', 'all', 'masked'),
  },
});
