import { grant, registerCrmObjectType } from '../../tenancy/role-model';

/**
 * Campaigns and segments under the role model. Segments are saved filters: whoever may read the
 * filtered records may build them (analysts too, without personal fields); campaigns belong to
 * sales and marketing.
 */
registerCrmObjectType({
  typeName: 'Campaign',
  operations: ['create', 'read', 'update', 'delete'],
  owned: true,
  builtIn: {
    admin: grant('CRUD', 'all', 'full'),
    sales_manager: grant('CRUD', 'all', 'full'),
    sales_rep: grant('R', 'all', 'full'),
    service_agent: grant('R', 'all', 'full'),
    analyst: grant('R', 'all', 'none'),
    read_only: grant('R', 'all', 'masked'),
  },
});

registerCrmObjectType({
  typeName: 'Segment',
  operations: ['create', 'read', 'update', 'delete'],
  owned: true,
  builtIn: {
    admin: grant('CRUD', 'all', 'full'),
    sales_manager: grant('CRUD', 'all', 'full'),
    sales_rep: grant('CRUD', 'own', 'full'),
    service_agent: grant('R', 'all', 'full'),
    analyst: grant('CRUD', 'own', 'none'),
    read_only: grant('R', 'all', 'masked'),
  },
});
