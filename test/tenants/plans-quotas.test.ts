/**
 * Plans are data (plans, upsertPlan), and their limits bite: the record limit at creation
 * (QUOTA_EXCEEDED, nothing written), the seat limit and the seats in use on plan changes
 * (OUT_OF_RANGE), and plan features through the planIncludes shield rule.
 */
import { dataOf, errorCodes, useHarness } from '../support/harness';
import { CREATE_ACCOUNT, CREATE_CONTACT, DELETE_ACCOUNT, RESTORE_ACCOUNT } from '../support/operations';
import { tenantRowCount } from '../support/security-helpers';
import {
  CHANGE_PLAN,
  PLANS,
  PROVISION,
  ProvisionedTenant,
  TestReseller,
  UPSERT_PLAN,
  auditRowsOfTenant,
  controlRow,
  createTestReseller,
  provisionThrough,
  tenantRowsWithSlug,
  uniqueCode,
} from '../support/tenant-lifecycle-helpers';
import { planIncludes } from '../../src/graphql/rules';
import { authenticate } from '../../src/tenancy/authenticate';
import { staticPermissions } from '../../src/tenancy/permissions';
import { SessionTokens } from '../../src/tenancy/session-tokens';

const sessions = new SessionTokens('x'.repeat(32), 900);

const harness = useHarness();
let reseller: TestReseller;

beforeAll(async () => {
  reseller = await createTestReseller(harness, 'Plan Partners');
});

/** A plan of its own for one test: unique code, small limits. */
async function newPlan(overrides: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const input = { code: uniqueCode('plan'), name: 'Tiny', seatLimit: 3, recordLimit: 2, apiBudgetPerDay: 1000, features: [], ...overrides };
  const payload = dataOf(await harness.platform.request(UPSERT_PLAN, { input })).upsertPlan;
  expect(payload.userErrors).toEqual([]);
  return payload.plan;
}

const schemaOf = async (t: ProvisionedTenant): Promise<string> => (await controlRow(harness.dataSource, t.uuid))!.schema_name;
const liveRecords = async (t: ProvisionedTenant): Promise<number> => {
  const schema = await schemaOf(t);
  return (await tenantRowCount(harness.dataSource, schema, 'accounts', 'deleted_at IS NULL')) + (await tenantRowCount(harness.dataSource, schema, 'contacts', 'deleted_at IS NULL'));
};

describe('plans are data', () => {
  test('plans lists the built-in plans to the platform and to resellers', async () => {
    for (const client of [harness.platform, reseller.client]) {
      const plans = dataOf(await client.request(PLANS)).plans as { code: string; features: string[]; seatLimit: number }[];
      expect(plans.map((p) => p.code)).toEqual(expect.arrayContaining(['starter', 'professional', 'enterprise']));
      expect(plans.find((p) => p.code === 'professional')).toMatchObject({ seatLimit: 50, features: ['field_service'] });
    }
  });

  test('upsertPlan creates a plan, then replaces it by code; plans shows the change', async () => {
    const code = uniqueCode('plan');
    const created = dataOf(await harness.platform.request(UPSERT_PLAN, { input: { code, name: 'Team', seatLimit: 10, recordLimit: 500, features: ['analytics'] } })).upsertPlan;
    expect(created).toEqual({ plan: { code, name: 'Team', seatLimit: 10, recordLimit: 500, apiBudgetPerDay: null, features: ['analytics'] }, userErrors: [] });
    const replaced = dataOf(
      await harness.platform.request(UPSERT_PLAN, { input: { code, name: 'Team+', seatLimit: 20, recordLimit: 900, apiBudgetPerDay: 5000, features: ['analytics', 'field_service'] } }),
    ).upsertPlan;
    expect(replaced.userErrors).toEqual([]);
    const listed = (dataOf(await reseller.client.request(PLANS)).plans as { code: string }[]).filter((p) => p.code === code);
    expect(listed).toEqual([{ code, name: 'Team+', seatLimit: 20, recordLimit: 900, apiBudgetPerDay: 5000, features: ['analytics', 'field_service'] }]);
    const rows = await harness.dataSource.query('SELECT seat_limit, record_limit FROM control.plans WHERE code = $1', [code]);
    expect(rows).toEqual([{ seat_limit: 20, record_limit: 900 }]);
  });

  test.each([
    ['an invalid code', { code: 'Bad Code!', name: 'X', seatLimit: 1, recordLimit: 1 }, 'code', 'INVALID'],
    ['a seat limit of 0', { code: uniqueCode('plan'), name: 'X', seatLimit: 0, recordLimit: 1 }, 'seatLimit', 'OUT_OF_RANGE'],
    ['a negative record limit', { code: uniqueCode('plan'), name: 'X', seatLimit: 1, recordLimit: -1 }, 'recordLimit', 'OUT_OF_RANGE'],
    ['an empty name', { code: uniqueCode('plan'), name: '', seatLimit: 1, recordLimit: 1 }, 'name', 'REQUIRED'],
  ])('upsertPlan with %s: userError, nothing stored', async (_name, input, field, code) => {
    const payload = dataOf(await harness.platform.request(UPSERT_PLAN, { input })).upsertPlan;
    expect(payload.plan).toBeNull();
    expect(payload.userErrors).toEqual([expect.objectContaining({ field: ['input', field], code })]);
    expect(await harness.dataSource.query('SELECT code FROM control.plans WHERE code = $1', [input.code])).toEqual([]);
  });
});

