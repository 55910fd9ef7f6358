/** Who is calling, derived from the credential alone: never from a header or argument. */
import type { TenantRole } from '../platform/api-keys';
import type { PlanRecord } from '../platform/plans';
import type { TenantRecord } from '../platform/tenants';

export type { TenantRole };

export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'platform'; keyId: string }
  | { kind: 'reseller'; keyId: string; resellerId: string }
  | { kind: 'tenant'; keyId: string; tenant: TenantRecord & { plan: PlanRecord }; role: TenantRole; readOnly: boolean };

export type TenantPrincipal = Extract<Principal, { kind: 'tenant' }>;

/**
 * Permissions precomputed once per request so that shield rules stay cheap lookups.
 * Object types are GraphQL type names ('Account', 'Contact', …).
 */
export interface Permissions {
  readonly platform: boolean;
  readonly reseller: boolean;
  readonly tenantAdmin: boolean;
  read(objectType: string): boolean;
  write(objectType: string): boolean;
  /** May read personal fields of this object type in full. */
  personal(objectType: string): boolean;
}

const none: Permissions = { platform: false, reseller: false, tenantAdmin: false, read: () => false, write: () => false, personal: () => false };

export function permissionsOf(principal: Principal): Permissions {
  switch (principal.kind) {
    case 'anonymous':
      return none;
    case 'platform':
      // The platform operates tenants through the control plane; it reads no tenant's CRM data.
      return { ...none, platform: true };
    case 'reseller':
      // Resellers operate their own tenants through the control plane; no CRM data either.
      return { ...none, reseller: true };
    case 'tenant': {
      // Until configurable roles exist, both built-in key roles work with all CRM objects;
      // only admins manage the workspace's keys.
      // A read-only key writes nothing, whatever its role (key management included).
      const admin = principal.role === 'admin' && !principal.readOnly;
      const write = !principal.readOnly;
      return { ...none, tenantAdmin: admin, read: () => true, write: () => write, personal: () => true };
    }
  }
}
