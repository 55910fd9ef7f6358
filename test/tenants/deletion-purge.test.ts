/**
 * The end of a workspace: after the grace period, purgeDueTenants (platform admins) drops schema
 * and role, revokes keys and keeps a DELETED tombstone with an audit trail. A tombstone cannot be
 * resumed, changed or brought back.
 *
 * purgeDueTenants acts on every due workspace of the database, so this is the only file in
 * test/tenants that schedules a deletion with a grace period of 0 days or calls the purge.
 */
import { dataOf, errorCodes, useHarness } from '../support/harness';
import { CREATE_ACCOUNT } from '../support/operations';
import { rawRequest } from '../support/security-helpers';
import {
  AUDIT_LOG,
  CANCEL_DELETION,
  CHANGE_PLAN,
  PURGE_DUE,
  ProvisionedTenant,
  RESELLER_USAGE,
  RESUME,
  SCHEDULE_DELETION,
  SUSPEND,
  TENANT,
  TENANTS,
  TestReseller,
  auditRowsOfTenant,
  controlRow,
  createTestReseller,
  provisionThrough,
  roleExists,
  schemaExists,
  todayUtc,
} from '../support/tenant-lifecycle-helpers';

const harness = useHarness();
let reseller: TestReseller;

beforeAll(async () => {
  reseller = await createTestReseller(harness, 'Purge Partners');
});

