/**
 * Resellers operate their own workspaces through the control plane: provisioning with a first
 * admin, listing and filtering, plan and seat changes, suspension, scheduled deletion. They never
 * read CRM data, and another reseller's workspaces look exactly like workspaces that do not exist.
 */
import { dataOf, errorCodes, useHarness } from '../support/harness';
import { CREATE_ACCOUNT } from '../support/operations';
import { globalId, rawRequest, randomGlobalId, tenantRowCount, uuidOfId } from '../support/security-helpers';
import {
  CANCEL_DELETION,
  CHANGE_PLAN,
  CREATE_RESELLER,
  CREATE_RESELLER_KEY,
  PROVISION,
  ProvisionedTenant,
  PURGE_DUE,
  RESUME,
  SCHEDULE_DELETION,
  SUSPEND,
  TENANT,
  TENANTS,
  TestReseller,
  UPSERT_PLAN,
  VIEWER,
  auditRowsOfTenant,
  controlRow,
  createTestReseller,
  provisionThrough,
  roleExists,
  schemaExists,
  tenantRowsWithSlug,
  secretOf,
  uniqueCode,
} from '../support/tenant-lifecycle-helpers';

const harness = useHarness();
let alpha: TestReseller;
let beta: TestReseller;

beforeAll(async () => {
  [alpha, beta] = await Promise.all([createTestReseller(harness, 'Alpha Partners'), createTestReseller(harness, 'Beta Partners')]);
});

describe('resellers, created by the platform admin', () => {
  test('createReseller stores the reseller; createResellerApiKey returns a one-time reseller token that authenticates', async () => {
    const code = uniqueCode('rs');
    const created = dataOf(await harness.platform.request(CREATE_RESELLER, { input: { code, name: 'Gamma Partners' } })).createReseller;
    expect(created.userErrors).toEqual([]);
    expect(created.reseller).toMatchObject({ code, name: 'Gamma Partners', createdAt: expect.any(String) });
    const [row] = await harness.dataSource.query('SELECT code, name FROM control.resellers WHERE code = $1', [code]);
    expect(row).toEqual({ code, name: 'Gamma Partners' });

    const key = dataOf(await harness.platform.request(CREATE_RESELLER_KEY, { input: { resellerId: created.reseller.id, name: 'ops' } })).createResellerApiKey;
    expect(key.userErrors).toEqual([]);
    expect(key.token).toMatch(/^tnt_reseller_[a-z0-9]{12}_[A-Za-z0-9_-]{32,64}$/);
    const [stored] = await harness.dataSource.query('SELECT kind, reseller_id, tenant_id FROM control.api_keys WHERE id = $1', [key.token.split('_')[2]]);
    expect(stored.kind).toBe('reseller');
    expect(stored.tenant_id).toBeNull();
    // The new key works: it may list (its own, still empty) workspaces.
    const listed = dataOf(await harness.client(key.token).request(TENANTS, { first: 10 }));
    expect(listed.tenants).toMatchObject({ totalCount: 0, nodes: [] });
  });

  test('a reseller key may not create resellers, reseller keys or plans, purge, or list resellers', async () => {
    const code = uniqueCode('rs');
    const attempts: [string, Record<string, unknown>][] = [
      [CREATE_RESELLER, { input: { code, name: 'Self-made' } }],
      [CREATE_RESELLER_KEY, { input: { resellerId: alpha.id, name: 'extra' } }],
      [UPSERT_PLAN, { input: { code: uniqueCode('p'), name: 'Free for me', seatLimit: 1000, recordLimit: 1000000, features: ['analytics'] } }],
      [PURGE_DUE, {}],
      ['{ resellers { id code } }', {}],
    ];
    const keysBefore = await harness.dataSource.query('SELECT count(*)::int AS n FROM control.api_keys WHERE reseller_id = $1', [alpha.uuid]);
    for (const [query, variables] of attempts) {
      const response = await alpha.client.request(query, variables);
      expect(errorCodes(response)).toEqual(['FORBIDDEN']);
      expect(response.data ?? null).toBeNull();
    }
    expect((await harness.dataSource.query('SELECT count(*)::int AS n FROM control.resellers WHERE code = $1', [code]))[0].n).toBe(0);
    expect(await harness.dataSource.query('SELECT count(*)::int AS n FROM control.api_keys WHERE reseller_id = $1', [alpha.uuid])).toEqual(keysBefore);
  });
});

