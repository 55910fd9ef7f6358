import { grant, registerCrmObjectType } from '../../tenancy/role-model';

/** The catalogue: everyone who sells or serves reads it; admins and sales managers maintain it. */
for (const typeName of ['Product', 'PriceBook']) {
  registerCrmObjectType({
    typeName,
    operations: ['create', 'read', 'update', 'delete'],
    owned: false,
    builtIn: {
      admin: grant('CRUD', 'all', 'full'),
      sales_manager: grant('CRUD', 'all', 'full'),
      sales_rep: grant('R', 'all', 'full'),
      service_agent: grant('R', 'all', 'full'),
      dispatcher: grant('R', 'all', 'full'),
      technician: grant('R', 'all', 'full'),
      analyst: grant('R', 'all', 'full'),
      read_only: grant('R', 'all', 'full'),
    },
  });
}
