/**
 * Every control-plane change leaves an audit entry (actor, action, before, after) in the change's
 * own transaction; the platform admin reads all of it, a reseller only what concerns itself and
 * its own workspaces. (The purge's entry is checked in deletion-purge.test.ts.)
 */
import { dataOf, errorCodes, useHarness } from '../support/harness';
import { randomGlobalId } from '../support/security-helpers';
import {
  AUDIT_LOG,
  CANCEL_DELETION,
  CHANGE_PLAN,
  CREATE_RESELLER,
  ProvisionedTenant,
  RESUME,
  SCHEDULE_DELETION,
  SUSPEND,
  TestReseller,
  allPages,
  auditCountOfReseller,
  auditRowsOfTenant,
  createTestReseller,
  provisionThrough,
  secretOf,
  uniqueCode,
} from '../support/tenant-lifecycle-helpers';

const harness = useHarness();
let reseller: TestReseller;
let rival: TestReseller;
let workspace: ProvisionedTenant;
let rivalWorkspace: ProvisionedTenant;

interface Entry {
  id: string;
  at: string;
  actorKind: string;
  actorId: string;
  action: string;
  tenant: { id: string; slug: string } | null;
  before: Record<string, any> | null;
  after: Record<string, any> | null;
}

beforeAll(async () => {
  [reseller, rival] = await Promise.all([createTestReseller(harness, 'Audited Partners'), createTestReseller(harness, 'Rival Partners')]);
  workspace = await provisionThrough(harness, reseller.client, { planCode: 'starter', seats: 2 });
  const steps: [string, Record<string, unknown>][] = [
    [CHANGE_PLAN, { input: { tenantId: workspace.id, planCode: 'professional', seats: 8 } }],
    [SUSPEND, { input: { tenantId: workspace.id } }],
    [RESUME, { input: { tenantId: workspace.id } }],
    [SCHEDULE_DELETION, { input: { tenantId: workspace.id, graceDays: 10 } }],
    [CANCEL_DELETION, { input: { tenantId: workspace.id } }],
  ];
  for (const [mutation, variables] of steps) {
    const data = dataOf(await reseller.client.request(mutation, variables));
    expect((Object.values(data)[0] as { userErrors: unknown[] }).userErrors).toEqual([]);
  }
  rivalWorkspace = await provisionThrough(harness, rival.client, { planCode: 'starter', seats: 1 });
  dataOf(await rival.client.request(SUSPEND, { input: { tenantId: rivalWorkspace.id } }));
});