describe('provisioning by a reseller', () => {
  test('creates schema, role, control row, first admin and a one-time admin key, owned by the reseller', async () => {
    const slug = uniqueCode('prov');
    const payload = dataOf(
      await alpha.client.request(PROVISION, {
        input: { slug, name: 'Acme Ltd', planCode: 'professional', seats: 7, firstAdmin: { email: 'ada@acme.example', name: 'Ada Admin' } },
      }),
    ).provisionTenant;
    expect(payload.userErrors).toEqual([]);
    expect(payload.tenant).toMatchObject({
      slug,
      name: 'Acme Ltd',
      status: 'ACTIVE',
      seats: 7,
      seatsUsed: 1,
      purgeAfter: null,
      purgedAt: null,
      plan: { code: 'professional' },
      reseller: { id: alpha.id, code: alpha.code },
    });
    expect(payload.tenant.schemaVersion).toBeGreaterThanOrEqual(1);
    expect(payload.adminApiKey).toMatch(/^tnt_tenant_[a-z0-9]{12}_[A-Za-z0-9_-]{32,64}$/);

    const row = (await controlRow(harness.dataSource, uuidOfId(payload.tenant.id)))!;
    expect(row).toMatchObject({ slug, status: 'active', plan_code: 'professional', seats: 7, seats_used: 1, reseller_id: alpha.uuid });
    expect(await schemaExists(harness.dataSource, row.schema_name)).toBe(true);
    expect(await roleExists(harness.dataSource, row.role_name)).toBe(true);
    const [user] = await harness.dataSource.query(`SELECT email, name FROM "${row.schema_name}".users`);
    expect(user).toEqual({ email: 'ada@acme.example', name: 'Ada Admin' });

    // The admin key is an ADMIN key of that workspace and of no other.
    const admin = harness.client(payload.adminApiKey);
    expect(dataOf(await admin.request(VIEWER)).viewer).toEqual({ kind: 'TENANT', role: 'admin', workspace: { slug, name: 'Acme Ltd' } });
    expect(dataOf(await admin.request('{ apiKeys { id role } }')).apiKeys).toEqual([{ id: payload.adminApiKey.split('_')[2], role: 'admin' }]);
    // Shown once: no later read of the workspace returns it.
    const again = await alpha.client.request(TENANT, { id: payload.tenant.id });
    expect(JSON.stringify(again)).not.toContain(secretOf(payload.adminApiKey));
  });

  test('a reseller always provisions for itself, whatever resellerId it sends', async () => {
    const slug = uniqueCode('own');
    const payload = dataOf(await alpha.client.request(PROVISION, { input: { slug, name: 'Mine', resellerId: beta.id } })).provisionTenant;
    expect(payload.userErrors).toEqual([]);
    expect(payload.tenant.reseller).toMatchObject({ id: alpha.id });
    const [row] = await harness.dataSource.query('SELECT reseller_id FROM control.tenants WHERE slug = $1', [slug]);
    expect(row.reseller_id).toBe(alpha.uuid);
  });

  test('the platform admin provisions for a chosen reseller; that reseller then sees it', async () => {
    const slug = uniqueCode('plat');
    const payload = dataOf(await harness.platform.request(PROVISION, { input: { slug, name: 'Placed', resellerId: beta.id, planCode: 'starter', seats: 2 } })).provisionTenant;
    expect(payload.userErrors).toEqual([]);
    expect(payload.tenant.reseller).toMatchObject({ id: beta.id });
    expect(dataOf(await beta.client.request(TENANT, { id: payload.tenant.id })).tenant).toMatchObject({ slug, seats: 2 });
  });
});