describe('record quota', () => {
  test('creating beyond recordLimit answers QUOTA_EXCEEDED and writes nothing; accounts and contacts both count', async () => {
    const plan = await newPlan({ recordLimit: 2 });
    const workspace = await provisionThrough(harness, reseller.client, { planCode: plan.code, seats: 1 });
    for (const name of ['First', 'Second']) {
      const created = dataOf(await workspace.admin.request(CREATE_ACCOUNT, { input: { name } })).createAccount;
      expect(created.userErrors).toEqual([]);
    }
    const third = await workspace.admin.request(CREATE_ACCOUNT, { input: { name: 'Third' } });
    expect(errorCodes(third)).toEqual(['QUOTA_EXCEEDED']);
    expect(third.errors![0].message).toMatch(/2 records/);
    expect(third.data?.createAccount ?? null).toBeNull();
    const contact = await workspace.admin.request(CREATE_CONTACT, { input: { lastName: 'Over' } });
    expect(errorCodes(contact)).toEqual(['QUOTA_EXCEEDED']);

    const schema = await schemaOf(workspace);
    expect(await tenantRowCount(harness.dataSource, schema, 'accounts')).toBe(2);
    expect(await tenantRowCount(harness.dataSource, schema, 'accounts', `name = 'Third'`)).toBe(0);
    expect(await tenantRowCount(harness.dataSource, schema, 'contacts')).toBe(0);
    expect(dataOf(await workspace.admin.request('{ accounts { totalCount } }')).accounts.totalCount).toBe(2);
  });

  test('a record in the recycle bin does not count: after a delete, one more can be created', async () => {
    const plan = await newPlan({ recordLimit: 1 });
    const workspace = await provisionThrough(harness, reseller.client, { planCode: plan.code, seats: 1 });
    const first = dataOf(await workspace.admin.request(CREATE_ACCOUNT, { input: { name: 'Old' } })).createAccount.account;
    expect(errorCodes(await workspace.admin.request(CREATE_CONTACT, { input: { lastName: 'Blocked' } }))).toEqual(['QUOTA_EXCEEDED']);
    expect(dataOf(await workspace.admin.request(DELETE_ACCOUNT, { input: { id: first.id } })).deleteAccount.userErrors).toEqual([]);
    const contact = dataOf(await workspace.admin.request(CREATE_CONTACT, { input: { lastName: 'Allowed' } })).createContact;
    expect(contact.userErrors).toEqual([]);
    expect(await liveRecords(workspace)).toBe(1);
  });

  test('raising the limit (upsertPlan) or moving to a bigger plan (changeTenantPlan) takes effect on the next request', async () => {
    const plan = await newPlan({ recordLimit: 1 });
    const workspace = await provisionThrough(harness, reseller.client, { planCode: plan.code, seats: 1 });
    dataOf(await workspace.admin.request(CREATE_ACCOUNT, { input: { name: 'One' } }));
    expect(errorCodes(await workspace.admin.request(CREATE_ACCOUNT, { input: { name: 'Two' } }))).toEqual(['QUOTA_EXCEEDED']);

    await newPlan({ code: plan.code, recordLimit: 2 });
    expect(dataOf(await workspace.admin.request(CREATE_ACCOUNT, { input: { name: 'Two' } })).createAccount.userErrors).toEqual([]);
    expect(errorCodes(await workspace.admin.request(CREATE_ACCOUNT, { input: { name: 'Three' } }))).toEqual(['QUOTA_EXCEEDED']);

    expect(dataOf(await reseller.client.request(CHANGE_PLAN, { input: { tenantId: workspace.id, planCode: 'starter' } })).changeTenantPlan.userErrors).toEqual([]);
    expect(dataOf(await workspace.admin.request(CREATE_ACCOUNT, { input: { name: 'Three' } })).createAccount.userErrors).toEqual([]);
    expect(await liveRecords(workspace)).toBe(3);
  });

  test('a retry with the idempotency key of a create that filled the quota replays the first result (not QUOTA_EXCEEDED)', async () => {
    const plan = await newPlan({ recordLimit: 1 });
    const workspace = await provisionThrough(harness, reseller.client, { planCode: plan.code, seats: 1 });
    const input = { name: 'Exactly one', idempotencyKey: uniqueCode('idem') };
    const first = dataOf(await workspace.admin.request(CREATE_ACCOUNT, { input })).createAccount;
    expect(first.userErrors).toEqual([]);
    // API.md: "a retry with the same key returns the first result" — the retry creates nothing, so no quota applies.
    const retry = await workspace.admin.request(CREATE_ACCOUNT, { input });
    expect(errorCodes(retry)).toEqual([]);
    expect(retry.data?.createAccount).toEqual(first);
    expect(await liveRecords(workspace)).toBe(1);
  });

  test('concurrent creates cannot together exceed the record limit', async () => {
    const plan = await newPlan({ recordLimit: 1 });
    const workspace = await provisionThrough(harness, reseller.client, { planCode: plan.code, seats: 1 });
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => workspace.admin.request(CREATE_ACCOUNT, { input: { name: `Racer ${i}` } })));
    const succeeded = responses.filter((r) => !r.errors?.length && r.data?.createAccount?.account);
    expect(await liveRecords(workspace)).toBeLessThanOrEqual(1);
    expect(succeeded.length).toBeLessThanOrEqual(1);
    for (const r of responses.filter((x) => x.errors?.length)) expect(errorCodes(r)).toEqual(['QUOTA_EXCEEDED']);
  });

  test('restoring from the recycle bin cannot take the workspace beyond the record limit', async () => {
    const plan = await newPlan({ recordLimit: 1 });
    const workspace = await provisionThrough(harness, reseller.client, { planCode: plan.code, seats: 1 });
    const old = dataOf(await workspace.admin.request(CREATE_ACCOUNT, { input: { name: 'Binned' } })).createAccount.account;
    dataOf(await workspace.admin.request(DELETE_ACCOUNT, { input: { id: old.id } }));
    expect(dataOf(await workspace.admin.request(CREATE_ACCOUNT, { input: { name: 'Replacement' } })).createAccount.userErrors).toEqual([]);
    const restored = await workspace.admin.request(RESTORE_ACCOUNT, { input: { id: old.id } });
    // Either a top-level QUOTA_EXCEEDED or a QUOTA_EXCEEDED userError; in no case a second live record.
    const refused = errorCodes(restored).includes('QUOTA_EXCEEDED') || (restored.data?.restoreAccount?.userErrors ?? []).some((e: { code: string }) => e.code === 'QUOTA_EXCEEDED');
    expect({ refused, live: await liveRecords(workspace) }).toEqual({ refused: true, live: 1 });
  });
});

