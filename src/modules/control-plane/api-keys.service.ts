/** A workspace admin's API keys: stored in the control plane, scoped to the caller's workspace. */
import { UserErrorCode, failure, userError, validateInput } from '../../graphql/user-errors';
import { ApiKeyRecord, createApiKey, listTenantApiKeys, revokeTenantApiKey } from '../../platform/api-keys';
import { recordAudit } from '../../platform/audit';
import { withControlTransaction } from '../../platform/control-transaction';
import { RequestContext, tenantOf } from '../../tenancy/request-context';
import { ApiKey, ApiKeyRole, CreateApiKeyInput, CreateApiKeyPayload, RevokeApiKeyInput, RevokeApiKeyPayload } from './api-keys.types';

const apiKeyView = (k: ApiKeyRecord): ApiKey => ({
  id: k.id,
  name: k.name,
  role: (k.role ?? 'member').toUpperCase() as ApiKeyRole,
  readOnly: k.readOnly,
  lastUsedAt: k.lastUsedAt,
  prefix: `tnt_${k.kind}_${k.id}_`,
  createdAt: k.createdAt,
  expiresAt: k.expiresAt,
  revokedAt: k.revokedAt,
});

/** What the audit trail keeps of a key: never its secret. */
const auditKey = (k: ApiKeyRecord) => ({ id: k.id, name: k.name, role: k.role, readOnly: k.readOnly, expiresAt: k.expiresAt, revokedAt: k.revokedAt });

export async function apiKeys(ctx: RequestContext): Promise<ApiKey[]> {
  return (await listTenantApiKeys(ctx.dataSource, tenantOf(ctx).tenant.id)).map(apiKeyView);
}

export async function createKey(ctx: RequestContext, input: CreateApiKeyInput): Promise<CreateApiKeyPayload> {
  const invalid = await validateInput(input);
  if (invalid.length) return failure(...invalid);
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    return failure(userError(['input', 'expiresAt'], 'expiresAt must be in the future', UserErrorCode.OUT_OF_RANGE));
  }
  const { tenant, keyId } = tenantOf(ctx);
  const { key, token } = await withControlTransaction(ctx.dataSource, async (db) => {
    const created = await createApiKey(db, {
      kind: 'tenant',
      tenantId: tenant.id,
      role: input.role === ApiKeyRole.ADMIN ? 'admin' : 'member',
      readOnly: input.readOnly,
      name: input.name,
      expiresAt: input.expiresAt ?? null,
    });
    await recordAudit(db, { kind: 'tenant', id: keyId }, 'api_key.create', { tenantId: tenant.id }, null, auditKey(created.key));
    return created;
  });
  return { apiKey: apiKeyView(key), token, userErrors: [] };
}

export async function revokeKey(ctx: RequestContext, input: RevokeApiKeyInput): Promise<RevokeApiKeyPayload> {
  const { tenant, keyId } = tenantOf(ctx);
  const revoked = await withControlTransaction(ctx.dataSource, async (db) => {
    const key = await revokeTenantApiKey(db, tenant.id, input.id);
    if (key) await recordAudit(db, { kind: 'tenant', id: keyId }, 'api_key.revoke', { tenantId: tenant.id }, null, auditKey(key));
    return key;
  });
  if (!revoked) return failure(userError(['input', 'id'], 'API key not found', UserErrorCode.NOT_FOUND));
  return { apiKey: apiKeyView(revoked), userErrors: [] };
}