describe('listing', () => {
  let marker: string;
  let alphaTenants: ProvisionedTenant[];
  let betaTenant: ProvisionedTenant;

  beforeAll(async () => {
    marker = uniqueCode('lst');
    alphaTenants = [
      await provisionThrough(harness, alpha.client, { slug: `${marker}-one`, planCode: 'starter', seats: 2, firstAdmin: { email: 'one@example.com', name: 'One' } }),
      await provisionThrough(harness, alpha.client, { slug: `${marker}-two`, planCode: 'professional', seats: 10 }),
      await provisionThrough(harness, alpha.client, { slug: `${marker}-three`, planCode: 'professional', seats: 4 }),
    ];
    betaTenant = await provisionThrough(harness, beta.client, { slug: `${marker}-beta`, planCode: 'starter' });
    dataOf(await alpha.client.request(SUSPEND, { input: { tenantId: alphaTenants[2].id } }));
  });

  const slugsOf = (data: any): string[] => data.tenants.nodes.map((n: { slug: string }) => n.slug).sort();

  test('a reseller lists only its own workspaces, with seatsUsed, seats, plan and status', async () => {
    const data = dataOf(await alpha.client.request(TENANTS, { first: 100, where: { slugContains: marker } }));
    expect(data.tenants.totalCount).toBe(3);
    expect(slugsOf(data)).toEqual([`${marker}-one`, `${marker}-three`, `${marker}-two`]);
    const one = data.tenants.nodes.find((n: { slug: string }) => n.slug === `${marker}-one`);
    expect(one).toMatchObject({ seats: 2, seatsUsed: 1, status: 'ACTIVE', plan: { code: 'starter' }, reseller: { id: alpha.id } });
    for (const node of data.tenants.nodes) expect(node.reseller.id).toBe(alpha.id);

    // The other reseller sees only its one workspace under the same text.
    expect(slugsOf(dataOf(await beta.client.request(TENANTS, { first: 100, where: { slugContains: marker } })))).toEqual([`${marker}-beta`]);
    // The platform admin sees all four.
    expect(slugsOf(dataOf(await harness.platform.request(TENANTS, { first: 100, where: { slugContains: marker } })))).toHaveLength(4);
  });

  test('filters by status and plan combine with the reseller scope', async () => {
    const suspended = dataOf(await alpha.client.request(TENANTS, { first: 100, where: { slugContains: marker, status: ['SUSPENDED'] } }));
    expect(slugsOf(suspended)).toEqual([`${marker}-three`]);
    expect(suspended.tenants.totalCount).toBe(1);
    const professional = dataOf(await alpha.client.request(TENANTS, { first: 100, where: { slugContains: marker, planCode: ['professional'] } }));
    expect(slugsOf(professional)).toEqual([`${marker}-three`, `${marker}-two`]);
    const activeStarter = dataOf(await alpha.client.request(TENANTS, { first: 100, where: { slugContains: marker, planCode: ['starter'], status: ['ACTIVE'] } }));
    expect(slugsOf(activeStarter)).toEqual([`${marker}-one`]);
    // slugContains is literal text, not a LIKE pattern.
    expect(dataOf(await alpha.client.request(TENANTS, { first: 100, where: { slugContains: `${marker.slice(0, 3)}%` } })).tenants.totalCount).toBe(0);
  });

  test("a reseller asking for another reseller's workspaces (where.resellerId) still gets only its own", async () => {
    const data = dataOf(await alpha.client.request(TENANTS, { first: 100, where: { slugContains: marker, resellerId: beta.id } }));
    expect(slugsOf(data)).not.toContain(`${marker}-beta`);
    expect(data.tenants.totalCount).toBe(3);
    // The platform admin can filter by reseller.
    expect(slugsOf(dataOf(await harness.platform.request(TENANTS, { first: 100, where: { slugContains: marker, resellerId: beta.id } })))).toEqual([`${marker}-beta`]);
  });

  test('pages forward without repeating or skipping a workspace', async () => {
    const first = dataOf(await alpha.client.request(TENANTS, { first: 2, where: { slugContains: marker } }));
    expect(first.tenants.nodes).toHaveLength(2);
    expect(first.tenants.pageInfo.hasNextPage).toBe(true);
    const second = dataOf(await alpha.client.request(TENANTS, { first: 2, after: first.tenants.pageInfo.endCursor, where: { slugContains: marker } }));
    expect(second.tenants.nodes).toHaveLength(1);
    expect(second.tenants.pageInfo.hasNextPage).toBe(false);
    expect([...slugsOf(first), ...slugsOf(second)].sort()).toEqual([`${marker}-one`, `${marker}-three`, `${marker}-two`]);
  });

  test("tenant(id) of another reseller's workspace answers NOT_FOUND exactly like an unknown id", async () => {
    const foreign = await alpha.client.request(TENANT, { id: betaTenant.id });
    const unknown = await alpha.client.request(TENANT, { id: randomGlobalId('Tenant') });
    expect(errorCodes(foreign)).toEqual(['NOT_FOUND']);
    expect(foreign.data?.tenant ?? null).toBeNull();
    expect(JSON.stringify(foreign)).not.toContain(betaTenant.slug);
    expect(foreign.errors!.map((e) => e.message)).toEqual(unknown.errors!.map((e) => e.message));
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
    // Its own is visible.
    expect(dataOf(await beta.client.request(TENANT, { id: betaTenant.id })).tenant.slug).toBe(betaTenant.slug);
  });
});

