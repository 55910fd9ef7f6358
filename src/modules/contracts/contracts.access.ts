import { grant, registerCrmObjectType } from '../../tenancy/role-model';

/**
 * What each built-in role may do with contracts (line items, versions, status history and
 * entitlements go with them). Own/team scopes reach a contract through its owner or its account's
 * owner: a sales rep works the contracts of the accounts they own.
 */
registerCrmObjectType({
  typeName: 'Contract',
  operations: ['create', 'read', 'update', 'delete'],
  owned: true,
  builtIn: {
    admin: grant('CRUD', 'all', 'full'),
    sales_manager: grant('CRUD', 'team', 'full'),
    sales_rep: grant('CRU', 'own', 'full'),
    service_agent: grant('R', 'all', 'full'),
    dispatcher: grant('R', 'all', 'full'),
    analyst: grant('R', 'all', 'none'),
    read_only: grant('R', 'all', 'masked'),
  },
});
