/** A workspace admin's API keys: stored in the control plane, scoped to the caller's workspace. */
import { QueryRunner } from 'typeorm';
import { toGlobalId, uuidOf } from '../../graphql/global-id';
import { UserError, UserErrorCode, failure, userError, validateInput } from '../../graphql/user-errors';
import { ApiKeyRecord, createApiKey, listTenantApiKeys, revokeTenantApiKey } from '../../platform/api-keys';
import { recordAudit } from '../../platform/audit';
import { withControlTransaction } from '../../platform/control-transaction';
import { actorOf } from '../../tenancy/principal';
import { RequestContext, tenantDb, tenantOf } from '../../tenancy/request-context';
import { recordAdminChange } from '../admin-audit';
import { findRole } from '../roles';
import { userById } from '../workspace';
import { ApiKey, CreateApiKeyInput, CreateApiKeyPayload, RevokeApiKeyInput, RevokeApiKeyPayload } from './api-keys.types';

const apiKeyView = (k: ApiKeyRecord): ApiKey => ({
  id: k.id,
  name: k.name,
  role: k.role ?? '',
  userId: k.userId && toGlobalId('User', k.userId),
  readOnly: k.readOnly,
  lastUsedAt: k.lastUsedAt,
  prefix: `tnt_${k.kind}_${k.id}_`,
  createdAt: k.createdAt,
  expiresAt: k.expiresAt,
  revokedAt: k.revokedAt,
});

/** What the audit trail keeps of a key: never its secret. */
const auditKey = (k: ApiKeyRecord) => ({ id: k.id, name: k.name, role: k.role, userId: k.userId, readOnly: k.readOnly, expiresAt: k.expiresAt, revokedAt: k.revokedAt });

const controlActor = (ctx: RequestContext) => ({ kind: 'tenant' as const, id: actorOf(tenantOf(ctx)).id });

export async function apiKeys(ctx: RequestContext): Promise<ApiKey[]> {
  return (await listTenantApiKeys(ctx.dataSource, tenantOf(ctx).tenant.id)).map(apiKeyView);
}

/** The role and user a new key works with must exist in the workspace (and the user be active). */
async function checkKeyAccess(ctx: RequestContext, db: QueryRunner, input: CreateApiKeyInput): Promise<{ userId: string | null; errors: UserError[] }> {
  const errors: UserError[] = [];
  if (!(await findRole(db, input.role))) errors.push(userError(['input', 'role'], `There is no role "${input.role}" in this workspace`, UserErrorCode.NOT_FOUND));
  if (input.userId == null) return { userId: null, errors };
  const uuid = uuidOf(input.userId, 'User');
  if (!uuid) return { userId: null, errors: [...errors, userError(['input', 'userId'], '"userId" is not a valid User ID', UserErrorCode.INVALID)] };
  const user = await userById(ctx).load(uuid);
  if (!user?.active) errors.push(userError(['input', 'userId'], 'No active user with this ID', UserErrorCode.NOT_FOUND));
  return { userId: uuid, errors };
}

export async function createKey(ctx: RequestContext, input: CreateApiKeyInput): Promise<CreateApiKeyPayload> {
  const invalid = await validateInput(input);
  if (invalid.length) return failure(...invalid);
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    return failure(userError(['input', 'expiresAt'], 'expiresAt must be in the future', UserErrorCode.OUT_OF_RANGE));
  }
  const access = await checkKeyAccess(ctx, await tenantDb(ctx), input);
  if (access.errors.length) return failure(...access.errors);
  const { tenant } = tenantOf(ctx);
  const { key, token } = await withControlTransaction(ctx.dataSource, async (db) => {
    const created = await createApiKey(db, {
      kind: 'tenant',
      tenantId: tenant.id,
      role: input.role,
      userId: access.userId,
      readOnly: input.readOnly,
      name: input.name,
      expiresAt: input.expiresAt ?? null,
    });
    await recordAudit(db, controlActor(ctx), 'api_key.create', { tenantId: tenant.id }, null, auditKey(created.key));
    return created;
  });
  // The workspace's own trail too: a key is a grant of access.
  await recordAdminChange(ctx, await tenantDb(ctx), { action: 'api_key.create', targetType: 'ApiKey', targetId: key.id, before: null, after: auditKey(key) });
  return { apiKey: apiKeyView(key), token, userErrors: [] };
}

export async function revokeKey(ctx: RequestContext, input: RevokeApiKeyInput): Promise<RevokeApiKeyPayload> {
  const { tenant } = tenantOf(ctx);
  const revoked = await withControlTransaction(ctx.dataSource, async (db) => {
    const key = await revokeTenantApiKey(db, tenant.id, input.id);
    if (key) await recordAudit(db, controlActor(ctx), 'api_key.revoke', { tenantId: tenant.id }, null, auditKey(key));
    return key;
  });
  if (!revoked) return failure(userError(['input', 'id'], 'API key not found', UserErrorCode.NOT_FOUND));
  await recordAdminChange(ctx, await tenantDb(ctx), { action: 'api_key.revoke', targetType: 'ApiKey', targetId: revoked.id, before: null, after: auditKey(revoked) });
  return { apiKey: apiKeyView(revoked), userErrors: [] };
}
