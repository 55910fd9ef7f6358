/** Who is calling, derived from the credential alone: never from a header or argument. */
import { toGlobalId } from '../graphql/global-id';
import type { PlanRecord } from '../platform/plans';
import type { TenantRecord } from '../platform/tenants';

/** How a workspace caller proved who it is. */
export type TenantCredential =
  /** An API key with a role of the workspace's role model, optionally acting for a user. */
  | { type: 'api_key'; keyId: string; roleKey: string; userId: string | null; readOnly: boolean }
  /** A signed-in user: the role is the user's current one, read on every request. */
  | { type: 'session'; sessionId: string; userId: string };

export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'platform'; keyId: string }
  | { kind: 'reseller'; keyId: string; resellerId: string }
  | { kind: 'tenant'; tenant: TenantRecord & { plan: PlanRecord }; credential: TenantCredential };

export type TenantPrincipal = Extract<Principal, { kind: 'tenant' }>;

/** Who did something, for audit trails: a key or a user. */
export function actorOf(principal: Principal): { type: 'api_key' | 'user' | 'system'; id: string } {
  if (principal.kind === 'anonymous') return { type: 'system', id: 'anonymous' };
  if (principal.kind !== 'tenant') return { type: 'api_key', id: principal.keyId };
  const { credential } = principal;
  return credential.type === 'session' ? { type: 'user', id: credential.userId } : { type: 'api_key', id: credential.keyId };
}

/** The actor as audit trails store and show it: a user by its User global ID, a key by its ID. */
export function auditActor(principal: Principal): { type: 'api_key' | 'user' | 'system'; id: string } {
  const actor = actorOf(principal);
  return actor.type === 'user' ? { type: 'user', id: toGlobalId('User', actor.id) } : actor;
}

/** The API key behind a request, if any (its last use is recorded). */
export function apiKeyIdOf(principal: Principal): string | null {
  if (principal.kind === 'platform' || principal.kind === 'reseller') return principal.keyId;
  if (principal.kind === 'tenant' && principal.credential.type === 'api_key') return principal.credential.keyId;
  return null;
}