describe("another reseller's workspace cannot be acted on", () => {
  let target: ProvisionedTenant;
  beforeAll(async () => {
    target = await provisionThrough(harness, beta.client, { planCode: 'starter', seats: 2 });
  });

  const mutations: [string, string, string, (id: string) => Record<string, unknown>][] = [
    ['changeTenantPlan', CHANGE_PLAN, 'changeTenantPlan', (id) => ({ input: { tenantId: id, planCode: 'professional', seats: 9 } })],
    ['suspendTenant', SUSPEND, 'suspendTenant', (id) => ({ input: { tenantId: id } })],
    ['resumeTenant', RESUME, 'resumeTenant', (id) => ({ input: { tenantId: id } })],
    ['scheduleTenantDeletion', SCHEDULE_DELETION, 'scheduleTenantDeletion', (id) => ({ input: { tenantId: id, graceDays: 1 } })],
    ['cancelTenantDeletion', CANCEL_DELETION, 'cancelTenantDeletion', (id) => ({ input: { tenantId: id } })],
  ];

  test.each(mutations)('%s: NOT_FOUND userError identical to an unknown id; nothing changes, nothing is audited', async (_name, mutation, field, variables) => {
    const before = await controlRow(harness.dataSource, target.uuid);
    const auditBefore = await auditRowsOfTenant(harness.dataSource, target.uuid);
    const foreign = dataOf(await alpha.client.request(mutation, variables(target.id)))[field];
    const unknown = dataOf(await alpha.client.request(mutation, variables(randomGlobalId('Tenant'))))[field];
    expect(foreign.tenant).toBeNull();
    expect(foreign.userErrors).toEqual([{ field: ['input', 'tenantId'], message: expect.any(String), code: 'NOT_FOUND' }]);
    expect(foreign).toEqual(unknown);
    expect(await controlRow(harness.dataSource, target.uuid)).toEqual(before);
    expect(await auditRowsOfTenant(harness.dataSource, target.uuid)).toEqual(auditBefore);
    // The workspace keeps answering its own key.
    expect(dataOf(await target.admin.request(VIEWER)).viewer.workspace.slug).toBe(target.slug);
  });

  test('a malformed or mistyped tenant id is the same NOT_FOUND userError', async () => {
    for (const id of ['not-an-id', globalId('Reseller', target.uuid)]) {
      const payload = dataOf(await alpha.client.request(SUSPEND, { input: { tenantId: id } })).suspendTenant;
      expect(payload).toEqual({ tenant: null, userErrors: [{ field: ['input', 'tenantId'], message: expect.any(String), code: 'NOT_FOUND' }] });
    }
    expect((await controlRow(harness.dataSource, target.uuid))!.status).toBe('active');
  });
});

describe('resellers and the platform read no CRM data', () => {
  let workspace: ProvisionedTenant;
  let accountId: string;
  beforeAll(async () => {
    workspace = await provisionThrough(harness, alpha.client, { planCode: 'starter' });
    accountId = dataOf(await workspace.admin.request(CREATE_ACCOUNT, { input: { name: 'Secret Customer' } })).createAccount.account.id;
  });

  test.each([
    ['accounts', '{ accounts { totalCount nodes { name } } }', {}],
    ['contacts', '{ contacts { totalCount nodes { lastName } } }', {}],
    ['account(id)', 'query($id: ID!) { account(id: $id) { id name } }', () => ({ id: accountId })],
    ['node(id)', 'query($id: ID!) { node(id: $id) { id ... on Account { name } } }', () => ({ id: accountId })],
    ['createAccount', CREATE_ACCOUNT, { input: { name: 'Injected by reseller' } }],
  ])('a reseller key on %s: FORBIDDEN, no data', async (_name, query, variables) => {
    const response = await alpha.client.request(query, typeof variables === 'function' ? variables() : variables);
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(response.data ?? null)).not.toContain('Secret Customer');
    expect(await tenantRowCount(harness.dataSource, (await controlRow(harness.dataSource, workspace.uuid))!.schema_name, 'accounts')).toBe(1);
  });
});

