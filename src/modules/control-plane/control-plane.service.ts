/**
 * Control-plane operations exposed through GraphQL. They run on the platform's own
 * transactions, never inside a tenant's schema, and return no CRM data.
 */
import { requireUuid, toGlobalId } from '../../graphql/global-id';
import { badInput, notFound } from '../../graphql/errors';
import { ConnectionValue, OrderTerm, planPage, toConnection } from '../../graphql/pagination';
import { UserErrorCode, failure, userError, validateInput } from '../../graphql/user-errors';
import { ApiKeyRecord, createApiKey, listTenantApiKeys, revokeTenantApiKey } from '../../platform/api-keys';
import { SlugTakenError, TenantRecord, findTenantById, listTenants, provisionTenant, slugProblem } from '../../platform/tenants';
import { RequestContext, tenantOf } from '../../tenancy/request-context';
import {
  ApiKey,
  ApiKeyRole,
  CreateApiKeyInput,
  CreateApiKeyPayload,
  ProvisionTenantInput,
  ProvisionTenantPayload,
  RevokeApiKeyInput,
  RevokeApiKeyPayload,
  Tenant,
  TenantStatus,
  TenantsArgs,
} from './control-plane.types';

const tenantView = (t: TenantRecord): Tenant => ({
  id: toGlobalId('Tenant', t.id),
  slug: t.slug,
  name: t.name,
  status: t.status.toUpperCase() as TenantStatus,
  schemaVersion: t.schemaVersion,
  createdAt: t.createdAt,
});

const apiKeyView = (k: ApiKeyRecord): ApiKey => ({
  id: k.id,
  name: k.name,
  role: (k.role ?? 'member').toUpperCase() as ApiKeyRole,
  prefix: `tnt_${k.kind}_${k.id}_`,
  createdAt: k.createdAt,
  expiresAt: k.expiresAt,
  revokedAt: k.revokedAt,
});

const tenantOrder: OrderTerm<Tenant & { uuid: string }>[] = [
  { key: { name: 'id', expression: 'id', nullable: false, sqlType: 'uuid', value: (t) => t.uuid }, direction: 'ASC' },
];

export async function tenants(ctx: RequestContext, args: TenantsArgs): Promise<ConnectionValue<Tenant>> {
  const plan = planPage(args, tenantOrder as OrderTerm<unknown>[]);
  if (plan.backward) throw badInput('The tenant list pages forward only (first/after)');
  const rows = await listTenants(ctx.dataSource, { limit: plan.limit + 1, afterId: plan.cursor?.[0] as string | undefined });
  const views = rows.map((row) => ({ ...tenantView(row), uuid: row.id }));
  return toConnection(views, plan, tenantOrder, async () => {
    const [row] = await ctx.dataSource.query('SELECT count(*)::int AS count FROM control.tenants');
    return row.count;
  });
}

export async function tenant(ctx: RequestContext, id: string): Promise<Tenant> {
  const found = await findTenantById(ctx.dataSource, requireUuid(id, 'Tenant'));
  if (!found) throw notFound('Tenant');
  return tenantView(found);
}

/** Provisions a workspace (schema, role, tables) and its first ADMIN key, all or nothing. */
export async function provision(ctx: RequestContext, input: ProvisionTenantInput): Promise<ProvisionTenantPayload> {
  const invalid = await validateInput(input);
  if (invalid.length) return failure(...invalid);
  const problem = slugProblem(input.slug);
  if (problem) return failure(userError(['input', 'slug'], problem, UserErrorCode.INVALID));
  try {
    const created = await provisionTenant(ctx.dataSource, { slug: input.slug, name: input.name }, (db, tenant) =>
      createApiKey(db, { kind: 'tenant', tenantId: tenant.id, role: 'admin', name: 'First admin key' }),
    );
    return { tenant: tenantView(created), adminApiKey: created.extra.token, userErrors: [] };
  } catch (error) {
    if (error instanceof SlugTakenError) return failure(userError(['input', 'slug'], error.message, UserErrorCode.DUPLICATE));
    throw error;
  }
}

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