describe("a workspace's trail", () => {
  let entries: Entry[];
  beforeAll(async () => {
    entries = dataOf(await harness.platform.request(AUDIT_LOG, { first: 50, tenantId: workspace.id })).auditLog.nodes;
  });

  test('lists every change, newest first, each by the reseller key that made it', () => {
    expect(entries.map((e) => e.action)).toEqual([
      'tenant.cancel_deletion',
      'tenant.schedule_deletion',
      'tenant.resume',
      'tenant.suspend',
      'tenant.change_plan',
      'tenant.provision',
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({ actorKind: 'reseller', actorId: reseller.keyId, tenant: { id: workspace.id, slug: workspace.slug } });
      expect(Date.parse(entry.at)).toBeGreaterThan(Date.now() - 5 * 60_000);
    }
    const times = entries.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  test('records the state before and after each change', () => {
    const byAction = Object.fromEntries(entries.map((e) => [e.action, e]));
    expect(byAction['tenant.provision'].before).toBeNull();
    expect(byAction['tenant.provision'].after).toMatchObject({ slug: workspace.slug, status: 'active', planCode: 'starter', seats: 2, resellerId: reseller.uuid });
    expect(byAction['tenant.change_plan'].before).toMatchObject({ planCode: 'starter', seats: 2 });
    expect(byAction['tenant.change_plan'].after).toMatchObject({ planCode: 'professional', seats: 8 });
    expect(byAction['tenant.suspend'].before).toMatchObject({ status: 'active' });
    expect(byAction['tenant.suspend'].after).toMatchObject({ status: 'suspended' });
    expect(byAction['tenant.resume'].before).toMatchObject({ status: 'suspended' });
    expect(byAction['tenant.resume'].after).toMatchObject({ status: 'active' });
    expect(byAction['tenant.schedule_deletion'].before).toMatchObject({ status: 'active', purgeAfter: null });
    expect(byAction['tenant.schedule_deletion'].after).toMatchObject({ status: 'pending_deletion', purgeAfter: expect.any(String) });
    expect(byAction['tenant.cancel_deletion'].before).toMatchObject({ status: 'pending_deletion' });
    expect(byAction['tenant.cancel_deletion'].after).toMatchObject({ status: 'active', purgeAfter: null });
  });

  test('the trail holds the commercial state only: no schema or role names, no key material', () => {
    const text = JSON.stringify(entries);
    expect(text).not.toMatch(/\bt_[0-9a-f]{20}/);
    expect(text).not.toContain(secretOf(workspace.adminApiKey));
  });

  test('the API shows the same rows as the store', async () => {
    const rows = await auditRowsOfTenant(harness.dataSource, workspace.uuid);
    expect(rows.map((r) => r.action).reverse()).toEqual(entries.map((e) => e.action));
  });

  test('the owning reseller reads the same trail; another reseller gets NOT_FOUND as for an unknown workspace', async () => {
    const own = dataOf(await reseller.client.request(AUDIT_LOG, { first: 50, tenantId: workspace.id })).auditLog;
    expect(own.nodes).toEqual(entries);
    expect(own.totalCount).toBe(6);
    const foreign = await rival.client.request(AUDIT_LOG, { first: 50, tenantId: workspace.id });
    const unknown = await rival.client.request(AUDIT_LOG, { first: 50, tenantId: randomGlobalId('Tenant') });
    expect(errorCodes(foreign)).toEqual(['NOT_FOUND']);
    expect(JSON.stringify(foreign)).not.toContain(workspace.slug);
    expect(foreign.errors!.map((e) => e.message)).toEqual(unknown.errors!.map((e) => e.message));
  });
});

describe("a reseller's whole log", () => {
  test('holds exactly its own creation and its own workspaces’ changes, nothing of the rival', async () => {
    const nodes = await allPages<Entry>(reseller.client, AUDIT_LOG, {}, 'auditLog');
    expect(nodes.map((n) => n.action).sort()).toEqual(
      ['reseller.create', 'tenant.provision', 'tenant.change_plan', 'tenant.suspend', 'tenant.resume', 'tenant.schedule_deletion', 'tenant.cancel_deletion'].sort(),
    );
    for (const node of nodes) expect(node.tenant?.id ?? null).not.toBe(rivalWorkspace.id);
    expect(JSON.stringify(nodes)).not.toContain(rivalWorkspace.slug);
    expect(JSON.stringify(nodes)).not.toContain(rival.code);
    const total = dataOf(await reseller.client.request(AUDIT_LOG, { first: 1 })).auditLog.totalCount;
    expect(total).toBe(nodes.length);
    expect(total).toBe(await auditCountOfReseller(harness.dataSource, reseller.uuid));
  });

  test('createReseller is audited with the platform as actor and the reseller as after-state', async () => {
    const nodes = await allPages<Entry>(rival.client, AUDIT_LOG, {}, 'auditLog');
    const creation = nodes.filter((n) => n.action === 'reseller.create');
    expect(creation).toHaveLength(1);
    expect(creation[0]).toMatchObject({ actorKind: 'platform', tenant: null, before: null, after: { code: rival.code, name: 'Rival Partners' } });
  });

  test('a refused change writes no entry', async () => {
    const before = await auditCountOfReseller(harness.dataSource, reseller.uuid);
    const refused = dataOf(await reseller.client.request(RESUME, { input: { tenantId: workspace.id } })).resumeTenant;
    expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_STATE' })]);
    const refusedSchedule = dataOf(await reseller.client.request(SCHEDULE_DELETION, { input: { tenantId: workspace.id, graceDays: 400 } })).scheduleTenantDeletion;
    expect(refusedSchedule.userErrors).toEqual([expect.objectContaining({ code: 'OUT_OF_RANGE', field: ['input', 'graceDays'] })]);
    expect(await auditCountOfReseller(harness.dataSource, reseller.uuid)).toBe(before);
  });

  test('pages newest first without repeats', async () => {
    const first = dataOf(await reseller.client.request(AUDIT_LOG, { first: 3 })).auditLog;
    expect(first.nodes).toHaveLength(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await allPages<Entry>(reseller.client, AUDIT_LOG, {}, 'auditLog');
    expect(rest.slice(0, 3).map((n) => n.id)).toEqual(first.nodes.map((n: Entry) => n.id));
    expect(new Set(rest.map((n) => n.id)).size).toBe(rest.length);
  });
});

describe('the platform log', () => {
  test('includes both resellers’ workspaces and a createReseller made now', async () => {
    const code = uniqueCode('rs');
    const created = dataOf(await harness.platform.request(CREATE_RESELLER, { input: { code, name: 'Fresh' } })).createReseller;
    expect(created.userErrors).toEqual([]);
    // Newest first: the entry just written is on the first page (unless 100 others were written in between).
    const nodes = dataOf(await harness.platform.request(AUDIT_LOG, { first: 100 })).auditLog.nodes as Entry[];
    expect(nodes.some((n) => n.action === 'reseller.create' && n.after?.code === code && n.actorKind === 'platform')).toBe(true);
    const rivalTrail = dataOf(await harness.platform.request(AUDIT_LOG, { first: 10, tenantId: rivalWorkspace.id })).auditLog.nodes as Entry[];
    expect(rivalTrail.map((n) => n.action)).toEqual(['tenant.suspend', 'tenant.provision']);
    expect(rivalTrail[0]).toMatchObject({ actorKind: 'reseller', actorId: rival.keyId });
  });

  test('a workspace key may not read the audit log (FORBIDDEN)', async () => {
    const response = await workspace.admin.request(AUDIT_LOG, { first: 5 });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.data ?? null).toBeNull();
  });
});
