/** Who is calling, derived from the credential alone: never from a header or argument. */
import type { TenantRole } from '../platform/api-keys';
import type { TenantRecord } from '../platform/tenants';

export type { TenantRole };

export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'platform'; keyId: string }
  | { kind: 'tenant'; keyId: string; tenant: TenantRecord; role: TenantRole };

export type TenantPrincipal = Extract<Principal, { kind: 'tenant' }>;

/**
 * Permissions precomputed once per request so that shield rules stay cheap lookups.
 * Object types are GraphQL type names ('Account', 'Contact', …).
 */
export interface Permissions {
  readonly platform: boolean;
  readonly tenantAdmin: boolean;
  read(objectType: string): boolean;
  write(objectType: string): boolean;
  /** May read personal fields of this object type in full. */
  personal(objectType: string): boolean;
}

const none: Permissions = { platform: false, tenantAdmin: false, read: () => false, write: () => false, personal: () => false };

export function permissionsOf(principal: Principal): Permissions {
  switch (principal.kind) {
    case 'anonymous':
      return none;
    case 'platform':
      // The platform operates tenants through the control plane; it reads no tenant's CRM data.
      return { ...none, platform: true };
    case 'tenant': {
      // Until configurable roles exist, both built-in key roles work with all CRM objects;
      // only admins manage the workspace's keys.
      const admin = principal.role === 'admin';
      return { platform: false, tenantAdmin: admin, read: () => true, write: () => true, personal: () => true };
    }
  }
}
