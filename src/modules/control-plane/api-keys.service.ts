/** A workspace admin's API keys: stored in the control plane, scoped to the caller's workspace. */
import { UserErrorCode, failure, userError, validateInput } from '../../graphql/user-errors';
import { ApiKeyRecord, createApiKey, listTenantApiKeys, revokeTenantApiKey } from '../../platform/api-keys';
import { RequestContext, tenantOf } from '../../tenancy/request-context';
import { ApiKey, ApiKeyRole, CreateApiKeyInput, CreateApiKeyPayload, RevokeApiKeyInput, RevokeApiKeyPayload } from './api-keys.types';

const apiKeyView = (k: ApiKeyRecord): ApiKey => ({
  id: k.id,
  name: k.name,
  role: (k.role ?? 'member').toUpperCase() as ApiKeyRole,
  prefix: `tnt_${k.kind}_${k.id}_`,
  createdAt: k.createdAt,
  expiresAt: k.expiresAt,
  revokedAt: k.revokedAt,
});

export async function apiKeys(ctx: RequestContext): Promise<ApiKey[]> {
  return (await listTenantApiKeys(ctx.dataSource, tenantOf(ctx).tenant.id)).map(apiKeyView);
}

export async function createKey(ctx: RequestContext, input: CreateApiKeyInput): Promise<CreateApiKeyPayload> {
  const invalid = await validateInput(input);
  if (invalid.length) return failure(...invalid);
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    return failure(userError(['input', 'expiresAt'], 'expiresAt must be in the future', UserErrorCode.OUT_OF_RANGE));
  }
  const { key, token } = await createApiKey(ctx.dataSource, {
    kind: 'tenant',
    tenantId: tenantOf(ctx).tenant.id,
    role: input.role === ApiKeyRole.ADMIN ? 'admin' : 'member',
    name: input.name,
    expiresAt: input.expiresAt ?? null,
  });
  return { apiKey: apiKeyView(key), token, userErrors: [] };
}

export async function revokeKey(ctx: RequestContext, input: RevokeApiKeyInput): Promise<RevokeApiKeyPayload> {
  const revoked = await revokeTenantApiKey(ctx.dataSource, tenantOf(ctx).tenant.id, input.id);
  if (!revoked) return failure(userError(['input', 'id'], 'API key not found', UserErrorCode.NOT_FOUND));
  return { apiKey: apiKeyView(revoked), userErrors: [] };
}