describe('plan and seat changes by the reseller', () => {
  test('changes plan and seats together, then seats alone, and the workspace keeps working', async () => {
    const workspace = await provisionThrough(harness, alpha.client, { planCode: 'starter', seats: 2, firstAdmin: { email: 'a@b.example', name: 'A' } });
    const changed = dataOf(await alpha.client.request(CHANGE_PLAN, { input: { tenantId: workspace.id, planCode: 'professional', seats: 20 } })).changeTenantPlan;
    expect(changed.userErrors).toEqual([]);
    expect(changed.tenant).toMatchObject({ plan: { code: 'professional' }, seats: 20, seatsUsed: 1, status: 'ACTIVE' });
    const seatsOnly = dataOf(await alpha.client.request(CHANGE_PLAN, { input: { tenantId: workspace.id, seats: 12 } })).changeTenantPlan;
    expect(seatsOnly.userErrors).toEqual([]);
    expect(seatsOnly.tenant).toMatchObject({ plan: { code: 'professional' }, seats: 12 });
    expect(await controlRow(harness.dataSource, workspace.uuid)).toMatchObject({ plan_code: 'professional', seats: 12 });
    expect(dataOf(await workspace.admin.request('{ accounts { totalCount } }')).accounts.totalCount).toBe(0);
  });
});

describe('suspension', () => {
  let workspace: ProvisionedTenant;
  let memberToken: string;
  beforeAll(async () => {
    workspace = await provisionThrough(harness, alpha.client, { planCode: 'starter' });
    dataOf(await workspace.admin.request(CREATE_ACCOUNT, { input: { name: 'Kept Account' } }));
    const key = dataOf(await workspace.admin.request('mutation { createApiKey(input: { name: "service agent", role: "service_agent" }) { token userErrors { code } } }')).createApiKey;
    expect(key.userErrors).toEqual([]);
    memberToken = key.token;
  });

  test('suspend: every call of every workspace key answers TENANT_SUSPENDED (HTTP 403); data untouched; resume restores access', async () => {
    const schemaName = (await controlRow(harness.dataSource, workspace.uuid))!.schema_name;
    const suspended = dataOf(await alpha.client.request(SUSPEND, { input: { tenantId: workspace.id } })).suspendTenant;
    expect(suspended.userErrors).toEqual([]);
    expect(suspended.tenant.status).toBe('SUSPENDED');
    expect((await controlRow(harness.dataSource, workspace.uuid))!.status).toBe('suspended');

    for (const token of [workspace.adminApiKey, memberToken]) {
      for (const body of [
        { query: VIEWER },
        { query: '{ accounts { totalCount nodes { name } } }' },
        { query: CREATE_ACCOUNT, variables: { input: { name: 'Written while suspended' } } },
        { query: '{ apiKeys { id } }' },
      ]) {
        const response = await rawRequest(harness.url, body, { authorization: `Bearer ${token}` });
        expect(response.status).toBe(403);
        expect(errorCodes(response)).toEqual(['TENANT_SUSPENDED']);
        expect(response.data ?? null).toBeNull();
      }
    }
    // Data untouched: schema, role and the account still there; nothing written meanwhile.
    expect(await schemaExists(harness.dataSource, schemaName)).toBe(true);
    expect(await tenantRowCount(harness.dataSource, schemaName, 'accounts')).toBe(1);

    const resumed = dataOf(await alpha.client.request(RESUME, { input: { tenantId: workspace.id } })).resumeTenant;
    expect(resumed.userErrors).toEqual([]);
    expect(resumed.tenant.status).toBe('ACTIVE');
    const accounts = dataOf(await workspace.admin.request('{ accounts { totalCount nodes { name } } }'));
    expect(accounts.accounts).toEqual({ totalCount: 1, nodes: [{ name: 'Kept Account' }] });
    expect(dataOf(await harness.client(memberToken).request(VIEWER)).viewer.role).toBe('service_agent');
  });
});