describe('purgeDueTenants', () => {
  let due: ProvisionedTenant;
  let notDue: ProvisionedTenant;
  let dueRow: Record<string, any>;
  let purged: string[];

  beforeAll(async () => {
    due = await provisionThrough(harness, reseller.client, { planCode: 'starter', firstAdmin: { email: 'gone@example.com', name: 'Gone' } });
    notDue = await provisionThrough(harness, reseller.client, { planCode: 'starter' });
    dataOf(await due.admin.request(CREATE_ACCOUNT, { input: { name: 'To be purged' } }));
    await harness.app.usage.flush();
    dueRow = (await controlRow(harness.dataSource, due.uuid))!;
    expect(dataOf(await reseller.client.request(SCHEDULE_DELETION, { input: { tenantId: due.id, graceDays: 0 } })).scheduleTenantDeletion.userErrors).toEqual([]);
    expect(dataOf(await reseller.client.request(SCHEDULE_DELETION, { input: { tenantId: notDue.id, graceDays: 3 } })).scheduleTenantDeletion.userErrors).toEqual([]);
    const payload = dataOf(await harness.platform.request(PURGE_DUE)).purgeDueTenants;
    expect(payload.userErrors).toEqual([]);
    purged = payload.purgedSlugs;
  });

  test('reports the due workspace, not the one still in its grace period', () => {
    expect(purged).toContain(due.slug);
    expect(purged).not.toContain(notDue.slug);
  });

  test('drops the schema and the role', async () => {
    expect(await schemaExists(harness.dataSource, dueRow.schema_name)).toBe(false);
    expect(await roleExists(harness.dataSource, dueRow.role_name)).toBe(false);
    // The workspace still in its grace period keeps both.
    const kept = (await controlRow(harness.dataSource, notDue.uuid))!;
    expect(kept.status).toBe('pending_deletion');
    expect(await schemaExists(harness.dataSource, kept.schema_name)).toBe(true);
    expect(await roleExists(harness.dataSource, kept.role_name)).toBe(true);
  });

  test('keeps a tombstone control row: DELETED with purgedAt, same slug, reseller and plan', async () => {
    const row = (await controlRow(harness.dataSource, due.uuid))!;
    expect(row).toMatchObject({ slug: due.slug, status: 'deleted', reseller_id: reseller.uuid, plan_code: 'starter', purge_after: null });
    expect(row.purged_at).toBeInstanceOf(Date);
    const viaApi = dataOf(await reseller.client.request(TENANT, { id: due.id })).tenant;
    expect(viaApi).toMatchObject({ slug: due.slug, status: 'DELETED', purgeAfter: null, plan: { code: 'starter' } });
    expect(Date.parse(viaApi.purgedAt)).toBeGreaterThan(Date.now() - 120_000);
    const deleted = dataOf(await reseller.client.request(TENANTS, { first: 10, where: { slugContains: due.slug, status: ['DELETED'] } }));
    expect(deleted.tenants.nodes.map((n: { slug: string }) => n.slug)).toEqual([due.slug]);
  });

  test("revokes the workspace's keys: its admin key is UNAUTHENTICATED (401)", async () => {
    const keys = await harness.dataSource.query('SELECT revoked_at FROM control.api_keys WHERE tenant_id = $1', [due.uuid]);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key.revoked_at).toBeInstanceOf(Date);
    const response = await rawRequest(harness.url, { query: '{ accounts { totalCount } }' }, { authorization: `Bearer ${due.adminApiKey}` });
    expect(response.status).toBe(401);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });

  test('audits the purge with before and after state', async () => {
    const rows = await auditRowsOfTenant(harness.dataSource, due.uuid);
    expect(rows.map((r) => r.action)).toEqual(['tenant.provision', 'tenant.schedule_deletion', 'tenant.purge']);
    const purge = rows[2];
    expect(purge.actor_kind).toBe('platform');
    expect(purge.before).toMatchObject({ status: 'pending_deletion', slug: due.slug });
    expect(purge.after).toMatchObject({ status: 'deleted', slug: due.slug, purgeAfter: null });
    // The reseller sees it in its own audit log for that workspace.
    const log = dataOf(await reseller.client.request(AUDIT_LOG, { first: 10, tenantId: due.id })).auditLog;
    expect(log.nodes.map((n: { action: string }) => n.action)).toEqual(['tenant.purge', 'tenant.schedule_deletion', 'tenant.provision']);
  });

  test('a second run finds nothing more to purge for that workspace', async () => {
    const again = dataOf(await harness.platform.request(PURGE_DUE)).purgeDueTenants;
    expect(again.purgedSlugs).not.toContain(due.slug);
    expect((await auditRowsOfTenant(harness.dataSource, due.uuid)).filter((r) => r.action === 'tenant.purge')).toHaveLength(1);
  });

  test('the reseller usage summary no longer counts the deleted workspace but keeps its usage in the period', async () => {
    const summary = dataOf(await reseller.client.request(RESELLER_USAGE, { from: todayUtc(), to: todayUtc() })).resellerUsage;
    expect(summary).toHaveLength(1);
    // Two workspaces were provisioned; one is deleted.
    expect(summary[0]).toMatchObject({ reseller: { id: reseller.id }, tenants: 1 });
    // The purged workspace made one request (createAccount) before it went.
    expect(summary[0].apiRequests).toBe(1);
  });

  test('a reseller may not run the purge (FORBIDDEN)', async () => {
    const response = await reseller.client.request(PURGE_DUE);
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.data ?? null).toBeNull();
  });

  describe('a tombstone cannot be brought back or changed', () => {
    const attempts: [string, string, string, () => Record<string, unknown>][] = [
      ['resumeTenant', RESUME, 'resumeTenant', () => ({ input: { tenantId: due.id } })],
      ['cancelTenantDeletion', CANCEL_DELETION, 'cancelTenantDeletion', () => ({ input: { tenantId: due.id } })],
      ['suspendTenant', SUSPEND, 'suspendTenant', () => ({ input: { tenantId: due.id } })],
      ['scheduleTenantDeletion', SCHEDULE_DELETION, 'scheduleTenantDeletion', () => ({ input: { tenantId: due.id, graceDays: 1 } })],
      ['changeTenantPlan', CHANGE_PLAN, 'changeTenantPlan', () => ({ input: { tenantId: due.id, planCode: 'professional' } })],
    ];

    test.each(attempts)('%s on a DELETED workspace: INVALID_STATE userError, row and audit unchanged', async (_name, mutation, field, variables) => {
      for (const client of [reseller.client, harness.platform]) {
        const before = await controlRow(harness.dataSource, due.uuid);
        const auditBefore = await auditRowsOfTenant(harness.dataSource, due.uuid);
        const payload = dataOf(await client.request(mutation, variables()))[field];
        expect(payload.tenant).toBeNull();
        expect(payload.userErrors).toEqual([{ field: ['input', 'tenantId'], message: expect.stringMatching(/deleted/), code: 'INVALID_STATE' }]);
        expect(await controlRow(harness.dataSource, due.uuid)).toEqual(before);
        expect(await auditRowsOfTenant(harness.dataSource, due.uuid)).toEqual(auditBefore);
        expect(await schemaExists(harness.dataSource, dueRow.schema_name)).toBe(false);
      }
    });
  });
});

describe('purge of a suspended workspace', () => {
  test('a workspace suspended and then scheduled with 0 days is purged on the next run', async () => {
    const workspace = await provisionThrough(harness, reseller.client, { planCode: 'starter' });
    const row = (await controlRow(harness.dataSource, workspace.uuid))!;
    dataOf(await reseller.client.request(SUSPEND, { input: { tenantId: workspace.id } }));
    dataOf(await reseller.client.request(SCHEDULE_DELETION, { input: { tenantId: workspace.id, graceDays: 0 } }));
    const payload = dataOf(await harness.platform.request(PURGE_DUE)).purgeDueTenants;
    expect(payload.purgedSlugs).toContain(workspace.slug);
    expect(await controlRow(harness.dataSource, workspace.uuid)).toMatchObject({ status: 'deleted' });
    expect(await schemaExists(harness.dataSource, row.schema_name)).toBe(false);
    expect(await roleExists(harness.dataSource, row.role_name)).toBe(false);
  });
});