describe('seats', () => {
  test('changeTenantPlan above the plan seat limit: OUT_OF_RANGE, nothing changed, nothing audited', async () => {
    const plan = await newPlan({ seatLimit: 3 });
    const workspace = await provisionThrough(harness, reseller.client, { planCode: plan.code, seats: 2 });
    const before = await controlRow(harness.dataSource, workspace.uuid);
    const audit = await auditRowsOfTenant(harness.dataSource, workspace.uuid);
    const payload = dataOf(await reseller.client.request(CHANGE_PLAN, { input: { tenantId: workspace.id, seats: 4 } })).changeTenantPlan;
    expect(payload.tenant).toBeNull();
    expect(payload.userErrors).toEqual([{ field: ['input', 'seats'], message: expect.stringMatching(/at most 3 seats/), code: 'OUT_OF_RANGE' }]);
    expect(await controlRow(harness.dataSource, workspace.uuid)).toEqual(before);
    expect(await auditRowsOfTenant(harness.dataSource, workspace.uuid)).toEqual(audit);
  });

  test('moving to a plan whose seat limit is below the seats bought: OUT_OF_RANGE unless seats are lowered with it', async () => {
    const workspace = await provisionThrough(harness, reseller.client, { planCode: 'professional', seats: 10 });
    const refused = dataOf(await reseller.client.request(CHANGE_PLAN, { input: { tenantId: workspace.id, planCode: 'starter' } })).changeTenantPlan;
    expect(refused.userErrors).toEqual([expect.objectContaining({ field: ['input', 'seats'], code: 'OUT_OF_RANGE' })]);
    expect(await controlRow(harness.dataSource, workspace.uuid)).toMatchObject({ plan_code: 'professional', seats: 10 });
    const accepted = dataOf(await reseller.client.request(CHANGE_PLAN, { input: { tenantId: workspace.id, planCode: 'starter', seats: 5 } })).changeTenantPlan;
    expect(accepted.userErrors).toEqual([]);
    expect(accepted.tenant).toMatchObject({ plan: { code: 'starter' }, seats: 5 });
  });

  test('seats below the seats in use: OUT_OF_RANGE naming the seats in use; nothing changed, nothing audited', async () => {
    const workspace = await provisionThrough(harness, reseller.client, { planCode: 'professional', seats: 10, firstAdmin: { email: 'x@y.example', name: 'X' } });
    // No API adds users yet: stand in for three users added since provisioning.
    await harness.dataSource.query('UPDATE control.tenants SET seats_used = 3 WHERE id = $1', [workspace.uuid]);
    const before = await controlRow(harness.dataSource, workspace.uuid);
    const audit = await auditRowsOfTenant(harness.dataSource, workspace.uuid);
    const payload = dataOf(await reseller.client.request(CHANGE_PLAN, { input: { tenantId: workspace.id, seats: 2 } })).changeTenantPlan;
    expect(payload.tenant).toBeNull();
    expect(payload.userErrors).toEqual([{ field: ['input', 'seats'], message: expect.stringMatching(/3 seats are in use/), code: 'OUT_OF_RANGE' }]);
    expect(await controlRow(harness.dataSource, workspace.uuid)).toEqual(before);
    expect(await auditRowsOfTenant(harness.dataSource, workspace.uuid)).toEqual(audit);
    // Exactly the seats in use is fine.
    expect(dataOf(await reseller.client.request(CHANGE_PLAN, { input: { tenantId: workspace.id, seats: 3 } })).changeTenantPlan.tenant).toMatchObject({ seats: 3, seatsUsed: 3 });
  });

  test('provisioning with more seats than the plan allows: OUT_OF_RANGE, no tenant', async () => {
    const slug = uniqueCode('seats');
    const payload = dataOf(await reseller.client.request(PROVISION, { input: { slug, name: 'Too big', planCode: 'starter', seats: 6 } })).provisionTenant;
    expect(payload).toEqual({ adminApiKey: null, tenant: null, userErrors: [{ field: ['input', 'seats'], message: expect.stringMatching(/at most 5 seats/), code: 'OUT_OF_RANGE' }] });
    expect(await tenantRowsWithSlug(harness.dataSource, slug)).toBe(0);
  });
});

