import { DataSource } from 'typeorm';
import { authenticateApiKey } from '../platform/api-keys';
import { Principal } from './principal';

export type AuthenticationResult =
  | { ok: true; principal: Principal }
  | { ok: false; reason: 'invalid_token' | 'tenant_suspended' };

/** Turns the Authorization header into a principal. No header means anonymous; a bad token is refused. */
export async function authenticate(dataSource: DataSource, authorization: string | undefined): Promise<AuthenticationResult> {
  if (!authorization) return { ok: true, principal: { kind: 'anonymous' } };
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) return { ok: false, reason: 'invalid_token' };
  const found = await authenticateApiKey(dataSource, match[1]);
  if (!found) return { ok: false, reason: 'invalid_token' };
  const { key, tenant } = found;
  if (key.kind === 'platform') return { ok: true, principal: { kind: 'platform', keyId: key.id } };
  if (key.kind === 'reseller' && key.resellerId) return { ok: true, principal: { kind: 'reseller', keyId: key.id, resellerId: key.resellerId } };
  if (key.kind === 'tenant' && tenant && key.role) {
    if (tenant.status === 'suspended' || tenant.status === 'pending_deletion') return { ok: false, reason: 'tenant_suspended' };
    if (tenant.status !== 'active') return { ok: false, reason: 'invalid_token' };
    return { ok: true, principal: { kind: 'tenant', keyId: key.id, tenant, role: key.role, readOnly: key.readOnly } };
  }
  return { ok: false, reason: 'invalid_token' };
}
