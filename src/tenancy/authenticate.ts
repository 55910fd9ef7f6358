import { DataSource } from 'typeorm';
import { queryOne } from '../db/sql';
import { authenticateApiKey } from '../platform/api-keys';
import { PLAN_COLUMNS, PlanRecord } from '../platform/plans';
import { TENANT_COLUMNS, TenantRecord } from '../platform/tenants';
import { Principal } from './principal';
import { SessionTokens, looksLikeJwt } from './session-tokens';

export type AuthenticationResult =
  | { ok: true; principal: Principal }
  | { ok: false; reason: 'invalid_token' | 'tenant_suspended' };

type TenantWithPlan = TenantRecord & { plan: PlanRecord };

/**
 * Turns the Authorization header into a principal: an API key or a user's access token. No header
 * means anonymous; a bad token is refused. Whether a signed-in user is still active and the session
 * still open is checked in the tenant's schema when the operation starts (see permissions.ts).
 */
export async function authenticate(dataSource: DataSource, sessions: SessionTokens, authorization: string | undefined): Promise<AuthenticationResult> {
  if (!authorization) return { ok: true, principal: { kind: 'anonymous' } };
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) return { ok: false, reason: 'invalid_token' };
  const token = match[1];
  if (looksLikeJwt(token)) {
    const claims = await sessions.verify(token);
    if (!claims) return { ok: false, reason: 'invalid_token' };
    const tenant = await tenantWithPlan(dataSource, claims.tenantId);
    return tenantPrincipal(tenant, (t) => ({ kind: 'tenant', tenant: t, credential: { type: 'session', sessionId: claims.sessionId, userId: claims.userId } }));
  }
  const found = await authenticateApiKey(dataSource, token);
  if (!found) return { ok: false, reason: 'invalid_token' };
  const { key, tenant } = found;
  if (key.kind === 'platform') return { ok: true, principal: { kind: 'platform', keyId: key.id } };
  if (key.kind === 'reseller' && key.resellerId) return { ok: true, principal: { kind: 'reseller', keyId: key.id, resellerId: key.resellerId } };
  if (key.kind === 'tenant' && key.role) {
    const credential = { type: 'api_key' as const, keyId: key.id, roleKey: key.role, userId: key.userId, readOnly: key.readOnly };
    return tenantPrincipal(tenant, (t) => ({ kind: 'tenant', tenant: t, credential }));
  }
  return { ok: false, reason: 'invalid_token' };
}

function tenantPrincipal(tenant: TenantWithPlan | null, principal: (tenant: TenantWithPlan) => Principal): AuthenticationResult {
  if (!tenant) return { ok: false, reason: 'invalid_token' };
  if (tenant.status === 'suspended' || tenant.status === 'pending_deletion') return { ok: false, reason: 'tenant_suspended' };
  if (tenant.status !== 'active') return { ok: false, reason: 'invalid_token' };
  return { ok: true, principal: principal(tenant) };
}

/** A tenant with its plan (limits and features travel with the request), in one statement. */
export async function tenantWithPlan(dataSource: DataSource, tenantId: string): Promise<TenantWithPlan | null> {
  return queryOne<TenantWithPlan>(
    dataSource,
    `SELECT ${TENANT_COLUMNS}, (SELECT row_to_json(p) FROM (SELECT ${PLAN_COLUMNS} FROM control.plans WHERE code = t.plan_code) p) AS plan
       FROM control.tenants t WHERE t.id = $1`,
    [tenantId],
  );
}