describe('planIncludes(feature)', () => {
  type Rule = { resolve(parent: unknown, args: unknown, ctx: unknown, info: unknown, options: unknown): Promise<unknown> };
  const options = { debug: false, allowExternalErrors: true };

  /** The request context of a real workspace key, as the server builds it (principal with the tenant's plan). */
  async function contextOfKey(token: string) {
    const result = await authenticate(harness.dataSource, sessions, `Bearer ${token}`);
    if (!result.ok) throw new Error(`key refused: ${result.reason}`);
    return { principal: result.principal, can: staticPermissions(result.principal), requestId: 'test', _shield: { cache: {} } };
  }
  const evaluate = async (feature: string, ctx: unknown): Promise<unknown> => (planIncludes(feature) as unknown as Rule).resolve(null, {}, ctx, {}, options);

  test('allows a workspace whose plan includes the feature', async () => {
    const workspace = await provisionThrough(harness, reseller.client, { planCode: 'professional', seats: 1 });
    expect(await evaluate('field_service', await contextOfKey(workspace.adminApiKey))).toBe(true);
  });

  test('answers FORBIDDEN naming the plan and the feature when the plan lacks it', async () => {
    const workspace = await provisionThrough(harness, reseller.client, { planCode: 'starter', seats: 1 });
    const result = (await evaluate('field_service', await contextOfKey(workspace.adminApiKey))) as { message: string; extensions: Record<string, unknown> };
    expect(result).toBeInstanceOf(Error);
    expect(result.extensions.code).toBe('FORBIDDEN');
    expect(result.message).toMatch(/Starter plan does not include field service/);
    // analytics is on enterprise only.
    const professional = await provisionThrough(harness, reseller.client, { planCode: 'professional', seats: 1 });
    const analytics = (await evaluate('analytics', await contextOfKey(professional.adminApiKey))) as { extensions: Record<string, unknown> };
    expect(analytics.extensions.code).toBe('FORBIDDEN');
  });

  test('follows the plan as data: adding the feature to the plan (upsertPlan) allows it on the next request', async () => {
    const plan = await newPlan({ name: 'Growing', features: [] });
    const workspace = await provisionThrough(harness, reseller.client, { planCode: plan.code, seats: 1 });
    const refused = (await evaluate('analytics', await contextOfKey(workspace.adminApiKey))) as { message: string; extensions: Record<string, unknown> };
    expect(refused.extensions.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/Growing plan does not include analytics/);
    await newPlan({ code: plan.code, name: 'Growing', features: ['analytics'] });
    expect(await evaluate('analytics', await contextOfKey(workspace.adminApiKey))).toBe(true);
  });

  test('is never satisfied for platform or reseller credentials', async () => {
    const platform = { principal: { kind: 'platform', keyId: 'p' }, can: staticPermissions({ kind: 'platform', keyId: 'p' }), requestId: 't', _shield: { cache: {} } };
    const asReseller = await authenticate(harness.dataSource, sessions, `Bearer ${reseller.token}`);
    if (!asReseller.ok) throw new Error('reseller key refused');
    const resellerCtx = { principal: asReseller.principal, can: staticPermissions(asReseller.principal), requestId: 't', _shield: { cache: {} } };
    expect(await evaluate('field_service', platform)).not.toBe(true);
    expect(await evaluate('field_service', resellerCtx)).not.toBe(true);
  });
});
