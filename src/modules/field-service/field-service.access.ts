import { grant, registerCrmObjectType } from '../../tenancy/role-model';

/**
 * What each built-in role may do in field service. A technician works only the work orders
 * assigned to them (record scope through their appointments) and reads the customer only as far as
 * the visit needs, through the work order's own fields (account name, site address, site contact):
 * the technician role grants nothing on accounts and contacts themselves.
 */
registerCrmObjectType({
  typeName: 'WorkOrder',
  operations: ['create', 'read', 'update', 'delete'],
  owned: true,
  builtIn: {
    admin: grant('CRUD', 'all', 'full'),
    dispatcher: grant('CRUD', 'all', 'full'),
    service_agent: grant('CRUD', 'all', 'full'),
    technician: grant('RU', 'own', 'full'),
    sales_manager: grant('R', 'team', 'full'),
    sales_rep: grant('R', 'own', 'full'),
    analyst: grant('R', 'all', 'none'),
    read_only: grant('R', 'all', 'masked'),
  },
});

/** Service resources and maintenance plans: dispatchers and admins manage them, field roles read. */
registerCrmObjectType({
  typeName: 'Technician',
  operations: ['create', 'read', 'update', 'delete'],
  owned: false,
  builtIn: {
    admin: grant('CRUD', 'all', 'full'),
    dispatcher: grant('CRUD', 'all', 'full'),
    service_agent: grant('R', 'all', 'full'),
    technician: grant('R', 'all', 'masked'),
    analyst: grant('R', 'all', 'none'),
    read_only: grant('R', 'all', 'masked'),
  },
});

registerCrmObjectType({
  typeName: 'MaintenancePlan',
  operations: ['create', 'read', 'update', 'delete'],
  owned: false,
  builtIn: {
    admin: grant('CRUD', 'all', 'full'),
    dispatcher: grant('CRUD', 'all', 'full'),
    service_agent: grant('CRUD', 'all', 'full'),
    sales_manager: grant('R', 'all', 'full'),
    sales_rep: grant('R', 'all', 'full'),
    analyst: grant('R', 'all', 'none'),
    read_only: grant('R', 'all', 'masked'),
  },
});
