/**
 * The workspace role model. A role grants, per CRM object type, create/read/update/delete, a
 * record scope (own / team / all) and access to personal fields (full / masked / none), and may
 * administer the workspace. Built-in roles are code, composed from what each module declares for
 * its objects, so a module added later extends them without touching stored data; custom roles
 * are rows in the tenant's `roles` table.
 */

export type RecordScope = 'own' | 'team' | 'all';
export type PersonalAccess = 'full' | 'masked' | 'none';
export type Operation = 'create' | 'read' | 'update' | 'delete';
export const OPERATIONS: readonly Operation[] = ['create', 'read', 'update', 'delete'];

export interface ObjectGrant {
  create: boolean;
  read: boolean;
  update: boolean;
  delete: boolean;
  scope: RecordScope;
  personal: PersonalAccess;
}

/** Grants keyed by GraphQL type name; an object type a role does not list is not accessible. */
export type Grants = Record<string, ObjectGrant>;

export interface RoleDefinition {
  key: string;
  name: string;
  description: string | null;
  builtIn: boolean;
  administersWorkspace: boolean;
  grants: Grants;
  version: number;
}

export const BUILT_IN_ROLES = {
  admin: { name: 'Admin', description: 'Configures the workspace: users, roles, keys, settings; works with every record.' },
  sales_manager: { name: 'Sales manager', description: "Works with the records owned by the members of the manager's teams." },
  sales_rep: { name: 'Sales rep', description: 'Works with the accounts and contacts they own.' },
  service_agent: { name: 'Service agent', description: 'Serves every customer: reads and maintains all accounts and contacts.' },
  dispatcher: { name: 'Dispatcher', description: 'Schedules field work: reads all customers with their contact details.' },
  technician: { name: 'Technician', description: 'Visits customers: works the work orders assigned to them and sees of the customer what a visit needs.' },
  analyst: { name: 'Analyst', description: 'Reads everything for reporting, no personal data.' },
  read_only: { name: 'Read-only', description: 'Reads everything; personal data masked.' },
} as const;

export type BuiltInRoleKey = keyof typeof BUILT_IN_ROLES;
export const BUILT_IN_ROLE_KEYS = Object.keys(BUILT_IN_ROLES) as BuiltInRoleKey[];
export const isBuiltInRole = (key: string): key is BuiltInRoleKey => Object.hasOwn(BUILT_IN_ROLES, key);

/** A CRM object type under the role model, declared by its module. */
export interface CrmObjectType {
  typeName: string;
  /** Which operations mean something for it (e.g. users are only read through the role model). */
  operations: readonly Operation[];
  /** Records have an owner, so own/team scope applies; otherwise the scope is always "all". */
  owned: boolean;
  /** What each built-in role may do with it; a role left out gets nothing. */
  builtIn: Partial<Record<BuiltInRoleKey, ObjectGrant>>;
}

const objectTypes = new Map<string, CrmObjectType>();

export function registerCrmObjectType(objectType: CrmObjectType): void {
  objectTypes.set(objectType.typeName, objectType);
}

export const crmObjectType = (typeName: string): CrmObjectType | undefined => objectTypes.get(typeName);
export const crmObjectTypes = (): CrmObjectType[] => [...objectTypes.values()].sort((a, b) => a.typeName.localeCompare(b.typeName));

/**
 * Shorthand for module declarations: `grant('CRUD', 'own', 'full')`, `grant('R', 'all', 'masked')`.
 */
export function grant(operations: string, scope: RecordScope, personal: PersonalAccess): ObjectGrant {
  return {
    create: operations.includes('C'),
    read: operations.includes('R'),
    update: operations.includes('U'),
    delete: operations.includes('D'),
    scope,
    personal,
  };
}

export const NO_GRANT: ObjectGrant = grant('', 'own', 'none');

export function builtInRole(key: BuiltInRoleKey): RoleDefinition {
  const grants: Grants = {};
  for (const objectType of objectTypes.values()) {
    const declared = objectType.builtIn[key];
    if (declared) grants[objectType.typeName] = declared;
  }
  return { key, ...BUILT_IN_ROLES[key], builtIn: true, administersWorkspace: key === 'admin', grants, version: 1 };
}

export const builtInRoles = (): RoleDefinition[] => BUILT_IN_ROLE_KEYS.map(builtInRole);
