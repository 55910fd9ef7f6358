/**
 * Who may call what: tokens are checked before any GraphQL runs, the platform key manages tenants
 * but never reads CRM data, workspace admins manage their own keys only, and nothing but the
 * credential chooses the tenant.
 */
import { TestTenant, dataOf, errorCodes, useHarness, uniqueSlug } from '../support/harness';
import { CREATE_ACCOUNT } from '../support/operations';
import { rawRequest } from '../support/security-helpers';
import { createApiKey } from '../../src/platform/api-keys';

const VIEWER = '{ viewer { kind role workspace { slug name } } }';
const CREATE_KEY = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { token apiKey { id name role prefix createdAt expiresAt revokedAt } userErrors { field message code } }
}`;
const REVOKE_KEY = `mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { id revokedAt } userErrors { field message code } } }`;
const API_KEYS = '{ apiKeys { id name role prefix createdAt expiresAt revokedAt } }';
const PROVISION = `mutation($input: ProvisionTenantInput!) {
  provisionTenant(input: $input) { adminApiKey tenant { id slug name status schemaVersion } userErrors { field message code } }
}`;

const harness = useHarness();
let admin: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  [admin, other] = await Promise.all([harness.createTenant({ name: 'Keys Inc' }), harness.createTenant({ name: 'Other Ltd' })]);
  dataOf(await admin.client.request(CREATE_ACCOUNT, { input: { name: 'Admin account' } }));
  dataOf(await other.client.request(CREATE_ACCOUNT, { input: { name: 'Other account' } }));
});

/** The key id inside a token `tnt_<kind>_<id>_<secret>`. */
const keyIdOf = (token: string): string => token.split('_')[2];
const secretOf = (token: string): string => token.split('_').slice(3).join('_');

describe('authentication', () => {
  test('no Authorization header: UNAUTHENTICATED for viewer and for CRM data, and no data', async () => {
    for (const query of [VIEWER, '{ accounts { totalCount } }', '{ contacts { totalCount } }']) {
      const response = await harness.anonymous.request(query);
      expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
      expect(response.data ?? null).toBeNull();
    }
  });

  test('an anonymous mutation writes nothing', async () => {
    const response = await harness.anonymous.request(CREATE_ACCOUNT, { input: { name: 'Anonymous' } });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    const [row] = await harness.dataSource.query(
      `SELECT (SELECT count(*)::int FROM "${admin.tenant.schemaName}".accounts WHERE name = 'Anonymous') +
              (SELECT count(*)::int FROM "${other.tenant.schemaName}".accounts WHERE name = 'Anonymous') AS n`,
    );
    expect(row.n).toBe(0);
  });

  const badCredentials: [string, () => Promise<Record<string, string>>][] = [
    ['a malformed token', async () => ({ authorization: 'Bearer not-a-token' })],
    ['a non-Bearer scheme', async () => ({ authorization: `Basic ${Buffer.from('a:b').toString('base64')}` })],
    ['an empty Bearer', async () => ({ authorization: 'Bearer ' })],
    ['an unknown key of valid shape', async () => ({ authorization: `Bearer tnt_tenant_abcdefghijkl_${'x'.repeat(32)}` })],
    ['a known key id with a wrong secret', async () => ({ authorization: `Bearer tnt_tenant_${keyIdOf(admin.token)}_${'y'.repeat(32)}` })],
    ['a tenant key presented as a platform key', async () => ({ authorization: `Bearer ${admin.token.replace('tnt_tenant_', 'tnt_platform_')}` })],
    [
      'an expired key',
      async () => {
        const { token } = await createApiKey(harness.dataSource, {
          kind: 'tenant',
          tenantId: admin.tenant.id,
          role: 'admin',
          name: 'expired',
          expiresAt: new Date(Date.now() - 60_000),
        });
        return { authorization: `Bearer ${token}` };
      },
    ],
    [
      'a revoked key',
      async () => {
        const { key, token } = await createApiKey(harness.dataSource, { kind: 'tenant', tenantId: admin.tenant.id, role: 'admin', name: 'revoked' });
        await harness.dataSource.query('UPDATE control.api_keys SET revoked_at = now() WHERE id = $1', [key.id]);
        return { authorization: `Bearer ${token}` };
      },
    ],
  ];

  test.each(badCredentials)('%s: HTTP 401 with UNAUTHENTICATED and no data', async (_name, headers) => {
    const response = await rawRequest(harness.url, { query: '{ accounts { totalCount nodes { name } } }' }, await headers());
    expect(response.status).toBe(401);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.data ?? null).toBeNull();
    expect(response.text).not.toMatch(/Admin account|Other account/);
  });

  test('a suspended workspace: HTTP 403 with TENANT_SUSPENDED', async () => {
    const suspended = await harness.createTenant({ name: 'Suspended' });
    await harness.dataSource.query(`UPDATE control.tenants SET status = 'suspended' WHERE id = $1`, [suspended.tenant.id]);
    const response = await rawRequest(harness.url, { query: '{ accounts { totalCount } }' }, { authorization: `Bearer ${suspended.token}` });
    expect(response.status).toBe(403);
    expect(errorCodes(response)).toEqual(['TENANT_SUSPENDED']);
    expect(response.data ?? null).toBeNull();
  });
});

describe('platform key', () => {
  test('provisions a tenant whose admin key works for that tenant’s viewer', async () => {
    const slug = uniqueSlug('plat');
    const data = dataOf(await harness.platform.request(PROVISION, { input: { slug, name: 'Platform made' } }));
    const { adminApiKey, tenant, userErrors } = data.provisionTenant;
    expect(userErrors).toEqual([]);
    expect(tenant).toMatchObject({ slug, name: 'Platform made', status: 'ACTIVE' });
    expect(adminApiKey).toMatch(/^tnt_tenant_[a-z0-9]{12}_[A-Za-z0-9_-]{32,64}$/);
    const viewer = dataOf(await harness.client(adminApiKey).request(VIEWER));
    expect(viewer.viewer).toEqual({ kind: 'TENANT', role: 'admin', workspace: { slug, name: 'Platform made' } });
    // The new workspace starts empty: its key reads its own (empty) schema.
    const accounts = dataOf(await harness.client(adminApiKey).request('{ accounts { totalCount } }'));
    expect(accounts.accounts.totalCount).toBe(0);

    const byId = dataOf(await harness.platform.request('query($id: ID!) { tenant(id: $id) { id slug name status } }', { id: tenant.id }));
    expect(byId.tenant).toEqual({ id: tenant.id, slug, name: 'Platform made', status: 'ACTIVE' });

    // tenants pages forward by creation; walk until the new one shows up.
    let after: string | null = null;
    let found = false;
    for (let page = 0; page < 50 && !found; page++) {
      const listed: any = dataOf(
        await harness.platform.request('query($after: String) { tenants(first: 100, after: $after) { nodes { id slug } pageInfo { hasNextPage endCursor } } }', {
          after,
        }),
      );
      found = listed.tenants.nodes.some((t: { id: string; slug: string }) => t.id === tenant.id && t.slug === slug);
      if (!listed.tenants.pageInfo.hasNextPage) break;
      after = listed.tenants.pageInfo.endCursor;
    }
    expect(found).toBe(true);
  });

  test('its viewer is PLATFORM without a workspace', async () => {
    expect(dataOf(await harness.platform.request(VIEWER)).viewer).toEqual({ kind: 'PLATFORM', role: null, workspace: null });
  });

  test.each([
    ['accounts', '{ accounts { totalCount nodes { name } } }'],
    ['contacts', '{ contacts { totalCount } }'],
    ['account(id)', `{ account(id: "${Buffer.from('Account:00000000-0000-7000-8000-000000000000').toString('base64url')}") { id } }`],
    ['node(id)', `{ node(id: "${Buffer.from('Account:00000000-0000-7000-8000-000000000000').toString('base64url')}") { id } }`],
    ['apiKeys', '{ apiKeys { id } }'],
    ['createAccount', 'mutation { createAccount(input: { name: "By platform" }) { account { id } } }'],
  ])('is FORBIDDEN on %s and opens no tenant transaction', async (_name, query) => {
    const response = await harness.platform.request(query);
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(response.data ?? null)).not.toMatch(/Admin account|Other account/);
    // One statement: the key lookup. No BEGIN/SET ROLE into any tenant schema.
    expect(response.extensions?.sqlStatements).toBe(1);
  });
});

describe('workspace keys', () => {
  test('a non-admin (service_agent) key works for CRM data but may not list, create or revoke keys', async () => {
    const { token: memberToken } = await createApiKey(harness.dataSource, { kind: 'tenant', tenantId: admin.tenant.id, role: 'service_agent', name: 'service agent' });
    const member = harness.client(memberToken);
    expect(dataOf(await member.request(VIEWER)).viewer.role).toBe('service_agent');
    expect(dataOf(await member.request('{ accounts { totalCount } }')).accounts.totalCount).toBeGreaterThanOrEqual(1);

    const keysBefore = await harness.dataSource.query('SELECT count(*)::int AS n FROM control.api_keys WHERE tenant_id = $1', [admin.tenant.id]);
    expect(errorCodes(await member.request(API_KEYS))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await member.request(CREATE_KEY, { input: { name: 'escalate', role: 'admin' } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await member.request(REVOKE_KEY, { id: keyIdOf(admin.token) }))).toEqual(['FORBIDDEN']);
    const keysAfter = await harness.dataSource.query('SELECT count(*)::int AS n FROM control.api_keys WHERE tenant_id = $1', [admin.tenant.id]);
    expect(keysAfter).toEqual(keysBefore);
    // The admin key was not revoked.
    expect(dataOf(await admin.client.request(VIEWER)).viewer.role).toBe('admin');
  });

  test('an admin creates a key: the token is shown once, listings show only its prefix, the store holds no secret', async () => {
    const created = dataOf(await admin.client.request(CREATE_KEY, { input: { name: 'Website form', role: 'service_agent' } })).createApiKey;
    expect(created.userErrors).toEqual([]);
    const token: string = created.token;
    expect(token).toMatch(/^tnt_tenant_[a-z0-9]{12}_[A-Za-z0-9_-]{32,64}$/);
    expect(created.apiKey).toMatchObject({ name: 'Website form', role: 'service_agent', revokedAt: null, prefix: `tnt_tenant_${keyIdOf(token)}_` });
    expect(token.startsWith(created.apiKey.prefix)).toBe(true);

    const works = dataOf(await harness.client(token).request(VIEWER));
    expect(works.viewer).toMatchObject({ kind: 'TENANT', role: 'service_agent', workspace: { slug: admin.tenant.slug } });

    const listed = await admin.client.request(API_KEYS);
    const keys = dataOf(listed).apiKeys as { id: string; prefix: string }[];
    expect(keys.find((k) => k.id === created.apiKey.id)).toMatchObject({ name: 'Website form', prefix: created.apiKey.prefix });
    expect(JSON.stringify(listed)).not.toContain(secretOf(token));
    for (const key of keys) expect(key.prefix).toMatch(/^tnt_tenant_[a-z0-9]{12}_$/);

    const [stored] = await harness.dataSource.query('SELECT * FROM control.api_keys WHERE id = $1', [created.apiKey.id]);
    expect(JSON.stringify(stored)).not.toContain(secretOf(token));
    expect(Buffer.from(stored.secret_hash).toString('utf8')).not.toContain(secretOf(token));
  });

  test('an admin lists only its own workspace’s keys', async () => {
    const keys = dataOf(await admin.client.request(API_KEYS)).apiKeys as { id: string }[];
    expect(keys.map((k) => k.id)).toContain(keyIdOf(admin.token));
    expect(keys.map((k) => k.id)).not.toContain(keyIdOf(other.token));
  });

  test('a key created with an expiry in the past is refused (OUT_OF_RANGE), nothing is stored', async () => {
    const before = await harness.dataSource.query('SELECT count(*)::int AS n FROM control.api_keys WHERE tenant_id = $1', [admin.tenant.id]);
    const created = dataOf(await admin.client.request(CREATE_KEY, { input: { name: 'Late', role: 'service_agent', expiresAt: '2000-01-01T00:00:00Z' } })).createApiKey;
    expect(created.token).toBeNull();
    expect(created.userErrors).toEqual([expect.objectContaining({ code: 'OUT_OF_RANGE', field: ['input', 'expiresAt'] })]);
    const after = await harness.dataSource.query('SELECT count(*)::int AS n FROM control.api_keys WHERE tenant_id = $1', [admin.tenant.id]);
    expect(after).toEqual(before);
  });

  test('a key for a role the workspace does not have (the retired "member", or "ADMIN") is refused (NOT_FOUND), nothing is stored', async () => {
    const before = await harness.dataSource.query('SELECT count(*)::int AS n FROM control.api_keys WHERE tenant_id = $1', [admin.tenant.id]);
    for (const role of ['member', 'ADMIN']) {
      const created = dataOf(await admin.client.request(CREATE_KEY, { input: { name: 'Old role', role } })).createApiKey;
      expect(created.token).toBeNull();
      expect(created.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'role'] })]);
    }
    const after = await harness.dataSource.query('SELECT count(*)::int AS n FROM control.api_keys WHERE tenant_id = $1', [admin.tenant.id]);
    expect(after).toEqual(before);
  });

  test('revokeApiKey makes the token stop working at once', async () => {
    const created = dataOf(await admin.client.request(CREATE_KEY, { input: { name: 'Short lived', role: 'admin' } })).createApiKey;
    const client = harness.client(created.token);
    expect(dataOf(await client.request(VIEWER)).viewer.role).toBe('admin');

    const revoked = dataOf(await admin.client.request(REVOKE_KEY, { id: created.apiKey.id })).revokeApiKey;
    expect(revoked.userErrors).toEqual([]);
    expect(revoked.apiKey.revokedAt).toEqual(expect.any(String));

    const after = await rawRequest(harness.url, { query: VIEWER }, { authorization: `Bearer ${created.token}` });
    expect(after.status).toBe(401);
    expect(errorCodes(after)).toEqual(['UNAUTHENTICATED']);
  });

  test("a tenant key cannot revoke another tenant's key: NOT_FOUND, and that key keeps working", async () => {
    const response = dataOf(await admin.client.request(REVOKE_KEY, { id: keyIdOf(other.token) })).revokeApiKey;
    expect(response.apiKey).toBeNull();
    expect(response.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'id'] })]);
    // Same answer as for a key that does not exist at all.
    const unknown = dataOf(await admin.client.request(REVOKE_KEY, { id: 'zzzzzzzzzzzz' })).revokeApiKey;
    expect(unknown).toEqual(response);
    const [row] = await harness.dataSource.query('SELECT revoked_at FROM control.api_keys WHERE id = $1', [keyIdOf(other.token)]);
    expect(row.revoked_at).toBeNull();
    expect(dataOf(await other.client.request(VIEWER)).viewer.workspace.slug).toBe(other.tenant.slug);
  });

  test('a tenant key cannot provision tenants nor list them', async () => {
    const slug = uniqueSlug('nope');
    const provision = await admin.client.request(PROVISION, { input: { slug, name: 'Sneaky' } });
    expect(errorCodes(provision)).toEqual(['FORBIDDEN']);
    expect(provision.data?.provisionTenant ?? null).toBeNull();
    const [row] = await harness.dataSource.query('SELECT count(*)::int AS n FROM control.tenants WHERE slug = $1', [slug]);
    expect(row.n).toBe(0);
    expect(errorCodes(await admin.client.request('{ tenants { totalCount } }'))).toEqual(['FORBIDDEN']);
    const tenantId = Buffer.from(`Tenant:${other.tenant.id}`).toString('base64url');
    const one = await admin.client.request('query($id: ID!) { tenant(id: $id) { slug } }', { id: tenantId });
    expect(errorCodes(one)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(one)).not.toContain(other.tenant.slug);
  });
});

describe('the tenant comes from the credential only', () => {
  const forged = (t: TestTenant) => ({
    'x-tenant': t.tenant.slug,
    'x-tenant-id': t.tenant.id,
    'x-tenant-slug': t.tenant.slug,
    'x-workspace': t.tenant.slug,
    'x-schema': t.tenant.schemaName,
    'x-forwarded-host': `${t.tenant.slug}.tenantry.example`,
  });

  test("a tenant token with headers naming another tenant still sees its own workspace's data", async () => {
    const response = await rawRequest(
      harness.url,
      { query: `{ viewer { workspace { slug } } accounts { nodes { name } } }` },
      { authorization: `Bearer ${admin.token}`, ...forged(other) },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ viewer: { workspace: { slug: admin.tenant.slug } }, accounts: { nodes: [{ name: 'Admin account' }] } });
  });

  test('headers naming a tenant give an anonymous or platform caller nothing', async () => {
    const anonymous = await rawRequest(harness.url, { query: '{ accounts { nodes { name } } }' }, forged(admin));
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    expect(anonymous.text).not.toContain('Admin account');
    const { token: platformToken } = await createApiKey(harness.dataSource, { kind: 'platform', name: 'header test' });
    const platform = await rawRequest(harness.url, { query: '{ accounts { nodes { name } } }' }, { authorization: `Bearer ${platformToken}`, ...forged(admin) });
    expect(errorCodes(platform)).toEqual(['FORBIDDEN']);
    expect(platform.text).not.toContain('Admin account');
  });

  test('a mutation with forged headers writes into the caller’s own schema only', async () => {
    const response = await rawRequest(
      harness.url,
      { query: CREATE_ACCOUNT, variables: { input: { name: 'Header test' } } },
      { authorization: `Bearer ${admin.token}`, ...forged(other) },
    );
    expect(response.errors).toBeUndefined();
    const [row] = await harness.dataSource.query(
      `SELECT (SELECT count(*)::int FROM "${admin.tenant.schemaName}".accounts WHERE name = 'Header test') AS mine,
              (SELECT count(*)::int FROM "${other.tenant.schemaName}".accounts WHERE name = 'Header test') AS theirs`,
    );
    expect(row).toEqual({ mine: 1, theirs: 0 });
  });
});