describe('scheduled deletion', () => {
  test('schedule: PENDING_DELETION with purgeAfter = now + grace, workspace calls TENANT_SUSPENDED; cancel: back to ACTIVE with data', async () => {
    const workspace = await provisionThrough(harness, alpha.client, { planCode: 'starter' });
    dataOf(await workspace.admin.request(CREATE_ACCOUNT, { input: { name: 'Survivor' } }));
    const startedAt = Date.now();
    const scheduled = dataOf(await alpha.client.request(SCHEDULE_DELETION, { input: { tenantId: workspace.id, graceDays: 14 } })).scheduleTenantDeletion;
    expect(scheduled.userErrors).toEqual([]);
    expect(scheduled.tenant.status).toBe('PENDING_DELETION');
    const purgeAfter = Date.parse(scheduled.tenant.purgeAfter);
    expect(purgeAfter).toBeGreaterThanOrEqual(startedAt + 14 * 86_400_000 - 60_000);
    expect(purgeAfter).toBeLessThanOrEqual(Date.now() + 14 * 86_400_000 + 60_000);

    const blocked = await rawRequest(harness.url, { query: '{ accounts { totalCount } }' }, { authorization: `Bearer ${workspace.adminApiKey}` });
    expect(blocked.status).toBe(403);
    expect(errorCodes(blocked)).toEqual(['TENANT_SUSPENDED']);

    const row = (await controlRow(harness.dataSource, workspace.uuid))!;
    expect(row.status).toBe('pending_deletion');

    const cancelled = dataOf(await alpha.client.request(CANCEL_DELETION, { input: { tenantId: workspace.id } })).cancelTenantDeletion;
    expect(cancelled.userErrors).toEqual([]);
    expect(cancelled.tenant).toMatchObject({ status: 'ACTIVE', purgeAfter: null });
    expect(await controlRow(harness.dataSource, workspace.uuid)).toMatchObject({ status: 'active', purge_after: null, status_before_deletion: null });
    expect(await schemaExists(harness.dataSource, row.schema_name)).toBe(true);
    expect(dataOf(await workspace.admin.request('{ accounts { nodes { name } } }')).accounts.nodes).toEqual([{ name: 'Survivor' }]);
  });

  test('cancelling the deletion of a workspace that was suspended returns it to SUSPENDED, not ACTIVE', async () => {
    const workspace = await provisionThrough(harness, alpha.client, { planCode: 'starter' });
    dataOf(await alpha.client.request(SUSPEND, { input: { tenantId: workspace.id } }));
    const scheduled = dataOf(await alpha.client.request(SCHEDULE_DELETION, { input: { tenantId: workspace.id, graceDays: 30 } })).scheduleTenantDeletion;
    expect(scheduled.userErrors).toEqual([]);
    const cancelled = dataOf(await alpha.client.request(CANCEL_DELETION, { input: { tenantId: workspace.id } })).cancelTenantDeletion;
    expect(cancelled.userErrors).toEqual([]);
    expect(cancelled.tenant.status).toBe('SUSPENDED');
    const response = await rawRequest(harness.url, { query: VIEWER }, { authorization: `Bearer ${workspace.adminApiKey}` });
    expect(errorCodes(response)).toEqual(['TENANT_SUSPENDED']);
  });

  test('the slug stays taken while a deletion is pending', async () => {
    const workspace = await provisionThrough(harness, alpha.client, { planCode: 'starter' });
    dataOf(await alpha.client.request(SCHEDULE_DELETION, { input: { tenantId: workspace.id, graceDays: 5 } }));
    const again = dataOf(await alpha.client.request(PROVISION, { input: { slug: workspace.slug, name: 'Reuse' } })).provisionTenant;
    expect(again.tenant).toBeNull();
    expect(again.userErrors).toEqual([expect.objectContaining({ code: 'DUPLICATE', field: ['input', 'slug'] })]);
    expect(await tenantRowsWithSlug(harness.dataSource, workspace.slug)).toBe(1);
  });
});

test('viewer tells a reseller credential apart from the platform', async () => {
  const reseller = await createTestReseller(harness);
  expect(dataOf(await reseller.client.request('{ viewer { kind workspace { slug } role } }')).viewer).toEqual({ kind: 'RESELLER', workspace: null, role: null });
  expect(dataOf(await harness.platform.request('{ viewer { kind } }')).viewer.kind).toBe('PLATFORM');
});
